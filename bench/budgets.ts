import { BUDGETS, CLOUDFORMATION_LIMITS } from './limits';
import { medianSynthMs, seriesKey, settingsLabel } from './stats';
import { BenchResults, ScenarioResult, StackMetrics } from './types';

/** One budget as measured by a bench run. */
export interface BudgetRow {
  /** What the budget says */
  readonly budget: string;
  /** What was measured */
  readonly measured: string;
  readonly ok: boolean;
  /** Why it is broken, one line each (empty when `ok`) */
  readonly problems: string[];
}

const MAX_BYTES = CLOUDFORMATION_LIMITS.templateBytes * BUDGETS.maxLimitFraction;
const MAX_RESOURCES = CLOUDFORMATION_LIMITS.resources * BUDGETS.maxLimitFraction;

/**
 * The budgets of issue 12, checked against a bench run. Returns one line per broken budget (empty
 * when every budget holds):
 * - linear growth: in every series of generated organizations measured at both 4 and 64 baselines,
 *   the median synth time per baseline at 64 is at most 1.5 times the one at 4 (and at least one
 *   such series must have been measured);
 * - at most one Lambda function in an account baseline stack, none in a knowledge-base stack on the
 *   default vector store (and at least one of each must have been measured);
 * - every template under half of CloudFormation's template size (1 MB through S3) and resource (500) limits.
 */
export function checkBudgets(results: BenchResults): string[] {
  return [...new Set(budgetRows(results).flatMap(r => r.problems))];
}

/** Every budget with what was measured against it. */
export function budgetRows(results: BenchResults): BudgetRow[] {
  const stacks = uniqueStacks(results);
  return [...growthRows(results), ...lambdaRows(stacks), ...limitRows(stacks)];
}

function growthRows(results: BenchResults): BudgetRow[] {
  const small = BUDGETS.growthReferenceSize;
  const large = BUDGETS.growthLargeSize;
  const factor = BUDGETS.maxPerBaselineGrowth;
  const series = new Map<string, { small?: ScenarioResult; large?: ScenarioResult }>();
  for (const r of results.scenarios.filter(s => s.spec.app === 'generated' && s.samples.length > 0)) {
    const entry = series.get(seriesKey(r.spec)) ?? {};
    if (r.spec.baselines === small) entry.small = r;
    if (r.spec.baselines === large) entry.large = r;
    series.set(seriesKey(r.spec), entry);
  }
  const complete = [...series.values()].filter(s => s.small && s.large);
  if (complete.length === 0) {
    const problem = `linear growth: no series of generated organizations was measured at both ${small} and ${large} baselines`;
    return [{ budget: `synth time per baseline at ${large} baselines ≤ ${factor} × at ${small}`, measured: 'not measured', ok: false, problems: [problem] }];
  }
  return complete.map(({ small: s, large: l }) => {
    const perSmall = medianSynthMs(s!) / small;
    const perLarge = medianSynthMs(l!) / large;
    const ratio = perLarge / perSmall;
    const ok = ratio <= factor;
    return {
      budget: `synth time per baseline at ${large} baselines ≤ ${factor} × at ${small} (${settingsLabel(l!.spec)})`,
      measured: `${Math.round(perLarge)} ms vs ${Math.round(perSmall)} ms (${ratio.toFixed(2)} ×)`,
      ok,
      problems: ok ? [] : [`linear growth (${settingsLabel(l!.spec)}): ${Math.round(perLarge)} ms per baseline at ${large} baselines is ` +
        `${ratio.toFixed(2)} times the ${Math.round(perSmall)} ms at ${small} (budget: ${factor})`],
    };
  });
}

