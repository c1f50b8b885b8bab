import { aws_logs as logs } from 'aws-cdk-lib';
import { Problems, describeValue, logRetentionProblems, oneOf } from '../core/validation';
import { DataRetentionMode } from '../data-retention/data-retention-mode';
import { DATA_RETENTION_MODES, isDataRetentionMode, isOnRetentionScale, leastRetention, retentionRank, unorderedRetentionProblem } from '../data-retention/private/data-retention-order';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { GuardrailPreset } from '../guardrails';
import { Geography, Jurisdiction, ServiceTier } from '../models';
import { serviceTierProblems } from '../models/invoke-statements';

/**
 * The settings a governance profile contributes to a landing zone.
 */
export interface GovernanceProfileSettings {
  /**
   * Guardrail presets the landing zone's guardrail starts from.
   *
   * @default - none
   */
  readonly guardrailPresets?: GuardrailPreset[];

  /**
   * Minimum retention of invocation logs in CloudWatch Logs.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly minimumLogRetention?: logs.RetentionDays;

  /**
   * Geographies the data may be processed in. Models are reached only through these geographies'
   * profiles, or in-region; global profiles are refused.
   *
   * @default - any geography the stack's region belongs to, global profiles allowed
   */
  readonly allowedGeographies?: Geography[];

  /**
   * The jurisdiction data may be processed in: the landing zone's region and every region an
   * approved model may route to must be inside it, and the organization policies deny Bedrock APIs
   * in every other region.
   *
   * @default - no jurisdiction beyond the allowed geographies
   */
  readonly jurisdiction?: Jurisdiction;

  /**
   * Use FIPS endpoints where the region offers them (and fail synth where it does not).
   *
   * @default false
   */
  readonly fipsEndpoints?: boolean;

  /**
   * Require the invocation log delivery alarms and the rule on logging configuration changes: the
   * landing zone's alarms cannot be turned off under this profile.
   *
   * @default false
   */
  readonly requiresLoggingAlarms?: boolean;

  /**
   * The data retention mode the landing zone sets for its account and region when no approved model
   * needs more (`ApprovedModel.requiringDataRetention`).
   *
   * @default - DataRetentionMode.DEFAULT (each model's own data policy), or `maximumDataRetention` when that keeps less
   */
  readonly dataRetention?: DataRetentionMode;

  /**
   * The most an approved model may require to be kept: a model that requires more fails synth. On
   * the scale none, aws_review, default, provider_data_share (`inherit` is never allowed under a limit).
   *
   * @default - no limit
   */
  readonly maximumDataRetention?: DataRetentionMode;

  /**
   * The service tiers invocations may use (`bedrock:ServiceTier`); a request without a tier runs on
   * `ServiceTier.DEFAULT`. `ServiceTier.RESERVED` needs `acknowledgeReservedCapacity`.
   *
   * @default - not restricted by the landing zone (the organization policies deny reserved capacity unless acknowledged)
   */
  readonly allowedServiceTiers?: ServiceTier[];

  /**
   * Acknowledges that reserved capacity is a commitment billed whether used or not: required to
   * allow `ServiceTier.RESERVED`.
   *
   * @default false
   */
  readonly acknowledgeReservedCapacity?: boolean;

  /**
   * A landing zone under the profile must be covered by a Bedrock budget (`spend`): created there, or
   * named when another landing zone of the account creates it.
   *
   * @default false
   */
  readonly requireBudget?: boolean;

  /**
   * Cost allocation tag keys every application role granted model access must carry (`spend.costTags`).
   *
   * @default - none
   */
  readonly requiredCostTags?: string[];
}

/**
 * What the regulated profiles (HIPAA, PCI DSS, FedRAMP Moderate) require alike: the logging alarms, prompts
 * kept nowhere and at most for AWS review, and a Bedrock budget covering the account.
 */
const REGULATED: GovernanceProfileSettings = {
  requiresLoggingAlarms: true,
  dataRetention: DataRetentionMode.NONE,
  maximumDataRetention: DataRetentionMode.AWS_REVIEW,
  requireBudget: true,
};

