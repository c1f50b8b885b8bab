import {
  AccessDeniedException, BedrockClient, DeleteModelInvocationLoggingConfigurationCommand, GetModelInvocationLoggingConfigurationCommand,
  PutModelInvocationLoggingConfigurationCommand, ThrottlingException, ValidationException,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { LoggingEvent, decodePrevious, handleModelInvocationLogging } from '../../src/handlers/bedrock-control-plane/model-invocation-logging';
import { recordedBackoff } from '../support/recorded-backoff';

const bedrock = mockClient(BedrockClient);
const client = new BedrockClient({ region: 'eu-central-1' });
const { retry, sleeps } = recordedBackoff(4);

// As CloudFormation sends them: every scalar is a string.
const PROPERTIES = {
  LoggingConfig: {
    s3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock-invocation-logs' },
    cloudWatchConfig: {
      logGroupName: '/bedrock-landing-zone/model-invocations',
      roleArn: 'arn:aws:iam::111111111111:role/delivery',
      largeDataDeliveryS3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock-invocation-logs' },
    },
    textDataDeliveryEnabled: 'true',
    imageDataDeliveryEnabled: 'true',
    embeddingDataDeliveryEnabled: 'false',
    videoDataDeliveryEnabled: 'true',
    audioDataDeliveryEnabled: 'true',
  },
};
const PUT_CONFIG = {
  s3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock-invocation-logs' },
  cloudWatchConfig: {
    logGroupName: '/bedrock-landing-zone/model-invocations',
    roleArn: 'arn:aws:iam::111111111111:role/delivery',
    largeDataDeliveryS3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock-invocation-logs' },
  },
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: false,
  videoDataDeliveryEnabled: true,
  audioDataDeliveryEnabled: true,
};
const PREVIOUS = { s3Config: { bucketName: 'old-bucket', keyPrefix: 'old' }, textDataDeliveryEnabled: true };

function event(requestType: LoggingEvent['RequestType'], extra: Partial<LoggingEvent> & { OnDelete?: string } = {}): LoggingEvent {
  return { RequestType: requestType, PhysicalResourceId: extra.PhysicalResourceId, ResourceProperties: { ...PROPERTIES, OnDelete: extra.OnDelete } };
}

beforeEach(() => bedrock.reset());

describe('Create', () => {
  test('reads the current configuration, puts the new one, reads it back, and keeps the previous one in the physical ID', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand)
      .resolvesOnce({ loggingConfig: PREVIOUS })
      .resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    const result = await handleModelInvocationLogging(event('Create'), client, retry);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand).map(c => c.args[0].input)).toEqual([{ loggingConfig: PUT_CONFIG }]);
    expect(bedrock.commandCalls(GetModelInvocationLoggingConfigurationCommand)).toHaveLength(2);
    expect(decodePrevious(result.PhysicalResourceId)).toEqual(PREVIOUS);
  });

  test('with no configuration before, records that there was none', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolvesOnce({}).resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    const result = await handleModelInvocationLogging(event('Create'), client, retry);
    expect(result.PhysicalResourceId).toBe('bedrock-invocation-logging:none');
    expect(decodePrevious(result.PhysicalResourceId)).toBeUndefined();
  });

  test('throttling is retried with backoff, then succeeds', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolvesOnce({}).resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({});
    await handleModelInvocationLogging(event('Create'), client, retry);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  test('throttling that does not stop fails after the last attempt', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(handleModelInvocationLogging(event('Create'), client, retry)).rejects.toThrow('Rate exceeded');
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(4);
  });

  test('access denied names the bucket, log group and role to check, and is not retried', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand)
      .rejects(new AccessDeniedException({ message: 'Bedrock cannot write to the S3 bucket', $metadata: {} }));
    await expect(handleModelInvocationLogging(event('Create'), client, retry)).rejects.toThrow(
      'Bedrock refused the invocation logging configuration (AccessDeniedException: Bedrock cannot write to the S3 bucket). ' +
      "Check that bucket 'logs-bucket', log group '/bedrock-landing-zone/model-invocations', role 'arn:aws:iam::111111111111:role/delivery' " +
      'exist in this account and region');
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
  });

  test('a validation error is reported the same way', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).rejects(new ValidationException({ message: 'Invalid log group', $metadata: {} }));
    await expect(handleModelInvocationLogging(event('Create'), client, retry))
      .rejects.toThrow(/^Bedrock refused the invocation logging configuration \(ValidationException: Invalid log group\)/);
  });

  test('a failed Create puts back the configuration that was there (CloudFormation sends no Delete for it)', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand)
      .resolvesOnce({ loggingConfig: PREVIOUS })
      .resolves({ loggingConfig: { ...PUT_CONFIG, textDataDeliveryEnabled: false } });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    await expect(handleModelInvocationLogging(event('Create'), client, retry)).rejects.toThrow(/read back differs/);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand).map(c => c.args[0].input))
      .toEqual([{ loggingConfig: PUT_CONFIG }, { loggingConfig: PREVIOUS }]);
  });

  test('a failed Create with nothing there before deletes what it put', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).rejects(new ValidationException({ message: 'Invalid log group', $metadata: {} }));
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).resolves({});
    await expect(handleModelInvocationLogging(event('Create'), client, retry)).rejects.toThrow(/ValidationException/);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
  });

  test('a read-back that differs fails and says which field', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand)
      .resolvesOnce({})
      .resolves({ loggingConfig: { ...PUT_CONFIG, s3Config: { bucketName: 'someone-elses', keyPrefix: 'bedrock-invocation-logs' } } });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    await expect(handleModelInvocationLogging(event('Create'), client, retry)).rejects.toThrow(
      'the invocation logging configuration read back differs from the one put: s3Config.bucketName: expected "logs-bucket", got "someone-elses"');
  });
});

