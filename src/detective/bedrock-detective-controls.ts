import { Annotations, Aws, RemovalPolicy, Token, aws_config as config, aws_events as events, aws_securityhub as securityhub, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockSettingRestore, BedrockSettingRestoreProps } from './bedrock-setting-restore';
import { ConfigRecorder } from './config-recorder';
import { AI_SECURITY_STANDARD_PATH } from './private/security-hub-controls';
import { SecurityHubControls } from './security-hub-controls';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { Geography } from '../models/geography';
import { CONFIG_MANAGED_RULES, MEMORY_KEY_GUARD_REGIONS, dataSourcesEvaluatedIn, managedRuleExistsIn } from './private/config-managed-rules';
import { SETTING_EVENT_GROUPS, settingEventPattern } from './private/governance-setting-events';
import { declareAccountRegionSingleton } from '../core/account-singleton';
import { governedRegion } from '../core/governed-region';
import { GuardRuleEntry, dataSourceParsingModelGuardRule, memoryKeyGuardRule } from './private/guard-rules';
import { protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';

/**
 * Properties of the detective controls of one account and region.
 */
export interface BedrockDetectiveControlsProps {
  /**
   * The governance notifications topic of this account and region (`BedrockLandingZone.notificationsTopic`
   * or `GovernanceNotifications.topic`). Its policy must admit `events.amazonaws.com` for this account:
   * the rules publish to it without adding any statement of their own.
   */
  readonly notificationsTopic: sns.ITopic;

  /**
   * Whether to create the AWS Config rules (managed and Guard). They need a configuration recorder that
   * records the Bedrock and AgentCore types, which this construct never creates: AWS Control Tower
   * creates one in every governed region; elsewhere, set up AWS Config first, or set this to false.
   * Set it to false too where `BedrockOrganizationDetectiveControls` deploys the same rules organization-wide.
   *
   * @default - true, unless `configRecorder` is `ConfigRecorder.NONE`
   */
  readonly configRules?: boolean;

  /**
   * Whether the account and region run a configuration recorder. With `ConfigRecorder.NONE` no Config
   * rule is created (creating one would fail the deployment), and `configRules: true` is an error.
   *
   * @default ConfigRecorder.EXISTING
   */
  readonly configRecorder?: ConfigRecorder;

  /**
   * Who turns on Security Hub's Bedrock and AgentCore controls here.
   *
   * @default SecurityHubControls.MANAGED_ELSEWHERE
   */
  readonly securityHub?: SecurityHubControls;

  /**
   * Whether to alert on every change of the account-level settings the organization policies protect
   * (invocation logging, the enforced guardrail, data retention, CloudWatch Logs account and resource
   * policies) and on calls that would blind the detective controls (Config recorder, trail). Needs a
   * CloudTrail trail that logs management events in the region (Control Tower's organization trail does).
   *
   * @default true
   */
  readonly settingChangeAlerts?: boolean;

  /**
   * The model IDs knowledge base data sources may parse documents with, without a geography prefix (the
   * same list as `BedrockGovernanceChecks.approvedModels`). Given, a Guard rule reports data sources
   * that parse with any other model.
   *
   * @default - no parsing-model rule
   */
  readonly approvedModels?: string[];

  /**
   * The geographies whose inference profiles a data source may parse through (with `approvedModels`).
   *
   * @default - every geography but the global one (its profiles may process data in any commercial region)
   */
  readonly approvedGeographies?: Geography[];

  /**
   * The shortest event expiry, in days, of an AgentCore memory (the parameter of the managed rule
   * BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION; AgentCore accepts 7 to 365).
   *
   * @default 7
   */
  readonly minimumMemoryEventExpiryDays?: number;

  /**
   * The settings to put back when they are changed outside the landing zone (`BedrockSettingRestore`):
   * invocation logging and data retention of this stack. Off by default: a restore also undoes a
   * deliberate emergency change made by an exempt role, until it is removed and deployed.
   *
   * @default - nothing is restored; changes are only alerted on
   */
  readonly restoreSettings?: BedrockSettingRestoreProps;
}

/**
 * The detective controls of one account and region: they find what CDK did not create and what
 * changed after deploy.
 * - AWS Config managed rules for Bedrock data sources and AgentCore runtimes, gateways, memories,
 *   browsers and code interpreters, each scoped to its resource type and created only in the regions
 *   where AWS offers it (the others are listed in `skippedManagedRules`);
 * - Guard custom policy rules (no Lambda) where the managed rules leave a gap;
 * - EventBridge rules that publish every change of the account-level Bedrock settings to the
 *   governance notifications topic.
 */
export class BedrockDetectiveControls extends Construct {
  /** The AWS Config managed rules created, by identifier */
  public readonly managedRules: { [identifier: string]: config.ManagedRule } = {};
  /** The managed rules AWS does not offer in this region, so not created */
  public readonly skippedManagedRules: string[] = [];
  /** The Guard custom policy rules created */
  public readonly guardRules: config.CustomPolicy[] = [];
  /** The EventBridge rules on setting changes */
  public readonly settingChangeRules: events.CfnRule[] = [];
  /** The region the controls were built for */
  public readonly region: string;
  /** The AI Security Best Practices standard this construct enabled, with `SecurityHubControls.ENABLE_STANDARD_HERE` */
  public readonly securityHubStandard?: securityhub.CfnStandard;
  private restore?: BedrockSettingRestore;

  constructor(scope: Construct, id: string, props: BedrockDetectiveControlsProps) {
    super(scope, id);
    const region = governedRegion(this);
    validate(this, props, region);
    this.region = region!;

    if (props.settingChangeAlerts ?? true) {
      for (const group of SETTING_EVENT_GROUPS) {
        // L1 on purpose: the SnsTopic target would add a topic policy statement without the
        // aws:SourceAccount condition the governance topic already holds for EventBridge.
        this.settingChangeRules.push(new events.CfnRule(this, group.id, {
          description: group.description,
          eventPattern: settingEventPattern(group),
          state: 'ENABLED',
          targets: [{ id: 'GovernanceNotifications', arn: props.notificationsTopic.topicArn }],
        }));
      }
    }

    if (props.configRules ?? props.configRecorder !== ConfigRecorder.NONE) {
      for (const rule of CONFIG_MANAGED_RULES) {
        if (!managedRuleExistsIn(rule, this.region)) {
          this.skippedManagedRules.push(rule.identifier);
          continue;
        }
        const parameters = rule.identifier === 'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION'
          ? { minEventExpiryDuration: props.minimumMemoryEventExpiryDays ?? 7 } : undefined;
        this.managedRules[rule.identifier] = new config.ManagedRule(this, rule.identifier, {
          identifier: rule.identifier,
          description: `Bedrock landing zone: AWS Config managed rule ${rule.docName}`,
          ruleScope: config.RuleScope.fromResources([config.ResourceType.of(rule.resourceType)]),
          inputParameters: parameters,
        });
      }
      if (this.skippedManagedRules.length > 0) {
        Annotations.of(this).addInfo(`AWS does not offer these AWS Config managed rules in ${this.region}, so they are not created: ` +
          `${this.skippedManagedRules.join(', ')}`);
      }
      const guards: GuardRuleEntry[] = [];
      if (MEMORY_KEY_GUARD_REGIONS.includes(this.region)) guards.push(memoryKeyGuardRule());
      if (props.approvedModels && props.approvedModels.length > 0 && dataSourcesEvaluatedIn(this.region)) {
        guards.push(dataSourceParsingModelGuardRule(props.approvedModels.map(withoutGeography), props.approvedGeographies));
      }
      for (const guard of guards) {
        this.guardRules.push(new config.CustomPolicy(this, guard.id, {
          policyText: guard.policyText,
          description: `Bedrock landing zone: ${guard.description}`,
          ruleScope: config.RuleScope.fromResources([config.ResourceType.of(guard.resourceType)]),
        }));
      }
    }
    if (props.securityHub === SecurityHubControls.ENABLE_STANDARD_HERE) {
      this.securityHubStandard = new securityhub.CfnStandard(this, 'AiSecurityStandard', {
        standardsArn: `arn:${Aws.PARTITION}:securityhub:${this.region}::${AI_SECURITY_STANDARD_PATH}`,
      });
      // Deleting the stack must not switch the controls off: their findings are audit evidence.
      this.securityHubStandard.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // Creating the resource for a standard already enabled fails the deployment (ResourceConflictException:
      // test/detective/security-hub-facts.test.ts): a second one in the same account and region is a synth error.
      declareAccountRegionSingleton(this.securityHubStandard, 'The AI Security Best Practices standard (SecurityHubControls.ENABLE_STANDARD_HERE)');
    }
    if (props.restoreSettings) this.addSettingRestore(props.restoreSettings);
    // The EventBridge rules carry the landing zone's protection tag (Config rules take no tags), so an
    // organization policy can lock them like the other governance resources.
    protectTree(this);
  }

  /** The restore of the settings changed outside the landing zone, when asked for (`restoreSettings` or `addSettingRestore`) */
  public get settingRestore(): BedrockSettingRestore | undefined {
    return this.restore;
  }

  /**
   * Puts back the given settings when they are changed outside the landing zone (once per construct).
   * The settings must be in this stack.
   */
  public addSettingRestore(settings: BedrockSettingRestoreProps): BedrockSettingRestore {
    if (this.restore) {
      fail(BedrockLandingZoneErrorCode.DETECTIVE_CONTROLS_PROPS, 'BedrockDetectiveControls: the setting restore is already added ' +
        `(restoring ${this.restore.restoredSettings.join(', ')}); give every setting to restore in one call`, this);
    }
    this.restore = new BedrockSettingRestore(this, 'SettingRestore', settings);
    return this.restore;
  }
}

/** `eu.anthropic.claude...` -> `anthropic.claude...`: the rule adds the approved geographies itself. */
function withoutGeography(modelId: string): string {
  const dot = modelId.indexOf('.');
  return dot > 0 && Geography.all().some(g => g.prefix === modelId.slice(0, dot)) ? modelId.slice(dot + 1) : modelId;
}

function validate(scope: Construct, props: BedrockDetectiveControlsProps, region: string | undefined): void {
  const problems = new Problems();
  problems.check(region !== undefined, 'the stack is environment-agnostic: which AWS Config rules exist depends on the region; give the stack ' +
    'an env with a region, or declare the region of a StackSet template with BedrockLandingZone.governRegion(stack, region)');
  const days = props.minimumMemoryEventExpiryDays;
  problems.check(days === undefined || Token.isUnresolved(days) || (Number.isInteger(days) && days >= 7 && days <= 365),
    `minimumMemoryEventExpiryDays is ${days}; allowed: a whole number of days from 7 to 365 (AgentCore's limits)`);
  problems.check(props.approvedModels === undefined || props.approvedModels.length > 0,
    'approvedModels is empty: every data source that parses with a model would be reported; leave approvedModels out to skip the rule');
  // The IDs become a Guard regular expression at synth: a token cannot be written into it.
  (props.approvedModels ?? []).forEach((m, i) => problems.check(!Token.isUnresolved(m) && /^[a-z0-9-]+\.[A-Za-z0-9.:_-]+$/.test(m),
    `approvedModels[${i}] is '${m}'; expected a literal model ID such as anthropic.claude-sonnet-4-5-20250929-v1:0`));
  problems.check(props.approvedGeographies === undefined || props.approvedModels !== undefined,
    'approvedGeographies is given without approvedModels: it only narrows the parsing-model rule; give approvedModels too');
  problems.check(!(props.configRecorder === ConfigRecorder.NONE && props.configRules === true),
    'configRules is true but configRecorder is ConfigRecorder.NONE: AWS Config rules need a configuration recorder, and creating one ' +
    'without it fails the deployment; set up AWS Config (or enroll the account in Control Tower) and use ConfigRecorder.EXISTING, ' +
    'or leave configRules out');
  problems.throwIfAny(scope, 'BedrockDetectiveControls', BedrockLandingZoneErrorCode.DETECTIVE_CONTROLS_PROPS);
}