/**
 * A governance profile: what a regulatory frame requires of a Bedrock landing zone. Profiles combine:
 * presets add up, the longest retention wins, allowed geographies intersect, FIPS is on if any asks.
 *
 * Every profile keeps the landing zone's non-negotiables: private endpoints, invocation logging with
 * text delivery, a guardrail enforced by IAM and account-wide.
 */
export class GovernanceProfile {
  /** Prompt-attack and harmful-content filters, one year of logs. */
  public static readonly BASELINE = new GovernanceProfile('baseline', {
    guardrailPresets: [GuardrailPreset.BASELINE],
    minimumLogRetention: logs.RetentionDays.ONE_YEAR,
  });

  /**
   * HIPAA: PHI-relevant PII blocked or anonymized; logs kept six years (45 CFR 164.316(b)(2)); prompts
   * kept nowhere (zero data retention), at most for AWS review where an approved model requires it:
   * never shared with a model provider, which no business associate agreement covers. A Bedrock budget must
   * cover the account.
   */
  public static readonly HIPAA = new GovernanceProfile('hipaa', {
    ...REGULATED,
    guardrailPresets: [GuardrailPreset.BASELINE, GuardrailPreset.HIPAA],
    minimumLogRetention: logs.RetentionDays.SIX_YEARS,
  });

  /**
   * PCI DSS: card data blocked; logs kept at least a year (PCI DSS 10.5.1); prompts kept nowhere, at
   * most for AWS review where an approved model requires it (PCI DSS 3.2.1: no storage beyond need). A
   * Bedrock budget must cover the account.
   */
  public static readonly PCI_DSS = new GovernanceProfile('pci-dss', {
    ...REGULATED,
    guardrailPresets: [GuardrailPreset.BASELINE, GuardrailPreset.PCI_DSS],
    minimumLogRetention: logs.RetentionDays.ONE_YEAR,
  });

  /**
   * FedRAMP Moderate: FIPS endpoints, the strict guardrail, logs kept three years; prompts kept
   * nowhere, at most for AWS review (inside the authorization boundary), never by a model provider. A Bedrock
   * budget must cover the account.
   */
  public static readonly FEDRAMP_MODERATE = new GovernanceProfile('fedramp-moderate', {
    ...REGULATED,
    guardrailPresets: [GuardrailPreset.STRICT],
    minimumLogRetention: logs.RetentionDays.THREE_YEARS,
    fipsEndpoints: true,
  });

  /**
   * EU residency: data processed only in the EU member states (`Jurisdiction.EU_MEMBER_STATES`):
   * the EU geography only, no global profiles, no region outside the member states (not London,
   * Zurich or Tel Aviv, which the EU geography includes).
   */
  public static readonly EU_RESIDENCY = new GovernanceProfile('eu-residency', {
    allowedGeographies: [Geography.EU],
    jurisdiction: Jurisdiction.EU_MEMBER_STATES,
  });

  /**
   * EU residency that also admits countries with an EU adequacy decision (`Jurisdiction.EU_AND_ADEQUACY`:
   * the member states plus the United Kingdom, Switzerland and Israel).
   */
  public static readonly EU_ADEQUACY_RESIDENCY = new GovernanceProfile('eu-adequacy-residency', {
    allowedGeographies: [Geography.EU],
    jurisdiction: Jurisdiction.EU_AND_ADEQUACY,
  });

