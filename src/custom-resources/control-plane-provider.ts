import * as path from 'path';
import { CustomResourceProvider, CustomResourceProviderRuntime, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customResourceProviderFunction, customResourceProviderRole } from '../core/framework-children';
import { protectResource } from '../core/protected-resources';

/**
 * The one provider behind the library's custom resources in a stack: a single Lambda function
 * (aws-cdk-lib's CustomResourceProvider, which sends the CloudFormation response itself) running the
 * TypeScript handler bundled at build time into assets/handlers/bedrock-control-plane.
 *
 * A `custom_resources.Provider` would add its framework functions: an account baseline stack is
 * budgeted one Lambda function (see docs/adr/0004-one-control-plane-function-per-stack.md).
 */
const PROVIDER_ID = 'BedrockLandingZoneControlPlaneProvider';
/** The construct ID aws-cdk-lib's getOrCreateProvider gives the provider in the stack. */
const PROVIDER_CONSTRUCT_ID = `${PROVIDER_ID}CustomResourceProvider`;

/**
 * The IAM path of the control-plane role: organization policies exempt roles on this path from the
 * deny on changing the invocation logging configuration.
 */
export const LANDING_ZONE_ROLE_PATH = '/bedrock-landing-zone/';
const CODE_DIRECTORY = path.join(__dirname, '..', '..', 'assets', 'handlers', 'bedrock-control-plane');

/** The stack's control-plane provider when one was created, without creating it. */
export function existingControlPlaneProvider(scope: Construct): CustomResourceProvider | undefined {
  return Stack.of(scope).node.tryFindChild(PROVIDER_CONSTRUCT_ID) as CustomResourceProvider | undefined;
}

export function controlPlaneProvider(scope: Construct): CustomResourceProvider {
  const stack = Stack.of(scope);
  const existing = existingControlPlaneProvider(scope);
  if (existing) return existing;
  const provider = CustomResourceProvider.getOrCreateProvider(stack, PROVIDER_ID, {
    codeDirectory: CODE_DIRECTORY,
    runtime: CustomResourceProviderRuntime.NODEJS_24_X,
    timeout: Duration.minutes(5),
    description: 'cdk-bedrock-landing-zone: configures Amazon Bedrock settings that CloudFormation has no resource for',
  });
  customResourceProviderRole(provider).addPropertyOverride('Path', LANDING_ZONE_ROLE_PATH);
  const fn = customResourceProviderFunction(provider);
  // The function changes the governance settings as an exempt role: its code, configuration and
  // invocation are protected by the organization policies through this tag.
  protectResource(fn);
  // No reserved concurrency: new accounts often have a concurrency quota of 10, and any reservation
  // there fails the deployment (UnreservedConcurrentExecution below its minimum).
  Validations.of(fn).acknowledge({
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason: 'The handler runs only during deployments and calls only the Bedrock control-plane API (configuration, no prompts or model ' +
      'output); it reads and stores no data, so it has no private network path to protect.',
  });
  return provider;
}
