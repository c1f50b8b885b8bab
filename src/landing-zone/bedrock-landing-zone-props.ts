import { aws_ec2 as ec2, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { ApprovedModel } from './approved-model';
import { ApprovedModelLimits } from './approved-model-limits';
import { GovernanceProfile } from './governance-profile';
import { LandingZoneSpendSettings } from './landing-zone-spend';
import { IBedrockDataRetention } from '../data-retention';
import { ConfigRecorder, SecurityHubControls } from '../detective';
import { GuardrailProps, IGuardrail } from '../guardrails';
import { IModelInvocationLogging } from '../logging';
import { Geography } from '../models';
import { IOpenAiCompatibleProject } from '../models/openai-compatible-project';
import { GovernanceNotificationsProps } from '../monitoring';
import { IBedrockPrivateEndpoints } from '../network';

/**
 * Properties of a governed Bedrock landing zone for one account and region.
 */
export interface BedrockLandingZoneProps {
  /** The one list of approved models, resolved for this region's geography. */
  readonly approvedModels: ApprovedModel[];

  /**
   * Governance profiles; they combine.
   *
   * @default [GovernanceProfile.BASELINE]
   */
  readonly profiles?: GovernanceProfile[];

  /**
   * The geography data stays in.
   *
   * @default - the profiles' allowed geography that the region belongs to, else the region's own
   */
  readonly geography?: Geography;

  /**
   * The organization whose principals may use the private endpoints.
   *
   * @default - the account's principals only
   */
  readonly organizationId?: string;

  /**
   * The VPC that hosts Bedrock callers.
   *
   * @default - a governed VPC (isolated subnets, flow logs) is created
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Whether agents run on Amazon Bedrock AgentCore here: the created endpoints then include AgentCore's
   * data plane, gateway and control plane (see `BedrockEndpointService.agentCore()`), with governed policies.
   *
   * @default false
   */
  readonly agentCore?: boolean;

  /**
   * Private endpoints of your own instead of the ones this construct creates.
   *
   * @default - an endpoint for bedrock-runtime (and bedrock-runtime-fips when a profile asks)
   */
  readonly endpoints?: IBedrockPrivateEndpoints;

  /**
   * Invocation logging of your own (one per account and region) instead of the one this construct creates.
   *
   * @default - encrypted, retained S3 and CloudWatch Logs destinations, retention from the profiles
   */
  readonly invocationLogging?: IModelInvocationLogging;

  /**
   * The data retention setting of your own (one per account and region) instead of the one this
   * construct creates. Its mode must be one the profiles allow and the approved models accept.
   *
   * @default - the profiles' mode, or more where an approved model requires it
   */
  readonly dataRetention?: IBedrockDataRetention;

  /**
   * A guardrail of your own instead of the one this construct creates.
   *
   * @default - a guardrail from the profiles' presets
   */
  readonly guardrail?: IGuardrail;

  /**
   * Extra policies for the guardrail this construct creates (added after the profiles' presets).
   *
   * @default - the presets only
   */
  readonly guardrailProps?: GuardrailProps;

  /**
   * Enforce the guardrail on every call in the account and region (`AWS::Bedrock::EnforcedGuardrailConfiguration`).
   *
   * @default true
   */
  readonly enforceGuardrailAccountWide?: boolean;

  /**
   * The guardrail is enforced on this account by the organization (an `OrganizationGuardrailPolicy`
   * of the management account targets it): no account-wide configuration is created, and
   * `enforceGuardrailAccountWide` must not be true. The model access policy still requires this
   * landing zone's guardrail on every invocation.
   *
   * @default false
   */
  readonly guardrailEnforcedByOrganization?: boolean;

  /**
   * Roles of the applications that call Bedrock: they get the model access policy.
   *
   * @default - none; attach `modelAccessPolicy` yourself
   */
  readonly applicationRoles?: iam.IRole[];

  /**
   * The governance notifications topic this construct creates: who is told (emails, HTTPS endpoints)
   * when a governance signal fires. The topic is created only when something publishes to it (the
   * detective controls, the alarms, a budget or spend stop); giving this with none of them is an error.
   *
   * @default - a topic with no subscriptions (subscribe to `notificationsTopic` yourself)
   */
  readonly notifications?: GovernanceNotificationsProps;

  /**
   * A governance notifications topic of your own (one per account and region) instead of the one this
   * construct creates. Its policy and key policy must admit the services that publish governance
   * signals (see `GovernanceNotifications`). Giving it when nothing publishes (detective controls and
   * alarms off, no budget or spend stop) is an error.
   *
   * @default - a `GovernanceNotifications` topic is created when something publishes to it
   */
  readonly notificationsTopic?: sns.ITopic;

  /**
   * Whether to create the detective controls (`BedrockDetectiveControls`): alerts on every change of
   * the account-level Bedrock settings, and AWS Config rules for what CDK did not create.
   *
   * @default true
   */
  readonly detectiveControls?: boolean;

  /**
   * Whether the detective controls also put back invocation logging and data retention when they are
   * changed outside the landing zone (`BedrockSettingRestore`): the settings this landing zone writes
   * through `ModelInvocationLogging` and `BedrockDataRetention` in its stack. Off by default: a restore
   * also undoes a deliberate emergency change made by an exempt role, until this is set back to false
   * and deployed. The enforced guardrail is not restored.
   *
   * @default false
   */
  readonly restoreChangedSettings?: boolean;

  /**
   * Whether the detective controls include AWS Config rules. They need a configuration recorder
   * (Control Tower creates one in every governed region); set false in an account without AWS Config.
   *
   * @default true
   */
  readonly detectiveConfigRules?: boolean;

  /**
   * Whether this account and region run an AWS Config configuration recorder. With
   * `ConfigRecorder.NONE` the detective controls create no Config rule (it would fail the deployment),
   * and `detectiveConfigRules: true` is an error.
   *
   * @default ConfigRecorder.EXISTING
   */
  readonly configRecorder?: ConfigRecorder;

  /**
   * Who turns on Security Hub's Bedrock and AgentCore controls in this account and region.
   *
   * @default SecurityHubControls.MANAGED_ELSEWHERE
   */
  readonly securityHubControls?: SecurityHubControls;

  /**
   * Spend controls: a Bedrock budget that sees every model, alerts to the governance topic, an
   * optional spend stop of the application roles, anomaly detection, cost allocation tags. Budgets
   * belong to the account: create the budget in one landing zone of the account and name it in the others.
   *
   * @default - none (the regulated profiles require a budget)
   */
  readonly spend?: LandingZoneSpendSettings;

  /**
   * Whether to create the governance alarms on the notifications topic: invocation log delivery
   * failures, changes of the logging configuration (reported by the detective controls instead when
   * they are on, so once), throttles and server errors of each approved
   * model, the guardrail's intervention share. Profiles HIPAA, PCI DSS and FedRAMP Moderate require
   * them.
   *
   * @default true
   */
  readonly alarms?: boolean;

  /**
   * Declared quotas and token burn levels of approved models, for their quota and burn alarms.
   *
   * @default - no quota or burn alarms
   */
  readonly modelLimits?: ApprovedModelLimits[];

  /**
   * The projects of the OpenAI-compatible endpoint (`bedrock-mantle`) that workloads of this account and
   * region call: each gets an alarm on its share of failed requests (`OpenAiCompatibleAlarms`).
   *
   * @default - no OpenAI-compatible endpoint alarms
   */
  readonly openAiCompatibleProjects?: IOpenAiCompatibleProject[];

  /**
   * Whether to create the governance dashboard of this account and region: log delivery, the approved
   * models, the guardrail, and a spend estimate from the library's pinned, dated list prices.
   *
   * @default true
   */
  readonly dashboard?: boolean;
}
