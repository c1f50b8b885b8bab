import {
  AccessDeniedException, BedrockClient, GetAccountDataRetentionCommand, PutAccountDataRetentionCommand, ThrottlingException, ValidationException,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/handlers/bedrock-control-plane';
import { DataRetentionEvent, handleDataRetention, previousOf } from '../../src/handlers/bedrock-control-plane/data-retention';
import { recordedBackoff } from '../support/recorded-backoff';

const bedrock = mockClient(BedrockClient);
const client = new BedrockClient({ region: 'eu-central-1' });
const { retry, sleeps } = recordedBackoff(4);

function event(requestType: DataRetentionEvent['RequestType'], extra: { Mode?: string; OnDelete?: string; PhysicalResourceId?: string } = {}): DataRetentionEvent {
  return { RequestType: requestType, PhysicalResourceId: extra.PhysicalResourceId, ResourceProperties: { Mode: extra.Mode ?? 'none', OnDelete: extra.OnDelete } };
}
const puts = () => bedrock.commandCalls(PutAccountDataRetentionCommand).map(c => c.args[0].input.mode);

beforeEach(() => bedrock.reset());

describe('Create', () => {
  test('reads the mode in place, puts the wanted one, reads it back, and keeps the previous mode in the physical ID', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'default' }).resolves({ mode: 'none' });
    bedrock.on(PutAccountDataRetentionCommand).resolves({ mode: 'none' });
    const result = await handleDataRetention(event('Create'), client, retry);
    expect(puts()).toEqual(['none']);
    expect(bedrock.commandCalls(GetAccountDataRetentionCommand)).toHaveLength(2);
    expect(result).toEqual({ PhysicalResourceId: 'bedrock-data-retention:default', Data: { PreviousMode: 'default' } });
    expect(previousOf(result.PhysicalResourceId)).toBe('default');
  });

  test('throttling is retried with backoff, then succeeds', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'inherit' }).resolves({ mode: 'none' });
    bedrock.on(PutAccountDataRetentionCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ mode: 'none' });
    await handleDataRetention(event('Create'), client, retry);
    expect(puts()).toEqual(['none', 'none']);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
  });

  test('throttling that does not stop fails after the last attempt, and the previous mode is put back', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'default' });
    bedrock.on(PutAccountDataRetentionCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ mode: 'default' });
    await expect(handleDataRetention(event('Create'), client, retry)).rejects.toThrow('Rate exceeded');
    expect(puts()).toEqual(['none', 'none', 'none', 'none', 'default']);
  });

  test('access denied says what to check and is not retried', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'default' });
    bedrock.on(PutAccountDataRetentionCommand).rejectsOnce(new AccessDeniedException({ message: 'not authorized', $metadata: {} })).resolves({ mode: 'default' });
    await expect(handleDataRetention(event('Create'), client, retry)).rejects.toThrow(
      "Bedrock refused data retention mode 'none' (AccessDeniedException: not authorized). An organization policy may deny " +
      'bedrock:PutAccountDataRetention to this role, or the mode may not be offered in this account and region.');
    expect(puts()).toEqual(['none', 'default']);
  });

  test('a mode read back that differs fails, and the previous mode is put back (CloudFormation sends no Delete for a failed Create)', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'default' }).resolves({ mode: 'provider_data_share' });
    bedrock.on(PutAccountDataRetentionCommand).resolves({});
    await expect(handleDataRetention(event('Create'), client, retry)).rejects.toThrow(
      "the data retention mode read back ('provider_data_share') differs from the one put ('none')");
    expect(puts()).toEqual(['none', 'default']);
  });

  test('a restore that fails too is named in the error', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'default' });
    bedrock.on(PutAccountDataRetentionCommand)
      .rejectsOnce(new ValidationException({ message: 'mode not offered', $metadata: {} }))
      .rejects(new ValidationException({ message: 'still not', $metadata: {} }));
    await expect(handleDataRetention(event('Create'), client, retry)).rejects.toThrow(
      "mode not offered (restoring the previous mode 'default' also failed: still not)");
  });

  test('a mode that cannot be a mode name fails before any call', async () => {
    await expect(handleDataRetention(event('Create', { Mode: 'Forever!' }), client, retry)).rejects.toThrow(
      "Mode 'Forever!' is not a data retention mode name: lower-case letters, digits and _");
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('a mode AWS added after the bundled SDK (DataRetentionMode.of) is put as given, and recorded to restore', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'added_later' as any });
    bedrock.on(PutAccountDataRetentionCommand).resolves({});
    const result = await handleDataRetention(event('Create', { Mode: 'added_later' }), client, retry);
    expect(bedrock.commandCalls(PutAccountDataRetentionCommand).map(c => c.args[0].input)).toEqual([{ mode: 'added_later' }]);
    expect(previousOf(result.PhysicalResourceId)).toBe('added_later');
  });
});

