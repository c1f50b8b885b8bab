/**
 * The stable code of each validation of the library: the `code` of the error it throws
 * (`BedrockLandingZoneErrors.codeOf(error)`). Messages may be reworded between versions; codes are
 * API and do not change.
 */
export enum BedrockLandingZoneErrorCode {
  /** `BedrockLandingZone.governRegion` on a stack that already has a region */
  LANDING_ZONE_REGION_ALREADY_SET = 'BedrockLandingZone.RegionAlreadySet',
  /** `BedrockLandingZone` props: conflicting parts, environment, geography, region, approved models */
  LANDING_ZONE_PROPS = 'BedrockLandingZone.Props',
  /** `BedrockLandingZone` approved models reach regions the profile or geography does not allow */
  LANDING_ZONE_GRANT_REGIONS = 'BedrockLandingZone.GrantRegions',
  /** `BedrockLandingZone` replaced invocation logging falls short of the profile */
  LANDING_ZONE_INVOCATION_LOGGING = 'BedrockLandingZone.InvocationLogging',

  /** A model reference prop holds something that is not a model reference */
  MODEL_REFERENCE_KIND = 'ModelReference.Kind',
  /** An `approvedModels` prop holds something that is not an `ApprovedModel` */
  APPROVED_MODEL_KIND = 'ApprovedModel.Kind',
  /** A model ID that no Bedrock model can have (empty, blank, padded, an ARN), `allowUnlistedModel` or not */
  MODEL_ID = 'ModelReference.ModelId',
  /** A model or inference profile cannot be invoked from the scope's region or environment */
  MODEL_NOT_INVOKABLE = 'Invokable.NotInvokable',
  /** An invokable imported by ARN: the ARN is not of the expected resource type */
  INVOKABLE_ARN = 'Invokable.Arn',
  /** `InvokeGrantOptions`: the guardrail or VPC endpoints a grant requires are not usable */
  INVOKE_GRANT_OPTIONS = 'InvokeGrantOptions.Invalid',
  /** `grantInvoke` on a grantee that is not a construct */
  GRANTEE_NOT_A_CONSTRUCT = 'Grant.GranteeNotAConstruct',
  /** `grantInvoke` with a required Deny on a principal whose policy cannot be changed */
  GRANTEE_POLICY_IMMUTABLE = 'Grant.GranteePolicyImmutable',
  /** `ApplicationInferenceProfile` props */
  APPLICATION_INFERENCE_PROFILE_PROPS = 'ApplicationInferenceProfile.Props',

  /** `ModelAccessPolicy` props */
  MODEL_ACCESS_POLICY_PROPS = 'ModelAccessPolicy.Props',
  /** `ModelInvocationLogging` props */
  INVOCATION_LOGGING_PROPS = 'ModelInvocationLogging.Props',
  /** `GovernedVpc` props */
  GOVERNED_VPC_PROPS = 'GovernedVpc.Props',
  /** `BedrockPrivateEndpoints` props */
  PRIVATE_ENDPOINTS_PROPS = 'BedrockPrivateEndpoints.Props',
  /** `ProvisionedThroughput` `model` is not a `ProvisionedThroughputModel` */
  PROVISIONED_THROUGHPUT_MODEL_KIND = 'ProvisionedThroughput.ModelKind',
  /** `ProvisionedThroughput` props */
  PROVISIONED_THROUGHPUT_PROPS = 'ProvisionedThroughput.Props',

  /** `Guardrail` props */
  GUARDRAIL_PROPS = 'Guardrail.Props',
  /** `Guardrail.fromGuardrailAttributes` attributes */
  GUARDRAIL_ATTRIBUTES = 'Guardrail.Attributes',
  /** A value given to the `of()` factory of an extensible value set (`GuardrailTier.of`, `ContentFilterType.of`, ...) */
  VALUE_SET_VALUE = 'ValueSet.Value',
  /** `EnforcedGuardrail` props */
  ENFORCED_GUARDRAIL_PROPS = 'EnforcedGuardrail.Props',

