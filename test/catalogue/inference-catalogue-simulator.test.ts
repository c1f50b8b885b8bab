import { catalogueCases } from './catalogue-cases';
import { evaluate } from '../support/iam';

/**
 * The inference catalogue by behaviour, every case of catalogue-cases.ts decided by the validated IAM
 * simulator (test/support/iam.ts: every policy, action, resource and context key checked against the
 * Service Authorization Reference). The mutation target's fast set (inference-catalogue-behaviour.test.ts)
 * decides a subset of the same cases without validation; that both reach the expected decision is what lets
 * the fast set stand in for this file.
 */
describe('every case of the catalogue, decided by the validated IAM simulator', () => {
  const cases = catalogueCases('all');
  test.each(cases.map(c => [c.title, c] as const))('%s', async (_title, c) => {
    expect(await evaluate(c.policies, c.request)).toBe(c.expected);
  });
});
