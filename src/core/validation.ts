import { Token, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ExtensibleValue } from './extensible-value';
import { BedrockLandingZoneError } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * The library's one error path: collects the problems found in a construct's input and throws them
 * together, as one `BedrockLandingZoneError` with the stable code of the check, so a user fixes every
 * prop in one round instead of one per synth.
 *
 * Each problem names the prop, the value received and what is allowed.
 */
export class Problems {
  private readonly problems: string[] = [];

  /** Records a problem when `condition` is false. */
  public check(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }

  /** Records a problem. */
  public add(problem: string): void {
    this.problems.push(problem);
  }

  /** Whether nothing was recorded. */
  public get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /**
   * Throws one error listing every recorded problem, with the check's code; does nothing when there
   * are none. `scope` is the construct whose input was checked (undefined for a value that is not a
   * construct, e.g. a guardrail reference).
   */
  public throwIfAny(scope: IConstruct | undefined, subject: string, code: BedrockLandingZoneErrorCode): void {
    if (this.problems.length === 0) return;
    const message = this.problems.length === 1
      ? `${subject}: ${this.problems[0]}`
      : `${subject}:\n${this.problems.map(p => `  - ${p}`).join('\n')}`;
    throw new BedrockLandingZoneError(code, message, [...this.problems], scope);
  }
}


/** Renders a list of allowed values for a message. */
export function oneOf(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.join(', ');
}

/**
 * A value as a message shows it, for inputs of the wrong kind (a jsii caller passing a string where a
 * model reference belongs).
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value !== 'object') return `the ${typeof value} ${String(value)}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/**
 * jsii callers (Python, Java, JavaScript) can pass anything where a model reference belongs: each
 * element that is not one is a problem naming the prop, the value and what to write instead.
 */
export function modelReferenceProblems(prop: string, values: readonly unknown[] | undefined): string[] {
  return (values ?? []).flatMap((value, i) => modelReferenceProblem(`${prop}[${i}]`, value));
}

/** The same for one value. */
export function modelReferenceProblem(prop: string, value: unknown): string[] {
  return isModelReference(value) ? [] : [
    `${prop} is ${describeValue(value)}; expected a model reference` +
    (typeof value === 'string' ? `: FoundationModel.of('${value}') or CrossRegionInferenceProfile.of(Geography.EU, '${value}')` : ' (FoundationModel, CrossRegionInferenceProfile, ...)'),
  ];
}

function isModelReference(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { invokeStatements?: unknown }).invokeStatements === 'function';
}

/** The same for the landing zone's approved list (`ApprovedModel`). */
export function approvedModelProblems(prop: string, values: readonly unknown[] | undefined, isApproved: (v: unknown) => boolean): string[] {
  return (values ?? []).flatMap((value, i) => isApproved(value) ? [] : [
    `${prop}[${i}] is ${describeValue(value)}; expected an ApprovedModel` +
    (typeof value === 'string' ? `: ApprovedModel.throughGeography('${value}') or ApprovedModel.inRegion('${value}')` : ''),
  ]);
}

/**
 * The retentions CloudWatch Logs accepts (`AWS::Logs::LogGroup` `RetentionInDays`), as aws-cdk-lib's
 * `logs.RetentionDays` names them; `INFINITE` is aws-cdk-lib's word for leaving the retention out.
 * Any other number passes the compiler from JavaScript (or as a cast) and fails only at deploy.
 */
export const LOG_RETENTION_DAYS: readonly number[] = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** A log retention CloudWatch Logs would refuse at deploy, as a problem naming the prop. */
export function logRetentionProblems(prop: string, value: unknown): string[] {
  if (value === undefined || (typeof value === 'number' && Token.isUnresolved(value))) return [];
  if (typeof value === 'number' && LOG_RETENTION_DAYS.includes(value)) return [];
  return [`${prop} is ${describeValue(value)}; allowed: a logs.RetentionDays value, in days one of ` +
    `${oneOf(LOG_RETENTION_DAYS.filter(d => d !== logs.RetentionDays.INFINITE).map(String))}, or INFINITE`];
}

/**
 * A value of a string enum that is not one of its members: jsii checks enum arguments of Python,
 * Java, .NET and Go callers, but a JavaScript caller (or a cast) can pass any string.
 */
export function enumProblems(prop: string, value: unknown, enumType: string, members: Record<string, string>): string[] {
  if (value === undefined || Object.values(members).includes(value as string)) return [];
  return [`${prop} is ${describeValue(value)}; allowed: ${enumType}.${Object.keys(members).join(`, ${enumType}.`)}`];
}