  /** `VectorKnowledgeBase` props */
  VECTOR_KNOWLEDGE_BASE_PROPS = 'VectorKnowledgeBase.Props',
  /** `VectorKnowledgeBase.fromKnowledgeBaseAttributes` attributes */
  KNOWLEDGE_BASE_ATTRIBUTES = 'VectorKnowledgeBase.Attributes',
  /** `ManagedKnowledgeBase` props */
  MANAGED_KNOWLEDGE_BASE_PROPS = 'ManagedKnowledgeBase.Props',
  /** `S3DataSource` props */
  S3_DATA_SOURCE_PROPS = 'S3DataSource.Props',
  /** `S3VectorStore` props */
  S3_VECTOR_STORE_PROPS = 'S3VectorStore.Props',
  /** `OpenSearchServerlessVectorStore` props */
  OPENSEARCH_VECTOR_STORE_PROPS = 'OpenSearchServerlessVectorStore.Props',
  /** A vector store bound to a knowledge base whose embedding model it cannot hold */
  VECTOR_STORE_BINDING = 'VectorStore.Binding',
  /** `ExistingVectorStore` index attributes */
  EXISTING_VECTOR_STORE_INDEX = 'ExistingVectorStore.Index',

  /** `BedrockOrganizationPolicies` props */
  ORGANIZATION_POLICIES_PROPS = 'BedrockOrganizationPolicies.Props',
  /** `BedrockOrganizationPolicies`: the statements do not fit the policies a target can hold */
  ORGANIZATION_POLICIES_SIZE = 'BedrockOrganizationPolicies.Size',

  /** `BedrockGovernanceChecks` props */
  GOVERNANCE_CHECKS_PROPS = 'BedrockGovernanceChecks.Props',

  /** An assumption of the library does not hold: a bug to report */
  INTERNAL = 'Internal',

  /** `BedrockDataRetention` props */
  DATA_RETENTION_PROPS = 'BedrockDataRetention.Props',
  /** `BedrockLandingZone`: an approved model needs a data retention mode the profile does not allow */
  LANDING_ZONE_DATA_RETENTION = 'BedrockLandingZone.DataRetention',
  /** `GovernanceProfile.of` settings */
  GOVERNANCE_PROFILE_SETTINGS = 'GovernanceProfile.Settings',
  /** `OpenAiCompatibleProject` props */
  OPENAI_COMPATIBLE_PROJECT_PROPS = 'OpenAiCompatibleProject.Props',
  /** `OpenAiCompatibleAccessPolicy` props */
  OPENAI_COMPATIBLE_ACCESS_PROPS = 'OpenAiCompatibleAccessPolicy.Props',
  /** `OrganizationGuardrailPolicy` props */
  ORGANIZATION_GUARDRAIL_PROPS = 'OrganizationGuardrailPolicy.Props',
  /** `GovernanceNotifications` props */
  GOVERNANCE_NOTIFICATIONS_PROPS = 'GovernanceNotifications.Props',
  /** `BedrockDetectiveControls` props */
  DETECTIVE_CONTROLS_PROPS = 'BedrockDetectiveControls.Props',
  /** `BedrockOrganizationDetectiveControls` props */
  ORGANIZATION_DETECTIVE_CONTROLS_PROPS = 'BedrockOrganizationDetectiveControls.Props',
  /** `BedrockBudget` props, or a `BudgetScope` that would miss Bedrock spend */
  SPEND_BUDGET_PROPS = 'BedrockBudget.Props',
  /** `BedrockSpendStop` props */
  SPEND_STOP_PROPS = 'BedrockSpendStop.Props',
  /** `BedrockOrganizationSpendStop` props */
  SPEND_ORGANIZATION_STOP_PROPS = 'BedrockOrganizationSpendStop.Props',
  /** `BedrockSpendAnomalyMonitor` props */
  SPEND_ANOMALY_PROPS = 'BedrockSpendAnomalyMonitor.Props',
  /** Props of the governance alarms and dashboard (`InvocationLoggingAlarms`, `ModelAlarms`, `GuardrailInterventionAlarm`, `AgentRuntimeAlarms`, `GovernanceDashboard`) */
  MONITORING_PROPS = 'Monitoring.Props',
}
