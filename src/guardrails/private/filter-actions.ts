import { GuardrailAction, GuardrailFilterActions, GuardrailFilterDirections, SensitiveInformationActions } from '../guardrail-policies';

/** The actions and switches of a filter entry, with their defaults: block, both directions evaluated. */
export function filterActions(entry: GuardrailFilterActions) {
  return {
    inputAction: entry.inputAction ?? GuardrailAction.BLOCK,
    outputAction: entry.outputAction ?? GuardrailAction.BLOCK,
    ...directions(entry),
  };
}

/** The actions and switches of a sensitive-information entry: `action` unless a direction says otherwise. */
export function sensitiveInformationActions(entry: SensitiveInformationActions) {
  return {
    action: entry.action,
    inputAction: entry.inputAction ?? entry.action,
    outputAction: entry.outputAction ?? entry.action,
    ...directions(entry),
  };
}

export function directions(entry: GuardrailFilterDirections) {
  return { inputEnabled: entry.inputEnabled ?? true, outputEnabled: entry.outputEnabled ?? true };
}
