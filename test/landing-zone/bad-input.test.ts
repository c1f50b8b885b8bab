import { aws_logs as logs } from 'aws-cdk-lib';
import {
  ApprovedModel, BedrockLandingZone, BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors, GovernanceProfile, Guardrail,
  ModelInvocationLogging,
} from '../../src';
import { SONNET_45, stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';

const OTHER_ACCOUNT_GUARDRAIL = 'arn:aws:bedrock:eu-central-1:222222222222:guardrail/abcdefghijkl';

/**
 * Bad input given to the landing zone, or to a part it is given, is an error at synth through the
 * facade too: the same prop, value and allowed values as the part reports on its own.
 */
describe('BedrockLandingZone: bad input that reaches a part is an error at synth', () => {
  test('a profile whose minimum log retention CloudWatch Logs does not offer (the landing zone would create its log group with it)', () => {
    const error = errorOf(() => GovernanceProfile.of('mine', { minimumLogRetention: 42 as logs.RetentionDays }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
    expect(error.message).toBe("GovernanceProfile 'mine': minimumLogRetention is the number 42; allowed: a logs.RetentionDays value, in days one of " +
      '1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or INFINITE');
  });

  test('a profile name that cannot go into the policy descriptions it names (IAM allows 1,000 characters, Organizations 512)', () => {
    for (const name of ['', ' hipaa', 'x'.repeat(65), 'line\nbreak']) {
      const error = errorOf(() => GovernanceProfile.of(name, {}));
      expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
      expect(error.message).toBe(`GovernanceProfile '${name}': name '${name}' is not allowed: 1 to 64 characters, no control characters, ` +
        'no leading or trailing space (it names the profile in IAM and organization policy descriptions)');
    }
    expect(GovernanceProfile.of('PCI DSS 4.0 (cardholder data)', {}).name).toBe('PCI DSS 4.0 (cardholder data)');
  });

  test('a profile with an offered retention makes the landing zone\'s log group keep exactly that', () => {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      profiles: [GovernanceProfile.of('thirteen-months', { minimumLogRetention: logs.RetentionDays.THIRTEEN_MONTHS })],
    });
    expect(lz.invocationLogging.logRetention).toBe(400);
  });

  test('replaced invocation logging that delivers no data type', () => {
    const stack = stackIn('eu-central-1');
    const error = errorOf(() => new BedrockLandingZone(stack, 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      invocationLogging: new ModelInvocationLogging(stack, 'Logging', {
        textDataDelivery: false, imageDataDelivery: false, embeddingDataDelivery: false, videoDataDelivery: false, audioDataDelivery: false,
      }),
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.INVOCATION_LOGGING_PROPS);
  });

  test('a guardrail of another account, imported into the landing zone\'s stack, is not enforced account-wide', () => {
    const stack = stackIn('eu-central-1');
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Theirs', { guardrailArn: OTHER_ACCOUNT_GUARDRAIL, guardrailVersion: '1' });
    const error = errorOf(() => new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], guardrail }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.ENFORCED_GUARDRAIL_PROPS);
    expect(error.message).toBe('EnforcedGuardrail: guardrail.guardrailArn is in account 222222222222, but the stack account is 111111111111; ' +
      'allowed: a guardrail of account 111111111111');
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['padded', ` ${SONNET_45}`],
    ['a profile ARN', `arn:aws:bedrock:eu-central-1:111111111111:inference-profile/eu.${SONNET_45}`],
  ])('an approved model ID that is %s', (_kind, modelId) => {
    for (const factory of [ApprovedModel.throughGeography, ApprovedModel.inRegion, ApprovedModel.global]) {
      const error = errorOf(() => factory(modelId));
      expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.MODEL_ID);
      expect(error.message).toBe(`ApprovedModel: modelId is '${modelId}'; allowed: a Bedrock model ID, <provider>.<model>[:<version>] in lowercase ` +
        'letters, digits and \'-\' (e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)');
    }
  });

  test('an approved invokable that is not a model reference (a JavaScript caller\'s string)', () => {
    const error = errorOf(() => ApprovedModel.of(SONNET_45 as any));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.MODEL_REFERENCE_KIND);
    expect(error.message).toBe(`ApprovedModel.of: invokable is the string '${SONNET_45}'; expected a model reference: FoundationModel.of('${SONNET_45}') ` +
      `or CrossRegionInferenceProfile.of(Geography.EU, '${SONNET_45}')`);
  });
});
