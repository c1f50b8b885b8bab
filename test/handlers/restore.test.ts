import { BedrockApiStub } from './bedrock-api-stub';
import { restoreSetting } from '../../src/handlers/bedrock-control-plane/restore';
import { RetryOptions } from '../../src/handlers/bedrock-control-plane/retry';

// The landing zone's configuration as BedrockSettingRestore writes it into the function's environment:
// the custom resource's LoggingConfig, JSON with real booleans.
const LANDING_ZONE_LOGGING = {
  s3Config: { bucketName: 'lz-logs', keyPrefix: 'bedrock-invocation-logs' },
  cloudWatchConfig: {
    logGroupName: '/bedrock-landing-zone/model-invocations',
    roleArn: 'arn:aws:iam::111111111111:role/bedrock-landing-zone-log-delivery/delivery',
    largeDataDeliveryS3Config: { bucketName: 'lz-logs', keyPrefix: 'bedrock-invocation-logs' },
  },
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: true,
  videoDataDeliveryEnabled: true,
  audioDataDeliveryEnabled: true,
};
const ENVIRONMENT = {
  RESTORE_INVOCATION_LOGGING: JSON.stringify(LANDING_ZONE_LOGGING),
  RESTORE_DATA_RETENTION: 'none',
};
const retry: RetryOptions = { attempts: 3, baseDelayMs: 1, sleep: async () => {} };

let stub: BedrockApiStub;
beforeEach(async () => {
  stub = await BedrockApiStub.start();
});
afterEach(async () => {
  await stub.stop();
});

describe('restore of the invocation logging configuration', () => {
  test('switched off outside the landing zone: the configuration is put back and read back', async () => {
    stub.loggingConfig = undefined;
    const result = await restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(), retry);
    expect(result).toEqual({ setting: 'InvocationLogging', outcome: 'restored', differences: ['no configuration is in place'] });
    expect(stub.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /logging/modelinvocations', 'PUT /logging/modelinvocations', 'GET /logging/modelinvocations',
    ]);
    expect(stub.requests[1].body).toEqual({ loggingConfig: LANDING_ZONE_LOGGING });
    expect(stub.loggingConfig).toEqual(LANDING_ZONE_LOGGING);
  });

  test('re-pointed to another bucket with prompts no longer logged: the landing zone\'s destinations and flags are put back', async () => {
    stub.loggingConfig = { s3Config: { bucketName: 'elsewhere', keyPrefix: 'x' }, textDataDeliveryEnabled: false };
    const result = await restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(), retry);
    expect(result.outcome).toBe('restored');
    expect(result.differences).toEqual([
      's3Config.bucketName: expected "lz-logs", got "elsewhere"',
      's3Config.keyPrefix: expected "bedrock-invocation-logs", got "x"',
      'cloudWatchConfig.logGroupName: expected "/bedrock-landing-zone/model-invocations", got undefined',
      'cloudWatchConfig.roleArn: expected "arn:aws:iam::111111111111:role/bedrock-landing-zone-log-delivery/delivery", got undefined',
      'cloudWatchConfig.largeDataDeliveryS3Config.bucketName: expected "lz-logs", got undefined',
      'cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix: expected "bedrock-invocation-logs", got ""',
      'textDataDeliveryEnabled: expected true, got false',
      'imageDataDeliveryEnabled: expected true, got false',
      'embeddingDataDeliveryEnabled: expected true, got false',
      'videoDataDeliveryEnabled: expected true, got false',
      'audioDataDeliveryEnabled: expected true, got false',
    ]);
    expect(stub.loggingConfig).toEqual(LANDING_ZONE_LOGGING);
  });

  test('already the landing zone\'s configuration (a retried or repeated event): nothing is written, so nothing triggers again', async () => {
    stub.loggingConfig = LANDING_ZONE_LOGGING;
    const result = await restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(), retry);
    expect(result).toEqual({ setting: 'InvocationLogging', outcome: 'in-place', differences: [] });
    expect(stub.writes()).toEqual([]);
  });

  test('a logging restore never touches data retention, and a data retention restore never touches logging', async () => {
    stub.loggingConfig = undefined;
    stub.dataRetentionMode = 'default';
    await restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(), retry);
    expect(stub.writes()).toEqual(['PUT /logging/modelinvocations']);
    expect(stub.dataRetentionMode).toBe('default');
    stub.requests.length = 0;
    stub.loggingConfig = { textDataDeliveryEnabled: false };
    await restoreSetting({ RestoreSetting: 'DataRetention' }, ENVIRONMENT, stub.client(), retry);
    expect(stub.writes()).toEqual(['PUT /data-retention']);
    expect(stub.loggingConfig).toEqual({ textDataDeliveryEnabled: false });
  });

  test('Bedrock refusing the destinations fails the restore with what to check (the Lambda error is what the operators see)', async () => {
    stub.refusals.set('PUT /logging/modelinvocations', { type: 'AccessDeniedException', status: 403, message: 'no access to bucket lz-logs' });
    await expect(restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(), retry)).rejects.toThrow(
      'Bedrock refused the invocation logging configuration (AccessDeniedException: no access to bucket lz-logs). Check that bucket ' +
      '\'lz-logs\', log group \'/bedrock-landing-zone/model-invocations\', role \'arn:aws:iam::111111111111:role/bedrock-landing-zone-log-delivery/delivery\' ' +
      'exist in this account and region, and that their policies let bedrock.amazonaws.com write to them (bucket policy, KMS key policy, delivery ' +
      'role trust and permissions).');
  });

  test('throttling is retried', async () => {
    stub.refusals.set('GET /logging/modelinvocations', { type: 'ThrottlingException', status: 429, message: 'Rate exceeded' });
    const pending = restoreSetting({ RestoreSetting: 'InvocationLogging' }, ENVIRONMENT, stub.client(),
      { attempts: 3, baseDelayMs: 1, sleep: async () => { stub.refusals.clear(); } });
    await expect(pending).resolves.toEqual({ setting: 'InvocationLogging', outcome: 'restored', differences: ['no configuration is in place'] });
    expect(stub.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /logging/modelinvocations', 'GET /logging/modelinvocations', 'PUT /logging/modelinvocations', 'GET /logging/modelinvocations',
    ]);
  });
});

