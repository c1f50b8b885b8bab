/**
 * Who lets a spend stop act once its threshold is crossed.
 */
export enum SpendStopApproval {
  /** The stop acts as soon as Budgets sees the threshold crossed */
  AUTOMATIC = 'AUTOMATIC',
  /** The stop waits until someone approves it in the Budgets console or API */
  MANUAL = 'MANUAL',
}
