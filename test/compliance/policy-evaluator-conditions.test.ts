import { App, Stack } from 'aws-cdk-lib';
import { SET_CASES, SET_KEY, SET_VALUES } from './evaluator-cases';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { ProbeRequest, conditionMet, decide } from '../../src/compliance/private/policy-evaluator';

/**
 * The pack's evaluator on the conditions a rule cannot take for granted: keys the question leaves to
 * the caller, operators it does not know, set operators on missing and multi-valued keys, and `Null`.
 * The safety rule the pack relies on: what the evaluator cannot decide never counts as met in a Deny
 * (so a Deny the caller can dodge never reads as a fence) and always counts as met in an Allow (so an
 * Allow it cannot read is reported, not trusted). The cases IAM has an answer for are in
 * evaluator-cases.ts, and evaluator-cases-simulator.test.ts checks the simulator agrees with each.
 */

const ACCOUNT = '111111111111';
const REGION = 'eu-central-1';
const MODEL = `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc:1`;
const index = new StackIndex(new Stack(new App(), 'S', { env: { account: ACCOUNT, region: REGION } }));

const ALLOW_INVOKE = { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' };
const document = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const ask = (statements: unknown[], request: Partial<ProbeRequest> = {}) =>
  decide(statementsOf(document(...statements), index), { action: 'bedrock:InvokeModel', resource: MODEL, ...request });
const denyWhen = (condition: Record<string, unknown>) => ({ Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*', Condition: condition });
const allowWhen = (condition: Record<string, unknown>) => ({ ...ALLOW_INVOKE, Condition: condition });
const context = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));

describe('a condition the question leaves to the caller', () => {
  // The question: "can this policy invoke the model?" with only the region decided; the guardrail is the caller's choice.
  const question: Partial<ProbeRequest> = { decidedKeys: ['aws:RequestedRegion'], context: { 'aws:RequestedRegion': REGION } };
  const deniedWithoutOurGuardrail = denyWhen({ StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } });

  test('in a Deny it is not met: the caller names the guardrail the Deny wants and the Allow lets the request through', () => {
    expect(ask([ALLOW_INVOKE, deniedWithoutOurGuardrail], question)).toBe('allow');
  });

  test('in an Allow it is met: the caller can satisfy it', () => {
    expect(ask([allowWhen({ StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } })], question)).toBe('allow');
  });

  test('once the context decides the key, the Deny applies as IAM applies it', () => {
    expect(ask([ALLOW_INVOKE, deniedWithoutOurGuardrail], { ...question, context: { ...question.context, 'bedrock:GuardrailIdentifier': 'other' } }))
      .toBe('explicit-deny');
    expect(ask([ALLOW_INVOKE, deniedWithoutOurGuardrail], { ...question, decidedKeys: ['aws:RequestedRegion', 'bedrock:GuardrailIdentifier'] }))
      .toBe('explicit-deny');
  });

  test('a condition value with a policy variable the context does not give is the caller\'s too', () => {
    const deny = denyWhen({ StringNotEquals: { 'aws:RequestedRegion': '${aws:PrincipalTag/region}' } });
    expect(ask([ALLOW_INVOKE, deny], question)).toBe('allow');
    expect(ask([ALLOW_INVOKE, deny], { ...question, context: { ...question.context, 'aws:PrincipalTag/region': 'us-east-1' } })).toBe('explicit-deny');
  });
});

describe('an operator the evaluator does not know never hides a finding', () => {
  const TYPOS = ['StringEqualsIgnorecase', 'StringFoo', 'ForSomeValues:StringEquals', 'StringEquals:IfExists', ''];

  test.each(TYPOS)('"%s" is undecided, not true or false', operator => {
    expect(conditionMet(operator, 'bedrock:GuardrailIdentifier', [GUARDRAIL], context({ 'bedrock:GuardrailIdentifier': [GUARDRAIL] }))).toBe('unknown');
  });

  test.each(TYPOS)('"%s" in a Deny does not fence the request', operator => {
    expect(ask([ALLOW_INVOKE, denyWhen({ [operator]: { 'bedrock:GuardrailIdentifier': GUARDRAIL } })], { context: { 'bedrock:GuardrailIdentifier': GUARDRAIL } }))
      .toBe('allow');
  });

  test.each(TYPOS)('"%s" in an Allow counts as open', operator => {
    expect(ask([allowWhen({ [operator]: { 'bedrock:GuardrailIdentifier': GUARDRAIL } })], { context: { 'bedrock:GuardrailIdentifier': 'another' } }))
      .toBe('allow');
  });

  test('a known operator beside it still decides: a known condition that fails keeps the Allow closed', () => {
    expect(ask([allowWhen({ StringFoo: { 'bedrock:GuardrailIdentifier': GUARDRAIL }, StringEquals: { 'aws:RequestedRegion': 'us-east-1' } })],
      { context: { 'aws:RequestedRegion': REGION } })).toBe('implicit-deny');
  });
});

describe('set operators and Null, as IAM evaluates them', () => {
  test.each(SET_CASES.map(c => [c.name, c] as const))('%s', (_n, c) => {
    const KEY = SET_KEY;
    expect(conditionMet(c.operator, KEY, c.values, context(c.request ? { [KEY]: c.request } : {}))).toBe(c.met);
    const condition = { [c.operator]: { [KEY]: c.values } };
    const pack = { context: c.request ? { [KEY]: c.request } : {} };
    expect(ask([allowWhen(condition)], pack)).toBe(c.met ? 'allow' : 'implicit-deny');
    expect(ask([ALLOW_INVOKE, denyWhen(condition)], pack)).toBe(c.met ? 'explicit-deny' : 'allow');
  });

  test('an empty list in the context is a missing key', () => {
    const KEY = SET_KEY;
    const ALLOWED = SET_VALUES;
    const empty = context({ [KEY]: [] });
    expect(conditionMet('Null', KEY, ['true'], empty)).toBe(true);
    expect(conditionMet('Null', KEY, ['false'], empty)).toBe(false);
    expect(conditionMet('StringEquals', KEY, ALLOWED, empty)).toBe(false);
    expect(conditionMet('StringNotEquals', KEY, ALLOWED, empty)).toBe(true);
    expect(conditionMet('ForAllValues:StringEquals', KEY, ALLOWED, empty)).toBe(true);
    expect(conditionMet('ForAnyValue:StringEquals', KEY, ALLOWED, empty)).toBe(false);
    expect(conditionMet('StringEqualsIfExists', KEY, ALLOWED, empty)).toBe(true);
  });
});
