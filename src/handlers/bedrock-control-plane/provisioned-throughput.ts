import {
  CommitmentDuration,
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
      const id = event.PhysicalResourceId!;
      if (needsReplacement(old, props)) {
        // The rollback of a failed replacement sends the old properties back with the old reservation's
        // ID: that reservation is still in place, and creating it again would fail on its name.
        const current = await getOrUndefined(client, id, call);
        if (current?.provisionedModelName === props.ProvisionedModelName) return { PhysicalResourceId: id, Data: { ProvisionedModelArn: id } };
        return create(client, props, call, event.RequestId);
      }
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
      // Only a failed Create of the first reservation gets a Delete from the rollback: the reservation of a
      // failed replacement would stay behind, so a failed one is cleaned here, whichever it is.
      throw new Error(`provisioned model ${current.provisionedModelName} failed: ${current.failureMessage ?? 'Bedrock gave no failure message'}. ` +
        await cleanUp(client, current, call));
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
  const startedAt = Date.now();
  let arn: string;
  try {
    const created = await call(() => client.send(new CreateProvisionedModelThroughputCommand({
      // A retried create (throttling, a framework retry) must not buy a second reservation.
      clientRequestToken: requestId,
      provisionedModelName: props.ProvisionedModelName,
      modelId: props.ModelId,
      modelUnits: Number(props.ModelUnits),
      // The construct validated the term against CommitmentDuration's values at synth.
      commitmentDuration: commitment as CommitmentDuration | undefined,
      tags: props.Tags,
    })));
    arn = created.provisionedModelArn!;
  } catch (e) {
    // The call may have failed after Bedrock created the reservation (a lost response, a timeout). The
    // Provider framework answers a failed Create with a placeholder physical ID and skips the rollback's
    // Delete, so nothing else would find the reservation: look for it by its deterministic name here.
    throw new Error(`${(e as Error).message}. ${await leftBehind(client, props.ProvisionedModelName, startedAt, call)}`);
  }
  return { PhysicalResourceId: arn, Data: { ProvisionedModelArn: arn } };
}

/**
 * How long before the create call a reservation of the same name may have been created and still
 * count as created by it: Bedrock's clock and the function's differ by little.
 */
const CLOCK_SKEW_MS = 60_000;

/** Finds a reservation a failed create left behind, deletes it when it can, and says what it found and did. */
async function leftBehind(client: BedrockClient, name: string, startedAt: number, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<string> {
  let found: GetProvisionedModelThroughputResponse | undefined;
  try {
    found = await getOrUndefined(client, name, call);
  } catch (e) {
    return `Could not check whether a reservation named ${name} was left behind (${(e as Error).message}): ` +
      `look for it (aws bedrock get-provisioned-model-throughput --provisioned-model-id ${name}) and delete it if it exists.`;
  }
  if (!found) return `No reservation named ${name} was left behind.`;
  const arn = found.provisionedModelArn ?? name;
  const createdAt = found.creationTime?.getTime();
  if (createdAt === undefined || createdAt < startedAt - CLOCK_SKEW_MS) {
    return `A reservation named ${name} (${arn}) already exists, created ${found.creationTime?.toISOString() ?? 'at an unknown time'}, ` +
      'before this deployment tried to create it; it was left as it is. Delete it, or give this reservation another provisionedModelName.';
  }
  return `The create call did create it. ${await cleanUp(client, found, call)}`;
}

/** Deletes a reservation this stack will not manage, unless a commitment forbids it; says what it did. */
async function cleanUp(
  client: BedrockClient, found: GetProvisionedModelThroughputResponse, call: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<string> {
  const arn = found.provisionedModelArn ?? found.provisionedModelName!;
  if (found.commitmentDuration) {
    return `Reservation ${arn} has a ${found.commitmentDuration} commitment` +
      `${found.commitmentExpirationTime ? ` ending ${found.commitmentExpirationTime.toISOString()}` : ''}: Bedrock does not delete a committed ` +
      'reservation before its term ends and the term is billed either way, so it was left in place, and this stack does not manage it.';
  }
  try {
    await call(() => client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })));
  } catch (e) {
    return `Deleting reservation ${arn} failed (${(e as Error).message}): it is billed every hour until it is deleted ` +
      `(aws bedrock delete-provisioned-model-throughput --provisioned-model-id ${arn}).`;
  }
  return `Reservation ${arn} has been deleted.`;
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
