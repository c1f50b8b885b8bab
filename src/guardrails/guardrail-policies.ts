/**
 * The policy vocabulary of Amazon Bedrock Guardrails, typed: content filters, denied topics, word
 * filters, sensitive information (PII and regex) filters and contextual grounding checks.
 *
 * Every enum value is the exact string of the `AWS::Bedrock::Guardrail` CloudFormation property (and
 * of the Bedrock `CreateGuardrail` API, botocore service model `bedrock/2023-04-20`).
 */

/**
 * A harmful-content category of a content filter.
 */
export enum ContentFilterType {
  /** Sexual content */
  SEXUAL = 'SEXUAL',
  /** Violence */
  VIOLENCE = 'VIOLENCE',
  /** Hate */
  HATE = 'HATE',
  /** Insults */
  INSULTS = 'INSULTS',
  /** Misconduct (criminal activity, harming people or property) */
  MISCONDUCT = 'MISCONDUCT',
  /** Prompt attacks (jailbreaks, prompt injection); applies to input only, its output strength must be NONE */
  PROMPT_ATTACK = 'PROMPT_ATTACK',
}

/**
 * How strongly a content filter applies: the higher, the more content is filtered.
 */
export enum FilterStrength {
  /** No filtering */
  NONE = 'NONE',
  /** Filters content classified harmful with high confidence */
  LOW = 'LOW',
  /** Filters content classified harmful with medium or high confidence */
  MEDIUM = 'MEDIUM',
  /** Filters content classified harmful with low, medium or high confidence */
  HIGH = 'HIGH',
}

/**
 * What a guardrail does when a content filter, denied topic, word or grounding check matches.
 */
export enum GuardrailAction {
  /** Block the content and return the blocked message */
  BLOCK = 'BLOCK',
  /** Take no action; the detection is reported in the trace only */
  NONE = 'NONE',
}

/**
 * What a guardrail does when sensitive information (a PII entity or a regex) is detected.
 */
export enum SensitiveInformationAction {
  /** Block the content and return the blocked message */
  BLOCK = 'BLOCK',
  /** Mask the sensitive information with an identifier tag such as `{NAME}` */
  ANONYMIZE = 'ANONYMIZE',
  /** Take no action; the detection is reported in the trace only */
  NONE = 'NONE',
}

/**
 * A modality a content filter evaluates.
 */
export enum GuardrailModality {
  /** Text */
  TEXT = 'TEXT',
  /** Images (only in some regions and for some categories) */
  IMAGE = 'IMAGE',
}

/**
 * The safeguard tier of content filters or denied topics.
 */
export enum GuardrailTier {
  /** Established functionality for English, French and Spanish */
  CLASSIC = 'CLASSIC',
  /** More robust, more languages; requires a cross-region guardrail profile */
  STANDARD = 'STANDARD',
}

/**
 * A managed word list.
 */
export enum ManagedWordListType {
  /** The managed profanity list */
  PROFANITY = 'PROFANITY',
}

/**
 * A contextual grounding check.
 */
export enum ContextualGroundingType {
  /** Whether the response is grounded in (factually consistent with) the reference source */
  GROUNDING = 'GROUNDING',
  /** Whether the response is relevant to the user's query */
  RELEVANCE = 'RELEVANCE',
}

/**
 * A type of personally identifiable information (PII) that Bedrock Guardrails detects.
 *
 * The constants are every value of `GuardrailPiiEntityType` in the Bedrock API (botocore service
 * model `bedrock/2023-04-20`, botocore 1.43.11); use `PiiEntityType.of(name)` for a type added later.
 */
