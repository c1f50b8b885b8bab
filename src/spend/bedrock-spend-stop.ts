import { Names, Stack, aws_budgets as budgets, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IBedrockBudget } from './bedrock-budget';
import { addSpendStopAction, budgetsExecutionRole, checkSpendStopOptions, spendStopTrigger } from './private/spend-stop-action';
import { unstoppedRoleProblems } from './private/spend-stop-coverage';
import { stoppedInferenceActions } from './private/stopped-doors';
import { SpendStopApproval } from './spend-stop-approval';
import { SpendStopOptions } from './spend-stop-options';
import { SPEND_STOP_POLICY_PREFIX, protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';
import { LANDING_ZONE_ROLE_PATH } from '../custom-resources/control-plane-provider';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of a spend stop.
 */
export interface BedrockSpendStopProps extends SpendStopOptions {
  /**
   * The budget whose threshold fires the stop: a `BedrockBudget`, or `BedrockBudget.fromBudgetName`
   * for the account's budget created in another stack (each region's landing zone stops its own roles
   * on the one budget of the account).
   */
  readonly budget: IBedrockBudget;

  /** The roles the landing zone grants model access: at the threshold, each gets the deny policy. */
  readonly roles: iam.IRole[];
}

/**
 * A spend stop: when the budget's actual cost crosses the threshold, AWS Budgets attaches a deny
 * policy owned by the library to the workload roles. The deny covers every inference door of the
 * library's catalogue (runtime, OpenAI-compatible endpoint, batch, agents and retrieval, AgentCore,
 * long-term API keys); the control plane and the governance stores keep working.
 *
 * Budgets' execution role may attach exactly that policy to exactly those roles. At the start of each
 * month two EventBridge Scheduler schedules call Budgets directly (no function): the first reverses the
 * action (detaching the policy), the second resets it to standby so it fires again that month.
 *
 * Every role the library grants model access in the stop's account (model access policies, grants,
 * knowledge base service roles) must be named by a stop of that account: synth fails naming any other.
 * A role of a stack deployed after the stop's gets a stop of its own in that stack or a later one, on the
 * same budget by name (`BedrockBudget.fromBudgetName`), so the earlier stack never depends on the later.
 *
 * What it does not stop: the account's administrators, who are not among its roles (the organization-level
 * `BedrockOrganizationSpendStop`, an SCP, stops them), and a role that already holds as many managed policies
 * as IAM allows per role when the stop fires (Budgets' attachment then fails for it). While it holds, scaling
 * down what keeps billing (provisioned throughput, capacity providers, marketplace endpoints) is denied too;
 * deleting it is not.
 *
 * A budget lags by hours: the stop is a backstop, not a meter.
 */
export class BedrockSpendStop extends Construct {
  /** The policy that denies every inference door; Budgets attaches it at the threshold */
  public readonly denyPolicy: iam.ManagedPolicy;
  /** The role Budgets uses to attach and detach the deny policy */
  public readonly executionRole: iam.Role;
  /** The role the reset schedules call Budgets with */
  public readonly resetRole: iam.Role;
  /** The budget action */
  public readonly action: budgets.CfnBudgetsAction;
  /** The roles that are stopped */
  public readonly roles: iam.IRole[];
  /** The percentage of the monthly limit at which the stop acts */
  public readonly thresholdPercentage: number;
  /** Automatic or manual */
  public readonly approval: SpendStopApproval;

  constructor(scope: Construct, id: string, props: BedrockSpendStopProps) {
    super(scope, id);
    validate(this, props);
    const stack = Stack.of(this);
    this.roles = [...props.roles];
    const trigger = spendStopTrigger(props);
    this.thresholdPercentage = trigger.thresholdPercentage;
    this.approval = trigger.approval;

    // Read from the catalogue, so a door added there is closed here too.
    const doors = stoppedInferenceActions();
    // Named, so the policy can name itself: a stopped role may not detach or rewrite its own stop.
    const denyPolicyName = `${SPEND_STOP_POLICY_PREFIX}${Names.uniqueResourceName(this, { maxLength: 100 })}`;
    const denyPolicyArn = stack.formatArn({ service: 'iam', region: '', resource: 'policy', resourceName: denyPolicyName });
    this.denyPolicy = new iam.ManagedPolicy(this, 'DenyPolicy', {
      managedPolicyName: denyPolicyName,
      description: 'Bedrock landing zone spend stop: denies every inference door once the Bedrock budget is spent (attached by AWS Budgets)',
      statements: [
        new iam.PolicyStatement({
          sid: 'SpendStopDenyInference',
          effect: iam.Effect.DENY,
          actions: doors,
          // A Deny on every resource: each door, whatever model, profile, agent or runtime it names.
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'SpendStopCannotBeDetachedByTheStopped',
          effect: iam.Effect.DENY,
          actions: ['iam:DetachRolePolicy'],
          resources: ['*'],
          conditions: { ArnEquals: { 'iam:PolicyARN': denyPolicyArn } },
        }),
        new iam.PolicyStatement({
          sid: 'SpendStopCannotBeRewrittenByTheStopped',
          effect: iam.Effect.DENY,
          actions: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion'],
          resources: [denyPolicyArn],
        }),
      ],
    });

    this.executionRole = budgetsExecutionRole(this, 'AWS Budgets attaches and detaches the spend stop deny policy to the workload roles, and nothing else');
    // Managed, not inline: the regulated packs refuse inline policies.
    const executionPolicy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      description: 'AWS Budgets may attach and detach the spend stop deny policy, only that policy, only on the workload roles',
      // On the landing zone's path, which ProtectExemptRoles names: managed policies take no tags, and a new version of this one
      // would make the stop fail when it fires (rt3 F2). The path is immutable: moving the policy replaces it (it holds no state).
      path: LANDING_ZONE_ROLE_PATH,
      roles: [this.executionRole],
      statements: [new iam.PolicyStatement({
        sid: 'AttachOnlyTheDenyToTheWorkloadRoles',
        actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        resources: this.roles.map(r => r.roleArn),
        conditions: { ArnEquals: { 'iam:PolicyARN': this.denyPolicy.managedPolicyArn } },
      })],
    });

    const stop = addSpendStopAction(this, {
      budget: props.budget,
      topic: props.topic,
      trigger,
      actionType: 'APPLY_IAM_POLICY',
      definition: { iamActionDefinition: { policyArn: this.denyPolicy.managedPolicyArn, roles: this.roles.map(r => r.roleName) } },
      executionRole: this.executionRole,
      executionPolicy,
    });
    this.action = stop.action;
    this.resetRole = stop.resetRole;

    protectTree(this);
    // Every role the library grants model access in this account is named by a stop of the account (rt3 F20): checked once the
    // whole app is built, as the roles may be in stacks deployed after this one.
    this.node.addValidation({
      validate: () => unstoppedRoleProblems(this, this.node.root.node.findAll()
        .filter((c): c is BedrockSpendStop => c instanceof BedrockSpendStop).map(s => ({ stop: s, roles: s.roles }))),
    });
  }
}

function validate(scope: Construct, props: BedrockSpendStopProps): void {
  const problems = new Problems();
  problems.check(props.roles.length > 0, 'roles is empty; give the roles the landing zone grants model access, which the stop denies at the threshold');
  checkSpendStopOptions(problems, props);
  problems.throwIfAny(scope, 'BedrockSpendStop', BedrockLandingZoneErrorCode.SPEND_STOP_PROPS);
}
