import { BedrockClient } from '@aws-sdk/client-bedrock';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { DataRetentionEvent, handleDataRetention } from './data-retention';
import { HandlerResult, LoggingEvent, handleModelInvocationLogging } from './model-invocation-logging';
import { PolicyTypeEvent, handlePolicyType } from './organization-policy-type';
import { IsCompleteResult, OnEventResult, ThroughputEvent, isProvisionedThroughputComplete, onProvisionedThroughputEvent } from './provisioned-throughput';
import { RestoreEvent, RestoreResult, restoreSetting } from './restore';

/**
 * The Lambda entry points of the library's custom resources. One bundle serves them all:
 * - `handler`: aws-cdk-lib's CustomResourceProvider (one function per stack) for synchronous work;
 * - `onEvent` / `isComplete`: aws-cdk-lib's Provider framework, for work that must be waited for;
 * - `restore`: the opt-in restore's own function, invoked by EventBridge (BedrockSettingRestore).
 */
// Retries are ours (withRetry), so tests can see them. A call that hangs times out well within the
// function's two minutes, so a failed create still has time to find what it left behind.
const client = new BedrockClient({ maxAttempts: 1, requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 } });
// Created on first use: only the management account's stacks enable organization policy types.
let organizations: OrganizationsClient | undefined;

export async function handler(event: (LoggingEvent | DataRetentionEvent | PolicyTypeEvent) & { ResourceType: string }): Promise<HandlerResult> {
  switch (event.ResourceType) {
    case 'Custom::BedrockModelInvocationLogging':
      return handleModelInvocationLogging(event as LoggingEvent, client);
    case 'Custom::BedrockDataRetention':
      return handleDataRetention(event as DataRetentionEvent, client);
    case 'Custom::OrganizationsPolicyType':
      organizations ??= new OrganizationsClient({ maxAttempts: 1, requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 } });
      return handlePolicyType(event as PolicyTypeEvent, organizations);
    default:
      throw new Error(`unknown resource type ${event.ResourceType}`);
  }
}

export async function onEvent(event: ThroughputEvent & { ResourceType: string }): Promise<OnEventResult> {
  assertWaitable(event.ResourceType);
  return onProvisionedThroughputEvent(event, client);
}

export async function isComplete(event: ThroughputEvent & { ResourceType: string }): Promise<IsCompleteResult> {
  assertWaitable(event.ResourceType);
  return isProvisionedThroughputComplete(event, client);
}

function assertWaitable(resourceType: string): void {
  if (resourceType !== 'Custom::BedrockProvisionedThroughput') throw new Error(`unknown resource type ${resourceType}`);
}

export async function restore(event: RestoreEvent): Promise<RestoreResult> {
  return restoreSetting(event, process.env, client);
}
