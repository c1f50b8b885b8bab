import { Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { SONNET_45, stackIn } from './fixtures';
import { BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors } from '../../src/errors';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { REGION_DATA } from '../../src/models/region-data.generated';
import { errorOf } from '../support/errors';

/** The error a function throws (the test fails when it throws nothing). */

const ALLOWED = "allowed: a Bedrock model ID, <provider>.<model>[:<version>] in lowercase letters, digits and '-' " +
  '(e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)';

/**
 * `allowUnlistedModel` admits a model newer than the library's data, not any string: a model ID that
 * no Bedrock model can have is an error where the reference is made, whatever the option says.
 */
describe('model IDs no Bedrock model can have', () => {
  const malformed: Array<[string, string]> = [
    ['empty', ''],
    ['blank', '  '],
    ['padded', `${SONNET_45} `],
    ['capitalized', 'Anthropic.Claude-Sonnet-4-5-20250929-v1:0'],
    ['without a provider', 'claude-sonnet-4-5-20250929-v1:0'],
    ['an ARN', `arn:aws:bedrock:eu-central-1::foundation-model/${SONNET_45}`],
    ['a wildcard', 'anthropic.*'],
  ];

  test.each(malformed)('FoundationModel.of, %s, with allowUnlistedModel', (_kind, modelId) => {
    const error = errorOf(() => FoundationModel.of(modelId, { allowUnlistedModel: true }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.MODEL_ID);
    expect(error.message).toBe(`FoundationModel.of: modelId is '${modelId}'; ${ALLOWED}`);
  });

  test.each(malformed)('CrossRegionInferenceProfile.of, %s, with allowUnlistedModel', (_kind, modelId) => {
    const error = errorOf(() => CrossRegionInferenceProfile.of(Geography.EU, modelId, { allowUnlistedModel: true }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.MODEL_ID);
    expect(error.message).toBe(`CrossRegionInferenceProfile.of: modelId is '${modelId}'; ${ALLOWED}`);
  });

  test('a JavaScript caller\'s model ID that is not a string', () => {
    expect(errorOf(() => FoundationModel.of(undefined as any)).message).toBe(`FoundationModel.of: modelId is undefined; ${ALLOWED}`);
    expect(errorOf(() => CrossRegionInferenceProfile.of(Geography.EU, 42 as any)).message).toBe(`CrossRegionInferenceProfile.of: modelId is the number 42; ${ALLOWED}`);
  });

  test('a geography that is not one (a JavaScript caller\'s string) is an error where the profile is made', () => {
    const error = errorOf(() => CrossRegionInferenceProfile.of('eu' as any, SONNET_45));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.MODEL_REFERENCE_KIND);
    expect(error.message).toBe("CrossRegionInferenceProfile.of: geography is the string 'eu'; expected a Geography: Geography.EU, Geography.US, ... or Geography.of(...)");
  });

  test('every model of the library\'s region data has a well-formed ID (the rule refuses no real model)', () => {
    const ids = Object.keys(REGION_DATA.models);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) {
      expect(() => FoundationModel.of(id)).not.toThrow();
      expect(() => CrossRegionInferenceProfile.of(Geography.EU, id)).not.toThrow();
    }
  });

  test('an unlisted but well-formed model is accepted under allowUnlistedModel, with its warning; without it, the unlisted error stays', () => {
    const stack = stackIn('eu-central-1');
    expect(() => FoundationModel.of('vendor.new-model-v1:0', { allowUnlistedModel: true }).invokeStatements(stack)).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/Stack', Match.stringLikeRegexp(
      "^vendor.new-model-v1:0 is not in the library's region data; it is used because allowUnlistedModel is set"));
    expect(() => FoundationModel.of('vendor.new-model-v1:0').invokeStatements(stack)).toThrow(
      "FoundationModel vendor.new-model-v1:0: modelId 'vendor.new-model-v1:0' is not in the library's region data: use a listed model ID, " +
      'or pass allowUnlistedModel: true for a model newer than the data');
  });

  test('a model ID that is a token is left to deploy time', () => {
    const token = Lazy.string({ produce: () => SONNET_45 });
    expect(() => FoundationModel.of(token, { allowUnlistedModel: true })).not.toThrow();
  });
});