export class PiiEntityType {
  /** A physical address */
  public static readonly ADDRESS = new PiiEntityType('ADDRESS');
  /** An individual's age */
  public static readonly AGE = new PiiEntityType('AGE');
  /** An AWS access key ID */
  public static readonly AWS_ACCESS_KEY = new PiiEntityType('AWS_ACCESS_KEY');
  /** An AWS secret access key */
  public static readonly AWS_SECRET_KEY = new PiiEntityType('AWS_SECRET_KEY');
  /** A Canadian health service number */
  public static readonly CA_HEALTH_NUMBER = new PiiEntityType('CA_HEALTH_NUMBER');
  /** A Canadian social insurance number */
  public static readonly CA_SOCIAL_INSURANCE_NUMBER = new PiiEntityType('CA_SOCIAL_INSURANCE_NUMBER');
  /** A card verification code */
  public static readonly CREDIT_DEBIT_CARD_CVV = new PiiEntityType('CREDIT_DEBIT_CARD_CVV');
  /** A card expiration date */
  public static readonly CREDIT_DEBIT_CARD_EXPIRY = new PiiEntityType('CREDIT_DEBIT_CARD_EXPIRY');
  /** A credit or debit card number */
  public static readonly CREDIT_DEBIT_CARD_NUMBER = new PiiEntityType('CREDIT_DEBIT_CARD_NUMBER');
  /** A driver's license number */
  public static readonly DRIVER_ID = new PiiEntityType('DRIVER_ID');
  /** An email address */
  public static readonly EMAIL = new PiiEntityType('EMAIL');
  /** An International Bank Account Number (IBAN) */
  public static readonly INTERNATIONAL_BANK_ACCOUNT_NUMBER = new PiiEntityType('INTERNATIONAL_BANK_ACCOUNT_NUMBER');
  /** An IPv4 address */
  public static readonly IP_ADDRESS = new PiiEntityType('IP_ADDRESS');
  /** A vehicle license plate */
  public static readonly LICENSE_PLATE = new PiiEntityType('LICENSE_PLATE');
  /** A MAC address */
  public static readonly MAC_ADDRESS = new PiiEntityType('MAC_ADDRESS');
  /** An individual's name */
  public static readonly NAME = new PiiEntityType('NAME');
  /** A password */
  public static readonly PASSWORD = new PiiEntityType('PASSWORD');
  /** A phone, fax or pager number */
  public static readonly PHONE = new PiiEntityType('PHONE');
  /** A personal identification number */
  public static readonly PIN = new PiiEntityType('PIN');
  /** A SWIFT (BIC) code */
  public static readonly SWIFT_CODE = new PiiEntityType('SWIFT_CODE');
  /** A UK National Health Service number */
  public static readonly UK_NATIONAL_HEALTH_SERVICE_NUMBER = new PiiEntityType('UK_NATIONAL_HEALTH_SERVICE_NUMBER');
  /** A UK National Insurance number */
  public static readonly UK_NATIONAL_INSURANCE_NUMBER = new PiiEntityType('UK_NATIONAL_INSURANCE_NUMBER');
  /** A UK Unique Taxpayer Reference */
  public static readonly UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER = new PiiEntityType('UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER');
  /** A URL */
  public static readonly URL = new PiiEntityType('URL');
  /** A user name */
  public static readonly USERNAME = new PiiEntityType('USERNAME');
  /** A US bank account number */
  public static readonly US_BANK_ACCOUNT_NUMBER = new PiiEntityType('US_BANK_ACCOUNT_NUMBER');
  /** A US bank routing number */
  public static readonly US_BANK_ROUTING_NUMBER = new PiiEntityType('US_BANK_ROUTING_NUMBER');
  /** A US Individual Taxpayer Identification Number */
  public static readonly US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER = new PiiEntityType('US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER');
  /** A US passport number */
  public static readonly US_PASSPORT_NUMBER = new PiiEntityType('US_PASSPORT_NUMBER');
  /** A US Social Security number */
  public static readonly US_SOCIAL_SECURITY_NUMBER = new PiiEntityType('US_SOCIAL_SECURITY_NUMBER');
  /** A vehicle identification number (VIN) */
  public static readonly VEHICLE_IDENTIFICATION_NUMBER = new PiiEntityType('VEHICLE_IDENTIFICATION_NUMBER');

