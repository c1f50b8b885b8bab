import { BEARER_TOKEN_ACTIONS, INFERENCE_DOORS } from '../../catalogue/inference-doors';

/**
 * The actions a spend stop denies: every inference door of the library's catalogue and the bearer-token
 * actions of long-term API keys. Read from the catalogue at synth, so a door added there is closed by
 * every stop too.
 */
export function stoppedInferenceActions(): string[] {
  return [...new Set([...INFERENCE_DOORS.map(d => d.action), ...BEARER_TOKEN_ACTIONS.map(b => b.action)])];
}
