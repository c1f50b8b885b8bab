import { BedrockClient, GetAccountDataRetentionCommand, GetModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { modeOf, put as putMode } from './data-retention';
import { differences, put as putLogging, toLoggingConfig } from './model-invocation-logging';
import { RetryOptions, withRetry } from './retry';

/**
 * The opt-in restore (BedrockSettingRestore): an EventBridge rule on the CloudTrail event of a change
 * made outside the landing zone invokes `restore` with the name of the setting, and the handler writes
 * the landing zone's configuration back.
 *
 * What to write comes from the function's own environment, never from the event: the organization
 * policies protect the function's configuration, not the rule, so whoever could edit the rule's input
 * could otherwise make an exempt role write a configuration of their choosing. The event says only
 * which setting to look at.
 *
 * It writes only when the setting in place differs from the landing zone's: an event whose change is
 * already undone (a retry, a second event) writes nothing, and so triggers nothing.
 */
export const RESTORED_SETTINGS = {
  InvocationLogging: 'RESTORE_INVOCATION_LOGGING',
  DataRetention: 'RESTORE_DATA_RETENTION',
} as const;

export type RestoredSetting = keyof typeof RESTORED_SETTINGS;

export interface RestoreEvent {
  readonly RestoreSetting: string;
}

export interface RestoreResult {
  readonly setting: RestoredSetting;
  /** `restored`: written back; `in-place`: the landing zone's configuration was already there */
  readonly outcome: 'restored' | 'in-place';
  /** What differed from the landing zone's configuration before the restore */
  readonly differences: string[];
}

export async function restoreSetting(
  event: RestoreEvent, environment: Record<string, string | undefined>, client: BedrockClient, retry?: RetryOptions,
): Promise<RestoreResult> {
  const setting = event.RestoreSetting;
  if (!Object.keys(RESTORED_SETTINGS).includes(setting)) {
    throw new Error(`RestoreSetting '${setting}' is not one of ${Object.keys(RESTORED_SETTINGS).join(', ')}`);
  }
  const variable = RESTORED_SETTINGS[setting as RestoredSetting];
  const wanted = environment[variable];
  if (wanted === undefined || wanted === '') {
    throw new Error(`${variable} is not set: this function was not given the landing zone's ${setting} configuration, so it restores nothing`);
  }
  const result = setting === 'InvocationLogging'
    ? await restoreInvocationLogging(wanted, client, retry)
    : await restoreDataRetention(wanted, client, retry);
  log(result.outcome === 'restored'
    ? `${setting} restored to the landing zone's configuration; what had changed: ${result.differences.join('; ')}`
    : `${setting} is already the landing zone's configuration: nothing written`);
  return result;
}

async function restoreInvocationLogging(wantedJson: string, client: BedrockClient, retry?: RetryOptions): Promise<RestoreResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const wanted = toLoggingConfig(JSON.parse(wantedJson));
  const current = (await call(() => client.send(new GetModelInvocationLoggingConfigurationCommand({})))).loggingConfig;
  const changed = current ? differences(wanted, current) : ['no configuration is in place'];
  if (changed.length === 0) return { setting: 'InvocationLogging', outcome: 'in-place', differences: [] };
  // The same put as Create and Update: refused destinations are explained, and the configuration is read back.
  await putLogging(client, wanted, call);
  return { setting: 'InvocationLogging', outcome: 'restored', differences: changed };
}

async function restoreDataRetention(wantedMode: string, client: BedrockClient, retry?: RetryOptions): Promise<RestoreResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const wanted = modeOf(wantedMode);
  const current = (await call(() => client.send(new GetAccountDataRetentionCommand({})))).mode;
  if (current === wanted) return { setting: 'DataRetention', outcome: 'in-place', differences: [] };
  await putMode(client, wanted, call);
  return { setting: 'DataRetention', outcome: 'restored', differences: [`mode: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(current)}`] };
}

/** Lambda writes stderr to the function's log group: what each restore did is recorded there. */
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
