/** What the bench measures and records. */

/** The compliance packs a synth runs. */
export type Packs = 'none' | 'bedrock' | 'nag' | 'all';

/** What a stack is, as far as the budgets are concerned. */
export type StackKind = 'baseline' | 'knowledge-base' | 'other';

/** One line of an idle-cost estimate. */
export interface CostLine {
  /** What is billed */
  readonly item: string;
  /** How many units */
  readonly quantity: number;
  /** What a unit is */
  readonly unit: string;
  /** US dollars per month */
  readonly monthlyUsd: number;
}

/** The estimated monthly cost of a template's resources while nothing calls a model. */
export interface IdleCost {
  readonly monthlyUsd: number;
  readonly lines: CostLine[];
  /** Resource types with neither a price nor a "free at idle" entry in bench/prices.ts */
  readonly unpricedTypes: string[];
}

/** What one synthesized template holds. */
export interface StackMetrics {
  /** The template file, relative to the cloud assembly */
  readonly template: string;
  readonly kind: StackKind;
  /** For a knowledge-base stack: the vector store (`S3_VECTORS`, `OPENSEARCH_SERVERLESS`, `MANAGED`) */
  readonly store?: string;
  /** For a knowledge-base stack: whether it uses the default store (a `VectorKnowledgeBase`'s own `S3VectorStore`) */
  readonly defaultStore?: boolean;
  readonly templateBytes: number;
  readonly resources: number;
  readonly outputs: number;
  readonly parameters: number;
  readonly lambdaFunctions: number;
  readonly customResources: number;
  readonly resourceTypes: Record<string, number>;
  readonly idle: IdleCost;
  /** For a baseline: its resources grouped by the part of the `BedrockLandingZone` (or the stack) that declares them */
  readonly parts?: PartMetrics[];
}

/** The resources one part of a baseline declares: a child of the landing zone, or the rest of the stack. */
export interface PartMetrics {
  /** The child's construct id (`Alarms`, `Endpoints`, ...), or `(rest of the stack)` */
  readonly part: string;
  readonly resources: number;
  readonly idle: IdleCost;
}

/** What the worker reports for one synth in one process. */
export interface Sample {
  /** Process start (node and tsx startup, module loading) until the app is constructed, ms */
  readonly loadMs: number;
  /** `new App()` until every construct is added, ms */
  readonly constructMs: number;
  /** `app.synth()`, validation and packs included, ms */
  readonly synthOnlyMs: number;
  /** Construction and synthesis: the synth time the bench reports, ms */
  readonly synthMs: number;
  /** The whole child process as the parent saw it, ms */
  readonly wallMs: number;
  /** Peak resident set size of the process, MB */
  readonly maxRssMb: number;
}

/** One scenario: an app, a setting of the built-in validation and of the packs. */
export interface ScenarioSpec {
  /** `example` (examples/app), `generated` (N account-region baselines) or `stores` (one knowledge base per vector store) */
  readonly app: 'example' | 'generated' | 'stores';
  /** For `generated`: the number of account-region baselines */
  readonly baselines?: number;
  /**
   * For `generated`: whether each baseline has its run-time controls (alarms, dashboard, detective controls and
   * the notifications topic they report to). Default true, as in examples/app.
   */
  readonly runTimeControls?: boolean;
  /** aws-cdk-lib's built-in CloudFormation validation */
  readonly validation: boolean;
  readonly packs: Packs;
}

/** The measured result of one scenario. */
export interface ScenarioResult {
  readonly spec: ScenarioSpec;
  /** Account-region baselines in the app (for `example`, the stacks that hold a landing zone) */
  readonly baselines: number;
  /** Stacks (templates) in the cloud assembly */
  readonly stacks: StackMetrics[];
  readonly samples: Sample[];
}

/** Everything one bench run measured. */
export interface BenchResults {
  readonly scenarios: ScenarioResult[];
}
