import { BEARER_TOKEN_ACTIONS, GOVERNANCE_SETTING_ACTIONS, INFERENCE_DOORS, InferenceDoor, MODEL_IMPORT_ACTIONS } from '../../catalogue/inference-doors';

/**
 * The actions the rules ask about, read from the one catalogue of inference doors
 * (src/catalogue/inference-doors.ts), so a door added there is judged by every rule.
 */

/** Every door: an action that runs a model or processes prompt data (LG1, NW1). */
export const DOOR_ACTIONS = INFERENCE_DOORS.map(d => d.action);

/** The doors where the model is the request's resource or a condition key names it (IAM2, MD1, MD2, MD3). */
export const MODEL_DOORS: InferenceDoor[] = INFERENCE_DOORS.filter(d => d.modelFence === 'model-resource' || d.modelFence === 'model-key');

/** The doors that generate an answer from a prompt and can carry `bedrock:GuardrailIdentifier` (IAM3). */
export const GUARDRAIL_KEY_DOORS: InferenceDoor[] = INFERENCE_DOORS.filter(d => d.guardrail === 'key');

/** The doors that generate but cannot carry a guardrail IAM sees (IAM3: allowed only under an enforced guardrail). */
export const GUARDRAIL_BLIND_DOORS: InferenceDoor[] = INFERENCE_DOORS.filter(d => d.guardrail === 'cannot-carry');

/** Doors outside governance altogether (Amazon Nova Act's own model): any grant is a finding (MD1). */
export const UNGOVERNED_DOORS: InferenceDoor[] = INFERENCE_DOORS.filter(d => d.modelFence === 'ungoverned');

/**
 * Doors invocation logging never records: it covers calls through the Bedrock runtime only (Amazon
 * Bedrock user guide, model-invocation-logging), not the OpenAI-compatible endpoint nor Nova Act.
 */
export const UNLOGGED_DOOR_ACTIONS = INFERENCE_DOORS
  .filter(d => d.endpoint === 'bedrock-mantle' || d.modelFence === 'ungoverned').map(d => d.action);

/** The account settings that switch governance off: only the landing zone's control plane may call them (IAM1). */
export { GOVERNANCE_SETTING_ACTIONS, MODEL_IMPORT_ACTIONS, BEARER_TOKEN_ACTIONS };

/**
 * Actions that change which models the account may use (model access, Marketplace subscriptions,
 * models brought in by import, customization or a Marketplace endpoint), or change or remove a
 * guardrail: administration that a workload principal must not hold (IAM1).
 */
export const BEDROCK_ADMIN_ACTIONS = [
  'bedrock:PutUseCaseForModelAccess', 'bedrock:CreateFoundationModelAgreement', 'bedrock:DeleteFoundationModelAgreement',
  'bedrock:PutFoundationModelEntitlement', 'aws-marketplace:Subscribe', 'aws-marketplace:Unsubscribe',
  'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail',
  ...MODEL_IMPORT_ACTIONS,
];

/** The resource type an administrative or governance action names; undefined: it accepts only `*` (or names one the probe need not guess). */
export const ADMIN_RESOURCE_TYPES: Record<string, string | undefined> = {
  'bedrock:UpdateGuardrail': 'guardrail',
  'bedrock:CreateGuardrailVersion': 'guardrail',
  'bedrock:DeleteGuardrail': 'guardrail',
};
