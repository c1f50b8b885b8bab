import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<SensitiveInformationAction>('SensitiveInformationAction', UPPER_SNAKE_CASE, 'an action');

/**
 * What a guardrail does when sensitive information (a PII entity or a regex) is detected. AWS adds
 * actions (detect mode, `NONE`, came after `BLOCK` and `ANONYMIZE`): `SensitiveInformationAction.of(name)`
 * names one this release has no constant for.
 */
export class SensitiveInformationAction extends ExtensibleValue {
  /** Block the content and return the blocked message */
  public static readonly BLOCK = SensitiveInformationAction.of('BLOCK');
  /** Mask the sensitive information with an identifier tag such as `{NAME}` */
  public static readonly ANONYMIZE = SensitiveInformationAction.of('ANONYMIZE');
  /** Take no action; the detection is reported in the trace only */
  public static readonly NONE = SensitiveInformationAction.of('NONE');

  /**
   * An action by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the action as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): SensitiveInformationAction {
    return names.member(name, value => new SensitiveInformationAction(value));
  }

  /** Every action this release has a constant for. */
  public static all(): SensitiveInformationAction[] {
    return [SensitiveInformationAction.BLOCK, SensitiveInformationAction.ANONYMIZE, SensitiveInformationAction.NONE];
  }

  private constructor(value: string) {
    super(value);
  }
}