describe('restore of the data retention mode', () => {
  test('changed outside the landing zone: the mode is put back and read back', async () => {
    stub.dataRetentionMode = 'provider_data_share';
    const result = await restoreSetting({ RestoreSetting: 'DataRetention' }, ENVIRONMENT, stub.client(), retry);
    expect(result).toEqual({ setting: 'DataRetention', outcome: 'restored', differences: ['mode: expected "none", got "provider_data_share"'] });
    expect(stub.requests.map(r => `${r.method} ${r.path}`)).toEqual(['GET /data-retention', 'PUT /data-retention', 'GET /data-retention']);
    expect(stub.requests[1].body).toEqual({ mode: 'none' });
    expect(stub.dataRetentionMode).toBe('none');
  });

  test('already the landing zone\'s mode: nothing is written', async () => {
    stub.dataRetentionMode = 'none';
    const result = await restoreSetting({ RestoreSetting: 'DataRetention' }, ENVIRONMENT, stub.client(), retry);
    expect(result).toEqual({ setting: 'DataRetention', outcome: 'in-place', differences: [] });
    expect(stub.writes()).toEqual([]);
  });
});

describe('what the restore refuses to do', () => {
  test('a setting the function was not given: an error, and no call to Bedrock', async () => {
    await expect(restoreSetting({ RestoreSetting: 'DataRetention' }, { RESTORE_INVOCATION_LOGGING: ENVIRONMENT.RESTORE_INVOCATION_LOGGING }, stub.client(), retry))
      .rejects.toThrow('RESTORE_DATA_RETENTION is not set: this function was not given the landing zone\'s DataRetention configuration, so it restores nothing');
    expect(stub.requests).toEqual([]);
  });

  test('a setting it does not know (the enforced guardrail is CloudFormation\'s, not the handler\'s): an error, and no call', async () => {
    await expect(restoreSetting({ RestoreSetting: 'EnforcedGuardrail' }, ENVIRONMENT, stub.client(), retry))
      .rejects.toThrow('RestoreSetting \'EnforcedGuardrail\' is not one of InvocationLogging, DataRetention');
    expect(stub.requests).toEqual([]);
  });

  test('the configuration comes from the environment only: a configuration in the event is ignored', async () => {
    stub.loggingConfig = undefined;
    const event = { RestoreSetting: 'InvocationLogging', LoggingConfig: { s3Config: { bucketName: 'attacker-bucket' } } };
    await restoreSetting(event, ENVIRONMENT, stub.client(), retry);
    expect(stub.loggingConfig).toEqual(LANDING_ZONE_LOGGING);
  });
});

describe('the Lambda entry point', () => {
  test('restore reads the function\'s environment and calls Bedrock with the bundled client', async () => {
    stub.dataRetentionMode = 'default';
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_BEDROCK: stub.endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      ...ENVIRONMENT,
    });
    try {
      let entry: typeof import('../../src/handlers/bedrock-control-plane') | undefined;
      // A fresh module: the bundled client is created when the module loads, from the environment above.
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        entry = require('../../src/handlers/bedrock-control-plane');
      });
      await expect(entry!.restore({ RestoreSetting: 'DataRetention' })).resolves.toEqual({
        setting: 'DataRetention', outcome: 'restored', differences: ['mode: expected "none", got "default"'],
      });
      expect(stub.dataRetentionMode).toBe('none');
    } finally {
      process.env = saved;
    }
  });
});
