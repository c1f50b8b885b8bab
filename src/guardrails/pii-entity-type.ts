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
