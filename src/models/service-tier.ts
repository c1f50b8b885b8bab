/**
 * The service tier an invocation runs on (`bedrock:ServiceTier` on InvokeModel and its streaming
 * form, `bedrock-mantle:ServiceTier` on the OpenAI-compatible endpoint): which tiers a workload may
 * use is a cost and capacity decision of the platform team.
 */
export enum ServiceTier {
  /** Faster, more available processing at a premium price. */
  PRIORITY = 'priority',
  /** The standard tier, used when a request names none. */
  DEFAULT = 'default',
  /** Discounted, processed when capacity allows. */
  FLEX = 'flex',
  /** Capacity reserved in advance: a commitment billed whether used or not. */
  RESERVED = 'reserved',
}
