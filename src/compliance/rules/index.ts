import { AgentCustomerManagedKey } from './agent-customer-managed-key';
import { AgentGuardrail } from './agent-guardrail';
import { AgentIdleSessionBounded } from './agent-idle-session-bounded';
import { AgentCoreCustomerManagedKey } from './agentcore-customer-managed-key';
import { AgentCoreGatewayAuthorizer } from './agentcore-gateway-authorizer';
import { AgentCorePrivateNetwork } from './agentcore-private-network';
import { ApprovedGeographiesOnly } from './approved-geographies-only';
import { ApprovedModelsOnly } from './approved-models-only';
import { BudgetCountsMarketplaceModels } from './budget-counts-marketplace-models';
import { BudgetCoversModelAccess } from './budget-covers-model-access';
import { CommitmentAcknowledged } from './commitment-acknowledged';
import { DataRetentionConfigured } from './data-retention-configured';
import { DataSourceTransientDataKey } from './data-source-transient-data-key';
import { EndpointPolicyNotDefault } from './endpoint-policy-not-default';
import { FlowNodeGuardrail } from './flow-node-guardrail';
import { GovernanceAlarmNotifies } from './governance-alarm-notifies';
import { GuardrailCustomerManagedKey } from './guardrail-customer-managed-key';
import { GuardrailHarmfulContentFilters } from './guardrail-harmful-content-filters';
import { GuardrailPromptAttackFilter } from './guardrail-prompt-attack-filter';
import { GuardrailRequiredPiiEntities } from './guardrail-required-pii-entities';
import { GuardrailVersionPinned } from './guardrail-version-pinned';
import { InvocationLoggingAlarmed } from './invocation-logging-alarmed';
import { InvocationLoggingConfigured } from './invocation-logging-configured';
import { InvocationLoggingDelivery } from './invocation-logging-delivery';
import { InvokeGrantsScoped } from './invoke-grants-scoped';
import { InvokeRequiresGuardrail } from './invoke-requires-guardrail';
import { LogBucketTlsOnly } from './log-bucket-tls-only';
import { LogStoreEncrypted } from './log-store-encrypted';
import { LogStoreRetained } from './log-store-retained';
import { NoBedrockAdminAccess } from './no-bedrock-admin-access';
import { NoGlobalProfileUnderResidency } from './no-global-profile-under-residency';
import { NoLongTermApiKeys } from './no-long-term-api-keys';
import { OpenSearchServerlessCustomerManagedKey } from './open-search-serverless-customer-managed-key';
import { OpenSearchServerlessNotPublic } from './open-search-serverless-not-public';
import { ResourceRendered } from './resource-rendered';
import { RuntimeEndpointPrivateDns } from './runtime-endpoint-private-dns';
import { ServiceRoleConfusedDeputy } from './service-role-confused-deputy';
import { SpendNotificationsEncrypted } from './spend-notifications-encrypted';
import { SpendStopRoleScoped } from './spend-stop-role-scoped';
import { VectorStoreCustomerManagedKey } from './vector-store-customer-managed-key';
import { BedrockRule } from '../private/rule';

/** Every rule of the Bedrock pack, in the order of RULES.md. Internal: not exported from the package. */
export const BEDROCK_RULES: BedrockRule[] = [
  GuardrailCustomerManagedKey, GuardrailPromptAttackFilter, GuardrailHarmfulContentFilters, GuardrailRequiredPiiEntities, GuardrailVersionPinned,
  AgentGuardrail, AgentCustomerManagedKey, AgentIdleSessionBounded,
  AgentCorePrivateNetwork, AgentCoreGatewayAuthorizer, AgentCoreCustomerManagedKey,
  DataSourceTransientDataKey, VectorStoreCustomerManagedKey, OpenSearchServerlessNotPublic, OpenSearchServerlessCustomerManagedKey,
  ApprovedModelsOnly, ApprovedGeographiesOnly, NoGlobalProfileUnderResidency,
  NoBedrockAdminAccess, InvokeGrantsScoped, InvokeRequiresGuardrail, ServiceRoleConfusedDeputy, NoLongTermApiKeys,
  InvocationLoggingConfigured, DataRetentionConfigured, InvocationLoggingDelivery, LogStoreEncrypted, LogStoreRetained, LogBucketTlsOnly,
  RuntimeEndpointPrivateDns, EndpointPolicyNotDefault,
  CommitmentAcknowledged,
  ResourceRendered,
  FlowNodeGuardrail,
  BudgetCountsMarketplaceModels, SpendNotificationsEncrypted, SpendStopRoleScoped, BudgetCoversModelAccess,
  InvocationLoggingAlarmed, GovernanceAlarmNotifies,
];
