import { BedrockClient, DataRetentionMode, GetAccountDataRetentionCommand, PutAccountDataRetentionCommand } from '@aws-sdk/client-bedrock';
import { RetryOptions, withRetry } from './retry';

/**
 * Custom::BedrockDataRetention: the account's data retention mode for the region (whether Bedrock or
 * a model provider may keep prompts), which CloudFormation has no resource for.
 *
 * The physical ID carries the mode in place before Create, so that Delete can restore it. Update
 * keeps the physical ID. Create and Update read the mode back, and a failed one puts back the mode
 * that was in place before it. Delete restores only while the mode in place is still the one this
 * resource put: after a replacement or a move to another stack it belongs to the new resource.
 */
export type DataRetentionOnDelete = 'RETAIN' | 'RESTORE_PREVIOUS';

export interface DataRetentionEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly Mode: string;
    readonly OnDelete?: string;
  };
}

export interface DataRetentionResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

const ID_PREFIX = 'bedrock-data-retention:';
// A mode AWS added after this bundle's SDK is still a mode (DataRetentionMode.of): the name's shape is
// checked here, the value by PutAccountDataRetention itself.
const MODE_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export async function handleDataRetention(event: DataRetentionEvent, client: BedrockClient, retry?: RetryOptions): Promise<DataRetentionResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const wanted = modeOf(event.ResourceProperties.Mode);
  const current = async () => (await call(() => client.send(new GetAccountDataRetentionCommand({})))).mode;

  switch (event.RequestType) {
    case 'Create':
    case 'Update': {
      const before = await current();
      try {
        await put(client, wanted, call);
      } catch (e) {
        // CloudFormation sends no Delete for a failed Create, and rolls an Update back with the old
        // properties only if it can: put back what was there before failing, now.
        if (before !== undefined) {
          await call(() => client.send(new PutAccountDataRetentionCommand({ mode: before }))).catch(restoreError => {
            (e as Error).message += ` (restoring the previous mode '${before}' also failed: ${(restoreError as Error).message})`;
          });
        }
        throw e;
      }
      if (event.RequestType === 'Update') return { PhysicalResourceId: event.PhysicalResourceId!, Data: { PreviousMode: before ?? 'unknown' } };
      return { PhysicalResourceId: `${ID_PREFIX}${before ?? 'unknown'}`, Data: { PreviousMode: before ?? 'unknown' } };
    }
    case 'Delete': {
      const onDelete = event.ResourceProperties.OnDelete ?? 'RETAIN';
      const id = event.PhysicalResourceId!;
      if (onDelete !== 'RETAIN' && onDelete !== 'RESTORE_PREVIOUS') {
        throw new Error(`OnDelete '${onDelete}' is not one of RETAIN, RESTORE_PREVIOUS`);
      }
      if (onDelete === 'RETAIN') return { PhysicalResourceId: id };
      const inPlace = await current();
      if (inPlace !== wanted) {
        log(`data retention left as it is: the mode in place ('${inPlace}') is not the one this resource put ('${wanted}'), ` +
          'so OnDelete RESTORE_PREVIOUS does not apply to it');
        return { PhysicalResourceId: id, Data: { DeleteOutcome: 'not-owned' } };
      }
      const previous = previousOf(id);
      await put(client, previous, call);
      return { PhysicalResourceId: id, Data: { DeleteOutcome: 'restored' } };
    }
  }
}

/** The mode in place before Create, from the physical ID. */
export function previousOf(physicalId: string): DataRetentionMode {
  const payload = physicalId.startsWith(ID_PREFIX) ? physicalId.slice(ID_PREFIX.length) : '';
  // 'unknown' is what Create records when the API returned no mode.
  if (payload === 'unknown' || !MODE_NAME.test(payload)) {
    throw new Error(`the data retention mode in place before this stack was not recorded (physical ID '${physicalId}'), so it cannot be ` +
      'restored: set onDelete to RETAIN, or set the mode by hand');
  }
  return payload as DataRetentionMode;
}

export function modeOf(raw: string): DataRetentionMode {
  if (typeof raw !== 'string' || !MODE_NAME.test(raw)) throw new Error(`Mode '${raw}' is not a data retention mode name: lower-case letters, digits and _`);
  return raw as DataRetentionMode;
}

export async function put(client: BedrockClient, mode: DataRetentionMode, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  try {
    await call(() => client.send(new PutAccountDataRetentionCommand({ mode })));
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'AccessDeniedException') {
      throw new Error(`Bedrock refused data retention mode '${mode}' (${name}: ${(e as Error).message}). An organization policy may deny ` +
        'bedrock:PutAccountDataRetention to this role, or the mode may not be offered in this account and region.');
    }
    throw e;
  }
  const readBack = (await call(() => client.send(new GetAccountDataRetentionCommand({})))).mode;
  if (readBack !== mode) {
    throw new Error(`the data retention mode read back ('${readBack}') differs from the one put ('${mode}'). ` +
      'Another deployment may be setting data retention in this account and region at the same time.');
  }
}

/** Lambda writes stderr to the function's log group: what a Delete chose not to do is recorded there. */
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
