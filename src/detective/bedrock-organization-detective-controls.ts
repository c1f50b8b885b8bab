import { Annotations, Aws, Token, aws_config as config, aws_securityhub as securityhub } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AI_SECURITY_STANDARD_PATH, SECURITY_HUB_CONTROLS } from './private/security-hub-controls';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { CONFIG_MANAGED_RULES, MEMORY_KEY_GUARD_REGIONS, managedRuleExistsIn } from './private/config-managed-rules';
import { governedRegion } from '../core/governed-region';
import { memoryKeyGuardRule } from './private/guard-rules';
import { Problems } from '../core/validation';

/**
 * A Security Hub central configuration policy that turns the Bedrock and AgentCore controls on.
 */
export interface SecurityHubPolicySettings {
  /**
   * Where the policy applies: the organization root (`r-...`), organizational units (`ou-...`) or
   * accounts (12 digits). A target has one configuration at a time: one already associated with a policy
   * of yours (or self-managed) moves to this one, and deleting this stack does not move it back (it
   * inherits its parent's configuration). Give only targets that have none, or add the controls to your
   * policy instead.
   */
  readonly targets: string[];

  /**
   * The policy's name, unique among the organization's configuration policies.
   *
   * @default 'bedrock-landing-zone'
   */
  readonly policyName?: string;

  /**
   * Other standards to enable with the AI Security Best Practices standard (their ARNs in this region,
   * e.g. the AWS Foundational Security Best Practices standard the targets already run).
   *
   * @default - the AI Security Best Practices standard only
   */
  readonly additionalStandardArns?: string[];

  /**
   * Controls to leave off. Every other control of the enabled standards is on, including the ones AWS
   * adds later; none of the Bedrock or AgentCore controls may be listed.
   *
   * @default - none
   */
  readonly disabledControls?: string[];
}

/**
 * Properties of the organization-wide detective controls of one region.
 */
export interface BedrockOrganizationDetectiveControlsProps {
  /**
   * Whether to deploy the AWS Config rules to every account of the organization in this region, as
   * organization Config rules (the AWS Config delegated administrator or management account deploys
   * them; members cannot delete them). Each member account needs a configuration recorder (Control
   * Tower runs one in every governed region); set the baselines' `detectiveConfigRules: false` so each
   * rule exists once.
   *
   * @default true
   */
  readonly configRules?: boolean;

  /**
   * Accounts the organization Config rules skip (12-digit IDs), e.g. accounts without a recorder.
   *
   * @default - none
   */
  readonly excludedAccounts?: string[];

  /**
   * A Security Hub central configuration policy that enables the Bedrock and AgentCore controls, with
   * its targets. Deploy it in the Security Hub delegated administrator's home region.
   *
   * @default - no Security Hub resource: an organization already under central configuration keeps its
   * policies; add `BedrockOrganizationDetectiveControls.SECURITY_HUB_CONTROL_IDS` (or the AI Security
   * Best Practices standard) to them
   */
  readonly securityHubPolicy?: SecurityHubPolicySettings;
}

// Short: the longest page name (53 characters) must fit AWS Config's 64.
const NAME_PREFIX = 'lz-';
const TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/**
 * The detective controls of a whole organization in one region, from the AWS Config and Security Hub
 * delegated administrator (or the management account), as a Control Tower user expects them:
 * - the AWS Config managed rules for Bedrock and AgentCore as organization Config rules, in the regions
 *   where AWS offers each (the others are listed in `skippedManagedRules`), and the memory key Guard rule
 *   where no managed rule checks it;
 * - optionally, a Security Hub central configuration policy that turns on Bedrock.1 and
 *   BedrockAgentCore.1 to .7 for the targets you name.
 *
 * The setting-change alerts stay in each account's baseline (`BedrockDetectiveControls`): CloudTrail
 * events reach the event bus of the account where the call happened.
 */
export class BedrockOrganizationDetectiveControls extends Construct {
  /** The Security Hub controls for Bedrock and AgentCore, as a configuration policy names them */
  public static readonly SECURITY_HUB_CONTROL_IDS: string[] = SECURITY_HUB_CONTROLS.map(c => c.controlId);

