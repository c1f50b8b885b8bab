import { OPERATOR_CASES, SET_CASES, SET_KEY, allowIf } from './evaluator-cases';
import { evaluate } from '../support/iam';

/**
 * The decisions the evaluator's tests state, checked against the IAM simulator: the cases in
 * evaluator-cases.ts are IAM's behaviour, not the evaluator's opinion of it. (The evaluator itself is
 * compared with the simulator in policy-evaluator.test.ts.)
 */

const MODEL = 'arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0';
const document = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const ALLOW_INVOKE = { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' };

describe('the simulator decides the set-operator cases as stated, in an Allow and in a Deny', () => {
  test.each(SET_CASES.map(c => [c.name, c] as const))('%s', async (_n, c) => {
    const condition = { [c.operator]: { [SET_KEY]: c.values } };
    const context: Record<string, string[]> = c.request ? { [SET_KEY]: c.request } : {};
    const request = { action: 'bedrock:InvokeModel', resource: MODEL, context };
    expect(await evaluate({ identity: [document(allowIf(condition))] }, request)).toBe(c.met ? 'Allowed' : 'ImplicitlyDenied');
    expect(await evaluate({ identity: [document(ALLOW_INVOKE, { ...allowIf(condition), Effect: 'Deny' })] }, request))
      .toBe(c.met ? 'ExplicitlyDenied' : 'Allowed');
  });
});

describe('the simulator decides the operator cases as stated', () => {
  test.each(OPERATOR_CASES.filter(c => c.notSimulated === undefined).map(c => [c.name, c] as const))('%s', async (_n, c) => {
    expect(await evaluate({ identity: [document(allowIf(c.condition))] }, { action: 'bedrock:InvokeModel', resource: MODEL, context: c.context }))
      .toBe(c.allowed ? 'Allowed' : 'ImplicitlyDenied');
  });

  test('the cases the simulator is not asked say why', () => {
    const skipped = OPERATOR_CASES.filter(c => c.notSimulated !== undefined);
    expect(skipped.map(c => c.name)).toEqual([
      '${*} is a literal star', '${*} does not match as a wildcard in StringEquals', '${$} is a literal dollar', '${?} is a literal question mark',
      'a single-valued positive operator on a multi-valued key: any value', 'a single-valued negated operator on a multi-valued key: every value',
    ]);
  });
});
