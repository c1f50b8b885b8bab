import {
  BedrockClient, CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand, GetProvisionedModelThroughputCommand,
  ResourceNotFoundException, ThrottlingException, UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ThroughputEvent, ThroughputProperties, isProvisionedThroughputComplete, onProvisionedThroughputEvent,
} from '../../src/handlers/bedrock-control-plane/provisioned-throughput';
import { RetryOptions } from '../../src/handlers/bedrock-control-plane/retry';

const bedrock = mockClient(BedrockClient);
const client = new BedrockClient({ region: 'us-east-1' });
const retry: RetryOptions = { attempts: 4, baseDelayMs: 1, sleep: async () => {} };
const PM_ARN = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abc123';
const NEW_ARN = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/def456';
const MODEL = 'amazon.nova-pro-v1:0';

// As CloudFormation sends them: numbers and booleans arrive as strings.
const PROPS: ThroughputProperties = {
  ProvisionedModelName: 'claims-2mu', ModelId: MODEL, ModelUnits: '2', Tags: [{ key: 'CostCenter', value: 'claims' }],
};
const ev = (type: ThroughputEvent['RequestType'], extra: Partial<ThroughputEvent> = {}): ThroughputEvent =>
  ({ RequestType: type, ResourceProperties: PROPS, ...extra });

beforeEach(() => bedrock.reset());

describe('create, then wait', () => {
  test('creates the reservation and returns its ARN as the physical ID', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: PM_ARN });
    expect(await onProvisionedThroughputEvent(ev('Create', { RequestId: 'request-1' }), client, retry))
      .toEqual({ PhysicalResourceId: PM_ARN, Data: { ProvisionedModelArn: PM_ARN } });
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand).map(c => c.args[0].input)).toEqual([{
      clientRequestToken: 'request-1',
      provisionedModelName: 'claims-2mu',
      modelId: MODEL,
      modelUnits: 2,
      commitmentDuration: undefined,
      tags: [{ key: 'CostCenter', value: 'claims' }],
    }]);
  });

  test('is not complete while Creating, complete when InService', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolvesOnce({ status: 'Creating', provisionedModelArn: PM_ARN })
      .resolves({ status: 'InService', provisionedModelArn: PM_ARN });
    const waiting = ev('Create', { PhysicalResourceId: PM_ARN });
    expect(await isProvisionedThroughputComplete(waiting, client, retry)).toEqual({ IsComplete: false });
    expect(await isProvisionedThroughputComplete(waiting, client, retry))
      .toEqual({ IsComplete: true, Data: { ProvisionedModelArn: PM_ARN } });
  });

  test('Failed fails the deployment with Bedrock\'s failure message', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolves({ status: 'Failed', provisionedModelName: 'claims-2mu', failureMessage: 'Insufficient capacity for amazon.nova-pro-v1:0' });
    await expect(isProvisionedThroughputComplete(ev('Create', { PhysicalResourceId: PM_ARN }), client, retry))
      .rejects.toThrow('provisioned model claims-2mu failed: Insufficient capacity for amazon.nova-pro-v1:0');
  });

  test('throttling is retried, then succeeds', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ provisionedModelArn: PM_ARN });
    expect((await onProvisionedThroughputEvent(ev('Create'), client, retry)).PhysicalResourceId).toBe(PM_ARN);
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)).toHaveLength(2);
  });

  test('a commitment without its acknowledgement is refused even if the template was edited by hand', async () => {
    await expect(onProvisionedThroughputEvent(ev('Create', { ResourceProperties: { ...PROPS, CommitmentDuration: 'OneMonth' } }), client, retry))
      .rejects.toThrow('a OneMonth commitment for claims-2mu was not acknowledged: refusing to buy it');
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)).toHaveLength(0);
  });
});

describe('update', () => {
  test('a new name is updated in place', async () => {
    bedrock.on(UpdateProvisionedModelThroughputCommand).resolves({});
    const result = await onProvisionedThroughputEvent(ev('Update', {
      PhysicalResourceId: PM_ARN, OldResourceProperties: { ...PROPS, ProvisionedModelName: 'old-2mu' },
    }), client, retry);
    expect(result.PhysicalResourceId).toBe(PM_ARN);
    expect(bedrock.commandCalls(UpdateProvisionedModelThroughputCommand).map(c => c.args[0].input)).toEqual([{
      provisionedModelId: PM_ARN, desiredProvisionedModelName: 'claims-2mu', desiredModelId: undefined,
    }]);
  });

  test('a change of model units creates a new reservation (CloudFormation then deletes the old one)', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: NEW_ARN });
    const result = await onProvisionedThroughputEvent(ev('Update', {
      PhysicalResourceId: PM_ARN, OldResourceProperties: { ...PROPS, ModelUnits: '1', ProvisionedModelName: 'claims-1mu' },
    }), client, retry);
    expect(result.PhysicalResourceId).toBe(NEW_ARN);
    expect(bedrock.commandCalls(UpdateProvisionedModelThroughputCommand)).toHaveLength(0);
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)[0].args[0].input.modelUnits).toBe(2);
  });

  test('nothing to change calls nothing', async () => {
    expect(await onProvisionedThroughputEvent(ev('Update', { PhysicalResourceId: PM_ARN, OldResourceProperties: PROPS }), client, retry))
      .toEqual({ PhysicalResourceId: PM_ARN, Data: { ProvisionedModelArn: PM_ARN } });
    expect(bedrock.calls()).toHaveLength(0);
  });
});

describe('delete', () => {
  test('deletes a reservation without a commitment, and waits until it is gone', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolvesOnce({ status: 'InService', provisionedModelArn: PM_ARN })
      .resolvesOnce({ status: 'InService', provisionedModelArn: PM_ARN })
      .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await onProvisionedThroughputEvent(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry);
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand).map(c => c.args[0].input)).toEqual([{ provisionedModelId: PM_ARN }]);
    expect(await isProvisionedThroughputComplete(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry)).toEqual({ IsComplete: false });
    expect(await isProvisionedThroughputComplete(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry)).toEqual({ IsComplete: true });
  });

  test('is refused during the commitment term, saying when it ends', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      status: 'InService',
      provisionedModelName: 'claims-2mu',
      commitmentDuration: 'SixMonths',
      commitmentExpirationTime: new Date('2099-05-01T00:00:00Z'),
    });
    await expect(onProvisionedThroughputEvent(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry)).rejects.toThrow(
      `provisioned model claims-2mu (${PM_ARN}) is committed (SixMonths) until 2099-05-01T00:00:00.000Z: Bedrock refuses to delete it before the term ends`);
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand)).toHaveLength(0);
  });

  test('after the term, deletes', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      status: 'InService', commitmentDuration: 'OneMonth', commitmentExpirationTime: new Date('2020-01-01T00:00:00Z'),
    });
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await onProvisionedThroughputEvent(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry);
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand)).toHaveLength(1);
  });

  test('an already deleted reservation is fine', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    expect(await onProvisionedThroughputEvent(ev('Delete', { PhysicalResourceId: PM_ARN }), client, retry)).toEqual({ PhysicalResourceId: PM_ARN });
  });
});