  /**
   * A PII entity type by its Bedrock name, e.g. one added to Bedrock after this library's release.
   *
   * @param name the entity type as the Bedrock API spells it (upper case, underscores)
   */
  public static of(name: string): PiiEntityType {
    return new PiiEntityType(name);
  }

  /** Every PII entity type this library knows, in alphabetical order. */
  public static all(): PiiEntityType[] {
    return [
      PiiEntityType.ADDRESS, PiiEntityType.AGE, PiiEntityType.AWS_ACCESS_KEY, PiiEntityType.AWS_SECRET_KEY,
      PiiEntityType.CA_HEALTH_NUMBER, PiiEntityType.CA_SOCIAL_INSURANCE_NUMBER, PiiEntityType.CREDIT_DEBIT_CARD_CVV,
      PiiEntityType.CREDIT_DEBIT_CARD_EXPIRY, PiiEntityType.CREDIT_DEBIT_CARD_NUMBER, PiiEntityType.DRIVER_ID, PiiEntityType.EMAIL,
      PiiEntityType.INTERNATIONAL_BANK_ACCOUNT_NUMBER, PiiEntityType.IP_ADDRESS, PiiEntityType.LICENSE_PLATE, PiiEntityType.MAC_ADDRESS,
      PiiEntityType.NAME, PiiEntityType.PASSWORD, PiiEntityType.PHONE, PiiEntityType.PIN, PiiEntityType.SWIFT_CODE,
      PiiEntityType.UK_NATIONAL_HEALTH_SERVICE_NUMBER, PiiEntityType.UK_NATIONAL_INSURANCE_NUMBER,
      PiiEntityType.UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, PiiEntityType.URL, PiiEntityType.USERNAME,
      PiiEntityType.US_BANK_ACCOUNT_NUMBER, PiiEntityType.US_BANK_ROUTING_NUMBER, PiiEntityType.US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER,
      PiiEntityType.US_PASSPORT_NUMBER, PiiEntityType.US_SOCIAL_SECURITY_NUMBER, PiiEntityType.VEHICLE_IDENTIFICATION_NUMBER,
    ];
  }

