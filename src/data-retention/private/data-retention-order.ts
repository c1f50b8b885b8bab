import { DataRetentionMode } from '../data-retention-mode';

/**
 * The data retention modes from the one that keeps least to the one that shares most. `inherit`
 * (whatever AWS gives a new account) is not on the scale: no profile can promise what it keeps.
 */
const ORDER: readonly DataRetentionMode[] = [
  DataRetentionMode.NONE, DataRetentionMode.AWS_REVIEW, DataRetentionMode.DEFAULT, DataRetentionMode.PROVIDER_DATA_SHARE,
];

/** The position of a mode on the scale; INHERIT (and anything unknown) ranks above every mode. */
export function retentionRank(mode: DataRetentionMode): number {
  const i = ORDER.indexOf(mode);
  return i === -1 ? ORDER.length : i;
}

/** The mode of the list that keeps least. */
export function leastRetention(modes: DataRetentionMode[]): DataRetentionMode {
  return modes.reduce((a, b) => (retentionRank(b) < retentionRank(a) ? b : a));
}

/** The mode of the list that keeps most. */
export function mostRetention(modes: DataRetentionMode[]): DataRetentionMode {
  return modes.reduce((a, b) => (retentionRank(b) > retentionRank(a) ? b : a));
}

export const DATA_RETENTION_MODES: readonly string[] = Object.values(DataRetentionMode);
