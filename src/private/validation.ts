import { IConstruct } from 'constructs';
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
  return (values ?? []).flatMap((value, i) => isModelReference(value) ? [] : [
    `${prop}[${i}] is ${describeValue(value)}; expected a model reference` +
    (typeof value === 'string' ? `: FoundationModel.of('${value}') or CrossRegionInferenceProfile.of(Geography.EU, '${value}')` : ' (FoundationModel, CrossRegionInferenceProfile, ...)'),
  ]);
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
