import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockDataRetention, BedrockLandingZone, BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors,
  DataRetentionMode, GovernanceProfile,
} from '../../src';
import { SONNET_45, stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';

/**
 * DataRetentionMode is an open value set (issue 34, ADR 0022): a constant per mode this release
 * knows, and `of(name)` for one AWS adds later. A mode the library cannot place on its scale of what
 * is kept never fits under a maximum, cannot be a maximum, and is never chosen over another such mode.
 */

const ADDED = 'added_later';

function landingZone(
  profiles: GovernanceProfile[], approvedModels = [ApprovedModel.throughGeography(SONNET_45)], own?: (s: Stack) => BedrockDataRetention,
) {
  const stack = stackIn('eu-central-1');
  new BedrockLandingZone(stack, 'Lz', { profiles, approvedModels, dataRetention: own?.(stack), spend: { existingBudgetName: 'bedrock-account' } });
  return Object.values<any>(Template.fromStack(stack).findResources('Custom::BedrockDataRetention')).map(r => r.Properties.Mode);
}

describe('DataRetentionMode.of', () => {
  test('a known name gives its constant (the same object), which prints as the name', () => {
    expect(DataRetentionMode.of('aws_review')).toBe(DataRetentionMode.AWS_REVIEW);
    expect(DataRetentionMode.all().map(m => `${m}`)).toEqual(['none', 'aws_review', 'default', 'provider_data_share', 'inherit']);
  });

  test.each(['NONE', '', 'has space', '1mode', 'with-dash'])('of(%j) is refused with the type, the value and what is allowed', bad => {
    const error = errorOf(() => DataRetentionMode.of(bad));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.VALUE_SET_VALUE);
    expect(error.message).toBe(`DataRetentionMode.of: value is the string '${bad}'; allowed: lower-case letters, digits and _, as Bedrock spells a data retention mode`);
  });

  test('BedrockDataRetention sets a mode added later as its name', () => {
    const stack = stackIn('eu-central-1');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.of(ADDED) });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockDataRetention', { Mode: ADDED, OnDelete: 'RETAIN' });
  });

  test('a plain string where a DataRetentionMode belongs is refused, naming the value and the known modes', () => {
    const error = errorOf(() => new BedrockDataRetention(stackIn('eu-central-1'), 'Retention', { mode: 'none' as any }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.DATA_RETENTION_PROPS);
    expect(error.problems).toEqual(["mode is the string 'none'; expected one of none, aws_review, default, provider_data_share, inherit (DataRetentionMode)"]);
  });
});

describe('a mode the library cannot place on its scale', () => {
  test('cannot be a profile\'s maximum: the maximum is a promise about what is kept', () => {
    const error = errorOf(() => GovernanceProfile.of('mine', { maximumDataRetention: DataRetentionMode.of(ADDED) }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
    expect(error.problems).toEqual([`maximumDataRetention is '${ADDED}', a mode this release cannot place on its scale of what is kept: ` +
      'give none, aws_review, default or provider_data_share']);
  });

  test('does not fit under a maximum, as a profile\'s mode, a model\'s requirement or a setting of one\'s own', () => {
    expect(errorOf(() => GovernanceProfile.of('mine', { dataRetention: DataRetentionMode.of(ADDED), maximumDataRetention: DataRetentionMode.PROVIDER_DATA_SHARE }))
      .problems).toEqual([`dataRetention '${ADDED}' keeps more than maximumDataRetention 'provider_data_share' allows`]);
    const needy = [ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.of(ADDED))];
    const error = errorOf(() => landingZone([GovernanceProfile.HIPAA], needy));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.LANDING_ZONE_DATA_RETENTION);
    expect(error.problems).toEqual([`approvedModels: ${SONNET_45} (through the geography's profile) requires data retention '${ADDED}', but profile hipaa ` +
      "allows at most 'aws_review': remove the model from this landing zone's list, or govern it under a profile that allows that mode"]);
    expect(errorOf(() => landingZone([GovernanceProfile.HIPAA], undefined, s => new BedrockDataRetention(s, 'Mine', { mode: DataRetentionMode.of(ADDED) }))).problems)
      .toEqual([`dataRetention sets mode '${ADDED}', but profile hipaa allows at most 'aws_review'`]);
  });

  test('without a maximum, a model that requires it gets it; the profile\'s own mode is the same', () => {
    const needy = [ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.of(ADDED))];
    expect(landingZone([GovernanceProfile.BASELINE], needy)).toEqual([ADDED]);
    expect(landingZone([GovernanceProfile.of('mine', { dataRetention: DataRetentionMode.of(ADDED) })])).toEqual([ADDED]);
  });

  test('two such modes are never chosen between by their order in a list', () => {
    const needy = [ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.of(ADDED))];
    const error = errorOf(() => landingZone([GovernanceProfile.of('mine', { dataRetention: DataRetentionMode.INHERIT })], needy));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.LANDING_ZONE_DATA_RETENTION);
    expect(error.problems).toEqual([`approvedModels: the modes 'inherit', '${ADDED}' are not on this release's scale of what is kept, so none can be chosen ` +
      'over the others: keep one of them']);
    const combined = errorOf(() => GovernanceProfile.combine([
      GovernanceProfile.of('a', { dataRetention: DataRetentionMode.of(ADDED) }), GovernanceProfile.of('b', { dataRetention: DataRetentionMode.of('other_mode') }),
    ]));
    expect(BedrockLandingZoneErrors.codeOf(combined)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
    expect(combined.problems).toEqual([`dataRetention: the modes '${ADDED}', 'other_mode' are not on this release's scale of what is kept, so none can be chosen ` +
      'over the others: keep one of them']);
    // One such mode beside modes on the scale: the combined profile keeps least, the mode on the scale.
    expect(GovernanceProfile.combine([GovernanceProfile.of('a', { dataRetention: DataRetentionMode.of(ADDED) }), GovernanceProfile.HIPAA]).dataRetention)
      .toBe(DataRetentionMode.NONE);
  });
});
