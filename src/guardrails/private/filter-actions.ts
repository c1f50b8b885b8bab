import { GuardrailAction } from '../guardrail-action';
import { GuardrailFilterActions, GuardrailFilterDirections, SensitiveInformationActions } from '../guardrail-policies';

/** The actions and switches of a filter entry, with their defaults: block, both directions evaluated. */
export function filterActions(entry: GuardrailFilterActions) {
  return {
    inputAction: (entry.inputAction ?? GuardrailAction.BLOCK).value,
    outputAction: (entry.outputAction ?? GuardrailAction.BLOCK).value,
    ...directions(entry),
  };
}

/** The actions and switches of a sensitive-information entry: `action` unless a direction says otherwise. */
export function sensitiveInformationActions(entry: SensitiveInformationActions) {
  return {
    action: entry.action.value,
    inputAction: (entry.inputAction ?? entry.action).value,
    outputAction: (entry.outputAction ?? entry.action).value,
    ...directions(entry),
  };
}

export function directions(entry: GuardrailFilterDirections) {
  return { inputEnabled: entry.inputEnabled ?? true, outputEnabled: entry.outputEnabled ?? true };
}
