import { Packs, ScenarioResult, ScenarioSpec } from './types';

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median synth time of a scenario, ms. */
export function medianSynthMs(result: ScenarioResult): number {
  return median(result.samples.map(s => s.synthMs));
}

/** The organization size at which the bench compares baselines with and without their run-time controls */
export const RUN_TIME_CONTROLS_SIZE = 16;

export const PACKS_LABEL: Record<Packs, string> = {
  none: 'no packs',
  bedrock: 'Bedrock pack only',
  nag: 'cdk-nag packs',
  all: 'cdk-nag packs + cfn-guard',
};

/** "validation on, cdk-nag packs" (", no run-time controls" for baselines without them) */
export function settingsLabel(spec: Pick<ScenarioSpec, 'validation' | 'packs' | 'runTimeControls'>): string {
  return `validation ${spec.validation ? 'on' : 'off'}, ${PACKS_LABEL[spec.packs]}${spec.runTimeControls === false ? ', no run-time controls' : ''}`;
}

/** The key of a series of generated organizations that differ only in size. */
export function seriesKey(spec: Pick<ScenarioSpec, 'validation' | 'packs' | 'runTimeControls'>): string {
  return `${spec.validation ? 'on' : 'off'}/${spec.packs}${spec.runTimeControls === false ? '/no-run-time-controls' : ''}`;
}
