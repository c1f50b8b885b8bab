/**
 * The Budgets operation the reset schedules call, as EventBridge Scheduler names it (universal target
 * `arn:aws:scheduler:::aws-sdk:<sdk service id>:<camelCase operation>`).
 */
export const EXECUTE_BUDGET_ACTION_TARGET = 'aws-sdk:budgets:executeBudgetAction';