  /**
   * A profile of your own.
   *
   * @param name a short name, shown in messages and reports
   * @param settings what the profile requires
   */
  public static of(name: string, settings: GovernanceProfileSettings): GovernanceProfile {
    const problems = new Problems();
    // The name goes into the descriptions of the IAM and organization policies it governs (1,000 and 512 characters).
    problems.check(typeof name === 'string' && name.length >= 1 && name.length <= 64 && name.trim() === name && !/[\u0000-\u001f\u007f]/.test(name),
      `name '${name}' is not allowed: 1 to 64 characters, no control characters, no leading or trailing space ` +
      '(it names the profile in IAM and organization policy descriptions)');
    for (const prop of ['dataRetention', 'maximumDataRetention'] as const) {
      const mode = settings[prop];
      if (mode !== undefined) {
        problems.check(isDataRetentionMode(mode), `${prop} is ${describeValue(mode)}; expected one of ${oneOf(DATA_RETENTION_MODES)} (DataRetentionMode)`);
      }
    }
    const { dataRetention, maximumDataRetention } = settings;
    if (maximumDataRetention !== undefined && isDataRetentionMode(maximumDataRetention)) {
      problems.check(maximumDataRetention !== DataRetentionMode.INHERIT, 'maximumDataRetention is inherit, which says nothing about what is kept: ' +
        'give none, aws_review, default or provider_data_share');
      // A maximum is a promise about what is kept: a mode the library cannot place on its scale cannot make it.
      problems.check(maximumDataRetention === DataRetentionMode.INHERIT || isOnRetentionScale(maximumDataRetention),
        `maximumDataRetention is '${maximumDataRetention}', a mode this release cannot place on its scale of what is kept: ` +
        'give none, aws_review, default or provider_data_share');
      if (dataRetention !== undefined && isDataRetentionMode(dataRetention)) {
        problems.check(retentionRank(dataRetention) <= retentionRank(maximumDataRetention),
          `dataRetention '${dataRetention}' keeps more than maximumDataRetention '${maximumDataRetention}' allows`);
      }
    }
    serviceTierProblems(settings.allowedServiceTiers, settings.acknowledgeReservedCapacity).forEach(p => problems.add(p));
    // The landing zone creates its log group with this retention: CloudWatch Logs must offer it.
    logRetentionProblems('minimumLogRetention', settings.minimumLogRetention).forEach(p => problems.add(p));
    (settings.requiredCostTags ?? []).forEach((key, i) => problems.check(/^[\w.:/=+\-@ ]{1,128}$/.test(key),
      `requiredCostTags[${i}] is '${key}'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@`));
    problems.throwIfAny(undefined, `GovernanceProfile '${name}'`, BedrockLandingZoneErrorCode.GOVERNANCE_PROFILE_SETTINGS);
    return new GovernanceProfile(name, settings);
  }

  /** Several profiles as one: their requirements added up. No profile at all means the baseline. */
  public static combine(profiles: GovernanceProfile[]): GovernanceProfile {
    if (profiles.length === 0) return GovernanceProfile.BASELINE;
    const presets: GuardrailPreset[] = [];
    for (const p of profiles) for (const preset of p.guardrailPresets) if (!presets.includes(preset)) presets.push(preset);
    const restricted = profiles.map(p => p.allowedGeographies).filter((g): g is Geography[] => g !== undefined);
    // Geographies allowed by every restricting profile, in the order the first one lists them.
    const allowed = restricted.length === 0 ? undefined
      : restricted[0].filter(g => restricted.every(list => list.some(x => x.prefix === g.prefix)));
    const jurisdictions = profiles.map(p => p.jurisdiction).filter((j): j is Jurisdiction => j !== undefined);
    const retentions = profiles.map(p => p.dataRetention).filter((m): m is DataRetentionMode => m !== undefined);
    const maximums = profiles.map(p => p.maximumDataRetention).filter((m): m is DataRetentionMode => m !== undefined);
    // Tiers allowed by every profile that restricts them.
    const tierLists = profiles.map(p => p.allowedServiceTiers).filter((t): t is ServiceTier[] => t !== undefined);
    const tiers = tierLists.length === 0 ? undefined : tierLists[0].filter(t => tierLists.every(list => list.includes(t)));
    const name = profiles.map(p => p.name).join('+');
    const problems = new Problems();
    [unorderedRetentionProblem('dataRetention', retentions), unorderedRetentionProblem('maximumDataRetention', maximums)]
      .forEach(p => { if (p !== undefined) problems.add(p); });
    problems.throwIfAny(undefined, `GovernanceProfile '${name}'`, BedrockLandingZoneErrorCode.GOVERNANCE_PROFILE_SETTINGS);
    return new GovernanceProfile(name, {
      dataRetention: retentions.length === 0 ? undefined : leastRetention(retentions),
      maximumDataRetention: maximums.length === 0 ? undefined : leastRetention(maximums),
      allowedServiceTiers: tiers,
      acknowledgeReservedCapacity: tiers?.includes(ServiceTier.RESERVED),
      guardrailPresets: presets,
      minimumLogRetention: Math.max(...profiles.map(p => p.minimumLogRetention)) as logs.RetentionDays,
      allowedGeographies: allowed,
      jurisdiction: jurisdictions.length === 0 ? undefined : jurisdictions.reduce((a, b) => a.intersect(b)),
      fipsEndpoints: profiles.some(p => p.fipsEndpoints),
      requireBudget: profiles.some(p => p.requireBudget),
      requiredCostTags: [...new Set(profiles.flatMap(p => p.requiredCostTags))],
      requiresLoggingAlarms: profiles.some(p => p.requiresLoggingAlarms),
    });
  }

