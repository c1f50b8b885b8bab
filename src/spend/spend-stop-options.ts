import { aws_sns as sns } from 'aws-cdk-lib';
import { SpendStopApproval } from './spend-stop-approval';

/**
 * When a spend stop acts and whom it tells: the part every spend stop shares, whether it stops the
 * roles of one account (`BedrockSpendStop`) or whole accounts (`BedrockOrganizationSpendStop`).
 */
export interface SpendStopOptions {
  /**
   * The percentage of the budget's monthly limit, in actual cost, at which the stop acts.
   *
   * @default 100
   */
  readonly thresholdPercentage?: number;

  /**
   * Whether the stop acts on its own or after approval.
   *
   * @default SpendStopApproval.AUTOMATIC
   */
  readonly approval?: SpendStopApproval;

  /**
   * The topic told when the stop fires (or waits for approval): in a landing zone, the governance
   * notifications topic.
   */
  readonly topic: sns.ITopic;
}