describe('Update', () => {
  const id = 'bedrock-data-retention:default';

  test('puts the new mode, reads it back and keeps the physical ID (and with it the mode to restore)', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'none' }).resolves({ mode: 'aws_review' });
    bedrock.on(PutAccountDataRetentionCommand).resolves({ mode: 'aws_review' });
    expect(await handleDataRetention(event('Update', { Mode: 'aws_review', PhysicalResourceId: id }), client, retry))
      .toEqual({ PhysicalResourceId: id, Data: { PreviousMode: 'none' } });
    expect(puts()).toEqual(['aws_review']);
  });

  test('a failed update restores the mode that was in place before it', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'none' }).resolves({ mode: 'none' });
    bedrock.on(PutAccountDataRetentionCommand)
      .rejectsOnce(new ValidationException({ message: 'mode aws_review is not offered in this region', $metadata: {} }))
      .resolves({ mode: 'none' });
    await expect(handleDataRetention(event('Update', { Mode: 'aws_review', PhysicalResourceId: id }), client, retry))
      .rejects.toThrow('mode aws_review is not offered in this region');
    expect(puts()).toEqual(['aws_review', 'none']);
  });
});

describe('Delete', () => {
  const id = 'bedrock-data-retention:default';

  test('RETAIN (the default) leaves the mode and makes no call', async () => {
    expect(await handleDataRetention(event('Delete', { PhysicalResourceId: id }), client, retry)).toEqual({ PhysicalResourceId: id });
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('RESTORE_PREVIOUS puts back the mode recorded at Create, and reads it back', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'none' }).resolves({ mode: 'default' });
    bedrock.on(PutAccountDataRetentionCommand).resolves({ mode: 'default' });
    expect(await handleDataRetention(event('Delete', { PhysicalResourceId: id, OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .toEqual({ PhysicalResourceId: id, Data: { DeleteOutcome: 'restored' } });
    expect(puts()).toEqual(['default']);
  });

  test('a mode in place that this resource did not put (a replacement created first) is left alone', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'aws_review' });
    expect(await handleDataRetention(event('Delete', { PhysicalResourceId: id, OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .toEqual({ PhysicalResourceId: id, Data: { DeleteOutcome: 'not-owned' } });
    expect(puts()).toEqual([]);
  });

  test('a physical ID without a recorded mode cannot be restored: the error says what to do', async () => {
    bedrock.on(GetAccountDataRetentionCommand).resolves({ mode: 'none' });
    await expect(handleDataRetention(event('Delete', { PhysicalResourceId: 'bedrock-data-retention:unknown', OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .rejects.toThrow("the data retention mode in place before this stack was not recorded (physical ID 'bedrock-data-retention:unknown')");
  });

  test('an unknown OnDelete fails', async () => {
    await expect(handleDataRetention(event('Delete', { PhysicalResourceId: id, OnDelete: 'DISABLE' }), client, retry))
      .rejects.toThrow("OnDelete 'DISABLE' is not one of RETAIN, RESTORE_PREVIOUS");
  });
});

test('the entry point dispatches the data retention resource type', async () => {
  bedrock.on(GetAccountDataRetentionCommand).resolvesOnce({ mode: 'default' }).resolves({ mode: 'none' });
  bedrock.on(PutAccountDataRetentionCommand).resolves({ mode: 'none' });
  const result = await handler({ RequestType: 'Create', ResourceType: 'Custom::BedrockDataRetention', ResourceProperties: { Mode: 'none' } });
  expect(result.PhysicalResourceId).toBe('bedrock-data-retention:default');
});
