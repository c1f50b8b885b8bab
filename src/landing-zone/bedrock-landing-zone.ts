import { Stack, Token, aws_ec2 as ec2, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApprovedModel } from './approved-model';
import { ApprovedModelLimits } from './approved-model-limits';
import { GovernanceProfile } from './governance-profile';
import { LandingZoneSpendSettings } from './landing-zone-spend';
import { ModelAccessPolicy } from '../access';
import { GOVERNED_REGION_CONTEXT, governedRegion } from '../core/governed-region';
import { markLandingZoneScope } from '../core/stack-protection';
import { Problems, approvedModelProblems } from '../core/validation';
import { IBedrockDataRetention } from '../data-retention';
import { BedrockDetectiveControls, ConfigRecorder, SecurityHubControls } from '../detective';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { EnforcedGuardrail, GuardrailProps, IGuardrail } from '../guardrails';
import { IModelInvocationLogging } from '../logging';
import { ApplicationInferenceProfile, Geography, IBedrockInvokable } from '../models';
import { IOpenAiCompatibleProject } from '../models/openai-compatible-project';
import { GovernanceAlarms, GovernanceDashboard, GovernanceNotifications, GovernanceNotificationsProps } from '../monitoring';
import { BedrockEndpointService, IBedrockPrivateEndpoints } from '../network';
import { BedrockBudget, BedrockSpendAnomalyMonitor, BedrockSpendStop } from '../spend';
import { splitByGuarding } from './private/guarded-models';
import { grantRegionProblems } from './private/jurisdiction';
import { landingZoneAlarms, landingZoneDashboard } from './private/landing-zone-alarms';
import { landingZoneDataRetention } from './private/landing-zone-data-retention';
import { landingZoneDetectiveControls } from './private/landing-zone-detective-controls';
import { landingZoneEndpoints } from './private/landing-zone-endpoints';
import { chooseGeography } from './private/landing-zone-geography';
import { landingZoneGuardrail } from './private/landing-zone-guardrail';
import { landingZoneInvocationLogging } from './private/landing-zone-invocation-logging';
import { landingZoneModelAccess } from './private/landing-zone-model-access';
import { landingZoneNotifications } from './private/landing-zone-notifications';
import { landingZoneSpendControls } from './private/landing-zone-spend-controls';
import { landingZoneWorkloadProfiles } from './private/landing-zone-workload-profiles';


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
   * when a governance signal fires.
   *
   * @default - a topic with no subscriptions (subscribe to `notificationsTopic` yourself)
   */
  readonly notifications?: GovernanceNotificationsProps;

  /**
   * A governance notifications topic of your own (one per account and region) instead of the one this
   * construct creates. Its policy and key policy must admit the services that publish governance
   * signals (see `GovernanceNotifications`).
   *
   * @default - a `GovernanceNotifications` topic is created
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

/**
 * A governed Amazon Bedrock landing zone for one account and region, from governance profiles and one
 * list of approved models:
 * - private endpoints whose policies pass only the approved models and the guardrail;
 * - invocation logging to encrypted, retained stores;
 * - a guardrail, enforced account-wide and by IAM (invocations without it are denied);
 * - a model access policy that allows the approved models, only with the guardrail, only through the
 *   private endpoints, only in the geography's destination regions.
 *
 * Every part is exposed, and each can be replaced by your own.
 */
