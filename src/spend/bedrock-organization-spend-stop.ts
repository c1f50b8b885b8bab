import { Stack, Token, aws_budgets as budgets, aws_iam as iam, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IBedrockBudget } from './bedrock-budget';
import { fullTargetProblems } from './private/scp-slots';
import { addSpendStopAction, budgetsExecutionRole, checkSpendStopOptions, spendStopTrigger } from './private/spend-stop-action';
import { stoppedInferenceActions } from './private/stopped-doors';
import { SpendStopApproval } from './spend-stop-approval';
import { SpendStopOptions } from './spend-stop-options';
import { protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of an organization-level spend stop.
 */
export interface BedrockOrganizationSpendStopProps extends SpendStopOptions {
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
   * attached to at the threshold. Each needs a free slot of the five service control policies AWS allows
   * per target when the stop fires: synth fails for a target that already receives four of this app's own
   * (with FullAWSAccess, five); policies attached outside this app cannot be seen, so keep a slot free for
   * the stop on each target, or name accounts, which each have five of their own.
   */
  readonly targetIds: string[];

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
 * SCPs do not apply to the management account itself nor to service-linked roles. While the stop holds,
 * scaling down what keeps billing (provisioned throughput, capacity providers, marketplace endpoints) is
 * denied too; deleting it is not. A budget lags by hours: the stop is a backstop, not a meter.
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
    const trigger = spendStopTrigger(props);
    this.thresholdPercentage = trigger.thresholdPercentage;
    this.approval = trigger.approval;

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

    this.executionRole = budgetsExecutionRole(this, 'AWS Budgets attaches and detaches the spend stop SCP to the workload accounts, and nothing else');
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

    const stop = addSpendStopAction(this, {
      budget: props.budget,
      topic: props.topic,
      trigger,
      actionType: 'APPLY_SCP_POLICY',
      definition: { scpActionDefinition: { policyId: this.policy.attrId, targetIds: this.targetIds } },
      executionRole: this.executionRole,
      executionPolicy,
    });
    this.action = stop.action;
    this.resetRole = stop.resetRole;
    protectTree(this);
    // The stop needs a free slot on each target when it fires: checked once the app is built (the policies may be in other stacks).
    this.node.addValidation({ validate: () => fullTargetProblems(this, this.policy, this.targetIds) });
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
  checkSpendStopOptions(problems, props);
  const name = props.policyName;
  problems.check(name === undefined || Token.isUnresolved(name) || /^[\s\S]{1,128}$/.test(name),
    `policyName is '${name}'; expected 1 to 128 characters`);
  problems.throwIfAny(scope, 'BedrockOrganizationSpendStop', BedrockLandingZoneErrorCode.SPEND_ORGANIZATION_STOP_PROPS);
}
