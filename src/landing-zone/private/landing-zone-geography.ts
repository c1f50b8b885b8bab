import { GEOGRAPHY_PREFERENCE } from './geography-preference';
import { oneOf } from '../../core/validation';
import { Geography } from '../../models';
import { ApprovedModel } from '../approved-model';
import { GovernanceProfile } from '../governance-profile';

/** What a landing zone's region and props decide about its geography, and what is wrong with them. */
export interface GeographyChoice {
  /** The geography data stays in; undefined only when `problems` says why. */
  readonly geography?: Geography;
  readonly problems: string[];
}

/**
 * The geography a landing zone governs: the one asked for, else the first allowed (or preferred) one
 * the region is a source region of; with every way the region, the profile and the approved models
 * disagree with it. Internal.
 */
export function chooseGeography(region: string | undefined, requested: Geography | undefined, profile: GovernanceProfile,
  approvedModels: ApprovedModel[]): GeographyChoice {
  if (region === undefined) {
    return {
      problems: ['the stack is environment-agnostic: a landing zone governs one region; give the stack an env with account and region, ' +
        'or declare the region of a StackSet template with BedrockLandingZone.governRegion(stack, region)'],
    };
  }
  const problems: string[] = [];
  const allowed = profile.allowedGeographies;
  const candidates = requested ? [requested] : (allowed ?? GEOGRAPHY_PREFERENCE);
  const geography = candidates.find(g => !g.isGlobal && g.isSourceRegion(region));
  if (requested && allowed && !allowed.some(g => g.prefix === requested.prefix)) {
    problems.push(`geography '${requested.prefix}' is not allowed by profile ${profile.name}; allowed: ${oneOf(allowed.map(g => g.prefix))}`);
  }
  if (!geography) {
    problems.push(`region ${region} is not a source region of ${requested ? `geography '${requested.prefix}'` : `any allowed geography (${oneOf(candidates.map(g => g.prefix))})`}` +
      (allowed ? ` under profile ${profile.name}: deploy this landing zone in one of ${oneOf(allowed.flatMap(g => g.sourceRegions))}` : ''));
  }
  const allowedRegions = profile.allowedRegions;
  if (geography && allowedRegions && !allowedRegions.includes(region)) {
    problems.push(`region ${region} is outside the regions profile ${profile.name} allows` +
      `${profile.jurisdiction ? ` (jurisdiction ${profile.jurisdiction})` : ''}: deploy this landing zone in one of ${oneOf(allowedRegions)}`);
  }
  if (!profile.allowsGlobalProfiles) {
    approvedModels.filter(m => m.isGlobal).forEach(m =>
      problems.push(`approvedModels: ${m} may route to any commercial region, which profile ${profile.name} does not allow; ` +
        'use ApprovedModel.throughGeography(modelId) instead'));
  }
  if (approvedModels.length === 0) problems.push('approvedModels is empty: give at least one approved model');
  return { geography, problems };
}
