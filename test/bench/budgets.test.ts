import { defaultKnowledgeBase, generated, scenario, stack } from './fixtures';
import { budgetRows, checkBudgets } from '../../bench/budgets';
import { BenchResults, ScenarioResult } from '../../bench/types';

/** Synth time that grows linearly: 500 ms fixed, 100 ms per baseline. */
const linear = (n: number) => 500 + 100 * n;

/** A run where every budget holds: a linear series, one-function baselines, a function-free knowledge base, small templates. */
function goodRun(overrides: { series?: ScenarioResult[]; example?: ScenarioResult } = {}): BenchResults {
  const series = overrides.series ?? [1, 4, 16, 64].map(n => generated(n, [linear(n), linear(n) + 40, linear(n) - 30]));
  const example = overrides.example ?? scenario({ app: 'example', validation: false, packs: 'none' }, [900],
    [stack({ template: 'Baseline-dev-us-east-1.template.json' }), defaultKnowledgeBase('KnowledgeBase-dev-us-east-1.template.json')]);
  return { scenarios: [...series, example] };
}

describe('checkBudgets', () => {
  test('passes on a good set', () => {
    expect(checkBudgets(goodRun())).toEqual([]);
    expect(budgetRows(goodRun()).map(r => [r.budget, r.measured, r.ok])).toEqual([
      ['synth time per baseline at 64 baselines ≤ 1.5 × at 4 (validation off, no packs)', '108 ms vs 225 ms (0.48 ×)', true],
      ['at most 1 Lambda function in an account baseline stack', 'at most 1 (86 templates)', true],
      ['no Lambda function in a knowledge-base stack on the default store', 'at most 0 (1 template)', true],
      ['every template under 524,288 bytes (half of 1,048,576)', 'largest 60,000 bytes (Baseline-100000000000.template.json, 5.7% of the limit)', true],
      ['every template under 250 resources (half of 500)', 'largest 34 (Baseline-100000000000.template.json, 6.8% of the limit)', true],
    ]);
  });

  test('fails on a series that grows faster than linearly', () => {
    // 225 ms per baseline at 4; 64 baselines in 23,040 ms is 360 ms per baseline: 1.6 times.
    const series = [generated(4, [900]), generated(64, [23_040, 23_000, 23_100])];
    expect(checkBudgets(goodRun({ series }))).toEqual([
      'linear growth (validation off, no packs): 360 ms per baseline at 64 baselines is 1.60 times the 225 ms at 4 (budget: 1.5)',
    ]);
  });

  test('exactly 1.5 times still passes', () => {
    const series = [generated(4, [800]), generated(64, [19_200])];
    expect(checkBudgets(goodRun({ series }))).toEqual([]);
  });

  test('checks every series and compares the medians', () => {
    const series = [
      generated(4, [900]), generated(64, [6900]),
      // Validation on: one slow outlier at 64 does not move the median...
      generated(4, [4000], true), generated(64, [8000, 60_000, 8200], true),
      // ...a slow median does.
      generated(4, [2000], false, 'nag'), generated(64, [50_000, 60_000, 49_000], false, 'nag'),
    ];
    expect(checkBudgets(goodRun({ series }))).toEqual([
      'linear growth (validation off, cdk-nag packs): 781 ms per baseline at 64 baselines is 1.56 times the 500 ms at 4 (budget: 1.5)',
    ]);
  });

  test('fails when no series was measured at both 4 and 64 baselines', () => {
    const series = [generated(1, [600]), generated(4, [900]), generated(16, [2100]), generated(64, [6900], true)];
    expect(checkBudgets(goodRun({ series }))).toEqual([
      'linear growth: no series of generated organizations was measured at both 4 and 64 baselines',
    ]);
  });

  test('fails on a baseline stack with 2 Lambda functions', () => {
    const example = scenario({ app: 'example', validation: false, packs: 'none' }, [900], [
      stack({ template: 'Baseline-dev-us-east-1.template.json', lambdaFunctions: 2 }),
      defaultKnowledgeBase(),
    ]);
    expect(checkBudgets(goodRun({ example }))).toEqual([
      'Lambda functions: account baseline stack Baseline-dev-us-east-1.template.json has 2 (budget: 1)',
    ]);
  });

  test('fails on a knowledge-base stack on the default store with 1 Lambda function', () => {
    const example = scenario({ app: 'example', validation: false, packs: 'none' }, [900], [
      stack({ template: 'Baseline-dev-us-east-1.template.json' }),
      defaultKnowledgeBase('KnowledgeBase-dev-us-east-1.template.json', 1),
    ]);
    expect(checkBudgets(goodRun({ example }))).toEqual([
      'Lambda functions: knowledge-base stack KnowledgeBase-dev-us-east-1.template.json on the default store has 1 (budget: 0)',
    ]);
  });

  test('a Lambda function in a knowledge-base stack on another store, or in another stack, is no budget of this issue', () => {
    const example = scenario({ app: 'example', validation: false, packs: 'none' }, [900], [
      stack({ template: 'Baseline.template.json' }),
      defaultKnowledgeBase(),
      stack({ template: 'KnowledgeBase-OpenSearch.template.json', kind: 'knowledge-base', store: 'OPENSEARCH_SERVERLESS', defaultStore: false, lambdaFunctions: 1 }),
      stack({ template: 'Organization.template.json', kind: 'other', lambdaFunctions: 3 }),
    ]);
    expect(checkBudgets(goodRun({ example }))).toEqual([]);
  });

  test('fails when no baseline or default knowledge-base stack was measured', () => {
    const series = [generated(4, [900]), generated(64, [6900])].map(s => ({ ...s, stacks: [] }));
    const example = scenario({ app: 'example', validation: false, packs: 'none' }, [900], [stack({ template: 'Other.template.json', kind: 'other' })]);
    expect(checkBudgets(goodRun({ series, example }))).toEqual([
      'at most 1 Lambda function in an account baseline stack: no account baseline stack was measured',
      'no Lambda function in a knowledge-base stack on the default store: no knowledge-base stack on the default store was measured',
    ]);
  });

  test('fails on an oversized template: half of 1 MB or half of 500 resources', () => {
    const example = scenario({ app: 'example', validation: false, packs: 'none' }, [900], [
      stack({ template: 'Big.template.json', templateBytes: 524_288 }),
      stack({ template: 'AlmostBig.template.json', templateBytes: 524_287, resources: 249 }),
      stack({ template: 'Many.template.json', resources: 250 }),
      defaultKnowledgeBase(),
    ]);
    expect(checkBudgets(goodRun({ example }))).toEqual([
      'template size: Big.template.json is 524288 bytes, not under half of CloudFormation\'s 1048576 (524288)',
      'resources: Many.template.json has 250, not under half of CloudFormation\'s 500 (250)',
    ]);
  });

  test('a stack broken in several scenarios is reported once', () => {
    const big = stack({ template: 'Baseline-100000000000.template.json', lambdaFunctions: 2 });
    const series = [4, 64].map(n => {
      const s = generated(n, [linear(n)]);
      return { ...s, stacks: [big, ...s.stacks.slice(1)] };
    });
    expect(checkBudgets(goodRun({ series }))).toEqual([
      'Lambda functions: account baseline stack Baseline-100000000000.template.json has 2 (budget: 1)',
    ]);
  });
});