function lambdaRows(stacks: StackMetrics[]): BudgetRow[] {
  const baselines = stacks.filter(s => s.kind === 'baseline');
  const defaultKbs = stacks.filter(s => s.kind === 'knowledge-base' && s.defaultStore);
  return [
    countRow(`at most ${BUDGETS.maxLambdaPerBaseline} Lambda function in an account baseline stack`, baselines, BUDGETS.maxLambdaPerBaseline,
      'account baseline stack', s => `Lambda functions: account baseline stack ${s.template} has ${s.lambdaFunctions} (budget: ${BUDGETS.maxLambdaPerBaseline})`),
    countRow('no Lambda function in a knowledge-base stack on the default store', defaultKbs, BUDGETS.maxLambdaPerDefaultKnowledgeBase,
      'knowledge-base stack on the default store', s => `Lambda functions: knowledge-base stack ${s.template} on the default store has ` +
        `${s.lambdaFunctions} (budget: ${BUDGETS.maxLambdaPerDefaultKnowledgeBase})`),
  ];
}

function countRow(budget: string, stacks: StackMetrics[], max: number, what: string, problem: (s: StackMetrics) => string): BudgetRow {
  if (stacks.length === 0) {
    return { budget, measured: 'not measured', ok: false, problems: [`${budget}: no ${what} was measured`] };
  }
  const largest = stacks.reduce((a, b) => b.lambdaFunctions > a.lambdaFunctions ? b : a);
  const problems = stacks.filter(s => s.lambdaFunctions > max).map(problem);
  return { budget, measured: `at most ${largest.lambdaFunctions} (${stacks.length} template${stacks.length === 1 ? '' : 's'})`, ok: problems.length === 0, problems };
}

function limitRows(stacks: StackMetrics[]): BudgetRow[] {
  if (stacks.length === 0) {
    const problem = 'CloudFormation limits: no template was measured';
    return [{ budget: 'every template under half of CloudFormation\'s limits', measured: 'not measured', ok: false, problems: [problem] }];
  }
  const biggest = stacks.reduce((a, b) => b.templateBytes > a.templateBytes ? b : a);
  const most = stacks.reduce((a, b) => b.resources > a.resources ? b : a);
  const bytesProblems = stacks.filter(s => s.templateBytes >= MAX_BYTES).map(s =>
    `template size: ${s.template} is ${s.templateBytes} bytes, not under half of CloudFormation's ${CLOUDFORMATION_LIMITS.templateBytes} (${MAX_BYTES})`);
  const resourceProblems = stacks.filter(s => s.resources >= MAX_RESOURCES).map(s =>
    `resources: ${s.template} has ${s.resources}, not under half of CloudFormation's ${CLOUDFORMATION_LIMITS.resources} (${MAX_RESOURCES})`);
  return [
    {
      budget: `every template under ${MAX_BYTES.toLocaleString('en-US')} bytes (half of ${CLOUDFORMATION_LIMITS.templateBytes.toLocaleString('en-US')})`,
      measured: `largest ${biggest.templateBytes.toLocaleString('en-US')} bytes (${biggest.template}, ${percent(biggest.templateBytes, CLOUDFORMATION_LIMITS.templateBytes)} of the limit)`,
      ok: bytesProblems.length === 0,
      problems: bytesProblems,
    },
    {
      budget: `every template under ${MAX_RESOURCES} resources (half of ${CLOUDFORMATION_LIMITS.resources})`,
      measured: `largest ${most.resources} (${most.template}, ${percent(most.resources, CLOUDFORMATION_LIMITS.resources)} of the limit)`,
      ok: resourceProblems.length === 0,
      problems: resourceProblems,
    },
  ];
}

/** Every template once: the same stack synthesized in several runs counts once (the first one seen). */
function uniqueStacks(results: BenchResults): StackMetrics[] {
  const seen = new Map<string, StackMetrics>();
  for (const scenario of results.scenarios) {
    for (const stack of scenario.stacks) {
      const key = `${scenario.spec.app}:${scenario.spec.baselines ?? ''}:${stack.template}`;
      if (!seen.has(key)) seen.set(key, stack);
    }
  }
  return [...seen.values()];
}

export function percent(value: number, limit: number): string {
  return `${(100 * value / limit).toFixed(1)}%`;
}