describe('Update', () => {
  test('puts the new configuration and keeps the physical ID (and the configuration to restore)', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    const id = 'bedrock-invocation-logging:none';
    expect(await handleModelInvocationLogging(event('Update', { PhysicalResourceId: id }), client, retry)).toEqual({ PhysicalResourceId: id });
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand).map(c => c.args[0].input)).toEqual([{ loggingConfig: PUT_CONFIG }]);
  });
});

describe('Delete', () => {
  const withPrevious = `bedrock-invocation-logging:${Buffer.from(JSON.stringify(PREVIOUS)).toString('base64url')}`;
  const OTHER = { ...PUT_CONFIG, s3Config: { bucketName: 'replacement-bucket', keyPrefix: 'bedrock-invocation-logs' } };
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  beforeEach(() => stderr.mockClear());
  afterAll(() => stderr.mockRestore());

  test('RETAIN leaves the configuration alone', async () => {
    await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'RETAIN' }), client, retry);
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('RESTORE_PREVIOUS puts back the configuration that was there before, when the one in place is still this resource\'s', async () => {
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolvesOnce({ loggingConfig: PUT_CONFIG }).resolves({ loggingConfig: PREVIOUS });
    expect(await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .toEqual({ PhysicalResourceId: withPrevious, Data: { DeleteOutcome: 'restored' } });
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand).map(c => c.args[0].input)).toEqual([{ loggingConfig: PREVIOUS }]);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('RESTORE_PREVIOUS does not overwrite the configuration of a replacement (or of the stack it moved to) with the old one', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: OTHER });
    expect(await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .toEqual({ PhysicalResourceId: withPrevious, Data: { DeleteOutcome: 'not-owned' } });
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
    expect(stderr).toHaveBeenCalledWith('invocation logging left as it is: the configuration in place is not the one this resource put ' +
      '(s3Config.bucketName: expected "logs-bucket", got "replacement-bucket"), so OnDelete RESTORE_PREVIOUS does not apply to it\n');
  });

  test('RESTORE_PREVIOUS with nothing before deletes the configuration', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).resolves({});
    await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: 'bedrock-invocation-logging:none', OnDelete: 'RESTORE_PREVIOUS' }), client, retry);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('DISABLE deletes the configuration this resource put', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).resolves({});
    expect(await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'DISABLE' }), client, retry))
      .toEqual({ PhysicalResourceId: withPrevious, Data: { DeleteOutcome: 'disabled' } });
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('DISABLE does not switch off the logging of a replacement', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: { ...PUT_CONFIG, textDataDeliveryEnabled: false } });
    expect(await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'DISABLE' }), client, retry))
      .toEqual({ PhysicalResourceId: withPrevious, Data: { DeleteOutcome: 'not-owned' } });
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
    expect(stderr).toHaveBeenCalledWith('invocation logging left as it is: the configuration in place is not the one this resource put ' +
      '(textDataDeliveryEnabled: expected true, got false), so OnDelete DISABLE does not apply to it\n');
  });

  test('a change only to the large-data bucket is someone else\'s configuration too', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({
      loggingConfig: {
        ...PUT_CONFIG, cloudWatchConfig: { ...PUT_CONFIG.cloudWatchConfig, largeDataDeliveryS3Config: { bucketName: 'other', keyPrefix: 'bedrock-invocation-logs' } },
      },
    });
    expect((await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'DISABLE' }), client, retry)).Data)
      .toEqual({ DeleteOutcome: 'not-owned' });
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('with no configuration left in place, there is nothing to disable or restore', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    expect((await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'RESTORE_PREVIOUS' }), client, retry)).Data)
      .toEqual({ DeleteOutcome: 'not-owned' });
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('without OnDelete, the configuration is retained', async () => {
    await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious }), client, retry);
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('throttling of the ownership check is retried', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ loggingConfig: PUT_CONFIG });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).resolves({});
    await handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'DISABLE' }), client, retry);
    expect(bedrock.commandCalls(GetModelInvocationLoggingConfigurationCommand)).toHaveLength(2);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
  });

  test('access denied on the ownership check fails the delete at once and changes nothing', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
    await expect(handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'DISABLE' }), client, retry))
      .rejects.toThrow('not authorized');
    expect(bedrock.commandCalls(GetModelInvocationLoggingConfigurationCommand)).toHaveLength(1);
    expect(bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('a restore whose read-back differs (partial failure) fails the delete and says which field', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand)
      .resolvesOnce({ loggingConfig: PUT_CONFIG })
      .resolves({ loggingConfig: { ...PREVIOUS, textDataDeliveryEnabled: false } });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});
    await expect(handleModelInvocationLogging(event('Delete', { PhysicalResourceId: withPrevious, OnDelete: 'RESTORE_PREVIOUS' }), client, retry))
      .rejects.toThrow('the invocation logging configuration read back differs from the one put: textDataDeliveryEnabled: expected true, got false');
  });

  test('RESTORE_PREVIOUS of a configuration too large to record fails with a message', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: PUT_CONFIG });
    await expect(handleModelInvocationLogging(
      event('Delete', { PhysicalResourceId: 'bedrock-invocation-logging:unrestorable', OnDelete: 'RESTORE_PREVIOUS' }), client, retry,
    )).rejects.toThrow(/too large to record, so it cannot be restored: set onDelete to RETAIN or DISABLE/);
  });

  test('a configuration too large to restore is no obstacle once it is no longer this resource\'s to restore', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: OTHER });
    expect((await handleModelInvocationLogging(
      event('Delete', { PhysicalResourceId: 'bedrock-invocation-logging:unrestorable', OnDelete: 'RESTORE_PREVIOUS' }), client, retry,
    )).Data).toEqual({ DeleteOutcome: 'not-owned' });
  });
});
