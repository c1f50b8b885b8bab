import { Stack, Token, aws_ec2 as ec2, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApprovedModel } from './approved-model';
import { ApprovedModelLimits } from './approved-model-limits';
import { GovernanceProfile } from './governance-profile';
import { LandingZoneSpendSettings } from './landing-zone-spend';
import { ModelAccessPolicy } from '../access';
import { BedrockDataRetention, DataRetentionMode } from '../data-retention';
import { BedrockDetectiveControls, ConfigRecorder, SecurityHubControls } from '../detective';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { EnforcedGuardrail, Guardrail, GuardrailPreset, GuardrailProps, IGuardrail, SelectiveGuardingMode } from '../guardrails';
import { EmbeddingModel } from '../knowledge-bases';
import { InvocationLoggingDeletion, ModelInvocationLogging } from '../logging';
import { ApplicationInferenceProfile, Geography, IBedrockInvokable, IInferenceProfileSource, ServiceTier } from '../models';
import { GovernanceAlarms, GovernanceDashboard, GovernanceNotifications, GovernanceNotificationsProps } from '../monitoring';
import { BedrockEndpointService, BedrockPrivateEndpoints } from '../network';
import { IOpenAiCompatibleProject } from '../openai-compatible/openai-compatible-project';
import { grantRegionProblems } from './private/jurisdiction';
import { teamBudgetProblems, teamConstructId, workloadProblems } from './private/team-budgets';
import { mostRetention, retentionRank } from '../private/data-retention-order';
import { GEOGRAPHY_PREFERENCE } from '../private/geography-preference';
import { GOVERNED_REGION_CONTEXT, governedRegion } from '../private/governed-region';
import { protectTree } from '../private/protected-resources';
import { markLandingZoneScope } from '../private/stack-protection';
import { Problems, approvedModelProblems, oneOf } from '../private/validation';
import { BedrockBudget, BedrockSpendAnomalyMonitor, BedrockSpendStop, BudgetScope } from '../spend';
import { applyCostTags, costTagProblems, untaggablePrincipalProblems } from '../spend/private/cost-tags';


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
  readonly endpoints?: BedrockPrivateEndpoints;

  /**
   * Invocation logging of your own (one per account and region) instead of the one this construct creates.
   *
   * @default - encrypted, retained S3 and CloudWatch Logs destinations, retention from the profiles
   */
  readonly invocationLogging?: ModelInvocationLogging;

  /**
   * The data retention setting of your own (one per account and region) instead of the one this
   * construct creates. Its mode must be one the profiles allow and the approved models accept.
   *
   * @default - the profiles' mode, or more where an approved model requires it
   */
  readonly dataRetention?: BedrockDataRetention;

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
   * failures, changes of the logging configuration, throttles and server errors of each approved
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
  public readonly endpoints: BedrockPrivateEndpoints;
  /** The invocation logging */
  public readonly invocationLogging: ModelInvocationLogging;
  /** The account's data retention setting */
  public readonly dataRetention: BedrockDataRetention;
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
    this.geography = this.chooseGeography(props);
    this.models = props.approvedModels.map(m => m.resolve(this, this.geography));
    // Residency by meaning: whatever route a model was declared by, the regions its grant reaches.
    const residency = new Problems();
    grantRegionProblems(this, this.models, props.approvedModels, this.profile).forEach(p => residency.add(p));
    residency.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_GRANT_REGIONS);
    // Guardrails filter text and images in prompts and answers; embedding calls carry neither, so
    // embedding models are exempt from the guardrail requirements (still private, still logged).
    const isEmbedding = (m: ApprovedModel) => m.modelId !== undefined && EmbeddingModel.fromModelId(m.modelId) !== undefined;
    const guarded = this.models.filter((_, i) => !isEmbedding(props.approvedModels[i]));
    const embedding = this.models.filter((_, i) => isEmbedding(props.approvedModels[i]));

    // The baseline filters are the floor: a profile that only restricts geography still gets them.
    const presets = [GuardrailPreset.BASELINE, ...this.profile.guardrailPresets, ...(props.guardrailProps?.presets ?? [])];
    this.guardrail = props.guardrail ?? new Guardrail(this, 'Guardrail', {
      ...props.guardrailProps,
      presets: presets.filter((p, i) => presets.indexOf(p) === i),
    });
    // The guardrail every invocation must carry (and its key) is protected like the logging stores.
    if (!props.guardrail) protectTree(this.guardrail);
    if (props.guardrailEnforcedByOrganization && props.enforceGuardrailAccountWide) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: guardrailEnforcedByOrganization and enforceGuardrailAccountWide are both ' +
        'true: the organization enforces its guardrail on this account, and an account-wide configuration would be a second one; leave one out', this);
    }
    if (props.enforceGuardrailAccountWide ?? !props.guardrailEnforcedByOrganization) {
      this.enforcedGuardrail = new EnforcedGuardrail(this, 'EnforcedGuardrail', {
        guardrail: this.guardrail,
        // The whole request, not only what the caller tags for guarding: a caller cannot leave text out.
        systemGuarding: SelectiveGuardingMode.COMPREHENSIVE,
        messagesGuarding: SelectiveGuardingMode.COMPREHENSIVE,
        excludedModels: embedding.length > 0 ? embedding : undefined,
      });
    }

    if (props.notificationsTopic && props.notifications) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: notificationsTopic and notifications are both given: notifications ' +
        'configures the topic this construct creates; subscribe to your own topic directly', this);
    }
    if (!props.notificationsTopic) this.notifications = new GovernanceNotifications(this, 'Notifications', props.notifications);
    this.notificationsTopic = props.notificationsTopic ?? this.notifications!.topic;

    if (props.detectiveConfigRules === true && props.configRecorder === ConfigRecorder.NONE) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: detectiveConfigRules is true but configRecorder is ' +
        'ConfigRecorder.NONE: AWS Config rules need a configuration recorder, and creating one without it fails the deployment; ' +
        'set up AWS Config (or enroll the account in Control Tower) and use ConfigRecorder.EXISTING, or leave detectiveConfigRules out', this);
    }
    if (props.detectiveControls ?? true) {
      const modelIds = props.approvedModels.map(m => m.modelId).filter((m): m is string => m !== undefined);
      const geographies = this.profile.allowedGeographies ?? [this.geography];
      this.detectiveControls = new BedrockDetectiveControls(this, 'DetectiveControls', {
        notificationsTopic: this.notificationsTopic,
        configRules: props.detectiveConfigRules,
        configRecorder: props.configRecorder,
        securityHub: props.securityHubControls,
        approvedModels: modelIds.length > 0 ? modelIds : undefined,
        approvedGeographies: modelIds.length > 0
          ? [...geographies, ...props.approvedModels.some(m => m.isGlobal) ? [Geography.GLOBAL] : []] : undefined,
      });
    }

    if (props.invocationLogging) this.checkReplacedLogging(props.invocationLogging);
    this.invocationLogging = props.invocationLogging ?? new ModelInvocationLogging(this, 'InvocationLogging', {
      logRetention: this.profile.minimumLogRetention,
      onDelete: InvocationLoggingDeletion.RETAIN_CONFIGURATION,
    });

    this.alarms = this.createAlarms(props);
    if (props.dashboard !== false) {
      this.dashboard = new GovernanceDashboard(this, 'Dashboard', {
        models: this.models.map((model, i) => ({ ...props.modelLimits?.find(l => l.model === props.approvedModels[i]), model })),
        guardrails: [this.guardrail],
      });
    }

    const retention = this.dataRetentionMode(props);
    this.dataRetention = props.dataRetention ?? new BedrockDataRetention(this, 'DataRetention', {
      mode: retention,
    });

    this.endpoints = props.endpoints ?? new BedrockPrivateEndpoints(this, 'Endpoints', {
      vpc: props.vpc,
      services: [
        ...this.profile.fipsEndpoints ? [BedrockEndpointService.RUNTIME_FIPS] : [],
        ...props.agentCore ? BedrockEndpointService.agentCore() : [],
      ],
      models: this.models,
      guardrails: [this.guardrail],
      organizationId: props.organizationId,
    });
    // The endpoints' policies keep outside credentials and unapproved models off the private path: protected like the logging stores.
    if (!props.endpoints) {
      [...this.endpoints.endpoints, ...this.endpoints.s3GatewayEndpoint ? [this.endpoints.s3GatewayEndpoint] : []].forEach(protectTree);
    }

    this.modelAccessPolicy = new ModelAccessPolicy(this, 'ModelAccess', {
      models: guarded.length > 0 ? guarded : this.models,
      requireGuardrail: guarded.length > 0 ? this.guardrail : undefined,
      requireVpcEndpoints: this.endpoints.runtimeEndpoints,
      allowedServiceTiers: this.profile.allowedServiceTiers,
      acknowledgeReservedCapacity: this.profile.allowedServiceTiers?.includes(ServiceTier.RESERVED),
      roles: props.applicationRoles,
      description: `Invoke the landing zone's approved Amazon Bedrock models (${this.profile.name}), with the guardrail, through the private endpoints`,
    });
    if (embedding.length > 0 && guarded.length > 0) {
      this.embeddingAccessPolicy = new ModelAccessPolicy(this, 'EmbeddingModelAccess', {
        models: embedding,
        requireVpcEndpoints: this.endpoints.runtimeEndpoints,
        allowedServiceTiers: this.profile.allowedServiceTiers,
        acknowledgeReservedCapacity: this.profile.allowedServiceTiers?.includes(ServiceTier.RESERVED),
        roles: props.applicationRoles,
        description: `Invoke the landing zone's approved Amazon Bedrock embedding models (${this.profile.name}), through the private endpoints`,
      });
    }

    const spend = this.spendControls(props);
    this.budgetName = spend.budgetName;
    this.budget = spend.budget;
    this.spendStop = spend.spendStop;
    this.spendAnomalyMonitor = spend.spendAnomalyMonitor;
    this.teamBudgets = spend.teamBudgets ?? [];
    this.workloadInferenceProfiles = this.workloadProfiles(props, guarded);
  }

  /**
   * The budget (created here or named), the stop of the application roles, anomaly detection and the
   * cost allocation tags, as the spend settings and the profiles ask.
   */
  private spendControls(props: BedrockLandingZoneProps): SpendControls {
    const spend = props.spend;
    const roles = props.applicationRoles ?? [];
    const problems = new Problems();
    problems.check(!this.profile.requireBudget || spend?.monthlyLimitUsd !== undefined || spend?.existingBudgetName !== undefined,
      `profile ${this.profile.name} requires a Bedrock budget: give spend: { monthlyLimitUsd } to create one here, or ` +
      'spend: { existingBudgetName } when another landing zone of the account creates it');
    if (spend) {
      problems.check(!(spend.monthlyLimitUsd !== undefined && spend.existingBudgetName !== undefined),
        'spend.monthlyLimitUsd and spend.existingBudgetName are both given: give monthlyLimitUsd to create the budget here, ' +
        'or existingBudgetName when it is created elsewhere');
      problems.check(spend.stopAtPercentage === undefined || spend.monthlyLimitUsd !== undefined || spend.existingBudgetName !== undefined,
        'spend.stopAtPercentage is set without a budget: give spend.monthlyLimitUsd, or spend.existingBudgetName for the account\'s budget created elsewhere');
      problems.check(spend.stopAtPercentage === undefined || roles.length > 0,
        'spend.stopAtPercentage is set but applicationRoles is empty: the stop would have nobody to stop; give the application roles');
    }
    const tags = spend?.costTags ?? {};
    const missing = this.profile.requiredCostTags.filter(k => tags[k] === undefined || tags[k] === '');
    problems.check(missing.length === 0 || roles.length === 0,
      `profile ${this.profile.name} requires the cost allocation tags ${oneOf(this.profile.requiredCostTags)} on the application roles, but ` +
      `spend.costTags lacks ${oneOf(missing)}: give spend: { costTags: { ${missing.map(k => `'${k}': '...'`).join(', ')} } }`);
    costTagProblems('spend.costTags', tags).forEach(p => problems.add(p));
    if (Object.keys(tags).length > 0) untaggablePrincipalProblems('applicationRoles', roles, 'spend.costTags').forEach(p => problems.add(p));
    teamBudgetProblems(spend).forEach(p => problems.add(p));
    workloadProblems(spend).forEach(p => problems.add(p));
    problems.check((spend?.workloads ?? []).length === 0 || roles.length > 0,
      'spend.workloads is given but applicationRoles is empty: the workloads\' inference profiles would have nobody to invoke them; give the application roles');
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);

    // Tags on the roles the landing zone grants: Bedrock attributes their spend to them (iamPrincipal/<key>).
    applyCostTags(roles, tags);
    if (spend === undefined) return {};
    const budget = spend.monthlyLimitUsd === undefined ? undefined : new BedrockBudget(this, 'Budget', {
      monthlyLimitUsd: spend.monthlyLimitUsd,
      topic: this.notificationsTopic,
      scope: spend.scope,
      thresholds: spend.thresholds,
      emails: spend.emails,
      budgetName: spend.budgetName,
    });
    const budgetName = budget?.budgetName ?? spend.existingBudgetName;
    // Each region's landing zone stops its own roles, on the one budget of the account.
    const spendStop = spend.stopAtPercentage === undefined || budgetName === undefined ? undefined : new BedrockSpendStop(this, 'SpendStop', {
      budget: budget ?? BedrockBudget.fromBudgetName(budgetName),
      roles,
      topic: this.notificationsTopic,
      thresholdPercentage: spend.stopAtPercentage,
      approval: spend.stopApproval,
    });
    if (budget === undefined) return { budgetName, spendStop, teamBudgets: [] };
    const spendAnomalyMonitor = spend.anomalyDetection === false ? undefined
      : new BedrockSpendAnomalyMonitor(this, 'SpendAnomalies', { topic: this.notificationsTopic });
    // One budget per team tag value, each by its principals' tag; the id follows the team, not its position in the list.
    const teamBudgets = (spend.teamBudgets ?? []).map(t => new BedrockBudget(this, `TeamBudget-${teamConstructId(t.team)}`, {
      monthlyLimitUsd: t.monthlyLimitUsd,
      topic: this.notificationsTopic,
      scope: BudgetScope.principalTag(spend.teamTagKey!, [t.team]),
      thresholds: spend.thresholds,
      emails: spend.emails,
    }));
    return { budgetName, budget, spendStop, spendAnomalyMonitor, teamBudgets };
  }

  /**
   * One application inference profile per workload and approved chat model, tagged with the cost tags
   * and the workload, which the application roles may invoke under the approved models' conditions.
   */
  private workloadProfiles(props: BedrockLandingZoneProps, guarded: IBedrockInvokable[]): ApplicationInferenceProfile[] {
    const spend = props.spend;
    const workloads = spend?.workloads ?? [];
    if (workloads.length === 0) return [];
    // A profile copies a foundation model or a system-defined profile, which is what an approved model resolves to.
    const sources = guarded.filter((m): m is IInferenceProfileSource => typeof (m as Partial<IInferenceProfileSource>).sourceArn === 'function');
    // IAM attaches at most 10 managed policies to a role by default: the landing zone's own, the stop's deny and the team's need room.
    if (workloads.length * sources.length > MAX_WORKLOAD_PROFILES) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, `BedrockLandingZone: spend.workloads gives ${workloads.length} workload(s) × ${sources.length} ` +
        `approved chat model(s) = ${workloads.length * sources.length} application inference profiles, each granted to the application roles by a managed ` +
        `policy; at most ${MAX_WORKLOAD_PROFILES} fit beside the others (IAM attaches 10 managed policies to a role by default): give fewer workloads`, this);
    }
    const profiles = workloads.flatMap(workload => sources.map((source, i) => new ApplicationInferenceProfile(this,
      `WorkloadProfile-${teamConstructId(workload)}-${i + 1}`, {
        modelSource: source,
        description: `Workload ${teamConstructId(workload)} model ${i + 1}`,
        tags: { ...spend!.costTags, [spend!.workloadTagKey!]: workload },
      })));
    // One policy per profile: a profile's statements take about half of a managed policy's 6,144 characters.
    profiles.forEach(profile => new ModelAccessPolicy(this, `${profile.node.id}-Access`, {
      models: [profile],
      requireGuardrail: this.guardrail,
      requireVpcEndpoints: this.endpoints.runtimeEndpoints,
      allowedServiceTiers: this.profile.allowedServiceTiers,
      acknowledgeReservedCapacity: this.profile.allowedServiceTiers?.includes(ServiceTier.RESERVED),
      roles: props.applicationRoles,
      description: `Invoke a workload's application inference profile of an approved model (${this.profile.name}), with the guardrail, through the private endpoints`,
    }));
    return profiles;
  }

  /** The governance alarms: required by the regulated profiles, on by default for every other. */
  private createAlarms(props: BedrockLandingZoneProps): GovernanceAlarms | undefined {
    const problems = new Problems();
    problems.check(props.alarms !== false || !this.profile.requiresLoggingAlarms, `alarms is false, but profile ${this.profile.name} requires ` +
      'the invocation log delivery alarms: an operator must show the logging works; leave alarms out or set it to true');
    const limits = props.modelLimits ?? [];
    problems.check(props.alarms !== false || limits.length === 0, 'modelLimits is given but alarms is false: the limits are alarm thresholds; turn alarms on or leave modelLimits out');
    problems.check(props.alarms !== false || (props.openAiCompatibleProjects ?? []).length === 0,
      'openAiCompatibleProjects is given but alarms is false: the projects are given for their alarms; turn alarms on or leave openAiCompatibleProjects out');
    limits.forEach((l, i) => problems.check(props.approvedModels.includes(l.model),
      `modelLimits[${i}].model is ${l.model}, which is not one of approvedModels (the same object): limits apply to approved models only`));
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);
    if (props.alarms === false) return undefined;
    return new GovernanceAlarms(this, 'Alarms', {
      topic: this.notificationsTopic,
      s3Delivery: this.invocationLogging.logBucket !== undefined,
      cloudWatchLogsDelivery: this.invocationLogging.logGroupName !== undefined,
      models: this.models.map((model, i) => ({ ...limits.find(l => l.model === props.approvedModels[i]), model })),
      guardrails: [this.guardrail],
      openAiCompatibleProjects: props.openAiCompatibleProjects,
    });
  }

  /**
   * The mode to set: the profiles' own, or the most an approved model requires, within the most the
   * profiles allow. A setting of the user's own must meet the same bounds.
   */
  private dataRetentionMode(props: BedrockLandingZoneProps): DataRetentionMode {
    const problems = new Problems();
    const maximum = this.profile.maximumDataRetention;
    const requiring = props.approvedModels.filter(m => m.requiredDataRetention !== undefined);
    const mode = mostRetention([this.profile.dataRetention, ...requiring.map(m => m.requiredDataRetention!)]);
    if (maximum !== undefined) {
      requiring.filter(m => retentionRank(m.requiredDataRetention!) > retentionRank(maximum)).forEach(m => problems.add(
        `approvedModels: ${m} requires data retention '${m.requiredDataRetention}', but profile ${this.profile.name} allows at most ` +
        `'${maximum}': remove the model from this landing zone's list, or govern it under a profile that allows that mode`));
    }
    const own = props.dataRetention;
    if (own) {
      if (maximum !== undefined && retentionRank(own.mode) > retentionRank(maximum)) {
        problems.add(`dataRetention sets mode '${own.mode}', but profile ${this.profile.name} allows at most '${maximum}'`);
      }
      requiring.filter(m => retentionRank(own.mode) < retentionRank(m.requiredDataRetention!)).forEach(m => problems.add(
        `dataRetention sets mode '${own.mode}', but approved model ${m} requires '${m.requiredDataRetention}': its calls would fail`));
    }
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_DATA_RETENTION);
    return own?.mode ?? mode;
  }

  /** A logging part of your own must still meet the profile: its retention, and text delivery on. */
  private checkReplacedLogging(logging: ModelInvocationLogging): void {
    const problems = new Problems();
    const minimum = this.profile.minimumLogRetention;
    if (logging.logRetention !== undefined && logging.logRetention < minimum) {
      problems.add(`invocationLogging keeps its log group ${logging.logRetention} days, but profile ${this.profile.name} requires at least ${minimum} days: ` +
        `set its logRetention to at least logs.RetentionDays with ${minimum} days`);
    }
    const expiryDays = logging.expiration?.toDays();
    if (expiryDays !== undefined && expiryDays < minimum) {
      problems.add(`invocationLogging expires its logs in the bucket after ${expiryDays} days, but profile ${this.profile.name} requires at least ` +
        `${minimum} days: set its expiration to at least Duration.days(${minimum}), or leave it out`);
    }
    problems.check(logging.textDataDelivery, `invocationLogging does not deliver text (textDataDelivery: false), but profile ${this.profile.name} ` +
      'requires prompts and answers to be logged: set textDataDelivery to true');
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_INVOCATION_LOGGING);
  }

  private chooseGeography(props: BedrockLandingZoneProps): Geography {
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
    const region = governedRegion(this);
    const allowed = this.profile.allowedGeographies;
    if (region === undefined) {
      problems.add('the stack is environment-agnostic: a landing zone governs one region; give the stack an env with account and region, ' +
        'or declare the region of a StackSet template with BedrockLandingZone.governRegion(stack, region)');
      problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);
      return Geography.EU;
    }
    const candidates = props.geography ? [props.geography] : (allowed ?? GEOGRAPHY_PREFERENCE);
    const geography = candidates.find(g => !g.isGlobal && g.isSourceRegion(region));
    if (props.geography && allowed && !allowed.some(g => g.prefix === props.geography!.prefix)) {
      problems.add(`geography '${props.geography.prefix}' is not allowed by profile ${this.profile.name}; allowed: ${oneOf(allowed.map(g => g.prefix))}`);
    }
    if (!geography) {
      problems.add(`region ${region} is not a source region of ${props.geography ? `geography '${props.geography.prefix}'` : `any allowed geography (${oneOf(candidates.map(g => g.prefix))})`}` +
        (allowed ? ` under profile ${this.profile.name}: deploy this landing zone in one of ${oneOf(allowed.flatMap(g => g.sourceRegions))}` : ''));
    }
    const allowedRegions = this.profile.allowedRegions;
    if (geography && allowedRegions && !allowedRegions.includes(region)) {
      problems.add(`region ${region} is outside the regions profile ${this.profile.name} allows` +
        `${this.profile.jurisdiction ? ` (jurisdiction ${this.profile.jurisdiction})` : ''}: deploy this landing zone in one of ${oneOf(allowedRegions)}`);
    }
    if (!this.profile.allowsGlobalProfiles) {
      props.approvedModels.filter(m => m.isGlobal).forEach(m =>
        problems.add(`approvedModels: ${m} may route to any commercial region, which profile ${this.profile.name} does not allow; ` +
          'use ApprovedModel.throughGeography(modelId) instead'));
    }
    problems.check(props.approvedModels.length > 0, 'approvedModels is empty: give at least one approved model');
    problems.throwIfAny(this, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);
    return geography!;
  }
}

/** The most workload inference profiles (each with its own managed policy on the application roles). */
const MAX_WORKLOAD_PROFILES = 5;

/** What `spendControls` created or named. */
interface SpendControls {
  readonly budgetName?: string;
  readonly budget?: BedrockBudget;
  readonly spendStop?: BedrockSpendStop;
  readonly spendAnomalyMonitor?: BedrockSpendAnomalyMonitor;
  readonly teamBudgets?: BedrockBudget[];
}
