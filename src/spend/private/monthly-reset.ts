import { Stack, aws_budgets as budgets, aws_iam as iam, aws_scheduler as scheduler } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EXECUTE_BUDGET_ACTION_TARGET } from './budget-reset';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';

/** The stop is reversed one hour into the new period (UTC, as Budgets' periods are), then reset. */
const REVERSE_AT = 'cron(0 1 1 * ? *)';
const RESET_AT = 'cron(15 1 1 * ? *)';

/**
 * The monthly reversal and reset of a budget action, without a function: two EventBridge Scheduler
 * schedules call Budgets' ExecuteBudgetAction (a universal target) with a role that may execute that
 * action only. Budgets does not undo a fired action when a period starts; a reversed action stays
 * reversed until it is reset to standby.
 *
 * The schedules live in a schedule group of their own (rt3 F1): schedules take no tags, and the `default`
 * group cannot be tagged, so only a group of the stop's carries the protection tag that the organization
 * policies' `ProtectGovernanceControls` sees when someone deletes, disables or rewrites a schedule in it.
 * The role is on the landing zone's path, which `DenyPassingExemptRoles` names: nobody hands it to a
 * schedule of their own.
 *
 * @returns the role the schedules call Budgets with
 */
export function addMonthlyReset(scope: Construct, budgetName: string, action: budgets.CfnBudgetsAction): iam.Role {
  const stack = Stack.of(scope);
  const actionArn = stack.formatArn({
    service: 'budgets', region: '', resource: 'budget', resourceName: `${budgetName}/action/${action.attrActionId}`,
  });
  const resetRole = new iam.Role(scope, 'ResetRole', {
    // Immutable: moving the role replaces it (it holds no state; the schedules name the new one in the same update).
    path: LANDING_ZONE_ROLE_PATH,
    description: 'EventBridge Scheduler reverses and resets the spend stop at the start of each month',
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
  });
  new iam.ManagedPolicy(scope, 'ResetPolicy', {
    description: 'EventBridge Scheduler may reverse and reset the spend stop, and nothing else',
    // On the landing zone's path, which ProtectExemptRoles names: a new version would stop the monthly reset silently (rt3 F2).
    path: LANDING_ZONE_ROLE_PATH,
    roles: [resetRole],
    statements: [new iam.PolicyStatement({
      sid: 'ExecuteTheSpendStopOnly',
      actions: ['budgets:ExecuteBudgetAction'],
      resources: [actionArn],
    })],
  });
  // Tagged by the stop's protectTree like every resource of the stop. A schedule's group cannot change: moving the schedules here
  // replaced them (they hold no state).
  const group = new scheduler.CfnScheduleGroup(scope, 'ScheduleGroup', {});
  const schedule = (scheduleId: string, expression: string, executionType: string, description: string) =>
    new scheduler.CfnSchedule(scope, scheduleId, {
      description,
      groupName: group.ref,
      scheduleExpression: expression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: `arn:${stack.partition}:scheduler:::${EXECUTE_BUDGET_ACTION_TARGET}`,
        roleArn: resetRole.roleArn,
        input: stack.toJsonString({
          AccountId: stack.account,
          BudgetName: budgetName,
          ActionId: action.attrActionId,
          ExecutionType: executionType,
        }),
        retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 },
      },
    });
  // A stop that has not fired cannot be reversed: that call fails harmlessly and the reset follows.
  schedule('ReverseSchedule', REVERSE_AT, 'REVERSE_BUDGET_ACTION', 'Detach the spend stop deny policy at the start of the month');
  schedule('ResetSchedule', RESET_AT, 'RESET_BUDGET_ACTION', 'Return the spend stop to standby so it fires again this month');
  return resetRole;
}
