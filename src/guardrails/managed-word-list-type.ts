import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, ManagedWordListType>();

/**
 * A managed word list. AWS may add lists: `ManagedWordListType.of(name)` names one this release has
 * no constant for.
 */
export class ManagedWordListType extends ExtensibleValue {
  /** The managed profanity list */
  public static readonly PROFANITY = ManagedWordListType.named('PROFANITY');

  /**
   * A managed word list by its Bedrock name, e.g. one added after this library's release; a known
   * name gives its constant.
   *
   * @param name the list as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ManagedWordListType {
    return ManagedWordListType.named(valueSetMember('ManagedWordListType', name, /^[A-Z][A-Z0-9_]{0,63}$/,
      'upper-case letters, digits and _, as Bedrock spells a managed word list'));
  }

  private static named(value: string): ManagedWordListType {
    return internedValue(byValue, value, () => new ManagedWordListType(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
