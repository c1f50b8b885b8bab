import { BEARER_TOKEN_ACTIONS, INFERENCE_DOORS } from '../../catalogue/inference-doors';

/**
 * What keeps spending once the stop has fired without being an inference door (rt3 F8, rt4 R4-1): provisioned
 * throughput, billed per model unit and hour whether used or not, with commitments of months; AgentCore
 * browser and code interpreter sessions, billed by the second; memory events, billed per event. Governed
 * uses before the stop, none needed while it holds (the agents that would use them are stopped).
 */
export const SPENDING_ACTIONS = [
  'bedrock:CreateProvisionedModelThroughput', 'bedrock:UpdateProvisionedModelThroughput',
  'bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:CreateEvent',
  // rt4 R4-1: EC2 capacity for AgentCore Runtime (instance types of the caller's choice, billed whether invoked or not), long-term
  // memory records written directly (the twin of CreateEvent), a flow run asynchronously (the twin of InvokeFlow), a marketplace
  // endpoint scaled (instances billed by the hour).
  'bedrock-agentcore:CreateCapacityProvider', 'bedrock-agentcore:UpdateCapacityProvider', 'bedrock-agentcore:BatchCreateMemoryRecords',
  'bedrock-agentcore:BatchUpdateMemoryRecords', 'bedrock:StartFlowExecution', 'bedrock:UpdateMarketplaceModelEndpoint',
];

/**
 * The actions a spend stop denies: every inference door of the library's catalogue, the bearer-token
 * actions of long-term API keys and what else spends (SPENDING_ACTIONS). Read from the catalogue at synth,
 * so a door added there is closed by every stop too.
 */
export function stoppedInferenceActions(): string[] {
  return [...new Set([...INFERENCE_DOORS.map(d => d.action), ...BEARER_TOKEN_ACTIONS.map(b => b.action), ...SPENDING_ACTIONS])];
}
