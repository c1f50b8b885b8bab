import { HOME, decisions, profileArn, scpsOf } from './organization-scps';
import { Geography, GovernanceProfile } from '../../src';
import { BedrockLandingZoneErrorCode } from '../../src/errors/error-code';
import { DenyBody, statementClass } from '../../src/organization/private/statement-record';
import { inPackingOrder } from '../../src/organization/statements';
import { SONNET_45, TITAN_EMBED_V2, fmArn } from '../models/fixtures';
import { errorOf } from '../support/errors';

/**
 * The behaviour behind the mutants of src/organization/statements that the first mutation run
 * (docs/mutation/2026-12-07-organization-model-statements.md) left alive: each test states what a
 * developer or a maintainer meets, and fails with the mutant it names. Every policy set is built
 * inside its test (per-test coverage credits a kill only to the test that builds the statement).
 */

describe('DenyProfilesOfUngovernedRegions judges profile calls only', () => {
  // regions.ts: without `Null bedrock:InferenceProfileArn false`, ArnNotLike on the missing key is true
  // (a negated operator matches a missing key), so every in-region call in a governed region was denied.
  test('with governedRegions, an approved in-region model called without a profile in a governed region passes; ' +
    'the same call in another region and a profile of an ungoverned region are denied', async () => {
    const scps = scpsOf({ profiles: [GovernanceProfile.BASELINE], geographies: [Geography.EU], governedRegions: [HOME] });
    const inRegion = (region: string) => ({ action: 'bedrock:InvokeModel', resource: fmArn(region, TITAN_EMBED_V2), region });
    expect(await decisions(scps, {
      inGovernedRegion: inRegion(HOME),
      streamInGovernedRegion: { ...inRegion(HOME), action: 'bedrock:InvokeModelWithResponseStream' },
      inUngovernedRegion: inRegion('eu-west-1'),
      profileOfUngovernedRegion: {
        action: 'bedrock:InvokeModel',
        resource: profileArn(`eu.${SONNET_45}`, 'eu-west-3'),
        context: { 'bedrock:InferenceProfileArn': profileArn(`eu.${SONNET_45}`, 'eu-west-3') },
      },
    })).toEqual({
      inGovernedRegion: 'Allowed',
      streamInGovernedRegion: 'Allowed',
      inUngovernedRegion: 'ExplicitlyDenied',
      profileOfUngovernedRegion: 'ExplicitlyDenied',
    });
  });
});

describe('the packing order is checked when the statement modules load', () => {
  const build = (): DenyBody => ({ actions: ['organizations:LeaveOrganization'], resources: ['*'] });
  const classOf = (...sids: string[]) => statementClass({ title: 'T', summary: 'S', statements: sids.map(sid => ({ sid, denies: sid, why: sid, build })) });

  // index.ts: the three counts are added; a mutant that subtracts one of them lets a single mistake of that kind through.
  test('a record missing from the packing order, alone, is an internal error that names it', () => {
    const error = errorOf(() => inPackingOrder([classOf('A', 'B')], ['A']));
    expect(error.code).toBe(BedrockLandingZoneErrorCode.INTERNAL);
    expect(error.message).toBe('internal: organization policy statements named twice: none; not in the packing order: B; ' +
      'in the packing order without a record: none');
  });

  test('a Sid of the packing order without a record, alone, is an internal error that names it', () => {
    const error = errorOf(() => inPackingOrder([classOf('A', 'B')], ['A', 'B', 'C']));
    expect(error.code).toBe(BedrockLandingZoneErrorCode.INTERNAL);
    expect(error.message).toBe('internal: organization policy statements named twice: none; not in the packing order: none; ' +
      'in the packing order without a record: C');
  });

  // index.ts: each list is joined with ', ' so that two Sids stay two names in the message.
  test('two mistakes of each kind are each named, separated by a comma', () => {
    const error = errorOf(() => inPackingOrder([classOf('A', 'B', 'C', 'D')], ['A', 'A', 'B', 'B', 'E', 'F']));
    expect(error.code).toBe(BedrockLandingZoneErrorCode.INTERNAL);
    expect(error.message).toBe('internal: organization policy statements named twice: A, B; not in the packing order: C, D; ' +
      'in the packing order without a record: E, F');
  });
});
