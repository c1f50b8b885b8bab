import { ContentFilterType } from './content-filter-type';
import { ContextualGroundingType } from './contextual-grounding-type';
import { ContentFilter, FilterStrength, GuardrailPolicies, PiiEntityFilter } from './guardrail-policies';
import { ManagedWordListType } from './managed-word-list-type';
import { PiiEntityType } from './pii-entity-type';
import { SensitiveInformationAction } from './sensitive-information-action';

const HARMFUL: ContentFilterType[] = [
  ContentFilterType.SEXUAL, ContentFilterType.VIOLENCE, ContentFilterType.HATE, ContentFilterType.INSULTS, ContentFilterType.MISCONDUCT,
];

/** Prompt attacks are evaluated on input only: Bedrock requires output strength NONE. */
const PROMPT_ATTACK_HIGH: ContentFilter = {
  type: ContentFilterType.PROMPT_ATTACK, inputStrength: FilterStrength.HIGH, outputStrength: FilterStrength.NONE,
};

/** The PII types the strict preset anonymizes rather than blocks: they are common in ordinary text. */
const STRICT_ANONYMIZED = ['ADDRESS', 'AGE', 'EMAIL', 'IP_ADDRESS', 'LICENSE_PLATE', 'MAC_ADDRESS', 'NAME', 'PHONE', 'URL', 'USERNAME',
  'VEHICLE_IDENTIFICATION_NUMBER', 'CREDIT_DEBIT_CARD_EXPIRY'];

function pii(action: SensitiveInformationAction, types: PiiEntityType[]): PiiEntityFilter[] {
  return types.map(type => ({ type, action }));
}

/**
 * A named set of guardrail policies a platform team starts from. A guardrail applies its presets in
 * order and then its own props: a later entry for the same key (content filter category, PII type,
 * topic name, word, regex name, managed list, grounding check) replaces an earlier one, so a team can
 * tighten or relax any single filter of a preset.
 */
export class GuardrailPreset {
  /**
   * Prompt attacks filtered at HIGH on input, and the five harmful-content categories (sexual,
   * violence, hate, insults, misconduct) filtered at HIGH in both directions.
   */
  public static readonly BASELINE = new GuardrailPreset('baseline', {
    contentFilters: [
      PROMPT_ATTACK_HIGH,
      ...HARMFUL.map(type => ({ type, inputStrength: FilterStrength.HIGH, outputStrength: FilterStrength.HIGH })),
    ],
  });

  /**
   * Protected health information (the HIPAA Safe Harbor identifiers that Bedrock detects): government
   * and health identifiers, account numbers and credentials are blocked; names, contact details,
   * addresses, ages, vehicle and network identifiers are anonymized. Medical record and health plan
   * numbers have no built-in type: add them as `regexes`.
   */
  public static readonly HIPAA = new GuardrailPreset('hipaa', {
    piiEntities: [
      ...pii(SensitiveInformationAction.BLOCK, [
        PiiEntityType.US_SOCIAL_SECURITY_NUMBER, PiiEntityType.US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, PiiEntityType.US_PASSPORT_NUMBER,
        PiiEntityType.DRIVER_ID, PiiEntityType.CA_HEALTH_NUMBER, PiiEntityType.CA_SOCIAL_INSURANCE_NUMBER,
        PiiEntityType.UK_NATIONAL_HEALTH_SERVICE_NUMBER, PiiEntityType.UK_NATIONAL_INSURANCE_NUMBER, PiiEntityType.US_BANK_ACCOUNT_NUMBER,
        PiiEntityType.INTERNATIONAL_BANK_ACCOUNT_NUMBER, PiiEntityType.CREDIT_DEBIT_CARD_NUMBER,
      ]),
      ...pii(SensitiveInformationAction.ANONYMIZE, [
        PiiEntityType.NAME, PiiEntityType.ADDRESS, PiiEntityType.AGE, PiiEntityType.EMAIL, PiiEntityType.PHONE, PiiEntityType.URL,
        PiiEntityType.IP_ADDRESS, PiiEntityType.MAC_ADDRESS, PiiEntityType.LICENSE_PLATE, PiiEntityType.VEHICLE_IDENTIFICATION_NUMBER,
      ]),
    ],
  });

  /**
   * Cardholder data and sensitive authentication data (PCI DSS 3.2.1 requirement 3): card numbers,
   * verification codes and PINs are blocked; expiry dates are anonymized.
   */
  public static readonly PCI_DSS = new GuardrailPreset('pci-dss', {
    piiEntities: [
      ...pii(SensitiveInformationAction.BLOCK, [PiiEntityType.CREDIT_DEBIT_CARD_NUMBER, PiiEntityType.CREDIT_DEBIT_CARD_CVV, PiiEntityType.PIN]),
      ...pii(SensitiveInformationAction.ANONYMIZE, [PiiEntityType.CREDIT_DEBIT_CARD_EXPIRY]),
    ],
  });

  /**
   * The baseline, plus the managed profanity list, every PII type Bedrock detects (credentials and
   * government, health, card and bank identifiers blocked; the others anonymized), and contextual
   * grounding and relevance checks at 0.75.
   */
  public static readonly STRICT = new GuardrailPreset('strict', {
    contentFilters: GuardrailPreset.BASELINE.policies.contentFilters,
    managedWordLists: [{ type: ManagedWordListType.PROFANITY }],
    piiEntities: PiiEntityType.all().map(type => ({
      type,
      action: STRICT_ANONYMIZED.includes(type.value) ? SensitiveInformationAction.ANONYMIZE : SensitiveInformationAction.BLOCK,
    })),
    contextualGrounding: [
      { type: ContextualGroundingType.GROUNDING, threshold: 0.75 },
      { type: ContextualGroundingType.RELEVANCE, threshold: 0.75 },
    ],
  });

  /**
   * A preset of the team's own, e.g. the organisation's denied topics.
   *
   * @param name a name for messages and documentation
   * @param policies the policies it provides
   */
  public static of(name: string, policies: GuardrailPolicies): GuardrailPreset {
    return new GuardrailPreset(name, policies);
  }

  /** The preset's name */
  public readonly name: string;
  /** The policies it provides */
  public readonly policies: GuardrailPolicies;

  private constructor(name: string, policies: GuardrailPolicies) {
    this.name = name;
    this.policies = policies;
  }
}
