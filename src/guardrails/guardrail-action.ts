import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<GuardrailAction>('GuardrailAction', UPPER_SNAKE_CASE, 'an action');

/**
 * What a guardrail does when a content filter, denied topic, word or grounding check matches. AWS adds
 * actions (detect mode, `NONE`, came after `BLOCK`): `GuardrailAction.of(name)` names one this release
 * has no constant for.
 */
export class GuardrailAction extends ExtensibleValue {
  /** Block the content and return the blocked message */
  public static readonly BLOCK = GuardrailAction.of('BLOCK');
  /** Take no action; the detection is reported in the trace only */
  public static readonly NONE = GuardrailAction.of('NONE');

  /**
   * An action by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the action as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): GuardrailAction {
    return names.member(name, value => new GuardrailAction(value));
  }

  /** Every action this release has a constant for. */
  public static all(): GuardrailAction[] {
    return [GuardrailAction.BLOCK, GuardrailAction.NONE];
  }

  private constructor(value: string) {
    super(value);
  }
}
