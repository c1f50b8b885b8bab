import { Stack, Token, aws_budgets as budgets, aws_iam as iam, aws_organizations as organizations, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IBedrockBudget } from './bedrock-budget';
import { SpendStopApproval } from './bedrock-spend-stop';
import { addMonthlyReset } from './private/monthly-reset';
import { stoppedInferenceActions } from './private/stopped-doors';
import { protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of an organization-level spend stop.
 */
export interface BedrockOrganizationSpendStopProps {
  /**
   * The budget of the management account whose threshold fires the stop: a `BedrockBudget` scoped to
   * the stopped accounts (`BudgetScope.linkedAccounts`), or `BedrockBudget.fromBudgetName`.
   */
  readonly budget: IBedrockBudget;

  /**
   * The organization's ID (`o-...`), so the execution role names the targets' ARNs exactly.
   */
  readonly organizationId: string;

  /**
   * The accounts (12 digits) or organizational units (`ou-...`) the stop's service control policy is
   * attached to at the threshold.
   */
  readonly targetIds: string[];

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

  /** The topic told when the stop fires (or waits for approval). */
  readonly topic: sns.ITopic;

  /**
   * The name of the service control policy.
   *
   * @default 'bedrock-landing-zone-spend-stop'
   */
  readonly policyName?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * A spend stop for whole accounts, deployed in the organization's management account: when the
 * budget's actual cost crosses the threshold, AWS Budgets attaches a service control policy owned by
 * the library to the workload accounts or OUs. The SCP denies every inference door of the library's
 * catalogue (and the long-term API keys' bearer tokens) to every principal of those accounts, including
 * the ones the landing zone did not grant and administrators; nobody in a member account can detach it.
 * The control plane and everything else keep working.
 *
 * Budgets' execution role may attach and detach exactly that SCP on exactly those targets. At the start
 * of each month EventBridge Scheduler reverses the action (detaching the SCP) and resets it to standby,
 * as for the account-level `BedrockSpendStop`.
 *
 * SCPs do not apply to the management account itself nor to service-linked roles. A budget lags by
 * hours: the stop is a backstop, not a meter.
 */
export class BedrockOrganizationSpendStop extends Construct {
  /** The service control policy that denies every inference door; Budgets attaches it at the threshold */
  public readonly policy: organizations.CfnPolicy;
  /** The role Budgets uses to attach and detach the policy */
  public readonly executionRole: iam.Role;
  /** The role the reset schedules call Budgets with */
  public readonly resetRole: iam.Role;
  /** The budget action */
  public readonly action: budgets.CfnBudgetsAction;
  /** The accounts and OUs that are stopped */
  public readonly targetIds: string[];
  /** The percentage of the monthly limit at which the stop acts */
  public readonly thresholdPercentage: number;
  /** Automatic or manual */
  public readonly approval: SpendStopApproval;

  constructor(scope: Construct, id: string, props: BedrockOrganizationSpendStopProps) {
    super(scope, id);
    validate(this, props);
    const stack = Stack.of(this);
    this.targetIds = [...props.targetIds];
    this.thresholdPercentage = props.thresholdPercentage ?? 100;
    this.approval = props.approval ?? SpendStopApproval.AUTOMATIC;

    this.policy = new organizations.CfnPolicy(this, 'Policy', {
      name: props.policyName ?? 'bedrock-landing-zone-spend-stop',
      description: 'Bedrock landing zone spend stop: denies every inference door once the Bedrock budget is spent (attached by AWS Budgets)',
      type: 'SERVICE_CONTROL_POLICY',
      // No targets here: Budgets attaches it at the threshold and the reset detaches it.
      content: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({
          sid: 'SpendStopDenyInference',
          effect: iam.Effect.DENY,
          actions: stoppedInferenceActions(),
          // A Deny on every resource: each door, whatever model, profile, agent or runtime it names.
          resources: ['*'],
        })],
      }),
    });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      description: 'AWS Budgets attaches and detaches the spend stop SCP to the workload accounts, and nothing else',
      // As for BedrockSpendStop: no aws:SourceAccount condition, which Budgets' documentation does not say it sends.
      assumedBy: new iam.ServicePrincipal('budgets.amazonaws.com'),
    });
    // Organizations authorizes AttachPolicy and DetachPolicy on the policy and on the target (Service Authorization
    // Reference): listing only this policy and only these targets confines the role to exactly this stop.
    const targetArns = this.targetIds.map(t => targetArn(stack, props.organizationId, t));
    const executionPolicy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      description: 'AWS Budgets may attach and detach the spend stop SCP, only that SCP, only on the workload accounts',
      roles: [this.executionRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'AttachOnlyTheStopToTheWorkloadAccounts',
          actions: ['organizations:AttachPolicy', 'organizations:DetachPolicy'],
          resources: [this.policy.attrArn, ...targetArns],
          conditions: { StringEquals: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' } },
        }),
        // AWS's own spend-limit policy (AWSManagedBudgetsSpendLimitManagementAccess) grants Budgets DescribePolicy
        // beside attach and detach: reading this one policy.
        new iam.PolicyStatement({
          sid: 'ReadOnlyTheStop',
          actions: ['organizations:DescribePolicy'],
          resources: [this.policy.attrArn],
        }),
      ],
    });

    this.action = new budgets.CfnBudgetsAction(this, 'Resource', {
      budgetName: props.budget.budgetName,
      actionType: 'APPLY_SCP_POLICY',
      actionThreshold: { type: 'PERCENTAGE', value: this.thresholdPercentage },
      notificationType: 'ACTUAL',
      approvalModel: this.approval,
      executionRoleArn: this.executionRole.roleArn,
      definition: { scpActionDefinition: { policyId: this.policy.attrId, targetIds: this.targetIds } },
      subscribers: [{ type: 'SNS', address: props.topic.topicArn }],
    });
    if (Construct.isConstruct(props.budget)) this.action.node.addDependency(props.budget);
    // The execution role's policy must exist before Budgets validates the action with it.
    this.action.node.addDependency(this.executionRole, executionPolicy);

    this.resetRole = addMonthlyReset(this, props.budget.budgetName, this.action);
    protectTree(this);
  }
}

