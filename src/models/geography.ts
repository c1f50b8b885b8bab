import { REGION_DATA } from './region-data.generated';

/**
 * A geography of Amazon Bedrock cross-region inference: the prefix of its system-defined inference
 * profiles (`eu.anthropic.claude-...`), the regions a profile can be called from (source regions)
 * and the regions it may route a request to (destination regions).
 *
 * The region lists are data carried by the library, kept current by `npx projen generate:region-data`.
 * Invoke grants allow the model only in the destination regions, never in `*`, so data stays in the
 * geography.
 */
export class Geography {
  /** United States (`us.` profiles) */
  public static readonly US = Geography.fromData('us');
  /** European Union (`eu.` profiles) */
  public static readonly EU = Geography.fromData('eu');
  /** Asia Pacific (`apac.` profiles) */
  public static readonly APAC = Geography.fromData('apac');
  /** Japan (`jp.` profiles) */
  public static readonly JP = Geography.fromData('jp');
  /** Australia (`au.` profiles) */
  public static readonly AU = Geography.fromData('au');
  /** Canada (`ca.` profiles) */
  public static readonly CA = Geography.fromData('ca');
  /** AWS GovCloud (US) (`us-gov.` profiles) */
  public static readonly US_GOV = Geography.fromData('us-gov');
  /**
   * Global (`global.` profiles): may route to any commercial region. IAM for it needs the
   * region-less model ARN with `aws:RequestedRegion = unspecified`; it does not keep data in any
   * geography.
   */
  public static readonly GLOBAL = Geography.fromData('global');

  /**
   * A geography the library does not know yet, with its profile prefix and regions.
   *
   * @param prefix the inference profile prefix, e.g. `in` for `in.model-id`
   * @param sourceRegions regions from which the geography's profiles are called
   * @param destinationRegions regions to which they route requests
   */
  public static of(prefix: string, sourceRegions: string[], destinationRegions: string[]): Geography {
    return new Geography(prefix, sourceRegions, destinationRegions);
  }

  /** Every geography the library's data knows. */
  public static all(): Geography[] {
    return [Geography.US, Geography.EU, Geography.APAC, Geography.JP, Geography.AU, Geography.CA, Geography.US_GOV, Geography.GLOBAL];
  }

  private static fromData(prefix: string): Geography {
    const regions = REGION_DATA.geographies[prefix];
    return new Geography(prefix, regions?.sourceRegions ?? [], regions?.destinationRegions ?? []);
  }

  /** The inference profile prefix (`eu`, `us`, `global`, ...) */
  public readonly prefix: string;
  /** Regions from which this geography's profiles can be called */
  public readonly sourceRegions: string[];
  /** Regions to which this geography's profiles may route requests */
  public readonly destinationRegions: string[];

  private constructor(prefix: string, sourceRegions: string[], destinationRegions: string[]) {
    this.prefix = prefix;
    this.sourceRegions = [...sourceRegions];
    this.destinationRegions = [...destinationRegions];
  }

  /** Whether this is the global geography, whose IAM pattern differs (see `Geography.GLOBAL`). */
  public get isGlobal(): boolean {
    return this.prefix === 'global';
  }

  /** Whether a profile of this geography can be called from the region. */
  public isSourceRegion(region: string): boolean {
    return this.sourceRegions.includes(region);
  }

  /** The geography prefix. */
  public toString(): string {
    return this.prefix;
  }
}
