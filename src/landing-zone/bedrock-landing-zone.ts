import { Annotations, Stack, Token, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApprovedModel } from './approved-model';
import { BedrockLandingZoneProps } from './bedrock-landing-zone-props';
import { GovernanceProfile } from './governance-profile';
import { ModelAccessPolicy } from '../access';
import { GOVERNED_REGION_CONTEXT, governedRegion } from '../core/governed-region';
import { markLandingZoneScope } from '../core/stack-protection';
import { Problems, approvedModelProblems } from '../core/validation';
import { IBedrockDataRetention } from '../data-retention';
import { BedrockDetectiveControls, ConfigRecorder } from '../detective';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { EnforcedGuardrail, IGuardrail } from '../guardrails';
import { IModelInvocationLogging } from '../logging';
import { ApplicationInferenceProfile, Geography, IApplicationInferenceProfile, IBedrockInvokable } from '../models';
import { GovernanceAlarms, GovernanceDashboard, GovernanceNotifications } from '../monitoring';
import { BedrockEndpointService, BedrockPrivateEndpoints, IBedrockPrivateEndpoints } from '../network';
import { BedrockBudget, BedrockSpendAnomalyMonitor, BedrockSpendStop } from '../spend';
import { splitByGuarding } from './private/guarded-models';
import { grantRegionProblems } from './private/jurisdiction';
import { landingZoneAlarms, landingZoneDashboard } from './private/landing-zone-alarms';
import { landingZoneDataRetention } from './private/landing-zone-data-retention';
import { landingZoneDetectiveControls, landingZoneSettingRestore } from './private/landing-zone-detective-controls';
import { landingZoneEndpoints } from './private/landing-zone-endpoints';
import { chooseGeography } from './private/landing-zone-geography';
import { landingZoneGuardrail } from './private/landing-zone-guardrail';
import { landingZoneInvocationLogging } from './private/landing-zone-invocation-logging';
import { landingZoneModelAccess } from './private/landing-zone-model-access';
import { landingZoneNotifications } from './private/landing-zone-notifications';
import { landingZoneSpendControls } from './private/landing-zone-spend-controls';
import { landingZoneWorkloadProfiles } from './private/landing-zone-workload-profiles';


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
  /**
   * The topic every governance signal of this account and region is published to; undefined when nothing
   * publishes (detective controls and alarms off, and no budget or spend stop here)
   */
  public readonly notificationsTopic?: sns.ITopic;
  /** The governance notifications this construct created, when no topic was given and something publishes */
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

    const notifications = landingZoneNotifications(this, props);
    this.notifications = notifications.notifications;
    this.notificationsTopic = notifications.topic;

    if (props.detectiveConfigRules === true && props.configRecorder === ConfigRecorder.NONE) {
      fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: detectiveConfigRules is true but configRecorder is ' +
        'ConfigRecorder.NONE: AWS Config rules need a configuration recorder, and creating one without it fails the deployment; ' +
        'set up AWS Config (or enroll the account in Control Tower) and use ConfigRecorder.EXISTING, or leave detectiveConfigRules out', this);
    }
    if (props.detectiveControls ?? true) {
      this.detectiveControls = landingZoneDetectiveControls(this, {
        notificationsTopic: notifications.topicFor('detectiveControls'),
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
      topic: () => notifications.topicFor('alarms'),
      invocationLogging: this.invocationLogging,
      detectiveReportsLoggingChanges: (this.detectiveControls?.settingChangeRules.length ?? 0) > 0,
      openAiCompatibleProjects: props.openAiCompatibleProjects,
    });
    this.dashboard = landingZoneDashboard(this, props.dashboard, signals);

    this.dataRetention = landingZoneDataRetention(this, this.profile, props.approvedModels, props.dataRetention);
    if (props.restoreChangedSettings) landingZoneSettingRestore(this, this.detectiveControls, this.invocationLogging, this.dataRetention);

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

    const spend = landingZoneSpendControls(this, this.profile, props.spend, props.applicationRoles, notifications.topicFor);
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
    this.workloadInferenceProfiles.forEach(p => this.admitApplicationInferenceProfile(p));
  }

  /**
   * Lets calls to an application inference profile of this account through the runtime endpoints this
   * construct created (see `BedrockPrivateEndpoints.admitApplicationInferenceProfile`): a profile whose
   * access requires the endpoints is unusable until they admit it. The workload profiles are admitted
   * already. With endpoints of your own, their policies are yours: a warning says so.
   *
   * @param profile an application inference profile of this account
   */
  public admitApplicationInferenceProfile(profile: IApplicationInferenceProfile): void {
    if (this.endpoints instanceof BedrockPrivateEndpoints) {
      this.endpoints.admitApplicationInferenceProfile(profile);
    } else {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:ownEndpointsAdmitProfile',
        `The endpoints are your own: their runtime endpoint policy must admit the application inference profile ${profile.node.path} and its routes.`);
    }
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
