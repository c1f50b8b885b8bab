import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, SensitiveInformationAction>();

/**
 * What a guardrail does when sensitive information (a PII entity or a regex) is detected. AWS adds
 * actions (detect mode, `NONE`, came after `BLOCK` and `ANONYMIZE`): `SensitiveInformationAction.of(name)`
 * names one this release has no constant for.
 */
export class SensitiveInformationAction extends ExtensibleValue {
  /** Block the content and return the blocked message */
  public static readonly BLOCK = SensitiveInformationAction.named('BLOCK');
  /** Mask the sensitive information with an identifier tag such as `{NAME}` */
  public static readonly ANONYMIZE = SensitiveInformationAction.named('ANONYMIZE');
  /** Take no action; the detection is reported in the trace only */
  public static readonly NONE = SensitiveInformationAction.named('NONE');

  /**
   * An action by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the action as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): SensitiveInformationAction {
    return SensitiveInformationAction.named(valueSetMember('SensitiveInformationAction', name, /^[A-Z][A-Z0-9_]{0,63}$/,
      'upper-case letters, digits and _, as Bedrock spells an action'));
  }

  /** Every action this release has a constant for. */
  public static all(): SensitiveInformationAction[] {
    return [SensitiveInformationAction.BLOCK, SensitiveInformationAction.ANONYMIZE, SensitiveInformationAction.NONE];
  }

  private static named(value: string): SensitiveInformationAction {
    return internedValue(byValue, value, () => new SensitiveInformationAction(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
