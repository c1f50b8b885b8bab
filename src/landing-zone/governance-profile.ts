import { aws_logs as logs } from 'aws-cdk-lib';
import { GuardrailPreset } from '../guardrails';
import { Geography, Jurisdiction } from '../models';

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
}

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

  /** HIPAA: PHI-relevant PII blocked or anonymized; logs kept six years (45 CFR 164.316(b)(2)). */
  public static readonly HIPAA = new GovernanceProfile('hipaa', {
    guardrailPresets: [GuardrailPreset.BASELINE, GuardrailPreset.HIPAA],
    minimumLogRetention: logs.RetentionDays.SIX_YEARS,
  });

  /** PCI DSS: card data blocked; logs kept at least a year (PCI DSS 10.5.1). */
  public static readonly PCI_DSS = new GovernanceProfile('pci-dss', {
    guardrailPresets: [GuardrailPreset.BASELINE, GuardrailPreset.PCI_DSS],
    minimumLogRetention: logs.RetentionDays.ONE_YEAR,
  });

  /** FedRAMP Moderate: FIPS endpoints, the strict guardrail, logs kept three years. */
  public static readonly FEDRAMP_MODERATE = new GovernanceProfile('fedramp-moderate', {
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
    return new GovernanceProfile(profiles.map(p => p.name).join('+'), {
      guardrailPresets: presets,
      minimumLogRetention: Math.max(...profiles.map(p => p.minimumLogRetention)) as logs.RetentionDays,
      allowedGeographies: allowed,
      jurisdiction: jurisdictions.length === 0 ? undefined : jurisdictions.reduce((a, b) => a.intersect(b)),
      fipsEndpoints: profiles.some(p => p.fipsEndpoints),
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

  private constructor(name: string, settings: GovernanceProfileSettings) {
    this.name = name;
    this.guardrailPresets = [...(settings.guardrailPresets ?? [])];
    this.minimumLogRetention = settings.minimumLogRetention ?? logs.RetentionDays.ONE_YEAR;
    this.allowedGeographies = settings.allowedGeographies ? [...settings.allowedGeographies] : undefined;
    this.jurisdiction = settings.jurisdiction;
    this.fipsEndpoints = settings.fipsEndpoints ?? false;
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
