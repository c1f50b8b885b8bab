import { ExtensibleValue } from '../core/extensible-value';
import { LOWER_CASE_WITH_HYPHENS, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<ServiceTier>('ServiceTier', LOWER_CASE_WITH_HYPHENS, 'a tier');

/**
 * The service tier an invocation runs on (`bedrock:ServiceTier` on InvokeModel and its streaming
 * form, `bedrock-mantle:ServiceTier` on the OpenAI-compatible endpoint): which tiers a workload may
 * use is a cost and capacity decision of the platform team. AWS adds tiers: `ServiceTier.of(name)`
 * names one this release has no constant for, and only a list that names it allows it.
 */
export class ServiceTier extends ExtensibleValue {
  /** Faster, more available processing at a premium price. */
  public static readonly PRIORITY = ServiceTier.of('priority');
  /** The standard tier, used when a request names none. */
  public static readonly DEFAULT = ServiceTier.of('default');
  /** Discounted, processed when capacity allows. */
  public static readonly FLEX = ServiceTier.of('flex');
  /** Capacity reserved in advance: a commitment billed whether used or not. */
  public static readonly RESERVED = ServiceTier.of('reserved');

  /**
   * A tier by the name the `ServiceTier` condition keys carry, e.g. one added after this library's
   * release; a known name gives its constant.
   *
   * @param name the tier as Bedrock spells it (lower case, e.g. `flex`)
   */
  public static of(name: string): ServiceTier {
    return names.member(name, value => new ServiceTier(value));
  }

  /** Every tier this release has a constant for. */
  public static all(): ServiceTier[] {
    return [ServiceTier.PRIORITY, ServiceTier.DEFAULT, ServiceTier.FLEX, ServiceTier.RESERVED];
  }

  private constructor(value: string) {
    super(value);
  }
}
