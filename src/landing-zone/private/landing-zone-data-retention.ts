import { Construct } from 'constructs';
import { Problems } from '../../core/validation';
import { BedrockDataRetention, DataRetentionMode, IBedrockDataRetention } from '../../data-retention';
import { mostRetention, retentionRank, unorderedRetentionProblem } from '../../data-retention/private/data-retention-order';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { ApprovedModel } from '../approved-model';
import { GovernanceProfile } from '../governance-profile';

/**
 * The account's data retention setting: the user's own, or a `BedrockDataRetention` child
 * `DataRetention` of `scope` with the mode the profiles and approved models ask for.
 */
export function landingZoneDataRetention(scope: Construct, profile: GovernanceProfile, approvedModels: ApprovedModel[],
  own: IBedrockDataRetention | undefined): IBedrockDataRetention {
  const mode = dataRetentionMode(scope, profile, approvedModels, own);
  return own ?? new BedrockDataRetention(scope, 'DataRetention', { mode });
}

/**
 * The mode to set: the profiles' own, or the most an approved model requires, within the most the
 * profiles allow. A setting of the user's own must meet the same bounds.
 */
function dataRetentionMode(scope: Construct, profile: GovernanceProfile, approvedModels: ApprovedModel[],
  own: IBedrockDataRetention | undefined): DataRetentionMode {
  const problems = new Problems();
  const maximum = profile.maximumDataRetention;
  const requiring = approvedModels.filter(m => m.requiredDataRetention !== undefined);
  const candidates = [profile.dataRetention, ...requiring.map(m => m.requiredDataRetention!)];
  const unordered = unorderedRetentionProblem('approvedModels', candidates);
  if (unordered !== undefined) problems.add(unordered);
  const mode = mostRetention(candidates);
  if (maximum !== undefined) {
    requiring.filter(m => retentionRank(m.requiredDataRetention!) > retentionRank(maximum)).forEach(m => problems.add(
      `approvedModels: ${m} requires data retention '${m.requiredDataRetention}', but profile ${profile.name} allows at most ` +
      `'${maximum}': remove the model from this landing zone's list, or govern it under a profile that allows that mode`));
  }
  if (own) {
    if (maximum !== undefined && retentionRank(own.mode) > retentionRank(maximum)) {
      problems.add(`dataRetention sets mode '${own.mode}', but profile ${profile.name} allows at most '${maximum}'`);
    }
    requiring.filter(m => retentionRank(own.mode) < retentionRank(m.requiredDataRetention!)).forEach(m => problems.add(
      `dataRetention sets mode '${own.mode}', but approved model ${m} requires '${m.requiredDataRetention}': its calls would fail`));
  }
  problems.throwIfAny(scope, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_DATA_RETENTION);
  return own?.mode ?? mode;
}
