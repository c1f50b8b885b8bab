/**
 * The shape of the region data file that scripts/region-data writes. Internal: the public API reads
 * it through `Geography` and the invokables.
 */
export interface ProfileRegions {
  /** Regions from which the profile can be called */
  readonly sourceRegions: string[];
  /** Union of the regions the profile may route to, from any source region */
  readonly destinationRegions: string[];
  /** Destination regions by source region: a caller's grant names only these */
  readonly routing: Record<string, string[]>;
}

export interface ModelRegions {
  /** Regions that serve the model on demand, without an inference profile */
  readonly inRegion: string[];
  /** System-defined inference profiles that serve the model, by geography prefix */
  readonly profiles: Record<string, ProfileRegions>;
}

export interface RegionData {
  /** Where the data came from */
  readonly source: string;
  /** When it was collected (ISO date) */
  readonly collectedAt: string;
  /** Geography-wide regions: the union over the geography's profiles */
  readonly geographies: Record<string, ProfileRegions>;
  readonly models: Record<string, ModelRegions>;
}
