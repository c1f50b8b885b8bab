import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, GuardrailAction>();

/**
 * What a guardrail does when a content filter, denied topic, word or grounding check matches. AWS adds
 * actions (detect mode, `NONE`, came after `BLOCK`): `GuardrailAction.of(name)` names one this release
 * has no constant for.
 */
export class GuardrailAction extends ExtensibleValue {
  /** Block the content and return the blocked message */
  public static readonly BLOCK = GuardrailAction.named('BLOCK');
  /** Take no action; the detection is reported in the trace only */
  public static readonly NONE = GuardrailAction.named('NONE');

  /**
   * An action by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the action as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailAction {
    return GuardrailAction.named(valueSetMember('GuardrailAction', name, /^[A-Z][A-Z0-9_]{0,63}$/, 'upper-case letters, digits and _, as Bedrock spells an action'));
  }

  /** Every action this release has a constant for. */
  public static all(): GuardrailAction[] {
    return [GuardrailAction.BLOCK, GuardrailAction.NONE];
  }

  private static named(value: string): GuardrailAction {
    return internedValue(byValue, value, () => new GuardrailAction(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
