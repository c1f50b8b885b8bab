import { idleCost } from '../../bench/cost';
import { Packs, ScenarioResult, ScenarioSpec, StackMetrics } from '../../bench/types';

/** A stack as the worker reports it: a small baseline unless told otherwise. */
export function stack(overrides: Partial<StackMetrics> & Pick<StackMetrics, 'template'>): StackMetrics {
  return {
    kind: 'baseline',
    templateBytes: 60_000,
    resources: 34,
    outputs: 2,
    parameters: 1,
    lambdaFunctions: 1,
    customResources: 1,
    resourceTypes: {},
    idle: idleCost({ Resources: {} }),
    ...overrides,
  };
}

/** A scenario whose runs took these synth times. */
export function scenario(spec: ScenarioSpec, synthMs: number[], stacks: StackMetrics[] = []): ScenarioResult {
  return {
    spec,
    baselines: spec.baselines ?? stacks.filter(s => s.kind === 'baseline').length,
    stacks,
    samples: synthMs.map(ms => ({ loadMs: 700, constructMs: ms / 2, synthOnlyMs: ms / 2, synthMs: ms, wallMs: ms + 700, maxRssMb: 200 })),
  };
}

/** A generated organization of `n` baselines, each stack a good baseline. */
export function generated(n: number, synthMs: number[], validation = false, packs: Packs = 'none'): ScenarioResult {
  const stacks = Array.from({ length: n }, (_, i) => stack({ template: `Baseline-${100000000000 + i}.template.json` }));
  return scenario({ app: 'generated', baselines: n, validation, packs }, synthMs, stacks);
}

/** A knowledge-base stack on the default store, without a Lambda function. */
export function defaultKnowledgeBase(template = 'KnowledgeBase.template.json', lambdaFunctions = 0): StackMetrics {
  return stack({ template, kind: 'knowledge-base', store: 'S3_VECTORS', defaultStore: true, resources: 14, templateBytes: 15_000, lambdaFunctions, customResources: 0 });
}
