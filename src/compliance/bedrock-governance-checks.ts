import { CfnResource, Duration, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { RuleContext, RuleSettings } from './private/context';
import { BedrockRule, EVERY_RESOURCE_TYPE } from './private/rule';
import { BEDROCK_RULES } from './rules';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { FilterStrength } from '../guardrails/guardrail-policies';
import { PiiEntityType } from '../guardrails/pii-entity-type';
import { Geography } from '../models/geography';

/**
 * The governance profile the Bedrock rule pack checks against.
 */
export interface BedrockGovernanceChecksProps extends NagPackProps {
  /**
   * The model IDs workloads may use, without a geography prefix
   * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `amazon.titan-embed-text-v2:0`). Rule MD1 reports every
   * other model named by an inference profile, agent, knowledge base, prompt router, prompt, flow,
   * provisioned throughput, IAM or endpoint policy.
   *
   * @default - any model (MD1 reports nothing)
   */
  readonly approvedModels?: string[];

  /**
   * The geographies where prompts may be processed. Rule MD2 reports profiles of other geographies,
   * Bedrock ARNs in regions outside them and Bedrock resources deployed outside them.
   *
   * @default - any geography and region (MD2 reports nothing)
   */
  readonly approvedGeographies?: Geography[];

  /**
   * Keep data in a geography: rule MD3 reports global inference profiles, global guardrail profiles
   * and region-less model grants.
   *
   * @default true
   */
  readonly dataResidency?: boolean;

  /**
   * The shortest time invocation logs may be kept (rule LG4).
   *
   * @default Duration.days(365)
   */
  readonly minimumLogRetention?: Duration;

  /**
   * Whether every invoke grant must require a guardrail through `bedrock:GuardrailIdentifier`, unless
   * an enforced guardrail of the app covers its models (rule IAM3).
   *
   * @default true
   */
  readonly requireGuardrailOnInvoke?: boolean;

  /**
   * The PII entity types every guardrail must block or anonymize in both directions (rule GR4).
   *
   * @default - none (GR4 reports nothing)
   */
  readonly requiredPiiEntities?: PiiEntityType[];

  /**
   * The weakest strength a guardrail's harmful-content filters may have, in both directions (rule GR3).
   * NONE is treated as LOW: a filter must filter something.
   *
   * @default FilterStrength.MEDIUM
   */
  readonly minimumHarmfulContentStrength?: FilterStrength;

  /**
   * The longest idle session an agent may keep (rule AG3).
   *
   * @default Duration.minutes(15)
   */
  readonly maximumAgentIdleSession?: Duration;

  /**
   * The accounts whose Bedrock callers must be in an account and region where the app configures
   * model invocation logging (rule LG1).
   *
   * @default - every account
   */
  readonly governedAccounts?: string[];

  /**
   * Every account whose principals may reach a model must have a cost budget of the app that counts
   * Bedrock and the Marketplace-billed models (rule SP4).
   *
   * @default false (SP4 reports nothing)
   */
  readonly requireBudget?: boolean;

  /**
   * Accounts besides the stack's own whose guardrails an invoke grant may require (rule IAM3): a
   * central guardrail account, or the management account of an organization-wide guardrail. A grant
   * that names a guardrail of any other account is reported: that account, not the platform team,
   * decides what the guardrail filters.
   *
   * @default - only the stack's own account
   */
  readonly trustedGuardrailAccounts?: string[];

  /**
   * The level of a rule's findings, by rule ID (`GR1` or `Bedrock-GR1`), overriding its default level
   * (listed in RULES.md). `NagMessageLevel.ERROR` fails `cdk synth`; WARN and INFO are reported only.
   *
   * @default - each rule's default level
   */
  readonly ruleLevels?: { [ruleId: string]: NagMessageLevel };
}

/**
 * The Bedrock governance rule pack for cdk-nag 3: guardrails, agents, knowledge bases, model approval
 * and data residency, IAM for invocation, invocation logging, private network and provisioned
 * throughput. Rule IDs read `Bedrock-GR1`; acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id: 'Bedrock::Bedrock-GR1', reason })`.
 *
 * Register it beside cdk-nag's packs: `Validations.of(app).addPlugins(new BedrockGovernanceChecks(app, { ... }))`.
 * Every rule and the controls it maps to are listed in RULES.md.
 */
export class BedrockGovernanceChecks extends NagPack {
  /** The IDs of every rule of the pack, without the `Bedrock-` prefix, in RULES.md order. */
  public static allRuleIds(): string[] {
    return BEDROCK_RULES.map(r => r.id);
  }

  /** The plugin name in the validation report */
  public readonly name: string;
  private readonly settings: RuleSettings;
  private readonly levels: Map<string, NagMessageLevel>;
  private readonly rulesByType = new Map<string, BedrockRule[]>();
  private context?: RuleContext;

  constructor(scope?: IConstruct, props: BedrockGovernanceChecksProps = {}) {
    super(scope, props);
    this.name = 'Bedrock';
    this.packName = 'Bedrock';
    const problems = new Problems();
    this.levels = new Map();
    const known = BedrockGovernanceChecks.allRuleIds();
    for (const [key, level] of Object.entries(props.ruleLevels ?? {})) {
      const id = key.replace(/^Bedrock-/, '');
      if (!known.includes(id)) problems.add(`ruleLevels names '${key}', which is not a rule of the pack; rules: ${known.join(', ')}`);
      if (!Object.values(NagMessageLevel).includes(level)) problems.add(`ruleLevels['${key}'] is '${level}'; allowed: ${Object.values(NagMessageLevel).join(', ')}`);
      this.levels.set(id, level);
    }
    const retention = (props.minimumLogRetention ?? Duration.days(365)).toDays();
    const idle = (props.maximumAgentIdleSession ?? Duration.minutes(15)).toSeconds();
    if (idle < 60 || idle > 3600) problems.add(`maximumAgentIdleSession is ${idle} seconds; allowed: 60 to 3600 seconds (Bedrock's limits)`);
    problems.throwIfAny(scope, 'BedrockGovernanceChecks', BedrockLandingZoneErrorCode.GOVERNANCE_CHECKS_PROPS);
    const geographies = props.approvedGeographies;
    this.settings = {
      approvedModels: props.approvedModels?.map(m => stripPrefix(m)),
      approvedGeographyPrefixes: geographies?.map(g => g.prefix),
      approvedRegions: geographies ? [...new Set(geographies.flatMap(g => [...g.sourceRegions, ...g.destinationRegions]))].sort() : undefined,
      dataResidency: props.dataResidency ?? true,
      minimumLogRetentionDays: retention,
      requireGuardrailOnInvoke: props.requireGuardrailOnInvoke ?? true,
      requiredPiiEntities: (props.requiredPiiEntities ?? []).map(p => p.value),
      minimumHarmfulContentStrength: props.minimumHarmfulContentStrength ?? FilterStrength.MEDIUM,
      maximumAgentIdleSessionSeconds: idle,
      governedAccounts: props.governedAccounts,
      requireBudget: props.requireBudget ?? false,
      trustedGuardrailAccounts: props.trustedGuardrailAccounts ?? [],
      knownGeographyPrefixes: Geography.all().map(g => g.prefix),
    };
    for (const rule of BEDROCK_RULES) {
      for (const type of rule.resourceTypes) {
        this.rulesByType.set(type, [...(this.rulesByType.get(type) ?? []), rule]);
      }
    }
  }

  /**
   * Validates a construct tree: the rules read an index of the whole app, built once per call.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.context = new RuleContext(this.settings, scope.node.root);
    try {
      return super.validateScope(scope);
    } finally {
      this.context = undefined;
    }
  }

  /**
   * Applies the rules that read every resource (PK1) and those that read this resource's type. A
   * resource the pack cannot render gets PK1's finding only: the other rules could not read it.
   */
  protected checkResource(node: CfnResource): void {
    const context = this.context ?? new RuleContext(this.settings, node.node.root);
    const everyType = this.rulesByType.get(EVERY_RESOURCE_TYPE) ?? [];
    const rules = context.renderFailure(node) === undefined ? [...everyType, ...(this.rulesByType.get(node.cfnResourceType) ?? [])] : everyType;
    for (const rule of rules) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: this.levels.get(rule.id) ?? rule.defaultLevel,
        node,
        rule: (resource: CfnResource) => context.judgeEveryVariant(resource, () => rule.check(resource, context)),
      });
    }
  }
}

/** `eu.anthropic.claude...` -> `anthropic.claude...`: approved models are compared without the geography. */
function stripPrefix(modelId: string): string {
  const dot = modelId.indexOf('.');
  if (dot > 0 && Geography.all().some(g => g.prefix === modelId.slice(0, dot))) return modelId.slice(dot + 1);
  return modelId;
}
