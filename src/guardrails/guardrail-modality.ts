import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, GuardrailModality>();

/**
 * A modality a content filter evaluates. AWS adds modalities (`IMAGE` came after `TEXT`):
 * `GuardrailModality.of(name)` names one this release has no constant for.
 */
export class GuardrailModality extends ExtensibleValue {
  /** Text */
  public static readonly TEXT = GuardrailModality.named('TEXT');
  /** Images (only in some regions and for some categories) */
  public static readonly IMAGE = GuardrailModality.named('IMAGE');

  /**
   * A modality by its Bedrock name, e.g. one added after this library's release; a known name gives
   * its constant.
   *
   * @param name the modality as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailModality {
    return GuardrailModality.named(valueSetMember('GuardrailModality', name, /^[A-Z][A-Z0-9_]{0,63}$/, 'upper-case letters, digits and _, as Bedrock spells a modality'));
  }

  /** Every modality this release has a constant for. */
  public static all(): GuardrailModality[] {
    return [GuardrailModality.TEXT, GuardrailModality.IMAGE];
  }

  private static named(value: string): GuardrailModality {
    return internedValue(byValue, value, () => new GuardrailModality(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