/** The Organizations ARN of an account or OU of the organization (owned by the management account). */
function targetArn(stack: Stack, organizationId: string, targetId: string): string {
  const type = targetId.startsWith('ou-') ? 'ou' : 'account';
  return `arn:${stack.partition}:organizations::${stack.account}:${type}/${organizationId}/${targetId}`;
}

function validate(scope: Construct, props: BedrockOrganizationSpendStopProps): void {
  const problems = new Problems();
  problems.check(Token.isUnresolved(props.organizationId) || ORGANIZATION_ID.test(props.organizationId),
    `organizationId is '${props.organizationId}'; expected an organization ID such as o-abc123defg (Organizations console, or aws organizations describe-organization)`);
  problems.check(props.targetIds.length > 0,
    'targetIds is empty; give the workload accounts (12 digits) or organizational units (ou-...) the stop denies at the threshold');
  props.targetIds.forEach((t, i) => problems.check(Token.isUnresolved(t) || ACCOUNT_ID.test(t) || OU_ID.test(t),
    `targetIds[${i}] is '${t}'; expected an account ID of 12 digits or an organizational unit ID such as ou-ab12-cdef3456`));
  props.targetIds.forEach((t, i) => problems.check(props.targetIds.indexOf(t) === i, `targetIds[${i}] repeats '${t}'; name each target once`));
  const t = props.thresholdPercentage;
  problems.check(t === undefined || Token.isUnresolved(t) || (Number.isFinite(t) && t > 0 && t <= 1000),
    `thresholdPercentage is ${t}; expected a percentage of the monthly limit greater than 0 and at most 1000`);
  const approvals = Object.values(SpendStopApproval) as string[];
  problems.check(props.approval === undefined || approvals.includes(props.approval),
    `approval is '${props.approval}'; expected one of ${approvals.join(', ')}`);
  const name = props.policyName;
  problems.check(name === undefined || Token.isUnresolved(name) || /^[\s\S]{1,128}$/.test(name),
    `policyName is '${name}'; expected 1 to 128 characters`);
  problems.throwIfAny(scope, 'BedrockOrganizationSpendStop', BedrockLandingZoneErrorCode.SPEND_ORGANIZATION_STOP_PROPS);
}
