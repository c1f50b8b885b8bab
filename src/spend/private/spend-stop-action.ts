import { Token, aws_budgets as budgets, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { addMonthlyReset } from './monthly-reset';
import { Problems } from '../../core/validation';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';
import { IBedrockBudget } from '../bedrock-budget';
import { SpendStopApproval } from '../spend-stop-approval';
import { SpendStopOptions } from '../spend-stop-options';

/** When a stop acts, with the defaults applied. */
export interface SpendStopTrigger {
  readonly thresholdPercentage: number;
  readonly approval: SpendStopApproval;
}

/** The shared options with their defaults: the stop acts on its own at the full monthly limit. */
export function spendStopTrigger(options: SpendStopOptions): SpendStopTrigger {
  return {
    thresholdPercentage: options.thresholdPercentage ?? 100,
    approval: options.approval ?? SpendStopApproval.AUTOMATIC,
  };
}

/** Records what is wrong with the shared options in the stop's own problems, so they are thrown together. */
export function checkSpendStopOptions(problems: Problems, options: SpendStopOptions): void {
  const t = options.thresholdPercentage;
  problems.check(t === undefined || Token.isUnresolved(t) || (Number.isFinite(t) && t > 0 && t <= 1000),
    `thresholdPercentage is ${t}; expected a percentage of the monthly limit greater than 0 and at most 1000`);
  const approvals = Object.values(SpendStopApproval) as string[];
  problems.check(options.approval === undefined || approvals.includes(options.approval),
    `approval is '${options.approval}'; expected one of ${approvals.join(', ')}`);
}

/** The role AWS Budgets runs the action with; its one policy is the caller's, as only the caller knows the stop's target. */
export function budgetsExecutionRole(scope: Construct, description: string): iam.Role {
  return new iam.Role(scope, 'ExecutionRole', {
    description,
    // On the landing zone's path: nobody but the deployers may pass it (DenyPassingExemptRoles), change it (ProtectExemptRoles), and
    // it may attach the deny to a role that carries the protection tag (ProtectGovernanceResources exempts the path), as the
    // baseline's application roles do. Immutable: moving the role replaces it (it holds no state).
    path: LANDING_ZONE_ROLE_PATH,
    // No aws:SourceAccount condition: Budgets' documentation does not say it sends one, and a condition it does not meet
    // would break the stop only when it fires. Budgets uses a role only for actions of its own account (ExecutionRoleArn).
    assumedBy: new iam.ServicePrincipal('budgets.amazonaws.com'),
  });
}

/** What differs between the budget actions of the two stops. */
export interface SpendStopActionProps {
  readonly budget: IBedrockBudget;
  readonly trigger: SpendStopTrigger;
  readonly topic: sns.ITopic;
  readonly actionType: 'APPLY_IAM_POLICY' | 'APPLY_SCP_POLICY';
  readonly definition: budgets.CfnBudgetsAction.DefinitionProperty;
  readonly executionRole: iam.Role;
  readonly executionPolicy: iam.ManagedPolicy;
}

/** The budget action (id `Resource`) and its monthly reversal and reset. */
export function addSpendStopAction(scope: Construct, props: SpendStopActionProps): { action: budgets.CfnBudgetsAction; resetRole: iam.Role } {
  const action = new budgets.CfnBudgetsAction(scope, 'Resource', {
    budgetName: props.budget.budgetName,
    actionType: props.actionType,
    actionThreshold: { type: 'PERCENTAGE', value: props.trigger.thresholdPercentage },
    notificationType: 'ACTUAL',
    approvalModel: props.trigger.approval,
    executionRoleArn: props.executionRole.roleArn,
    definition: props.definition,
    subscribers: [{ type: 'SNS', address: props.topic.topicArn }],
  });
  if (Construct.isConstruct(props.budget)) action.node.addDependency(props.budget);
  // The execution role's policy must exist before Budgets validates the action with it.
  action.node.addDependency(props.executionRole, props.executionPolicy);
  const resetRole = addMonthlyReset(scope, props.budget.budgetName, action);
  return { action, resetRole };
}
