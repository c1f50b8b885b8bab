import { Geography } from '../../models/geography';

/** The order in which a region's own geography is chosen when no profile restricts it. */
export const GEOGRAPHY_PREFERENCE = [Geography.US_GOV, Geography.EU, Geography.US, Geography.JP, Geography.AU, Geography.CA, Geography.APAC];

/** The geography a region's data stays in: the first allowed (or preferred) one the region is a source region of. */
export function geographyOf(region: string, allowed: Geography[] | undefined): Geography | undefined {
  return (allowed ?? GEOGRAPHY_PREFERENCE).find(g => !g.isGlobal && g.isSourceRegion(region));
}
