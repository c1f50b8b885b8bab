/**
 * The on-demand list price of one model's tokens, in US dollars per million tokens.
 */
export interface TokenPrice {
  /** The model's base identifier, without an inference profile prefix (e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`) */
  readonly modelId: string;
  /** US dollars per million input tokens */
  readonly inputPerMillionTokens: number;
  /** US dollars per million output tokens (0 for an embedding model) */
  readonly outputPerMillionTokens: number;
}

/**
 * On-demand list prices pinned in the library, with the date they were read: the dashboard's spend
 * estimate uses them unless you give prices of your own. They are the global (base) prices; regional
 * and geographic endpoints of the 4.5 generation are reported about 10% higher. An estimate from list
 * prices is never a bill: discounts, caching, batch and the regional premium are not in it.
 */
export class PinnedTokenPrices {
  /** The date the prices were read */
  public static readonly DATE = '2026-12-06';

  /** Where the prices were read */
  public static readonly SOURCE = 'https://aws.amazon.com/bedrock/pricing/ (figures as reported by clauder-navi.com/en/bedrock-claude-cost/ ' +
    'and inventivehq.com/blog/aws-bedrock-pricing-guide)';

  /** The prices */
  public static readonly PRICES: TokenPrice[] = [
    { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', inputPerMillionTokens: 3, outputPerMillionTokens: 15 },
    { modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0', inputPerMillionTokens: 1, outputPerMillionTokens: 5 },
    { modelId: 'amazon.titan-embed-text-v2:0', inputPerMillionTokens: 0.02, outputPerMillionTokens: 0 },
  ];

  private constructor() {}
}
