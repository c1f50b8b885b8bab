import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<ContentFilterType>('ContentFilterType', UPPER_SNAKE_CASE, 'a category');

/**
 * A harmful-content category of a content filter. AWS adds categories: `ContentFilterType.of(name)`
 * names one this release has no constant for.
 */
export class ContentFilterType extends ExtensibleValue {
  /** Sexual content */
  public static readonly SEXUAL = ContentFilterType.of('SEXUAL');
  /** Violence */
  public static readonly VIOLENCE = ContentFilterType.of('VIOLENCE');
  /** Hate */
  public static readonly HATE = ContentFilterType.of('HATE');
  /** Insults */
  public static readonly INSULTS = ContentFilterType.of('INSULTS');
  /** Misconduct (criminal activity, harming people or property) */
  public static readonly MISCONDUCT = ContentFilterType.of('MISCONDUCT');
  /** Prompt attacks (jailbreaks, prompt injection); applies to input only, its output strength must be NONE */
  public static readonly PROMPT_ATTACK = ContentFilterType.of('PROMPT_ATTACK');

  /**
   * A category by its Bedrock name, e.g. one added after this library's release; a known name gives
   * its constant.
   *
   * @param name the category as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ContentFilterType {
    return names.member(name, value => new ContentFilterType(value));
  }

  /** Every category this release has a constant for. */
  public static all(): ContentFilterType[] {
    return [ContentFilterType.SEXUAL, ContentFilterType.VIOLENCE, ContentFilterType.HATE, ContentFilterType.INSULTS,
      ContentFilterType.MISCONDUCT, ContentFilterType.PROMPT_ATTACK];
  }

  private constructor(value: string) {
    super(value);
  }
}