  /** The entity type as the Bedrock API spells it */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  /** The entity type's Bedrock name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * Which directions a guardrail policy entry evaluates: every entry type has both switches.
 */
export interface GuardrailFilterDirections {
  /**
   * Whether prompts are evaluated (when false, they are not evaluated and not charged).
   *
   * @default true
   */
  readonly inputEnabled?: boolean;
  /**
   * Whether responses are evaluated (when false, they are not evaluated and not charged).
   *
   * @default true
   */
  readonly outputEnabled?: boolean;
}

/**
 * What a content filter, denied topic, word or managed word list does per direction.
 */
export interface GuardrailFilterActions extends GuardrailFilterDirections {
  /**
   * The action on a prompt that matches.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly inputAction?: GuardrailAction;
  /**
   * The action on a response that matches.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly outputAction?: GuardrailAction;
}

/**
 * What a PII entity or regex filter does per direction.
 */
export interface SensitiveInformationActions extends GuardrailFilterDirections {
  /** The action in both directions, unless `inputAction` or `outputAction` says otherwise */
  readonly action: SensitiveInformationAction;
  /**
   * The action on a prompt that matches.
   *
   * @default - `action`
   */
  readonly inputAction?: SensitiveInformationAction;
  /**
   * The action on a response that matches.
   *
   * @default - `action`
   */
  readonly outputAction?: SensitiveInformationAction;
}

/**
 * A content filter: one harmful-content category with its strength and action per direction.
 */
export interface ContentFilter extends GuardrailFilterActions {
  /** The category */
  readonly type: ContentFilterType;
  /** How strongly prompts are filtered */
  readonly inputStrength: FilterStrength;
  /** How strongly model responses are filtered (must be NONE for PROMPT_ATTACK) */
  readonly outputStrength: FilterStrength;
  /**
   * The modalities of prompts the filter evaluates.
   *
   * @default [GuardrailModality.TEXT]
   */
  readonly inputModalities?: GuardrailModality[];
  /**
   * The modalities of responses the filter evaluates.
   *
   * @default [GuardrailModality.TEXT]
   */
  readonly outputModalities?: GuardrailModality[];
}

/**
 * A topic the guardrail denies.
 */
export interface DeniedTopic extends GuardrailFilterActions {
  /** The topic's name (1 to 100 characters of letters, digits, space and `-_!?.`) */
  readonly name: string;
  /** What the topic is, in natural language (1 to 200 characters) */
  readonly definition: string;
  /**
   * Up to 5 example prompts of the topic (each 1 to 100 characters).
   *
   * @default - no examples
   */
  readonly examples?: string[];
}

/**
 * A custom word or phrase the guardrail matches exactly.
 */
export interface WordFilter extends GuardrailFilterActions {
  /** The word or phrase (1 to 100 characters) */
  readonly text: string;
}

/**
 * A managed word list the guardrail applies.
 */
export interface ManagedWordListFilter extends GuardrailFilterActions {
  /** The managed list */
  readonly type: ManagedWordListType;
}

/**
 * A PII entity type the guardrail detects, with what it does per direction.
 */
export interface PiiEntityFilter extends SensitiveInformationActions {
  /** The entity type */
  readonly type: PiiEntityType;
}

/**
 * A custom sensitive-information pattern (booking IDs, medical record numbers, ...).
 */
export interface RegexFilter extends SensitiveInformationActions {
  /** The pattern's name (1 to 100 characters) */
  readonly name: string;
  /** The regular expression (1 to 500 characters) */
  readonly pattern: string;
  /**
   * What the pattern matches (1 to 1000 characters).
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * A contextual grounding check of model responses.
 */
export interface ContextualGroundingFilter {
  /** The check */
  readonly type: ContextualGroundingType;
  /** Responses scoring below this confidence (0 to 0.99) fail the check */
  readonly threshold: number;
  /**
   * The action on a response that fails the check.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly action?: GuardrailAction;
  /**
   * Whether the check runs.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Automated Reasoning policies a guardrail applies.
 */
export interface AutomatedReasoningPolicyReference {
  /** The ARNs of 1 or 2 Automated Reasoning policies (optionally with a `:version`) */
  readonly policyArns: string[];
  /**
   * The minimum confidence (0 to 1) for a finding to trigger the guardrail.
   *
   * @default - Bedrock's default
   */
  readonly confidenceThreshold?: number;
}

/**
 * The filtering policies of a guardrail: what a preset provides and what a guardrail's props add.
 */
export interface GuardrailPolicies {
  /**
   * Content filters, at most one per category.
   *
   * @default - none
   */
  readonly contentFilters?: ContentFilter[];
  /**
   * Denied topics (at most 30).
   *
   * @default - none
   */
  readonly deniedTopics?: DeniedTopic[];
  /**
   * Custom words and phrases (at most 10,000).
   *
   * @default - none
   */
  readonly words?: WordFilter[];
  /**
   * Managed word lists.
   *
   * @default - none
   */
  readonly managedWordLists?: ManagedWordListFilter[];
  /**
   * PII entity types to detect, at most one filter per type.
   *
   * @default - none
   */
  readonly piiEntities?: PiiEntityFilter[];
  /**
   * Custom sensitive-information patterns (at most 10).
   *
   * @default - none
   */
  readonly regexes?: RegexFilter[];
  /**
   * Contextual grounding checks, at most one per type.
   *
   * @default - none
   */
  readonly contextualGrounding?: ContextualGroundingFilter[];
}