  /** The organization Config rules created, by managed rule identifier (the Guard rule by its ID) */
  public readonly configRules: { [identifier: string]: config.CfnOrganizationConfigRule } = {};
  /** The managed rules AWS does not offer in this region, so not created */
  public readonly skippedManagedRules: string[] = [];
  /** The Security Hub configuration policy, when `securityHubPolicy` is given */
  public readonly securityHubPolicy?: securityhub.CfnConfigurationPolicy;
  /** Its associations, one per target, in the order given */
  public readonly securityHubPolicyAssociations: securityhub.CfnPolicyAssociation[] = [];
  /** The region the controls were built for */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: BedrockOrganizationDetectiveControlsProps = {}) {
    super(scope, id);
    const region = governedRegion(this);
    validate(this, props, region);
    this.region = region!;

    if (props.configRules ?? true) {
      const excludedAccounts = props.excludedAccounts && props.excludedAccounts.length > 0 ? props.excludedAccounts : undefined;
      for (const rule of CONFIG_MANAGED_RULES) {
        if (!managedRuleExistsIn(rule, this.region)) {
          this.skippedManagedRules.push(rule.identifier);
          continue;
        }
        // The same minimum as the account baseline's default (AgentCore accepts 7 to 365 days).
        const parameters = rule.identifier === 'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION' ? { minEventExpiryDuration: 7 } : undefined;
        this.configRules[rule.identifier] = new config.CfnOrganizationConfigRule(this, rule.identifier, {
          organizationConfigRuleName: `${NAME_PREFIX}${rule.docName}`,
          excludedAccounts,
          organizationManagedRuleMetadata: {
            ruleIdentifier: rule.identifier,
            description: `Bedrock landing zone: AWS Config managed rule ${rule.docName}`,
            resourceTypesScope: [rule.resourceType],
            inputParameters: parameters ? JSON.stringify(parameters) : undefined,
          },
        });
      }
      if (this.skippedManagedRules.length > 0) {
        Annotations.of(this).addInfo(`AWS does not offer these AWS Config managed rules in ${this.region}, so they are not created: ` +
          `${this.skippedManagedRules.join(', ')}`);
      }
      if (MEMORY_KEY_GUARD_REGIONS.includes(this.region)) {
        const guard = memoryKeyGuardRule();
        this.configRules[guard.id] = new config.CfnOrganizationConfigRule(this, guard.id, {
          organizationConfigRuleName: `${NAME_PREFIX}memory-customer-managed-key`,
          excludedAccounts,
          organizationCustomPolicyRuleMetadata: {
            description: `Bedrock landing zone: ${guard.description}`,
            policyText: guard.policyText,
            runtime: 'guard-2.x.x',
            // As a change-triggered Guard rule of one account is triggered (aws-cdk-lib's CustomPolicy).
            organizationConfigRuleTriggerTypes: ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification'],
            resourceTypesScope: [guard.resourceType],
          },
        });
      }
    }

    const policy = props.securityHubPolicy;
    if (policy) {
      this.securityHubPolicy = new securityhub.CfnConfigurationPolicy(this, 'SecurityHubPolicy', {
        name: policy.policyName ?? 'bedrock-landing-zone',
        description: 'Bedrock landing zone: Security Hub with the AI Security Best Practices standard (Bedrock.1, BedrockAgentCore.1 to 7)',
        configurationPolicy: {
          securityHub: {
            serviceEnabled: true,
            enabledStandardIdentifiers: [`arn:${Aws.PARTITION}:securityhub:${this.region}::${AI_SECURITY_STANDARD_PATH}`, ...policy.additionalStandardArns ?? []],
            // A list of disabled controls, never of enabled ones: an enabled list would switch off every
            // control it does not name, including the ones the targets already rely on.
            securityControlsConfiguration: { disabledSecurityControlIdentifiers: policy.disabledControls ?? [] },
          },
        },
      });
      for (const target of policy.targets) {
        this.securityHubPolicyAssociations.push(new securityhub.CfnPolicyAssociation(this, `SecurityHubPolicy-${target}`, {
          configurationPolicyId: this.securityHubPolicy.attrId,
          targetId: target,
          targetType: target.startsWith('r-') ? 'ROOT' : target.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT',
        }));
      }
    }
  }
}

function validate(scope: Construct, props: BedrockOrganizationDetectiveControlsProps, region: string | undefined): void {
  const problems = new Problems();
  problems.check(region !== undefined, 'the stack is environment-agnostic: which AWS Config rules exist depends on the region, and organization ' +
    'Config rules are regional; give the stack an env with a region (one stack per governed region), or declare the region of a StackSet ' +
    'template with BedrockLandingZone.governRegion(stack, region)');
  (props.excludedAccounts ?? []).forEach((a, i) => problems.check(Token.isUnresolved(a) || /^\d{12}$/.test(a),
    `excludedAccounts[${i}] is '${a}'; expected an account ID (12 digits)`));
  problems.check(!(props.configRules === false && props.excludedAccounts !== undefined),
    'excludedAccounts is given but configRules is false: the exclusions apply to the organization Config rules; leave one out');
  const policy = props.securityHubPolicy;
  if (policy) {
    problems.check(policy.targets.length > 0, 'securityHubPolicy.targets is empty: name the root, OUs or accounts the policy applies to');
    policy.targets.forEach((t, i) => problems.check(!Token.isUnresolved(t) && TARGET.test(t),
      `securityHubPolicy.targets[${i}] is '${t}'; expected a literal root ID (r-...), OU ID (ou-...-...) or account ID (12 digits)`));
    const duplicates = policy.targets.filter((t, i) => policy.targets.indexOf(t) !== i);
    problems.check(duplicates.length === 0, `securityHubPolicy.targets names ${duplicates.join(', ')} more than once; a target has one policy`);
    const bedrock = (policy.disabledControls ?? []).filter(c => BedrockOrganizationDetectiveControls.SECURITY_HUB_CONTROL_IDS.includes(c));
    problems.check(bedrock.length === 0, `securityHubPolicy.disabledControls lists ${bedrock.join(', ')}: the policy exists to turn the ` +
      `Bedrock and AgentCore controls on; allowed: any control but ${BedrockOrganizationDetectiveControls.SECURITY_HUB_CONTROL_IDS.join(', ')}`);
    (policy.additionalStandardArns ?? []).forEach((arn, i) => problems.check(Token.isUnresolved(arn) || /^arn:aws[a-z-]*:securityhub:[a-z0-9-]*::(standards|ruleset)\/\S+$/.test(arn),
      `securityHubPolicy.additionalStandardArns[${i}] is '${arn}'; expected a Security Hub standard ARN (arn:aws:securityhub:<region>::standards/...)`));
  }
  problems.throwIfAny(scope, 'BedrockOrganizationDetectiveControls', BedrockLandingZoneErrorCode.ORGANIZATION_DETECTIVE_CONTROLS_PROPS);
}
