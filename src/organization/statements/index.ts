import { AGENTCORE_STATEMENTS } from './agentcore';
import { CREDENTIAL_STATEMENTS } from './credentials';
import { DATA_PERIMETER_STATEMENTS } from './data-perimeter';
import { GOVERNANCE_CONTROL_STATEMENTS } from './governance-controls';
import { GOVERNANCE_PROTECTION_STATEMENTS } from './governance-protection';
import { GUARDRAIL_STATEMENTS } from './guardrails';
import { MODEL_STATEMENTS } from './models';
import { REGION_STATEMENTS } from './regions';
import { SERVICE_TIER_STATEMENTS } from './service-tiers';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { StatementClass, StatementRecord } from '../private/statement-record';

/** The classes, in the order docs/organization-policies.md presents them. */
export const STATEMENT_CLASSES: StatementClass[] = [
  MODEL_STATEMENTS, SERVICE_TIER_STATEMENTS, REGION_STATEMENTS, GUARDRAIL_STATEMENTS, DATA_PERIMETER_STATEMENTS,
  GOVERNANCE_PROTECTION_STATEMENTS, GOVERNANCE_CONTROL_STATEMENTS, AGENTCORE_STATEMENTS, CREDENTIAL_STATEMENTS,
];

/**
 * The Sids in the order the policies are packed. The order decides which policy a statement lands in,
 * and the policies' content is what deployed organizations hold: a new statement goes at the end, so
 * the statements before it keep their policy.
 */
const PACKING_ORDER = [
  'DenyUnapprovedModels', 'DenyProvisionedThroughputForUnapprovedModels', 'DenyUngovernedInference', 'DenyUnapprovedModelsOnOpenAiEndpoint',
  'DenyProjectDataRetention', 'DenyUnapprovedServiceTiers', 'DenyUnapprovedServiceTiersOnOpenAiEndpoint', 'DenyReservedCapacity',
  'DenyBedrockOutsideAllowedRegions', 'DenyBedrockOutsideGovernedRegions', 'DenyProfilesOfUngovernedRegions',
  'DenyInvocationWithoutOwnGuardrail', 'DenyDoorsThatCannotCarryAGuardrail', 'DenyGuardrailChangesExceptDeployers',
  'DenyGuardrailDoorsThroughCloudFormation', 'DenyLeavingTheOrganization', 'DenyKnowledgeBasesOutsideAws',
  'DenyMonitoringLinksOutsideOrganization', 'DenyModelsThroughOtherServices', 'ProtectGovernanceSettings', 'ProtectExemptRoles',
  'DenyPassingExemptRoles', 'ProtectGovernanceResources', 'DenyAssumingDeploymentRoles', 'ProtectDeploymentAssets',
  'DenyAgentCoreBuiltInTools', 'DenyAgentCoreWebAccessTools', 'DenyAgentCoreOutsideVpc', 'DenyAgentCoreGatewaysWithoutAuthorizer',
  'DenyAgentCoreHarnesses', 'DenyAgentCoreMemoryWithoutKey', 'DenyAgentCorePayments', 'ProtectInvocationLogStreams',
  'DenyCustomizingUnapprovedModels', 'DenyModelCustomizationAndImport', 'DenyLongTermBedrockApiKeys', 'DenyLongTermBearerTokens',
  'DenyLongTermBearerTokens2',
  // The red team of 2026-12-06 (docs/red-team/2026-12-06-perimeter-second-ring.md).
  'ProtectGovernanceControls', 'DenyGovernedDataCopies', 'ProtectConfigRecording',
  // Round 4 (docs/adr/0030).
  'DenyAgentCoreJwtRuntimes',
];

/**
 * The records of the classes in packing order. A Sid twice, or missing from either side, is a mistake
 * of this library: it fails when the module loads, so every test fails with it.
 */
export function inPackingOrder(classes: StatementClass[], order: string[]): StatementRecord[] {
  const sids = classes.flatMap(c => c.statements.map(r => r.sid));
  const twice = [...new Set(sids.filter((sid, i) => sids.indexOf(sid) !== i || order.indexOf(sid) !== order.lastIndexOf(sid)))];
  const unordered = sids.filter(sid => !order.includes(sid));
  const undefinedSids = order.filter(sid => !sids.includes(sid));
  if (twice.length + unordered.length + undefinedSids.length > 0) {
    fail(BedrockLandingZoneErrorCode.INTERNAL, `internal: organization policy statements named twice: ${twice.join(', ') || 'none'}; ` +
      `not in the packing order: ${unordered.join(', ') || 'none'}; in the packing order without a record: ${undefinedSids.join(', ') || 'none'}`);
  }
  return order.map(sid => classes.flatMap(c => c.statements).find(r => r.sid === sid)!);
}

/** Every statement, in the order the policies are packed. */
export const ORGANIZATION_POLICY_STATEMENTS: StatementRecord[] = inPackingOrder(STATEMENT_CLASSES, PACKING_ORDER);
