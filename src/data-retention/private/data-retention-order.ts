import { DataRetentionMode } from '../data-retention-mode';

/**
 * The data retention modes from the one that keeps least to the one that shares most. `inherit`
 * (whatever AWS gives a new account) is not on the scale: no profile can promise what it keeps.
 */
const ORDER: readonly DataRetentionMode[] = [
  DataRetentionMode.NONE, DataRetentionMode.AWS_REVIEW, DataRetentionMode.DEFAULT, DataRetentionMode.PROVIDER_DATA_SHARE,
];

/**
 * The position of a mode on the scale. INHERIT, and a mode from `DataRetentionMode.of()` the scale
 * does not hold, rank above every mode: nothing says what they keep, so no maximum admits them.
 */
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

/**
 * Two or more different modes off the scale among `modes`, as a problem: neither can be chosen over
 * the other, so a choice between them is an error rather than whichever came first.
 */
export function unorderedRetentionProblem(prop: string, modes: DataRetentionMode[]): string | undefined {
  const off = [...new Set(modes.filter(m => !isOnRetentionScale(m)))];
  return off.length < 2 ? undefined
    : `${prop}: the modes ${off.map(m => `'${m}'`).join(', ')} are not on this release's scale of what is kept, so none can be chosen ` +
      'over the others: keep one of them';
}

/** Whether the library knows what a mode keeps (INHERIT is known, but off the scale). */
export function isOnRetentionScale(mode: DataRetentionMode): boolean {
  return ORDER.includes(mode);
}

/** The names of the modes this release has a constant for, for error messages. */
export const DATA_RETENTION_MODES: readonly string[] = DataRetentionMode.all().map(m => m.value);

/** A mode where a `DataRetentionMode` belongs: one of the constants or from `DataRetentionMode.of()`, not a plain string. */
export function isDataRetentionMode(value: unknown): value is DataRetentionMode {
  return value instanceof DataRetentionMode;
}
