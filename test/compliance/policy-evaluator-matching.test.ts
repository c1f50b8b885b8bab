import { App, Stack } from 'aws-cdk-lib';
import { OPERATOR_CASES, allowIf } from './evaluator-cases';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import {
  ProbeRequest, actionMatches, allowingStatements, allows, coversAction, decide, resourceMatches,
} from '../../src/compliance/private/policy-evaluator';

/**
 * The pack's evaluator on each part of IAM's matching: condition operators (string, ARN, numeric,
 * date, boolean, IP), policy variables, wildcards and principals. Each case states the decision; where
 * the simulator can be asked (identity policies, global condition keys), it must agree.
 * test/compliance/policy-evaluator.test.ts compares the two on a generated grid; these cases are the
 * ones that grid does not reach.
 */

const ACCOUNT = '111111111111';
const REGION = 'eu-central-1';
const MODEL = `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
const index = new StackIndex(new Stack(new App(), 'S', { env: { account: ACCOUNT, region: REGION } }));

const parse = (statements: unknown[]) => statementsOf({ Version: '2012-10-17', Statement: statements }, index);

describe('condition operators and policy variables', () => {
  test.each(OPERATOR_CASES.map(c => [c.name, c] as const))('%s', (_n, c) => {
    expect(decide(parse([allowIf(c.condition)]), { action: 'bedrock:InvokeModel', resource: MODEL, context: c.context })).toBe(c.allowed ? 'allow' : 'implicit-deny');
  });
});

describe('actions and resources', () => {
  test('actions match case-insensitively, with * and ? anywhere', () => {
    expect(actionMatches('bedrock:invoke?odel', 'bedrock:InvokeModel')).toBe(true);
    expect(actionMatches('bedrock:Invoke?odel', 'bedrock:InvokeModelWithResponseStream')).toBe(false);
    expect(actionMatches('bedrock:*Stream', 'bedrock:InvokeModelWithResponseStream')).toBe(true);
    expect(actionMatches('bedrock:InvokeModel', 'bedrock-mantle:InvokeModel')).toBe(false);
    expect(actionMatches('bedrock.InvokeModel', 'bedrockXInvokeModel')).toBe(false);
  });

  test('coversAction reads Action and NotAction whatever the rest of the statement', () => {
    const [action, notAction] = parse([
      { Effect: 'Deny', Action: 'bedrock:Invoke*', Resource: 'arn:aws:s3:::nothing', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Allow', NotAction: 'bedrock:InvokeModel', Resource: '*' },
    ]);
    expect(coversAction(action, 'bedrock:InvokeModel')).toBe(true);
    expect(coversAction(action, 'bedrock:CountTokens')).toBe(false);
    expect(coversAction(notAction, 'bedrock:InvokeModel')).toBe(false);
    expect(coversAction(notAction, 'bedrock:CountTokens')).toBe(true);
  });

  test('resources: segment wildcards, non-ARN patterns, the partition placeholder', () => {
    expect(resourceMatches('*', 'anything')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::other/a')).toBe(false);
    expect(resourceMatches('arn:aws:bedrock:eu-*::foundation-model/*', 'arn:aws:bedrock:us-east-1::foundation-model/x')).toBe(false);
    expect(resourceMatches('arn:aws:bedrock:eu-?entral-1::foundation-model/x', 'arn:aws:bedrock:eu-central-1::foundation-model/x')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:eu-central-1:*:guardrail/*', 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:eu-central-1:*:guardrail/*', 'arn:aws:bedrock-agentcore:eu-central-1:111111111111:guardrail/abc')).toBe(false);
    expect(resourceMatches('arn:aws:bedrock:*:*:*', 'arn:aws:bedrock:eu-central-1')).toBe(false);
    expect(resourceMatches('arn:<AWS::Partition>:bedrock:*::foundation-model/x', 'arn:aws:bedrock:eu-west-1::foundation-model/x')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:*::foundation-model/x', 'arn:<AWS::Partition>:bedrock:eu-west-1::foundation-model/x')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:*::foundation-model/a.b', 'arn:aws:bedrock:eu-west-1::foundation-model/aXb')).toBe(false);
    expect(resourceMatches('arn:aws:bedrock:x', 'arn:aws:bedrock:x')).toBe(true);
    expect(resourceMatches('arn:aws:bedrock:x', 'arn:aws:bedrock:y')).toBe(false);
  });

  test('NotResource, and a statement without resources (a trust policy) applies to any resource', () => {
    const statements = parse([{ Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: MODEL }]);
    expect(decide(statements, { action: 'bedrock:InvokeModel', resource: MODEL })).toBe('implicit-deny');
    expect(decide(statements, { action: 'bedrock:InvokeModel', resource: MODEL.replace(REGION, 'eu-west-1') })).toBe('allow');
    const trust = parse([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }]);
    expect(decide(trust, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/r', principal: { type: 'Service', id: 'lambda.amazonaws.com' } }))
      .toBe('allow');
  });

  test('a resource with a policy variable: a question lets the caller be whoever it names in an Allow, never in a Deny', () => {
    const allowOwn = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' };
    const denyOwn = { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' };
    const request: ProbeRequest = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/alice/file' };
    expect(decide(parse([allowOwn]), request)).toBe('implicit-deny');
    expect(decide(parse([allowOwn]), { ...request, context: { 'aws:username': 'alice' } })).toBe('allow');
    expect(decide(parse([allowOwn]), { ...request, decidedKeys: [] })).toBe('allow');
    expect(decide(parse([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, denyOwn]), { ...request, decidedKeys: [] })).toBe('allow');
    expect(decide(parse([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, denyOwn]), { ...request, context: { 'aws:username': 'alice' } }))
      .toBe('explicit-deny');
  });
});

describe('principals of resource policies', () => {
  const policy = (principal: unknown, not = false) => parse([{ Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: '*', [not ? 'NotPrincipal' : 'Principal']: principal }]);
  const ask = (statements: ReturnType<typeof parse>, principal: ProbeRequest['principal']) =>
    decide(statements, { action: 'bedrock:Retrieve', resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB1`, principal });
  const role = { type: 'AWS' as const, id: `arn:aws:iam::${ACCOUNT}:role/app`, account: ACCOUNT };
  const outsider = { type: 'AWS' as const, id: 'arn:aws:iam::444444444444:role/app', account: '444444444444' };

  test('a role by ARN, by its account ID, by its account root, and everyone', () => {
    expect(ask(policy({ AWS: role.id }), role)).toBe('allow');
    expect(ask(policy({ AWS: role.id }), outsider)).toBe('implicit-deny');
    expect(ask(policy({ AWS: ACCOUNT }), role)).toBe('allow');
    expect(ask(policy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), role)).toBe('allow');
    expect(ask(policy({ AWS: `arn:<AWS::Partition>:iam::${ACCOUNT}:root` }), role)).toBe('allow');
    expect(ask(policy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), outsider)).toBe('implicit-deny');
    expect(ask(policy({ AWS: ACCOUNT }), { type: 'AWS', id: role.id })).toBe('implicit-deny');
    expect(ask(policy('*'), outsider)).toBe('allow');
    expect(ask(policy({ AWS: '*' }), outsider)).toBe('allow');
    expect(ask(policy({ AWS: [outsider.id, role.id] }), role)).toBe('allow');
  });

  test('services are not IAM principals, and the other way round', () => {
    const lambda = { type: 'Service' as const, id: 'lambda.amazonaws.com' };
    expect(ask(policy({ Service: 'lambda.amazonaws.com' }), lambda)).toBe('allow');
    expect(ask(policy({ Service: 'bedrock.amazonaws.com' }), lambda)).toBe('implicit-deny');
    expect(ask(policy({ Service: '*' }), lambda)).toBe('allow');
    expect(ask(policy({ AWS: '*' }), lambda)).toBe('implicit-deny');
    expect(ask(policy({ Service: 'lambda.amazonaws.com' }), role)).toBe('implicit-deny');
  });

  test('NotPrincipal applies to everyone it does not name; a statement without a principal applies to no caller of a resource policy', () => {
    expect(ask(policy({ AWS: role.id }, true), outsider)).toBe('allow');
    expect(ask(policy({ AWS: role.id }, true), role)).toBe('implicit-deny');
    expect(ask(parse([{ Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: '*' }]), role)).toBe('implicit-deny');
  });
});

