import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy } from 'aws-cdk-lib';
import { INTEG_REGION, integStack } from './environment';
import { InvocationLoggingDeletion, ModelInvocationLogging } from '../../src';

/**
 * Invocation logging as Bedrock sees it: once deployed, the account's configuration read back through
 * GetModelInvocationLoggingConfiguration names this stack's bucket and log group, with text delivery on.
 * Destroying the stack puts back the configuration that was there before (RESTORE_PREVIOUS).
 */
export const app = new App();
const stack = integStack(app, 'BedrockLzIntegInvocationLogging');
const logging = new ModelInvocationLogging(stack, 'InvocationLogging', {
  onDelete: InvocationLoggingDeletion.RESTORE_PREVIOUS,
  removalPolicy: RemovalPolicy.DESTROY,
});

const integ = new IntegTest(app, 'InvocationLogging', {
  testCases: [stack],
  assertionStack: integStack(app, 'BedrockLzIntegInvocationLoggingAssertions'),
  regions: [INTEG_REGION],
  cdkCommandOptions: { destroy: { args: { force: true } } },
});
integ.assertions.awsApiCall('Bedrock', 'GetModelInvocationLoggingConfiguration', {}).expect(ExpectedResult.objectLike({
  loggingConfig: {
    s3Config: { bucketName: logging.logBucket!.bucketName },
    cloudWatchConfig: { logGroupName: logging.logGroup!.logGroupName },
    textDataDeliveryEnabled: true,
  },
}));
