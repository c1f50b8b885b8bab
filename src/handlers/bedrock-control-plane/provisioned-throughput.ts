import {
  BedrockClient,
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputResponse,
  UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import { RetryOptions, withRetry } from './retry';

/**
 * Custom::BedrockProvisionedThroughput, run by aws-cdk-lib's Provider framework: `onEvent` starts the
 * change, `isComplete` is polled by the framework's waiter (a Step Functions state machine) until the
 * reservation is InService or gone, so no single Lambda invocation waits for the minutes creation takes.
 */
export interface ThroughputProperties {
  readonly ProvisionedModelName: string;
  readonly ModelId: string;
  readonly ModelUnits: string | number;
  readonly CommitmentDuration?: string;
  readonly CommitmentAcknowledged?: string | boolean;
  readonly Tags?: Array<{ key: string; value: string }>;
}

export interface ThroughputEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  /** CloudFormation's ID of this request: the idempotency token of the create call */
  readonly RequestId?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: ThroughputProperties;
  readonly OldResourceProperties?: ThroughputProperties;
}

export interface OnEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface IsCompleteResult {
  readonly IsComplete: boolean;
  readonly Data?: Record<string, string>;
}

/** A change that the Update API cannot make: CloudFormation creates a new reservation, then deletes the old one. */
function needsReplacement(oldProps: ThroughputProperties, newProps: ThroughputProperties): boolean {
  return Number(oldProps.ModelUnits) !== Number(newProps.ModelUnits)
    || (oldProps.CommitmentDuration ?? '') !== (newProps.CommitmentDuration ?? '')
    || (oldProps.ModelId !== newProps.ModelId && !isCustomModel(newProps.ModelId));
}

function isCustomModel(modelId: string): boolean {
  return /:custom-model\//.test(modelId);
}

export async function onProvisionedThroughputEvent(event: ThroughputEvent, client: BedrockClient, retry?: RetryOptions): Promise<OnEventResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const props = event.ResourceProperties;
  switch (event.RequestType) {
    case 'Create':
      return create(client, props, call, event.RequestId);
    case 'Update': {
      const old = event.OldResourceProperties!;
      if (needsReplacement(old, props)) return create(client, props, call, event.RequestId);
      const id = event.PhysicalResourceId!;
      const rename = old.ProvisionedModelName !== props.ProvisionedModelName ? props.ProvisionedModelName : undefined;
      const reassociate = old.ModelId !== props.ModelId ? props.ModelId : undefined;
      if (rename || reassociate) {
        await call(() => client.send(new UpdateProvisionedModelThroughputCommand({
          provisionedModelId: id, desiredProvisionedModelName: rename, desiredModelId: reassociate,
        })));
      }
      return { PhysicalResourceId: id, Data: { ProvisionedModelArn: id } };
    }
    case 'Delete': {
      const id = event.PhysicalResourceId!;
      const current = await getOrUndefined(client, id, call);
      if (!current) return { PhysicalResourceId: id };
      const termEnds = current.commitmentExpirationTime;
      if (termEnds && termEnds.getTime() > Date.now()) {
        throw new Error(`provisioned model ${current.provisionedModelName} (${id}) is committed (${current.commitmentDuration}) until ` +
          `${termEnds.toISOString()}: Bedrock refuses to delete it before the term ends, and the commitment is billed either way. ` +
          'Keep it (removalPolicy RETAIN, the default for committed reservations) or delete it after that date.');
      }
      await call(() => client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: id })));
      return { PhysicalResourceId: id };
    }
  }
}

export async function isProvisionedThroughputComplete(
  event: ThroughputEvent, client: BedrockClient, retry?: RetryOptions,
): Promise<IsCompleteResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const id = event.PhysicalResourceId!;
  const current = await getOrUndefined(client, id, call);
  if (event.RequestType === 'Delete') return { IsComplete: current === undefined };
  if (!current) throw new Error(`provisioned model ${id} does not exist`);
  switch (current.status) {
    case 'InService':
      return { IsComplete: true, Data: { ProvisionedModelArn: current.provisionedModelArn! } };
    case 'Failed':
      throw new Error(`provisioned model ${current.provisionedModelName} failed: ${current.failureMessage ?? 'Bedrock gave no failure message'}`);
    default:
      return { IsComplete: false };
  }
}

async function create(
  client: BedrockClient, props: ThroughputProperties, call: <T>(fn: () => Promise<T>) => Promise<T>, requestId?: string,
): Promise<OnEventResult> {
  const commitment = props.CommitmentDuration || undefined;
  if (commitment && String(props.CommitmentAcknowledged) !== 'true') {
    throw new Error(`a ${commitment} commitment for ${props.ProvisionedModelName} was not acknowledged: refusing to buy it`);
  }
  const created = await call(() => client.send(new CreateProvisionedModelThroughputCommand({
    // A retried create (throttling, a framework retry) must not buy a second reservation.
    clientRequestToken: requestId,
    provisionedModelName: props.ProvisionedModelName,
    modelId: props.ModelId,
    modelUnits: Number(props.ModelUnits),
    commitmentDuration: commitment as any,
    tags: props.Tags,
  })));
  return { PhysicalResourceId: created.provisionedModelArn!, Data: { ProvisionedModelArn: created.provisionedModelArn! } };
}

async function getOrUndefined(client: BedrockClient, id: string, call: <T>(fn: () => Promise<T>) => Promise<T>)
  : Promise<GetProvisionedModelThroughputResponse | undefined> {
  try {
    return await call(() => client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: id })));
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}
