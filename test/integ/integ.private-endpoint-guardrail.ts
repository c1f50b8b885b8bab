import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, aws_ec2 as ec2, aws_lambda as lambda } from 'aws-cdk-lib';
import { INTEG_REGION, integStack } from './environment';
import { BedrockPrivateEndpoints, FoundationModel, Guardrail, GuardrailPreset, ModelAccessPolicy } from '../../src';

/**
 * A model call through the private endpoint: a function in the endpoints' VPC (isolated subnets, no
 * route to the internet) calls Converse with the guardrail, which is allowed, and without it, which the
 * identity policy denies (AccessDeniedException).
 */
export const app = new App();
const stack = integStack(app, 'BedrockLzIntegPrivateEndpoint');
const model = FoundationModel.of('amazon.nova-micro-v1:0');
const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
const endpoints = new BedrockPrivateEndpoints(stack, 'Bedrock', { models: [model], guardrails: [guardrail] });

const caller = new lambda.Function(stack, 'Caller', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.minutes(1),
  vpc: endpoints.vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  environment: {
    MODEL_ID: model.invocationIdentifier(stack),
    GUARDRAIL_ID: guardrail.guardrailId,
    GUARDRAIL_VERSION: guardrail.guardrailVersion,
  },
  // Inline, with the SDK of the Lambda runtime: no asset, and the call is the one an application makes.
  code: lambda.Code.fromInline(`
const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
const client = new BedrockRuntimeClient({});
async function converse(guardrailConfig) {
  try {
    await client.send(new ConverseCommand({
      modelId: process.env.MODEL_ID,
      messages: [{ role: 'user', content: [{ text: 'Say OK.' }] }],
      inferenceConfig: { maxTokens: 5 },
      guardrailConfig,
    }));
    return 'allowed';
  } catch (e) {
    return e.name;
  }
}
exports.handler = async () => ({
  withGuardrail: await converse({ guardrailIdentifier: process.env.GUARDRAIL_ID, guardrailVersion: process.env.GUARDRAIL_VERSION }),
  withoutGuardrail: await converse(undefined),
});
`),
});
new ModelAccessPolicy(stack, 'CallerModelAccess', {
  models: [model],
  requireGuardrail: guardrail,
  requireVpcEndpoints: endpoints.runtimeEndpoints,
  roles: [caller.role!],
});

const integ = new IntegTest(app, 'PrivateEndpointGuardrail', {
  testCases: [stack],
  assertionStack: integStack(app, 'BedrockLzIntegPrivateEndpointAssertions'),
  regions: [INTEG_REGION],
  cdkCommandOptions: { destroy: { args: { force: true } } },
});
integ.assertions.invokeFunction({ functionName: caller.functionName }).expect(ExpectedResult.objectLike({
  Payload: JSON.stringify({ withGuardrail: 'allowed', withoutGuardrail: 'AccessDeniedException' }),
}));
