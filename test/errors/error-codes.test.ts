import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ModelAccessPolicy } from '../../src/access';
import { BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors } from '../../src/errors';
import { Guardrail } from '../../src/guardrails';
import { BedrockLandingZone } from '../../src/landing-zone';
import { CrossRegionInferenceProfile, CustomModel, FoundationModel, Geography, GuardrailReference, ProvisionedModel } from '../../src/models';
import { BedrockPrivateEndpoints } from '../../src/network';
import { ProvisionedThroughput, ProvisionedThroughputModel } from '../../src/throughput';
import { SONNET_45, stackIn } from '../models/fixtures';

/** The error a function throws (the test fails when it throws nothing). */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, nothing was thrown');
}

const GUARDRAIL_ARN = 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abcdefghijkl';

describe('every validation throws the library error with the stable code of its check', () => {
  const cases: Array<[string, Code, () => unknown]> = [
    ['governRegion on a stack with a region', Code.LANDING_ZONE_REGION_ALREADY_SET,
      () => BedrockLandingZone.governRegion(stackIn('eu-central-1'), 'eu-west-1')],
    ['a landing zone in an environment-agnostic stack', Code.LANDING_ZONE_PROPS,
      () => new BedrockLandingZone(new Stack(new App(), 'S'), 'Lz', { approvedModels: [] } as any)],
    ['provisioned throughput of a string', Code.PROVISIONED_THROUGHPUT_MODEL_KIND,
      () => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', { model: SONNET_45 as any, modelUnits: 1 })],
    ['provisioned throughput of zero units', Code.PROVISIONED_THROUGHPUT_PROPS,
      () => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', {
        model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(SONNET_45)), modelUnits: 0,
      })],
    ['a provisioned model imported by another ARN', Code.INVOKABLE_ARN,
      () => ProvisionedModel.fromProvisionedModelArn(stackIn('us-east-1'), 'Pm', 'arn:aws:bedrock:us-east-1:111111111111:custom-model/x')],
    ['an imported model imported by another ARN', Code.INVOKABLE_ARN,
      () => CustomModel.fromImportedModelArn(stackIn('us-east-1'), 'Im', 'arn:aws:bedrock:us-east-1:111111111111:custom-model/x')],
    ['a foundation model not offered on demand in the region', Code.MODEL_NOT_INVOKABLE,
      () => FoundationModel.of(SONNET_45).invokeStatements(stackIn('eu-central-1'))],
    ['a guardrail requirement of another region', Code.INVOKE_GRANT_OPTIONS,
      () => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stackIn('eu-west-1'), {
        requireGuardrail: GuardrailReference.fromGuardrailAttributes({ guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      })],
    ['a grantee that is not a construct', Code.GRANTEE_NOT_A_CONSTRUCT,
      () => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(new iam.ServicePrincipal('lambda.amazonaws.com'))],
    ['a Deny that cannot be written to the grantee', Code.GRANTEE_POLICY_IMMUTABLE, () => {
      class ServiceGrantee extends Construct implements iam.IGrantable {
        public readonly grantPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
      }
      CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(new ServiceGrantee(stackIn('eu-central-1'), 'Grantee'), {
        requireGuardrail: GuardrailReference.fromGuardrailAttributes({ guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      });
    }],
    ['a model access policy without models', Code.MODEL_ACCESS_POLICY_PROPS,
      () => new ModelAccessPolicy(stackIn('eu-central-1'), 'Access', { models: [] })],
    ['a model access policy with a string model', Code.MODEL_REFERENCE_KIND,
      () => new ModelAccessPolicy(stackIn('eu-central-1'), 'Access', { models: [SONNET_45 as any] })],
    ['private endpoints without models', Code.PRIVATE_ENDPOINTS_PROPS,
      () => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Endpoints', {})],
    ['a guardrail name too long', Code.GUARDRAIL_PROPS,
      () => new Guardrail(stackIn('eu-central-1'), 'G', { guardrailName: 'x'.repeat(51) })],
    ['a guardrail imported at DRAFT', Code.GUARDRAIL_ATTRIBUTES,
      () => Guardrail.fromGuardrailAttributes(stackIn('eu-central-1'), 'G', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: 'DRAFT' })],
  ];

  test.each(cases)('%s: %s', (_name, code, fn) => {
    const error = errorOf(fn);
    expect(BedrockLandingZoneErrors.isBedrockLandingZoneError(error)).toBe(true);
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(code);
    expect(BedrockLandingZoneErrors.problemsOf(error).length).toBeGreaterThan(0);
    expect((error as Error).name).toBe('BedrockLandingZoneError');
  });

  test('each problem the message lists is one entry of problemsOf', () => {
    const error = errorOf(() => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', {
      model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(SONNET_45)), modelUnits: 0, hourlyPricePerModelUnit: -1,
    }));
    expect(BedrockLandingZoneErrors.problemsOf(error)).toEqual([
      'modelUnits is 0; a whole number of at least 1 is required',
      'hourlyPricePerModelUnit is -1; a positive price in US dollars is required',
    ]);
    expect((error as Error).message).toBe([
      'ProvisionedThroughput:',
      '  - modelUnits is 0; a whole number of at least 1 is required',
      '  - hourlyPricePerModelUnit is -1; a positive price in US dollars is required',
    ].join('\n'));
  });

  test('other errors are not the library\'s', () => {
    expect(BedrockLandingZoneErrors.isBedrockLandingZoneError(new Error('x'))).toBe(false);
    expect(BedrockLandingZoneErrors.codeOf(new Error('x'))).toBeUndefined();
    expect(BedrockLandingZoneErrors.problemsOf('x')).toEqual([]);
  });

  test('codes are stable strings', () => {
    expect(Object.values(Code)).toContain('ProvisionedThroughput.Props');
    expect(new Set(Object.values(Code)).size).toBe(Object.values(Code).length);
  });
});
