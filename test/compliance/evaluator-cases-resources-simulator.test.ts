import { QUESTION_CASES, RESOURCE_CASES } from './evaluator-cases';
import { evaluate } from '../support/iam';

/**
 * The resource and question cases of evaluator-cases.ts, checked against the IAM simulator: they
 * state IAM's behaviour, not the evaluator's opinion of it (policy-evaluator-resources.test.ts asks
 * the evaluator the same).
 */

const document = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('the simulator matches resource patterns as stated, in an Allow and in a Deny', () => {
  test.each(RESOURCE_CASES.map(c => [c.name, c] as const))('%s', async (_n, c) => {
    const request = { action: c.action, resource: c.resource };
    expect(await evaluate({ identity: [document({ Effect: 'Allow', Action: c.action, Resource: c.pattern })] }, request))
      .toBe(c.matches ? 'Allowed' : 'ImplicitlyDenied');
    expect(await evaluate({ identity: [document({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: c.action, Resource: c.pattern })] }, request))
      .toBe(c.matches ? 'ExplicitlyDenied' : 'Allowed');
  });
});

describe('the simulator lets the witness caller of each question through exactly when the pack answers allowed', () => {
  test.each(QUESTION_CASES.map(c => [c.name, c] as const))('%s', async (_n, c) => {
    const request = { action: c.action, resource: c.resource, context: { ...c.context, ...c.witness } };
    expect(await evaluate({ identity: [document(...c.statements)] }, request))
      .toBe(c.allowed ? 'Allowed' : 'ImplicitlyDenied');
  });
});
