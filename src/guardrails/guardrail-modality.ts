import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<GuardrailModality>('GuardrailModality', UPPER_SNAKE_CASE, 'a modality');

/**
 * A modality a content filter evaluates. AWS adds modalities (`IMAGE` came after `TEXT`):
 * `GuardrailModality.of(name)` names one this release has no constant for.
 */
export class GuardrailModality extends ExtensibleValue {
  /** Text */
  public static readonly TEXT = GuardrailModality.of('TEXT');
  /** Images (only in some regions and for some categories) */
  public static readonly IMAGE = GuardrailModality.of('IMAGE');

  /**
   * A modality by its Bedrock name, e.g. one added after this library's release; a known name gives
   * its constant.
   *
   * @param name the modality as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailModality {
    return names.member(name, value => new GuardrailModality(value));
  }

  /** Every modality this release has a constant for. */
  public static all(): GuardrailModality[] {
    return [GuardrailModality.TEXT, GuardrailModality.IMAGE];
  }

  private constructor(value: string) {
    super(value);
  }
}
