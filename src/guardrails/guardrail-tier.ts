import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, GuardrailTier>();

/**
 * The safeguard tier of content filters or denied topics. AWS adds tiers: `GuardrailTier.of(name)`
 * names one this release has no constant for.
 */
export class GuardrailTier extends ExtensibleValue {
  /** Established functionality for English, French and Spanish */
  public static readonly CLASSIC = GuardrailTier.named('CLASSIC');
  /** More robust, more languages; requires a cross-region guardrail profile */
  public static readonly STANDARD = GuardrailTier.named('STANDARD');

  /**
   * A tier by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the tier as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailTier {
    return GuardrailTier.named(valueSetMember('GuardrailTier', name, /^[A-Z][A-Z0-9_]{0,63}$/, 'upper-case letters, digits and _, as Bedrock spells a tier'));
  }

  private static named(value: string): GuardrailTier {
    return internedValue(byValue, value, () => new GuardrailTier(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
