import { App, Stack } from 'aws-cdk-lib';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { Decision, ProbeRequest, decide, resourceMatches } from '../../src/compliance/private/policy-evaluator';
import { evaluate } from '../support/iam';

/**
 * The pack's evaluator against the IAM simulator, on a generated set of statements and requests:
 * every combination of action patterns, resource patterns and conditions below, alone and beside a
 * Deny, asked the same requests. A weaker evaluator (a `*` read as a literal, a missing key read as
 * matching, a Deny ignored) disagrees with the simulator here.
 */

const ACCOUNT = '111111111111';
const REGION = 'eu-central-1';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc:1`;
const PROFILE = `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/eu.${SONNET}`;

const ACTIONS: Array<Record<string, unknown>> = [
  { Action: 'bedrock:InvokeModel' },
  { Action: 'bedrock:Invoke*' },
  { Action: '*' },
  { Action: 'bedrock:*Model*' },
  { Action: 'bedrock:invokemodel' },
  { NotAction: 'bedrock:InvokeModelWithResponseStream' },
  { NotAction: 'bedrock:Invoke*' },
];

const RESOURCES: Array<Record<string, unknown>> = [
  { Resource: '*' },
  { Resource: `arn:aws:bedrock:${REGION}::foundation-model/*` },
  { Resource: `arn:aws:bedrock:${REGION}::foundation-model*` },
  { Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*' },
  { Resource: `arn:aws:bedrock:${REGION}:*:*` },
  { Resource: `arn:aws:bedrock:eu-?entral-1::foundation-model/${SONNET}` },
  { Resource: PROFILE },
  { Resource: 'arn:aws:bedrock:eu-*' },
  { NotResource: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET}` },
];

const CONDITIONS: Array<Record<string, unknown> | undefined> = [
  undefined,
  { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
  { StringLike: { 'bedrock:GuardrailIdentifier': '*' } },
  { StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
  { StringEqualsIfExists: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
  { Null: { 'bedrock:GuardrailIdentifier': 'false' } },
  { Null: { 'bedrock:GuardrailIdentifier': 'true' } },
  { StringLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/eu.*` } },
  { ArnLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/*' } },
  { StringNotLike: { 'bedrock:InferenceProfileArn': '*us.*' } },
  { 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': [REGION, 'eu-west-1'] } },
  { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } },
];

const REQUESTS: ProbeRequest[] = [
  { action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET}` },
  {
    action: 'bedrock:InvokeModel',
    resource: `arn:aws:bedrock:${REGION}::foundation-model/meta.llama3-8b-instruct-v1:0`,
    context: { 'bedrock:GuardrailIdentifier': GUARDRAIL },
  },
  { action: 'bedrock:InvokeModelWithResponseStream', resource: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET}`, context: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${REGION}:999999999999:guardrail/x:1` } },
  { action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`, context: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}` } },
  { action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:eu-west-1::foundation-model/${SONNET}`, context: { 'bedrock:InferenceProfileArn': PROFILE, 'bedrock:GuardrailIdentifier': GUARDRAIL } },
  { action: 'bedrock:InvokeModel', resource: PROFILE, context: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
];

const index = new StackIndex(new Stack(new App(), 'S', { env: { account: ACCOUNT, region: REGION } }));

const SIMULATOR_DECISION: Record<string, Decision> = { Allowed: 'allow', ExplicitlyDenied: 'explicit-deny', ImplicitlyDenied: 'implicit-deny' };

/** The simulator fills the context AWS always sends; the pack's requests give it explicitly. */
function contextOf(request: ProbeRequest): Record<string, string | string[]> {
  const region = request.resource.split(':')[3] || REGION;
  return {
    'aws:RequestedRegion': region,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:ResourceAccount': ACCOUNT,
    ...Object.fromEntries(Object.entries(request.context ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>,
  };
}

async function compare(statements: unknown[]): Promise<string[]> {
  const document = { Version: '2012-10-17', Statement: statements };
  const parsed = statementsOf(document, index);
  const disagreements: string[] = [];
  for (const request of REQUESTS) {
    const context = contextOf(request);
    const ours = decide(parsed, { ...request, context });
    const theirs = SIMULATOR_DECISION[await evaluate({ identity: [document] },
      { action: request.action, resource: request.resource, context, resourceAccount: ACCOUNT })];
    if (ours !== theirs) disagreements.push(`${JSON.stringify(statements)} on ${JSON.stringify(request)}: pack ${ours}, simulator ${theirs}`);
  }
  return disagreements;
}

describe('the pack\'s evaluator decides as the IAM simulator does', () => {
  test.each(ACTIONS.map((a, i) => [i, a] as const))('allow statements with action pattern #%i, every resource and condition', async (_i, action) => {
    const disagreements: string[] = [];
    for (const resource of RESOURCES) {
      for (const condition of CONDITIONS) {
        disagreements.push(...await compare([{ Effect: 'Allow', ...action, ...resource, ...(condition ? { Condition: condition } : {}) }]));
      }
    }
    expect(disagreements).toEqual([]);
  });

  test.each(CONDITIONS.map((c, i) => [i, c] as const))('an Allow of everything beside a Deny with condition #%i, on each resource', async (_i, condition) => {
    const disagreements: string[] = [];
    for (const resource of RESOURCES) {
      disagreements.push(...await compare([
        { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
        { Effect: 'Deny', Action: 'bedrock:InvokeModel*', ...resource, ...(condition ? { Condition: condition } : {}) },
      ]));
    }
    expect(disagreements).toEqual([]);
  });

  test('the generated set is large enough to mean something, and the simulator allows and denies within it', async () => {
    const decisions = new Set<string>();
    for (const request of REQUESTS) {
      for (const statements of [[{ Effect: 'Allow', Action: '*', Resource: '*' }], [{ Effect: 'Deny', Action: '*', Resource: '*' }], []]) {
        decisions.add(SIMULATOR_DECISION[await evaluate({ identity: [{ Version: '2012-10-17', Statement: statements }] },
          { action: request.action, resource: request.resource, context: contextOf(request), resourceAccount: ACCOUNT })]);
      }
    }
    expect([...decisions].sort()).toEqual(['allow', 'explicit-deny', 'implicit-deny']);
    const pairs = (ACTIONS.length + 1) * RESOURCES.length * CONDITIONS.length * REQUESTS.length;
    expect(pairs).toBe(5184);
  });
});

describe('resource matching', () => {
  test('a wildcard never spans the colon of the first five ARN segments; the resource part takes the rest', () => {
    expect(resourceMatches('arn:aws:bedrock:*::foundation-model/x', 'arn:aws:bedrock:eu-central-1::foundation-model/x')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:eu-*:*:*', 'arn:aws:bedrock:eu-central-1:1:a:b')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:*:1:x', 'arn:aws:bedrock:eu-central-1:1:2:x')).toBe(false);
    expect(resourceMatches('arn:aws:bedrock:eu-central-1::foundation-model*', 'arn:aws:bedrock:eu-central-1::foundation-model/a:b')).toBe(true);
    expect(resourceMatches('arn:<AWS::Partition>:bedrock:eu-central-1::foundation-model/x', 'arn:aws:bedrock:eu-central-1::foundation-model/x')).toBe(true);
  });
});