describe('the exported questions', () => {
  const statements = parse([
    { Sid: 'Open', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
    { Sid: 'Models', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: MODEL },
    { Sid: 'NoStreaming', Effect: 'Deny', Action: 'bedrock:InvokeModelWithResponseStream', Resource: '*' },
  ]);

  test('allowingStatements names every Allow that lets a request through, and none when a Deny matches', () => {
    expect(allowingStatements(statements, { action: 'bedrock:InvokeModel', resource: MODEL }).map(s => s.sid)).toEqual(['Open', 'Models']);
    expect(allowingStatements(statements, { action: 'bedrock:CountTokens', resource: MODEL }).map(s => s.sid)).toEqual(['Open']);
    expect(allowingStatements(statements, { action: 'bedrock:InvokeModelWithResponseStream', resource: MODEL })).toEqual([]);
  });

  test('allows is true for an allowed request only', () => {
    expect(allows(statements, { action: 'bedrock:InvokeModel', resource: MODEL })).toBe(true);
    expect(allows(statements, { action: 'bedrock:InvokeModelWithResponseStream', resource: MODEL })).toBe(false);
    expect(allows(statements, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })).toBe(false);
  });

  test('a context key given as undefined is a missing key', () => {
    const deny = parse([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:SourceVpce': 'true' } } }]);
    expect(decide(deny, { action: 'bedrock:InvokeModel', resource: MODEL, context: { 'aws:SourceVpce': undefined } })).toBe('explicit-deny');
    expect(decide(deny, { action: 'bedrock:InvokeModel', resource: MODEL, context: { 'aws:SourceVpce': 'vpce-1' } })).toBe('allow');
  });
});

describe('the gaps the 2026-12-06 mutation run found', () => {
  const ask = (statement: Record<string, unknown>, request: Partial<ProbeRequest> = {}) =>
    decide(parse([statement]), { action: 'bedrock:InvokeModel', resource: MODEL, ...request });
  const when = (condition: Record<string, unknown>, context: Record<string, string | string[]>) =>
    decide(parse([allowIf(condition)]), { action: 'bedrock:InvokeModel', resource: MODEL, context });

  test('lists of several actions and resources: one match is enough; NotAction and NotResource exclude any listed', () => {
    expect(ask({ Effect: 'Allow', Action: ['s3:GetObject', 'bedrock:InvokeModel'], Resource: ['arn:aws:s3:::b/*', MODEL] })).toBe('allow');
    expect(ask({ Effect: 'Allow', NotAction: ['s3:GetObject', 'bedrock:InvokeModel'], Resource: '*' })).toBe('implicit-deny');
    expect(ask({ Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: ['arn:aws:s3:::b/*', MODEL] })).toBe('implicit-deny');
    expect(ask({ Effect: 'Allow', NotAction: ['s3:GetObject', 'bedrock:CountTokens'], Resource: '*' })).toBe('allow');
  });

  test('a variable default without a space after the comma; a default needs its quotes, without them the variable has no value', () => {
    expect(when({ StringEquals: { 'aws:PrincipalTag/team': "${aws:PrincipalTag/owner,'claims'}" } }, { 'aws:PrincipalTag/team': 'claims' })).toBe('allow');
    expect(when({ StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner, claims}' } }, { 'aws:PrincipalTag/team': 'claims' })).toBe('implicit-deny');
  });

  test('comparators just past their bounds', () => {
    expect(when({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3599' })).toBe('implicit-deny');
    expect(when({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3601' })).toBe('allow');
    expect(when({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3601' })).toBe('implicit-deny');
    expect(when({ NumericEquals: { 'aws:MultiFactorAuthAge': '10' } }, { 'aws:MultiFactorAuthAge': '11' })).toBe('implicit-deny');
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '2026-12-06T00:00:00Z' })).toBe('implicit-deny');
    expect(when({ DateGreaterThan: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('allow');
    expect(when({ DateGreaterThanEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '2026-12-05T00:00:00Z' })).toBe('implicit-deny');
    expect(when({ DateLessThanEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('implicit-deny');
    expect(when({ DateEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('implicit-deny');
    expect(when({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'CLAIMS' } }, { 'aws:PrincipalTag/team': 'fraud' })).toBe('implicit-deny');
    expect(when({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } }, { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` })).toBe('implicit-deny');
    expect(when({ BinaryEquals: { 'aws:PrincipalTag/team': 'QmluYXJ5' } }, { 'aws:PrincipalTag/team': 'QmluYXJ5' })).toBe('allow');
    expect(when({ BinaryEquals: { 'aws:PrincipalTag/team': 'QmluYXJ5' } }, { 'aws:PrincipalTag/team': 'other' })).toBe('implicit-deny');
  });

  test('a date in epoch seconds compares with an ISO date; a value that is not a number or a date matches nothing', () => {
    expect(when({ DateGreaterThan: { 'aws:CurrentTime': '1765000000' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('allow');
    expect(when({ DateLessThan: { 'aws:CurrentTime': '1765000000' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('implicit-deny');
    // 1796601600 is 2026-12-07T00:00:00Z, 1796428800 is 2026-12-05T00:00:00Z.
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '1796601600' })).toBe('implicit-deny');
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, { 'aws:CurrentTime': '1796428800' })).toBe('allow');
    expect(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 'soon' })).toBe('implicit-deny');
    expect(when({ DateLessThan: { 'aws:CurrentTime': 'someday' } }, { 'aws:CurrentTime': '2026-12-07T00:00:00Z' })).toBe('implicit-deny');
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': 'someday' })).toBe('implicit-deny');
  });

  test('an address or range that is not IPv4 matches only itself', () => {
    expect(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8::/32' })).toBe('allow');
    expect(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8::1' })).toBe('implicit-deny');
    expect(when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': 'x203.0.113.1' })).toBe('implicit-deny');
    expect(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '10.20.30.40' })).toBe('allow');
  });

  test('a Service principal never matches an AWS list, nor an AWS principal a Service list, whatever the lists hold', () => {
    const policy = (principal: unknown) => parse([{ Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: '*', Principal: principal }]);
    const kb = `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB1`;
    const lambda = { type: 'Service' as const, id: 'lambda.amazonaws.com' };
    const role = { type: 'AWS' as const, id: `arn:aws:iam::${ACCOUNT}:role/app`, account: ACCOUNT };
    expect(decide(policy({ AWS: ['lambda.amazonaws.com', '*'] }), { action: 'bedrock:Retrieve', resource: kb, principal: lambda })).toBe('implicit-deny');
    expect(decide(policy({ Service: [role.id, '*'] }), { action: 'bedrock:Retrieve', resource: kb, principal: role })).toBe('implicit-deny');
    expect(decide(policy({ Service: ['bedrock.amazonaws.com', 'lambda.amazonaws.com'] }), { action: 'bedrock:Retrieve', resource: kb, principal: lambda }))
      .toBe('allow');
  });
});
