import {
  AccessDeniedException, BedrockClient, CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand, InternalServerException, ResourceNotFoundException, ThrottlingException,
  UpdateProvisionedModelThroughputCommand, ValidationException,
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

  test('Failed fails the deployment with Bedrock\'s failure message, and deletes the failed reservation (a replacement\'s gets no rollback Delete)', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      status: 'Failed', provisionedModelName: 'claims-2mu', provisionedModelArn: PM_ARN, failureMessage: 'Insufficient capacity for amazon.nova-pro-v1:0',
    });
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await expect(isProvisionedThroughputComplete(ev('Create', { PhysicalResourceId: PM_ARN }), client, retry))
      .rejects.toThrow(`provisioned model claims-2mu failed: Insufficient capacity for amazon.nova-pro-v1:0. Reservation ${PM_ARN} has been deleted.`);
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand).map(c => c.args[0].input)).toEqual([{ provisionedModelId: PM_ARN }]);
  });

  test('a failed committed reservation is reported, not deleted', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      status: 'Failed',
      provisionedModelName: 'claims-2mu',
      provisionedModelArn: PM_ARN,
      failureMessage: 'Insufficient capacity',
      commitmentDuration: 'OneMonth',
      commitmentExpirationTime: new Date('2099-01-01T00:00:00Z'),
    });
    await expect(isProvisionedThroughputComplete(ev('Create', { PhysicalResourceId: PM_ARN }), client, retry)).rejects.toThrow(
      `provisioned model claims-2mu failed: Insufficient capacity. Reservation ${PM_ARN} has a OneMonth commitment ending 2099-01-01T00:00:00.000Z: ` +
      'Bedrock does not delete a committed reservation before its term ends');
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand)).toHaveLength(0);
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

describe('a create that fails after Bedrock created the reservation', () => {
  const NAME = PROPS.ProvisionedModelName;
  const lostResponse = () => new InternalServerException({ message: 'connection reset', $metadata: {} });

  test('finds the reservation by its name and deletes it (the rollback would skip it: the framework gives a failed Create no physical ID)', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(lostResponse());
    bedrock.on(GetProvisionedModelThroughputCommand, { provisionedModelId: NAME })
      .resolves({ provisionedModelArn: PM_ARN, provisionedModelName: NAME, status: 'Creating', creationTime: new Date() });
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await expect(onProvisionedThroughputEvent(ev('Create', { RequestId: 'request-1' }), client, retry))
      .rejects.toThrow(`connection reset. The create call did create it. Reservation ${PM_ARN} has been deleted.`);
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)).toHaveLength(4);
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand).map(c => c.args[0].input)).toEqual([{ provisionedModelId: PM_ARN }]);
  });

  test('a committed reservation it created is reported with its term, not deleted', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(lostResponse());
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      provisionedModelArn: PM_ARN,
      provisionedModelName: NAME,
      creationTime: new Date(),
      commitmentDuration: 'SixMonths',
      commitmentExpirationTime: new Date('2099-06-01T00:00:00Z'),
    });
    const committed = { ...PROPS, CommitmentDuration: 'SixMonths', CommitmentAcknowledged: 'true' };
    await expect(onProvisionedThroughputEvent(ev('Create', { ResourceProperties: committed }), client, retry)).rejects.toThrow(
      `connection reset. The create call did create it. Reservation ${PM_ARN} has a SixMonths commitment ending 2099-06-01T00:00:00.000Z: ` +
      'Bedrock does not delete a committed reservation before its term ends and the term is billed either way, so it was left in place, ' +
      'and this stack does not manage it.');
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand)).toHaveLength(0);
  });

  test('a reservation of that name created before the call is not this deployment\'s: reported, never deleted', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(new ValidationException({ message: 'name already in use', $metadata: {} }));
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({
      provisionedModelArn: PM_ARN, provisionedModelName: NAME, creationTime: new Date(Date.now() - 3_600_000),
    });
    await expect(onProvisionedThroughputEvent(ev('Create'), client, retry)).rejects.toThrow(
      new RegExp(`^name already in use\\. A reservation named ${NAME} \\(${PM_ARN}\\) already exists, created .*, before this deployment tried to create it; ` +
        'it was left as it is\\. Delete it, or give this reservation another provisionedModelName\\.$'));
    expect(bedrock.commandCalls(DeleteProvisionedModelThroughputCommand)).toHaveLength(0);
  });

  test('access denied is not retried, and says that nothing was left behind', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(new AccessDeniedException({ message: 'not authorized to CreateProvisionedModelThroughput', $metadata: {} }));
    bedrock.on(GetProvisionedModelThroughputCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    await expect(onProvisionedThroughputEvent(ev('Create'), client, retry))
      .rejects.toThrow(`not authorized to CreateProvisionedModelThroughput. No reservation named ${NAME} was left behind.`);
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)).toHaveLength(1);
  });

  test('when the lookup fails too, the error says what to look for', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(lostResponse());
    bedrock.on(GetProvisionedModelThroughputCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(onProvisionedThroughputEvent(ev('Create'), client, retry)).rejects.toThrow(
      `connection reset. Could not check whether a reservation named ${NAME} was left behind (Rate exceeded): ` +
      `look for it (aws bedrock get-provisioned-model-throughput --provisioned-model-id ${NAME}) and delete it if it exists.`);
    expect(bedrock.commandCalls(GetProvisionedModelThroughputCommand)).toHaveLength(4);
  });

  test('when deleting it fails, the error names it and says it is billed', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(lostResponse());
    bedrock.on(GetProvisionedModelThroughputCommand).resolves({ provisionedModelArn: PM_ARN, provisionedModelName: NAME, creationTime: new Date() });
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
    await expect(onProvisionedThroughputEvent(ev('Create'), client, retry)).rejects.toThrow(
      `connection reset. The create call did create it. Deleting reservation ${PM_ARN} failed (not authorized): it is billed every hour until it is deleted`);
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
    bedrock.on(GetProvisionedModelThroughputCommand, { provisionedModelId: PM_ARN })
      .resolves({ provisionedModelArn: PM_ARN, provisionedModelName: 'claims-1mu', status: 'InService' });
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: NEW_ARN });
    const result = await onProvisionedThroughputEvent(ev('Update', {
      PhysicalResourceId: PM_ARN, OldResourceProperties: { ...PROPS, ModelUnits: '1', ProvisionedModelName: 'claims-1mu' },
    }), client, retry);
    expect(result.PhysicalResourceId).toBe(NEW_ARN);
    expect(bedrock.commandCalls(UpdateProvisionedModelThroughputCommand)).toHaveLength(0);
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)[0].args[0].input.modelUnits).toBe(2);
  });

  test('the rollback of a failed replacement keeps the old reservation, which is still in place', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand, { provisionedModelId: PM_ARN })
      .resolves({ provisionedModelArn: PM_ARN, provisionedModelName: 'claims-2mu', status: 'InService' });
    const result = await onProvisionedThroughputEvent(ev('Update', {
      PhysicalResourceId: PM_ARN, OldResourceProperties: { ...PROPS, ModelUnits: '4', ProvisionedModelName: 'claims-4mu' },
    }), client, retry);
    expect(result).toEqual({ PhysicalResourceId: PM_ARN, Data: { ProvisionedModelArn: PM_ARN } });
    expect(bedrock.commandCalls(CreateProvisionedModelThroughputCommand)).toHaveLength(0);
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
