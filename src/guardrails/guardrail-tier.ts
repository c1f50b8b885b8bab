import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<GuardrailTier>('GuardrailTier', UPPER_SNAKE_CASE, 'a tier');

/**
 * The safeguard tier of content filters or denied topics. AWS adds tiers: `GuardrailTier.of(name)`
 * names one this release has no constant for.
 */
export class GuardrailTier extends ExtensibleValue {
  /** Established functionality for English, French and Spanish */
  public static readonly CLASSIC = GuardrailTier.of('CLASSIC');
  /** More robust, more languages; requires a cross-region guardrail profile */
  public static readonly STANDARD = GuardrailTier.of('STANDARD');

  /**
   * A tier by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the tier as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailTier {
    return names.member(name, value => new GuardrailTier(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
