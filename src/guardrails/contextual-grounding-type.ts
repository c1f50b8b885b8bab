import { ExtensibleValue, internedValue } from '../core/extensible-value';
import { valueSetMember } from '../core/validation';

/** One instance per value, so a constant and `of()` of its value are the same object. */
const byValue = new Map<string, ContextualGroundingType>();

/**
 * A contextual grounding check. AWS may add checks: `ContextualGroundingType.of(name)` names one this
 * release has no constant for.
 */
export class ContextualGroundingType extends ExtensibleValue {
  /** Whether the response is grounded in (factually consistent with) the reference source */
  public static readonly GROUNDING = ContextualGroundingType.named('GROUNDING');
  /** Whether the response is relevant to the user's query */
  public static readonly RELEVANCE = ContextualGroundingType.named('RELEVANCE');

  /**
   * A check by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the check as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ContextualGroundingType {
    return ContextualGroundingType.named(valueSetMember('ContextualGroundingType', name, /^[A-Z][A-Z0-9_]{0,63}$/,
      'upper-case letters, digits and _, as Bedrock spells a check'));
  }

  /** Every check this release has a constant for. */
  public static all(): ContextualGroundingType[] {
    return [ContextualGroundingType.GROUNDING, ContextualGroundingType.RELEVANCE];
  }

  private static named(value: string): ContextualGroundingType {
    return internedValue(byValue, value, () => new ContextualGroundingType(value));
  }

  private constructor(value: string) {
    super(value);
  }
}
