import {
  BedrockClient,
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import { RetryOptions, withRetry } from './retry';

/**
 * Custom::BedrockModelInvocationLogging: the account's invocation logging configuration for the
 * region, which CloudFormation has no resource for.
 *
 * The physical ID carries the configuration that was in place before Create (base64url JSON), so
 * that Delete can restore it: CloudFormation gives Delete only the properties and the physical ID.
 * Update keeps the physical ID, and with it the configuration to restore. Delete disables or restores
 * only while the configuration in place is still the one this resource put: after a replacement or a
 * move to another stack it belongs to the new resource, and is left alone.
 */
export type OnDelete = 'RETAIN' | 'RESTORE_PREVIOUS' | 'DISABLE';

export interface LoggingEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly LoggingConfig: Record<string, unknown>;
    readonly OnDelete?: string;
  };
}

export interface HandlerResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

const ID_PREFIX = 'bedrock-invocation-logging:';

export async function handleModelInvocationLogging(
  event: LoggingEvent, client: BedrockClient, retry?: RetryOptions,
): Promise<HandlerResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const wanted = toLoggingConfig(event.ResourceProperties.LoggingConfig);

  switch (event.RequestType) {
    case 'Create': {
      const current = await call(() => client.send(new GetModelInvocationLoggingConfigurationCommand({})));
      try {
        await put(client, wanted, call);
      } catch (e) {
        // CloudFormation sends no Delete for a failed Create: put back what was there before failing.
        await restore(client, current.loggingConfig, call).catch(restoreError => {
          (e as Error).message += ` (restoring the previous configuration also failed: ${(restoreError as Error).message})`;
        });
        throw e;
      }
      return { PhysicalResourceId: encodePrevious(current.loggingConfig), Data: summary(current.loggingConfig) };
    }
    case 'Update': {
      await put(client, wanted, call);
      return { PhysicalResourceId: event.PhysicalResourceId! };
    }
    case 'Delete': {
      const mode = (event.ResourceProperties.OnDelete ?? 'RETAIN') as OnDelete;
      const id = event.PhysicalResourceId!;
      if (mode !== 'RETAIN' && mode !== 'RESTORE_PREVIOUS' && mode !== 'DISABLE') {
        throw new Error(`OnDelete '${mode}' is not one of RETAIN, RESTORE_PREVIOUS, DISABLE`);
      }
      if (mode === 'RETAIN') return { PhysicalResourceId: id };
      // A replacement or a move to another stack creates the new resource before deleting this one:
      // the configuration in place is then the new one's, and neither switching it off nor putting
      // back the old one is this resource's to do.
      const current = (await call(() => client.send(new GetModelInvocationLoggingConfigurationCommand({})))).loggingConfig;
      const notOurs = current ? differences(wanted, current) : ['no configuration is in place'];
      if (notOurs.length > 0) {
        log(`invocation logging left as it is: the configuration in place is not the one this resource put (${notOurs.join('; ')}), ` +
          `so OnDelete ${mode} does not apply to it`);
        return { PhysicalResourceId: id, Data: { DeleteOutcome: 'not-owned' } };
      }
      if (mode === 'DISABLE') {
        await call(() => client.send(new DeleteModelInvocationLoggingConfigurationCommand({})));
      } else {
        const previous = decodePrevious(id);
        if (previous) await put(client, previous, call);
        else await call(() => client.send(new DeleteModelInvocationLoggingConfigurationCommand({})));
      }
      return { PhysicalResourceId: id, Data: { DeleteOutcome: mode === 'DISABLE' ? 'disabled' : 'restored' } };
    }
  }
}

/** Lambda writes stderr to the function's log group: what a Delete chose not to do is recorded there. */
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function restore(client: BedrockClient, previous: LoggingConfig | undefined, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  if (previous) await call(() => client.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig: previous })));
  else await call(() => client.send(new DeleteModelInvocationLoggingConfigurationCommand({})));
}

export async function put(client: BedrockClient, config: LoggingConfig, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  try {
    await call(() => client.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig: config })));
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'AccessDeniedException' || name === 'ValidationException') {
      throw new Error(`Bedrock refused the invocation logging configuration (${name}: ${(e as Error).message}). ` +
        `Check that ${describeDestinations(config)} exist in this account and region, and that their policies let ` +
        'bedrock.amazonaws.com write to them (bucket policy, KMS key policy, delivery role trust and permissions).');
    }
    throw e;
  }
  const readBack = await call(() => client.send(new GetModelInvocationLoggingConfigurationCommand({})));
  const mismatch = differences(config, readBack.loggingConfig ?? {});
  if (mismatch.length > 0) {
    throw new Error(`the invocation logging configuration read back differs from the one put: ${mismatch.join('; ')}. ` +
      'Another deployment may be configuring logging in this account and region at the same time.');
  }
}

