import { BedrockClient } from '@aws-sdk/client-bedrock';
import { HandlerResult, LoggingEvent, handleModelInvocationLogging } from './model-invocation-logging';

/**
 * The one Lambda handler behind every custom resource of the library in a stack. aws-cdk-lib's
 * custom resource provider wraps it and sends the CloudFormation response.
 */
const client = new BedrockClient({ maxAttempts: 1 }); // retries are ours (withRetry), so tests can see them

export async function handler(event: LoggingEvent & { ResourceType: string }): Promise<HandlerResult> {
  switch (event.ResourceType) {
    case 'Custom::BedrockModelInvocationLogging':
      return handleModelInvocationLogging(event, client);
    default:
      throw new Error(`unknown resource type ${event.ResourceType}`);
  }
}
