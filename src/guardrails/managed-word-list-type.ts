import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<ManagedWordListType>('ManagedWordListType', UPPER_SNAKE_CASE, 'a managed word list');

/**
 * A managed word list. AWS may add lists: `ManagedWordListType.of(name)` names one this release has
 * no constant for.
 */
export class ManagedWordListType extends ExtensibleValue {
  /** The managed profanity list */
  public static readonly PROFANITY = ManagedWordListType.of('PROFANITY');

  /**
   * A managed word list by its Bedrock name, e.g. one added after this library's release; a known
   * name gives its constant.
   *
   * @param name the list as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ManagedWordListType {
    return names.member(name, value => new ManagedWordListType(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