export class BedrockLandingZone extends Construct {
  /**
   * Declares the region that an environment-agnostic stack governs: a StackSet template is deployed
   * to every account of its targets, one region per StackSet, so its account stays a parameter while
   * its region is known. Call it before adding constructs to the stack.
   *
   * @param stack the environment-agnostic stack (e.g. a StackSet stack)
   * @param region the one region the stack will be deployed to
   */
  public static governRegion(stack: Stack, region: string): void {
    if (!Token.isUnresolved(stack.region)) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_REGION_ALREADY_SET,
        `BedrockLandingZone.governRegion: the stack already has region ${stack.region}; governRegion is for environment-agnostic stacks`, stack);
    }
    stack.node.setContext(GOVERNED_REGION_CONTEXT, region);
  }

  /** The combined governance profile */
  public readonly profile: GovernanceProfile;
  /** The geography data stays in */
  public readonly geography: Geography;
  /** The approved models, resolved for this region */
  public readonly models: IBedrockInvokable[];
  /** The private endpoints */
  public readonly endpoints: IBedrockPrivateEndpoints;
  /** The invocation logging */
  public readonly invocationLogging: IModelInvocationLogging;
  /** The account's data retention setting */
  public readonly dataRetention: IBedrockDataRetention;
  /** The guardrail every invocation carries */
  public readonly guardrail: IGuardrail;
  /** The account-wide enforcement of the guardrail, when enabled */
  public readonly enforcedGuardrail?: EnforcedGuardrail;
  /** The managed policy for application roles: the approved models, with the guardrail */
  public readonly modelAccessPolicy: ModelAccessPolicy;
  /** The managed policy for the approved embedding models (no guardrail: embeddings carry no text to filter), when there are any */
  public readonly embeddingAccessPolicy?: ModelAccessPolicy;
  /** The topic every governance signal of this account and region is published to */
  public readonly notificationsTopic: sns.ITopic;
  /** The governance notifications this construct created, when no topic was given */
  public readonly notifications?: GovernanceNotifications;
  /** The detective controls, when enabled */
  public readonly detectiveControls?: BedrockDetectiveControls;
  /** The name of the budget that covers this account (created here or elsewhere), when there is one */
  public readonly budgetName?: string;
  /** The Bedrock budget this construct created */
  public readonly budget?: BedrockBudget;
  /** The spend stop of the application roles, when `spend.stopAtPercentage` is set */
  public readonly spendStop?: BedrockSpendStop;
  /** The spend anomaly monitor this construct created */
  public readonly spendAnomalyMonitor?: BedrockSpendAnomalyMonitor;
  /** The budgets per team tag value this construct created (`spend.teamBudgets`) */
  public readonly teamBudgets: BedrockBudget[];
  /** The application inference profiles per workload this construct created (`spend.workloads`) */
  public readonly workloadInferenceProfiles: ApplicationInferenceProfile[];
  /** The governance alarms, unless turned off */
  public readonly alarms?: GovernanceAlarms;
  /** The governance dashboard, unless turned off */
  public readonly dashboard?: GovernanceDashboard;

  constructor(scope: Construct, id: string, props: BedrockLandingZoneProps) {
    super(scope, id);
    // What a protected stack's tag reaches under here is the landing zone's own (LandingZoneStackProtection).
    markLandingZoneScope(this);
    const wrongKind = new Problems();
    approvedModelProblems('approvedModels', props.approvedModels, v => v instanceof ApprovedModel).forEach(p => wrongKind.add(p));
    wrongKind.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.APPROVED_MODEL_KIND);
    this.profile = GovernanceProfile.combine(props.profiles ?? [GovernanceProfile.BASELINE]);
    this.geography = this.validateAndChooseGeography(props);
    this.models = props.approvedModels.map(m => m.resolve(this, this.geography));
    // Residency by meaning: whatever route a model was declared by, the regions its grant reaches.
    const residency = new Problems();
    grantRegionProblems(this, this.models, props.approvedModels, this.profile).forEach(p => residency.add(p));
    residency.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_GRANT_REGIONS);
    const split = splitByGuarding(this.models, props.approvedModels);

    const guardrail = landingZoneGuardrail(this, { ...props, profile: this.profile, embedding: split.embedding });
    this.guardrail = guardrail.guardrail;
    this.enforcedGuardrail = guardrail.enforcedGuardrail;

    const notifications = landingZoneNotifications(this, props.notifications, props.notificationsTopic);
    this.notifications = notifications.notifications;
    this.notificationsTopic = notifications.topic;

    if (props.detectiveConfigRules === true && props.configRecorder === ConfigRecorder.NONE) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: detectiveConfigRules is true but configRecorder is ' +
        'ConfigRecorder.NONE: AWS Config rules need a configuration recorder, and creating one without it fails the deployment; ' +
        'set up AWS Config (or enroll the account in Control Tower) and use ConfigRecorder.EXISTING, or leave detectiveConfigRules out', this);
    }
    if (props.detectiveControls ?? true) {
      this.detectiveControls = landingZoneDetectiveControls(this, {
        notificationsTopic: this.notificationsTopic,
        configRules: props.detectiveConfigRules,
        configRecorder: props.configRecorder,
        securityHub: props.securityHubControls,
        approvedModels: props.approvedModels,
        profile: this.profile,
        geography: this.geography,
      });
    }

    this.invocationLogging = landingZoneInvocationLogging(this, this.profile, props.invocationLogging);

    const signals = {
      profile: this.profile, approvedModels: props.approvedModels, models: this.models, modelLimits: props.modelLimits, guardrail: this.guardrail,
    };
    this.alarms = landingZoneAlarms(this, props.alarms, {
      ...signals,
      topic: this.notificationsTopic,
      invocationLogging: this.invocationLogging,
      detectiveReportsLoggingChanges: (this.detectiveControls?.settingChangeRules.length ?? 0) > 0,
      openAiCompatibleProjects: props.openAiCompatibleProjects,
    });
    this.dashboard = landingZoneDashboard(this, props.dashboard, signals);

    this.dataRetention = landingZoneDataRetention(this, this.profile, props.approvedModels, props.dataRetention);

    this.endpoints = landingZoneEndpoints(this, props.endpoints, {
      profile: this.profile,
      models: this.models,
      guardrail: this.guardrail,
      vpc: props.vpc,
      agentCore: props.agentCore,
      organizationId: props.organizationId,
    });

    const access = landingZoneModelAccess(this, {
      profile: this.profile,
      models: this.models,
      split,
      guardrail: this.guardrail,
      endpoints: this.endpoints,
      applicationRoles: props.applicationRoles,
    });
    this.modelAccessPolicy = access.modelAccessPolicy;
    this.embeddingAccessPolicy = access.embeddingAccessPolicy;

    const spend = landingZoneSpendControls(this, this.profile, props.spend, props.applicationRoles, this.notificationsTopic);
    this.budgetName = spend.budgetName;
    this.budget = spend.budget;
    this.spendStop = spend.spendStop;
    this.spendAnomalyMonitor = spend.spendAnomalyMonitor;
    this.teamBudgets = spend.teamBudgets ?? [];
    this.workloadInferenceProfiles = landingZoneWorkloadProfiles(this, {
      spend: props.spend,
      profile: this.profile,
      guarded: split.guarded,
      guardrail: this.guardrail,
      endpoints: this.endpoints,
      applicationRoles: props.applicationRoles,
    });
  }

  /**
   * The props that configure what this construct creates cannot come with a part of your own; the
   * region and profiles decide the geography. Every problem of both is thrown at once.
   */
  private validateAndChooseGeography(props: BedrockLandingZoneProps): Geography {
    const problems = new Problems();
    problems.check(!(props.guardrail && props.guardrailProps), 'guardrail and guardrailProps are both given: guardrailProps configures the guardrail ' +
      'this construct creates; configure your own guardrail directly');
    problems.check(!(props.endpoints && props.agentCore && !props.endpoints.endpointFor(BedrockEndpointService.AGENTCORE)),
      'agentCore is true but the endpoints given have no AgentCore endpoint: create them with ' +
      'services: BedrockEndpointService.agentCore(), or leave endpoints out');
    for (const name of ['vpc', 'organizationId'] as const) {
      problems.check(!(props.endpoints && props[name] !== undefined), `endpoints and ${name} are both given: ${name} configures the endpoints ` +
        'this construct creates; configure your own endpoints directly');
    }
    const choice = chooseGeography(governedRegion(this), props.geography, this.profile, props.approvedModels);
    choice.problems.forEach(p => problems.add(p));
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);
    return choice.geography ?? fail(BedrockLandingZoneErrorCode.INTERNAL, 'BedrockLandingZone: no geography was chosen and no problem was reported', this);
  }
}