/** Flags given as something other than a boolean (a JavaScript caller's `'false'` would count as true). */
export function booleanProblems(props: object, names: readonly string[]): string[] {
  return names.flatMap(name => {
    const value = (props as Record<string, unknown>)[name];
    return value === undefined || typeof value === 'boolean' ? [] : [`${name} is ${describeValue(value)}; allowed: true or false`];
  });
}

/**
 * What a foundation model ID looks like: `<provider>.<model>` and up to two `:` or `.` segments
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `amazon.titan-text-express-v1:0:8k`), lowercase
 * letters, digits and '-', each part 1 to 63 characters (Bedrock's own identifier patterns).
 */
export const MODEL_ID_PATTERN = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}([.:][a-z0-9-]{1,63}){0,2}$/;

/**
 * A model ID that no Bedrock model can have (empty, blank, padded, capitals, an ARN, a profile ARN),
 * whatever `allowUnlistedModel` says: unlisted means newer than the library's data, not malformed.
 */
export function modelIdProblems(prop: string, modelId: unknown): string[] {
  if (typeof modelId === 'string' && Token.isUnresolved(modelId)) return [];
  if (typeof modelId === 'string' && MODEL_ID_PATTERN.test(modelId)) return [];
  return [`${prop} is ${typeof modelId === 'string' ? `'${modelId}'` : describeValue(modelId)}; allowed: a Bedrock model ID, ` +
    '<provider>.<model>[:<version>] in lowercase letters, digits and \'-\' (e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)'];
}

/** Bedrock's tag rules (CloudFormation schema of its resources, and its TagResource API). */
const TAG_TEXT = /^[a-zA-Z0-9\s._:/=+@-]*$/;
const MAX_TAGS = 200;

/** Tags Bedrock would refuse at deploy: each key 1 to 128 and each value up to 256 of its characters, at most 200 tags. */
export function tagProblems(prop: string, tags: Record<string, unknown> | undefined): string[] {
  if (tags === undefined) return [];
  const entries = Object.entries(tags);
  const problems: string[] = [];
  if (entries.length > MAX_TAGS) problems.push(`${prop} has ${entries.length} tags; at most ${MAX_TAGS} are allowed`);
  for (const [key, value] of entries) {
    if (!Token.isUnresolved(key) && !(key.length >= 1 && key.length <= 128 && TAG_TEXT.test(key))) {
      problems.push(`${prop} key '${key}' is not allowed: 1 to 128 letters, digits, spaces and . _ : / = + @ -`);
    }
    if (typeof value !== 'string') {
      problems.push(`${prop}['${key}'] is ${describeValue(value)}; allowed: a string`);
    } else if (!Token.isUnresolved(value) && !(value.length <= 256 && TAG_TEXT.test(value))) {
      problems.push(`${prop}['${key}'] value '${value}' is not allowed: up to 256 letters, digits, spaces and . _ : / = + @ -`);
    }
  }
  return problems;
}

/**
 * The value for an extensible value set's `of()` factory: a value AWS added after this release,
 * refused at synth when it cannot be one (wrong shape). An unresolved token passes.
 */
export function valueSetMember(typeName: string, value: unknown, shape: RegExp, shapeText: string): string {
  if (typeof value === 'string' && (Token.isUnresolved(value) || shape.test(value))) return value;
  throw new BedrockLandingZoneError(BedrockLandingZoneErrorCode.VALUE_SET_VALUE,
    `${typeName}.of: value is ${describeValue(value)}; allowed: ${shapeText}`, [`value is ${describeValue(value)}; allowed: ${shapeText}`]);
}

/** A value set as the checks below see it: its class, whose `all()` lists the constants of this release. */
export interface ValueSetClass {
  readonly name: string;
  all(): ExtensibleValue[];
}

/**
 * A member of `set` where one belongs: a plain string (which a JavaScript caller can pass) would
 * synthesize as nothing, so it is a problem naming the prop, the value and the constants allowed.
 * An absent value is a problem only where the prop is required (an optional prop's default applies).
 */
export function valueSetProblems(prop: string, value: unknown, set: ValueSetClass, required = false): string[] {
  if ((value === undefined && !required) || (value instanceof ExtensibleValue && (value.constructor as unknown) === set)) return [];
  return [`${prop} is ${describeValue(value)}; allowed: ${set.all().map(v => `${set.name}.${v.value}`).join(', ')} or ${set.name}.of(name)`];
}