  /** The profile's name */
  public readonly name: string;
  /** Guardrail presets, in order */
  public readonly guardrailPresets: GuardrailPreset[];
  /** Minimum CloudWatch Logs retention of invocation logs */
  public readonly minimumLogRetention: logs.RetentionDays;
  /** Geographies the data may be processed in; undefined when not restricted */
  public readonly allowedGeographies?: Geography[];
  /** The jurisdiction data may be processed in; undefined when not restricted beyond the geographies */
  public readonly jurisdiction?: Jurisdiction;
  /** Whether FIPS endpoints are required */
  public readonly fipsEndpoints: boolean;
  /** Whether the invocation log delivery alarms are required */
  public readonly requiresLoggingAlarms: boolean;
  /** The data retention mode set when no approved model needs more */
  public readonly dataRetention: DataRetentionMode;
  /** The most an approved model may require to be kept; undefined when not limited */
  public readonly maximumDataRetention?: DataRetentionMode;
  /** The service tiers invocations may use; undefined when not restricted */
  public readonly allowedServiceTiers?: ServiceTier[];
  /** Whether a Bedrock budget must cover the landing zone's account */
  public readonly requireBudget: boolean;
  /** Cost allocation tag keys every application role must carry */
  public readonly requiredCostTags: string[];

  private constructor(name: string, settings: GovernanceProfileSettings) {
    this.name = name;
    this.guardrailPresets = [...(settings.guardrailPresets ?? [])];
    this.minimumLogRetention = settings.minimumLogRetention ?? logs.RetentionDays.ONE_YEAR;
    this.allowedGeographies = settings.allowedGeographies ? [...settings.allowedGeographies] : undefined;
    this.jurisdiction = settings.jurisdiction;
    this.fipsEndpoints = settings.fipsEndpoints ?? false;
    this.requiresLoggingAlarms = settings.requiresLoggingAlarms ?? false;
    // Without a mode of its own, each model's default, or less where the profile's maximum says so.
    const maximum = settings.maximumDataRetention;
    const byDefault = maximum !== undefined ? leastRetention([DataRetentionMode.DEFAULT, maximum]) : DataRetentionMode.DEFAULT;
    this.dataRetention = settings.dataRetention ?? byDefault;
    this.maximumDataRetention = settings.maximumDataRetention;
    this.allowedServiceTiers = settings.allowedServiceTiers ? [...settings.allowedServiceTiers] : undefined;
    this.requireBudget = settings.requireBudget ?? false;
    this.requiredCostTags = [...(settings.requiredCostTags ?? [])];
  }

  /**
   * The regions data may be processed in: the allowed geographies' regions, inside the jurisdiction.
   * Undefined when the profile restricts neither.
   */
  public get allowedRegions(): string[] | undefined {
    const geographies = this.allowedGeographies?.filter(g => !g.isGlobal);
    const fromGeographies = geographies ? [...new Set(geographies.flatMap(g => [...g.sourceRegions, ...g.destinationRegions]))] : undefined;
    if (this.jurisdiction === undefined) return fromGeographies?.sort();
    return (fromGeographies ?? this.jurisdiction.regions).filter(r => this.jurisdiction!.includes(r)).sort();
  }

  /** Whether global profiles (which may route anywhere) are allowed. */
  public get allowsGlobalProfiles(): boolean {
    return this.allowedGeographies === undefined || this.allowedGeographies.some(g => g.isGlobal);
  }
}
