import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, ContentFilterType>();

/**
 * A harmful-content category of a content filter. AWS adds categories: `ContentFilterType.of(name)`
 * names one this release has no constant for.
 */
export class ContentFilterType extends ExtensibleValue {
  /** Sexual content */
  public static readonly SEXUAL = ContentFilterType.named('SEXUAL');
  /** Violence */
  public static readonly VIOLENCE = ContentFilterType.named('VIOLENCE');
  /** Hate */
  public static readonly HATE = ContentFilterType.named('HATE');
  /** Insults */
  public static readonly INSULTS = ContentFilterType.named('INSULTS');
  /** Misconduct (criminal activity, harming people or property) */
  public static readonly MISCONDUCT = ContentFilterType.named('MISCONDUCT');
  /** Prompt attacks (jailbreaks, prompt injection); applies to input only, its output strength must be NONE */
  public static readonly PROMPT_ATTACK = ContentFilterType.named('PROMPT_ATTACK');

  /**
   * A category by its Bedrock name, e.g. one added after this library's release; a known name gives
   * its constant.
   *
   * @param name the category as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ContentFilterType {
    return ContentFilterType.named(valueSetMember('ContentFilterType', name, /^[A-Z][A-Z0-9_]{0,63}$/, 'upper-case letters, digits and _, as Bedrock spells a category'));
  }

  /** Every category this release has a constant for. */
  public static all(): ContentFilterType[] {
    return [ContentFilterType.SEXUAL, ContentFilterType.VIOLENCE, ContentFilterType.HATE, ContentFilterType.INSULTS,
      ContentFilterType.MISCONDUCT, ContentFilterType.PROMPT_ATTACK];
  }

  private static named(value: string): ContentFilterType {
    return internedValue(byValue, value, () => new ContentFilterType(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
