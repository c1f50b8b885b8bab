import { IConstruct } from 'constructs';
import { oneOf } from '../../core/validation';
import { Geography, IBedrockInvokable } from '../../models';
import { regionsReached } from '../../models/grants/grant-regions';
import { modelRegions } from '../../models/invoke-statements';
import { REGION_DATA } from '../../models/region-data.generated';
import { ApprovedModel } from '../approved-model';
import { GovernanceProfile } from '../governance-profile';

/**
 * Residency checks by meaning: where a model's requests may be processed, from the region data and
 * from the grant itself, against the regions a profile allows. Internal.
 */

/** Problems of resolved models whose grants reach regions the profile does not allow (any route, including `ApprovedModel.of`). */
export function grantRegionProblems(scope: IConstruct, models: IBedrockInvokable[], approved: ApprovedModel[], profile: GovernanceProfile): string[] {
  const allowed = profile.allowedRegions;
  if (allowed === undefined) return [];
  const problems: string[] = [];
  models.forEach((model, i) => {
    if (model.problemsFor(scope).length > 0) return; // reported by the grant itself
    const outside = regionsReached(model.invokeStatements(scope)).filter(r => !allowed.includes(r));
    if (outside.length > 0) {
      problems.push(`approvedModels[${i}]: ${approved[i]} (${model.invocationIdentifier(scope)}) may be processed in ${oneOf(outside.map(r => r === '*' ? 'any region' : r))}, outside ` +
        `the regions profile ${profile.name} allows (${oneOf(allowed)}); approve it through the geography's profile or in-region, in an allowed region`);
    }
  });
  return problems;
}

/**
 * Problems of approved models whose geography profile may route a request from an allowed region
 * to a region outside the profile's jurisdiction, from the region data (the model's own routing,
 * else the geography's routing for that source region). Organization policies fence the region a request is made in; where it is
 * then routed is decided by the profile, so it is checked here, at synth.
 */
export function routingProblems(models: ApprovedModel[], geographies: Geography[], profile: GovernanceProfile): string[] {
  const allowed = profile.allowedRegions;
  if (profile.jurisdiction === undefined || allowed === undefined) return [];
  const problems: string[] = [];
  for (const model of models.filter(m => m.modelId !== undefined && !m.isInRegion && !m.isGlobal)) {
    for (const geography of geographies.filter(g => !g.isGlobal)) {
      const routing = modelRegions(model.modelId!)?.profiles[geography.prefix]?.routing ?? REGION_DATA.geographies[geography.prefix]?.routing;
      for (const source of allowed.filter(r => geography.isSourceRegion(r))) {
        const destinations = routing?.[source] ?? geography.destinationRegions;
        const outside = destinations.filter(d => !allowed.includes(d));
        if (outside.length > 0) {
          problems.push(`approvedModels: ${model.modelId} through the ${geography.prefix} profile may route requests from ${source} to ` +
            `${oneOf(outside)}, outside jurisdiction ${profile.jurisdiction} (${oneOf(profile.jurisdiction.regions)}); approve it in-region, ` +
            'or choose a jurisdiction that includes those regions');
        }
      }
    }
  }
  return problems;
}
