import { ExtensibleValue } from '../core/extensible-value';
import { UPPER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<ContextualGroundingType>('ContextualGroundingType', UPPER_SNAKE_CASE, 'a check');

/**
 * A contextual grounding check. AWS may add checks: `ContextualGroundingType.of(name)` names one this
 * release has no constant for.
 */
export class ContextualGroundingType extends ExtensibleValue {
  /** Whether the response is grounded in (factually consistent with) the reference source */
  public static readonly GROUNDING = ContextualGroundingType.of('GROUNDING');
  /** Whether the response is relevant to the user's query */
  public static readonly RELEVANCE = ContextualGroundingType.of('RELEVANCE');

  /**
   * A check by its Bedrock name, e.g. one added after this library's release; a known name gives its
   * constant.
   *
   * @param name the check as the `AWS::Bedrock::Guardrail` property spells it (upper case, underscores)
   */
  public static of(name: string): ContextualGroundingType {
    return names.member(name, value => new ContextualGroundingType(value));
  }

  /** Every check this release has a constant for. */
  public static all(): ContextualGroundingType[] {
    return [ContextualGroundingType.GROUNDING, ContextualGroundingType.RELEVANCE];
  }

  private constructor(value: string) {
    super(value);
  }
}
