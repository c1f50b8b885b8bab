import * as path from 'path';
import { CfnResource, CustomResourceProvider, CustomResourceProviderRuntime, Stack, aws_lambda as lambda, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  customResourceProviderFunction, customResourceProviderRole, providerFrameworkFunctions, providerWaiterStateMachine, renderedResourceTemplate,
} from '../../src/core/framework-children';
import { BedrockLandingZoneErrorCode, BedrockLandingZoneErrors } from '../../src/errors';
import { stackIn } from '../models/fixtures';

/**
 * The library reaches into aws-cdk-lib's providers in one file. These tests pin each child it
 * relies on to the aws-cdk-lib in use: an upgrade that renames one fails here, loudly.
 */
const code = lambda.Code.fromInline('exports.handler = async () => ({})');

function customResourceProvider(stack: Stack): CustomResourceProvider {
  return CustomResourceProvider.getOrCreateProvider(stack, 'Provider', {
    codeDirectory: path.join(__dirname, '..', '..', 'assets', 'handlers', 'bedrock-control-plane'),
    runtime: CustomResourceProviderRuntime.NODEJS_24_X,
  });
}

function frameworkProvider(stack: Stack): cr.Provider {
  const fn = (id: string) => new lambda.Function(stack, id, { code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X });
  return new cr.Provider(stack, 'Framework', { onEventHandler: fn('OnEvent'), isCompleteHandler: fn('IsComplete') });
}

describe('the children of aws-cdk-lib providers the library configures', () => {
  test("CustomResourceProvider: its role and function are the children 'Role' and 'Handler'", () => {
    const stack = stackIn('eu-central-1');
    const provider = customResourceProvider(stack);
    expect(customResourceProviderRole(provider).cfnResourceType).toBe('AWS::IAM::Role');
    expect(customResourceProviderFunction(provider).cfnResourceType).toBe('AWS::Lambda::Function');
    // They are the resources behind the provider's public attributes.
    expect(stack.resolve(provider.roleArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(customResourceProviderRole(provider)), 'Arn'] });
    expect(stack.resolve(provider.serviceToken)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(customResourceProviderFunction(provider)), 'Arn'] });
  });

  test('Provider: its three framework functions and its waiter state machine', () => {
    const stack = stackIn('eu-central-1');
    const provider = frameworkProvider(stack);
    const functions = providerFrameworkFunctions(provider);
    expect(functions.map(f => f.node.id)).toEqual(['framework-onEvent', 'framework-isComplete', 'framework-onTimeout']);
    expect(functions.every(f => f instanceof lambda.Function)).toBe(true);
    // The service token is the onEvent framework function.
    expect(stack.resolve(provider.serviceToken)).toEqual(stack.resolve(functions[0].functionArn));
    expect(providerWaiterStateMachine(provider).node.id).toBe('waiter-state-machine');
  });

  test('a child that is missing or of another type fails synth with the internal code, naming what changed', () => {
    const stack = stackIn('eu-central-1');
    const impostor = new Construct(stack, 'Impostor') as unknown as CustomResourceProvider;
    new CfnResource(impostor, 'Role', { type: 'AWS::IAM::User' });
    let error: unknown;
    try {
      customResourceProviderRole(impostor);
    } catch (e) {
      error = e;
    }
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(BedrockLandingZoneErrorCode.INTERNAL);
    expect((error as Error).message).toBe("internal: aws-cdk-lib changed the children of Stack/Impostor: expected AWS::IAM::Role with ID 'Role'. " +
      'cdk-bedrock-landing-zone supports aws-cdk-lib 2.276; report this with the aws-cdk-lib version in use.');
    expect(() => customResourceProviderFunction(impostor)).toThrow("expected a child with ID 'Handler'");
  });
});

describe('the rendering of one resource the rule pack reads', () => {
  test('is the template\'s entry for the resource, overrides applied', () => {
    const stack = stackIn('eu-central-1');
    const bucket = new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket', properties: { BucketName: 'b' } });
    bucket.addPropertyOverride('VersioningConfiguration.Status', 'Enabled');
    bucket.cfnOptions.condition = undefined;
    expect(stack.resolve(renderedResourceTemplate(bucket))).toEqual({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b', VersioningConfiguration: { Status: 'Enabled' } } } },
    });
  });

  test('fails loudly, with the internal code, when aws-cdk-lib stops rendering through _toCloudFormation', () => {
    const stack = stackIn('eu-central-1');
    const bucket = new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket' });
    Object.defineProperty(bucket, '_toCloudFormation', { value: undefined });
    let error: unknown;
    try {
      renderedResourceTemplate(bucket);
    } catch (e) {
      error = e;
    }
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(BedrockLandingZoneErrorCode.INTERNAL);
  });
});
