import { Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { parseBedrockArn } from './arns';

/**
 * What a guardrail requirement must be, wherever one is given (an invoke grant's `requireGuardrail`,
 * a model access policy, the account-wide enforcement): a guardrail ARN, at a numeric version, in
 * the account and region of the stack that relies on it. Bedrock rejects any other at invocation,
 * so each is an error at synth. Values that are tokens are checked through the guardrail's own stack
 * when it is a construct of the app.
 */
export function guardrailReferenceProblems(prop: string, guardrail: { guardrailArn: string; guardrailVersion: string }, scope: IConstruct): string[] {
  const problems = shapeProblems(`${prop}.`, guardrail);
  const stack = Stack.of(scope);
  const where = whereIs(guardrail);
  if (where === 'not-a-guardrail') return problems;
  if (where?.region && !Token.isUnresolved(stack.region) && where.region !== stack.region) {
    problems.push(`${prop}.guardrailArn is in ${where.region}, but the stack region is ${stack.region}; allowed: a guardrail in ${stack.region}`);
  }
  if (where?.account && !Token.isUnresolved(stack.account) && where.account !== stack.account) {
    problems.push(`${prop}.guardrailArn is in account ${where.account}, but the stack account is ${stack.account}; ` +
      `allowed: a guardrail of account ${stack.account}`);
  }
  return problems;
}

/**
 * `guardrailReferenceProblems` places a guardrail that is a construct by its stack. A guardrail
 * imported with `Guardrail.fromGuardrailAttributes` is a construct of the importing stack whatever
 * its ARN says: where the ARN is known, the ARN decides. The same words as the check above; the
 * organization policy makes its own (its rule is the management account's).
 */
export function importedGuardrailProblems(prop: string, guardrail: { guardrailArn: string }, scope: IConstruct): string[] {
  if (!Construct.isConstruct(guardrail) || Token.isUnresolved(guardrail.guardrailArn)) return [];
  const parsed = parseBedrockArn(guardrail.guardrailArn);
  if (!parsed || parsed.resourceType !== 'guardrail') return [];
  const problems: string[] = [];
  const stack = Stack.of(scope);
  const own = Stack.of(guardrail);
  // Where the import's own stack already differs, guardrailReferenceProblems has said so.
  if (!Token.isUnresolved(stack.region) && parsed.region !== stack.region && own.region === stack.region) {
    problems.push(`${prop}.guardrailArn is in ${parsed.region}, but the stack region is ${stack.region}; allowed: a guardrail in ${stack.region}`);
  }
  if (!Token.isUnresolved(stack.account) && parsed.account !== stack.account && own.account === stack.account) {
    problems.push(`${prop}.guardrailArn is in account ${parsed.account}, but the stack account is ${stack.account}; allowed: a guardrail of account ${stack.account}`);
  }
  return problems;
}

/** A guardrail's ID, as CloudFormation's schema of the enforced guardrail configuration and Bedrock's API write it */
const GUARDRAIL_ID = /^[a-z0-9]+$/;

function whereIs(guardrail: { guardrailArn: string }): { region?: string; account?: string } | 'not-a-guardrail' | undefined {
  if (Construct.isConstruct(guardrail)) {
    const s = Stack.of(guardrail);
    return { region: Token.isUnresolved(s.region) ? undefined : s.region, account: Token.isUnresolved(s.account) ? undefined : s.account };
  }
  if (Token.isUnresolved(guardrail.guardrailArn)) return undefined;
  const parsed = parseBedrockArn(guardrail.guardrailArn);
  if (!parsed || parsed.resourceType !== 'guardrail' || !parsed.region || !parsed.account || !GUARDRAIL_ID.test(parsed.resourceId)) return 'not-a-guardrail';
  return { region: parsed.region, account: parsed.account };
}

/**
 * What the attributes of an imported guardrail must be (`Guardrail.fromGuardrailAttributes`): a
 * guardrail ARN without a version, at a numeric version. Tokens are not checked.
 */
export function guardrailAttributeProblems(attrs: { guardrailArn: string; guardrailVersion: string }): string[] {
  return shapeProblems('', attrs);
}

/** The version is a number and the ARN a guardrail's, without a version: the same words wherever they are checked. */
function shapeProblems(prefix: string, guardrail: { guardrailArn: string; guardrailVersion: string }): string[] {
  const problems: string[] = [];
  const version = guardrail.guardrailVersion;
  if (!Token.isUnresolved(version) && !/^[1-9][0-9]{0,7}$/.test(version)) {
    problems.push(`${prefix}guardrailVersion is '${version}'; allowed: a numeric version 1 to 99999999 (not DRAFT)`);
  }
  if (whereIs(guardrail) === 'not-a-guardrail') {
    problems.push(`${prefix}guardrailArn '${guardrail.guardrailArn}' is not a guardrail ARN; allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id>` +
      (/:\d+$/.test(guardrail.guardrailArn) ? ' (without the version: give it as guardrailVersion)'
        : hasMalformedId(guardrail.guardrailArn) ? ' (the id is lowercase letters and digits)' : ''));
  }
  return problems;
}

/** Whether the ARN names a guardrail by an ID Bedrock cannot have. */
function hasMalformedId(arn: string): boolean {
  const id = /:guardrail\/([^:]+)$/.exec(arn)?.[1];
  return id !== undefined && !GUARDRAIL_ID.test(id);
}
