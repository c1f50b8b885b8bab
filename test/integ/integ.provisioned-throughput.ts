import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput } from 'aws-cdk-lib';
import { INTEG_REGION, integStack } from './environment';
import { FoundationModel, ProvisionedThroughput, ProvisionedThroughputModel } from '../../src';

/**
 * Provisioned throughput without commitment: deploying waits until the reservation is InService (the
 * assertion reads it back); destroying deletes it, which the deploy script checks afterwards by its
 * deterministic name. Billed per model unit and hour while it exists: see the README for the cost.
 */
export const app = new App();
const stack = integStack(app, 'BedrockLzIntegProvisionedThroughput');
const throughput = new ProvisionedThroughput(stack, 'Throughput', {
  model: ProvisionedThroughputModel.foundationModel(FoundationModel.of('amazon.nova-micro-v1:0')),
  modelUnits: 1,
  provisionedModelName: 'bedrock-lz-integ',
});
// The deploy script checks after destroy that no reservation of this name is left.
new CfnOutput(stack, 'ProvisionedModelName', { value: throughput.provisionedModelName });

const integ = new IntegTest(app, 'ProvisionedThroughput', {
  testCases: [stack],
  assertionStack: integStack(app, 'BedrockLzIntegProvisionedThroughputAssertions'),
  regions: [INTEG_REGION],
  cdkCommandOptions: { destroy: { args: { force: true } } },
});
integ.assertions.awsApiCall('Bedrock', 'GetProvisionedModelThroughput', { provisionedModelId: throughput.provisionedModelArn })
  .expect(ExpectedResult.objectLike({ status: 'InService', modelUnits: 1, provisionedModelName: throughput.provisionedModelName }));
