import { BudgetScope, BudgetThreshold, SpendStopApproval } from '../spend';

/**
 * The spend controls of a landing zone. Budgets and anomaly monitors belong to the account, not the
 * region: create them in one landing zone of the account (`monthlyLimitUsd`) and name that budget in
 * the others (`existingBudgetName`).
 */
export interface LandingZoneSpendSettings {
  /**
   * The monthly limit in US dollars of the Bedrock budget this landing zone creates.
   *
   * @default - no budget is created here; give `existingBudgetName`
   */
  readonly monthlyLimitUsd?: number;

  /**
   * The name of the budget that covers this account when it is created elsewhere (by the landing zone
   * of another region of the account, or by the FinOps team). Recorded for the compliance report.
   *
   * @default - the budget created here
   */
  readonly existingBudgetName?: string;

  /**
   * The name of the budget created here, unique in the account.
   *
   * @default - `bedrock-` and a name unique to the construct
   */
  readonly budgetName?: string;

  /**
   * What the budget counts.
   *
   * @default BudgetScope.bedrockServices()
   */
  readonly scope?: BudgetScope;

  /**
   * Thresholds told to the governance topic and the emails.
   *
   * @default - 80% actual, 100% forecasted, 100% actual
   */
  readonly thresholds?: BudgetThreshold[];

  /**
   * Email addresses told at every threshold, besides the governance topic.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * Stop the application roles at this percentage of the monthly limit (actual cost): AWS Budgets
   * attaches a deny of every inference door to them, reversed and reset at the start of each month.
   *
   * @default - no spend stop: alerts only
   */
  readonly stopAtPercentage?: number;

  /**
   * Whether the stop acts on its own or after approval.
   *
   * @default SpendStopApproval.AUTOMATIC
   */
  readonly stopApproval?: SpendStopApproval;

  /**
   * Cost Anomaly Detection on Bedrock spend, told to the governance topic (with the budget created here).
   *
   * @default true
   */
  readonly anomalyDetection?: boolean;

  /**
   * Cost allocation tags put on the application roles (`team`, `workload`, `cost-center`, ...): Bedrock
   * attributes spend to the calling principal's tags (`iamPrincipal/<key>`) once the payer account
   * activates them. Must include every key the profiles require.
   *
   * @default - none
   */
  readonly costTags?: { [key: string]: string };

  /**
   * The principal tag key that names a caller's team (`iamPrincipal/<key>` in the billing data), for
   * `teamBudgets`. Usually a key of `costTags`.
   *
   * @default - none; required with `teamBudgets`
   */
  readonly teamTagKey?: string;

  /**
   * A budget per team, beside the account's: each counts the Bedrock spend of the principals whose
   * `teamTagKey` tag has the team's value, with the account budget's thresholds, on the governance
   * topic. Created with the account's budget (`monthlyLimitUsd`). Callers without the tag are counted
   * by the account's budget only.
   *
   * @default - none
   */
  readonly teamBudgets?: TeamBudget[];

  /**
   * Workloads that each get their own application inference profiles: one per approved chat model
   * (embedding models excepted), carrying `costTags` and `workloadTagKey` = the workload, so each
   * workload's spend is reportable by the profile's tags. The application roles may invoke them under the
   * same conditions as the approved models (guardrail, private endpoints).
   *
   * @default - none
   */
  readonly workloads?: string[];

  /**
   * The tag key that names the workload on its application inference profiles.
   *
   * @default - none; required with `workloads`
   */
  readonly workloadTagKey?: string;
}

/**
 * A monthly budget for the Bedrock spend of one team, by the principal tag that names it.
 */
export interface TeamBudget {
  /** The team: the value of the `teamTagKey` tag its principals carry, e.g. `claims-ai`. */
  readonly team: string;

  /** The team's monthly limit in US dollars. */
  readonly monthlyLimitUsd: number;
}