function describeDestinations(config: LoggingConfig): string {
  const parts: string[] = [];
  if (config.s3Config) parts.push(`bucket '${config.s3Config.bucketName}'`);
  if (config.cloudWatchConfig) {
    parts.push(`log group '${config.cloudWatchConfig.logGroupName}'`, `role '${config.cloudWatchConfig.roleArn}'`);
    const large = config.cloudWatchConfig.largeDataDeliveryS3Config;
    if (large && large.bucketName !== config.s3Config?.bucketName) parts.push(`bucket '${large.bucketName}'`);
  }
  return parts.join(', ');
}

const FLAGS = ['textDataDeliveryEnabled', 'imageDataDeliveryEnabled', 'embeddingDataDeliveryEnabled', 'videoDataDeliveryEnabled', 'audioDataDeliveryEnabled'] as const;

/** CloudFormation passes every property value as a string: turn the flags back into booleans. */
export function toLoggingConfig(raw: Record<string, any>): LoggingConfig {
  const config: Record<string, unknown> = {};
  if (raw.s3Config) config.s3Config = { bucketName: raw.s3Config.bucketName, keyPrefix: raw.s3Config.keyPrefix };
  if (raw.cloudWatchConfig) {
    const cw = raw.cloudWatchConfig;
    config.cloudWatchConfig = {
      logGroupName: cw.logGroupName,
      roleArn: cw.roleArn,
      largeDataDeliveryS3Config: cw.largeDataDeliveryS3Config
        ? { bucketName: cw.largeDataDeliveryS3Config.bucketName, keyPrefix: cw.largeDataDeliveryS3Config.keyPrefix }
        : undefined,
    };
  }
  for (const flag of FLAGS) {
    if (raw[flag] !== undefined) config[flag] = raw[flag] === true || raw[flag] === 'true';
  }
  return config as LoggingConfig;
}

export function differences(wanted: LoggingConfig, actual: LoggingConfig): string[] {
  const pairs: Array<[string, unknown, unknown]> = [
    ['s3Config.bucketName', wanted.s3Config?.bucketName, actual.s3Config?.bucketName],
    ['s3Config.keyPrefix', wanted.s3Config?.keyPrefix ?? '', actual.s3Config?.keyPrefix ?? ''],
    ['cloudWatchConfig.logGroupName', wanted.cloudWatchConfig?.logGroupName, actual.cloudWatchConfig?.logGroupName],
    ['cloudWatchConfig.roleArn', wanted.cloudWatchConfig?.roleArn, actual.cloudWatchConfig?.roleArn],
    ['cloudWatchConfig.largeDataDeliveryS3Config.bucketName',
      wanted.cloudWatchConfig?.largeDataDeliveryS3Config?.bucketName, actual.cloudWatchConfig?.largeDataDeliveryS3Config?.bucketName],
    ['cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix',
      wanted.cloudWatchConfig?.largeDataDeliveryS3Config?.keyPrefix ?? '', actual.cloudWatchConfig?.largeDataDeliveryS3Config?.keyPrefix ?? ''],
    ...FLAGS.map(f => [f, wanted[f] ?? false, actual[f] ?? false] as [string, unknown, unknown]),
  ];
  return pairs.filter(([, w, a]) => w !== a).map(([name, w, a]) => `${name}: expected ${JSON.stringify(w)}, got ${JSON.stringify(a)}`);
}

// CloudFormation limits a physical ID to 1 KB; a previous configuration that does not fit is recorded
// as unrestorable, and a RESTORE_PREVIOUS delete then fails with a message instead of guessing.
const MAX_PHYSICAL_ID = 1024;
const UNRESTORABLE = 'unrestorable';

function encodePrevious(previous: LoggingConfig | undefined): string {
  if (!previous) return `${ID_PREFIX}none`;
  const id = ID_PREFIX + Buffer.from(JSON.stringify(previous)).toString('base64url');
  return id.length <= MAX_PHYSICAL_ID ? id : ID_PREFIX + UNRESTORABLE;
}

export function decodePrevious(physicalId: string): LoggingConfig | undefined {
  const payload = physicalId.startsWith(ID_PREFIX) ? physicalId.slice(ID_PREFIX.length) : 'none';
  if (payload === UNRESTORABLE) {
    throw new Error('the invocation logging configuration in place before this stack was too large to record, so it cannot be restored: ' +
      'set onDelete to RETAIN or DISABLE, or restore it by hand');
  }
  return payload === 'none' ? undefined : JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

function summary(previous: LoggingConfig | undefined): Record<string, string> {
  return { PreviousConfiguration: previous ? 'present' : 'none' };
}
