import { BedrockClient, GetModelInvocationLoggingConfigurationCommand, PutModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, isComplete, onEvent } from '../../src/handlers/bedrock-control-plane';

const bedrock = mockClient(BedrockClient);

describe('control-plane handler entry point', () => {
  beforeEach(() => bedrock.reset());

  test('dispatches the invocation logging resource type', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolvesOnce({}).resolves({ loggingConfig: { textDataDeliveryEnabled: true } });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    const result = await handler({
      RequestType: 'Create',
      ResourceType: 'Custom::BedrockModelInvocationLogging',
      ResourceProperties: { LoggingConfig: { textDataDeliveryEnabled: 'true' } },
    });
    expect(result.PhysicalResourceId).toBe('bedrock-invocation-logging:none');
  });

  test('refuses a resource type it does not handle', async () => {
    await expect(handler({ RequestType: 'Create', ResourceType: 'Custom::Other', ResourceProperties: { LoggingConfig: {} } }))
      .rejects.toThrow('unknown resource type Custom::Other');
  });
});

describe('waiter entry points', () => {
  test('refuse a resource type that is not waited for', async () => {
    const event = { RequestType: 'Create' as const, ResourceType: 'Custom::BedrockModelInvocationLogging', ResourceProperties: {} as any };
    await expect(onEvent(event)).rejects.toThrow('unknown resource type Custom::BedrockModelInvocationLogging');
    await expect(isComplete(event)).rejects.toThrow('unknown resource type Custom::BedrockModelInvocationLogging');
  });
});
