/**
 * The AWS Config managed rules that exist for Amazon Bedrock and AgentCore, each with its resource
 * type and the regions where AWS offers it, as the AWS Config developer guide's rule pages list them
 * (read 2026-12; aws-cdk-lib lists none of these identifiers, so they are strings). A rule page lists
 * either the regions it is "only available in" or the regions "all supported regions except".
 */
export interface ManagedRuleEntry {
  /** The managed rule identifier (`SourceIdentifier`) */
  readonly identifier: string;
  /** The rule's name on its documentation page */
  readonly docName: string;
  /** The one resource type the rule evaluates */
  readonly resourceType: string;
  /** The regions the rule exists in, when its page lists them */
  readonly onlyIn?: string[];
  /** The regions the rule does not exist in, when its page lists those instead */
  readonly exceptIn?: string[];
  /** Input parameters the library sets */
  readonly inputParameters?: { [key: string]: unknown };
}

/** Stockholm, Mumbai, Paris, Ohio, Ireland, Frankfurt, N. Virginia, Seoul, London, Tokyo, Oregon, Singapore, Sydney, Canada (Central). */
const AGENTCORE_RULE_REGIONS = [
  'eu-north-1', 'ap-south-1', 'eu-west-3', 'us-east-2', 'eu-west-1', 'eu-central-1', 'us-east-1',
  'ap-northeast-2', 'eu-west-2', 'ap-northeast-1', 'us-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
];

/** Mumbai, Ohio, Ireland, Frankfurt, N. Virginia, Tokyo, Singapore, Sydney. */
const MEMORY_ENCRYPTION_RULE_REGIONS = [
  'ap-south-1', 'us-east-2', 'eu-west-1', 'eu-central-1', 'us-east-1', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2',
];

/** The AgentCore regions plus South America (Sao Paulo). */
const MEMORY_EXPIRY_RULE_REGIONS = [...AGENTCORE_RULE_REGIONS, 'sa-east-1'];

/**
 * New Zealand, Bahrain, Beijing, Thailand, Jakarta, Cape Town, UAE, Hong Kong, Malaysia, Melbourne,
 * GovCloud (US-East, US-West), Mexico (Central), N. California, Tel Aviv, Taipei, Calgary, Ningxia.
 */
const DATA_SOURCE_RULE_EXCLUDED_REGIONS = [
  'ap-southeast-6', 'me-south-1', 'cn-north-1', 'ap-southeast-7', 'ap-southeast-3', 'af-south-1', 'me-central-1', 'ap-east-1',
  'ap-southeast-5', 'ap-southeast-4', 'us-gov-east-1', 'us-gov-west-1', 'mx-central-1', 'us-west-1', 'il-central-1', 'ap-east-2',
  'ca-west-1', 'cn-northwest-1',
];

export const CONFIG_MANAGED_RULES: ManagedRuleEntry[] = [
  {
    identifier: 'BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED',
    docName: 'bedrock-data-source-encryption-enabled',
    resourceType: 'AWS::Bedrock::DataSource',
    exceptIn: DATA_SOURCE_RULE_EXCLUDED_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_RUNTIME_PRIVATE_NETWORK_REQUIRED',
    docName: 'bedrockagentcore-runtime-private-network-required',
    resourceType: 'AWS::BedrockAgentCore::Runtime',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED',
    docName: 'bedrockagentcore-gateway-authorizer-enabled',
    resourceType: 'AWS::BedrockAgentCore::Gateway',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_GATEWAY_ENCRYPTION_ENABLED',
    docName: 'bedrockagentcore-gateway-encryption-enabled',
    resourceType: 'AWS::BedrockAgentCore::Gateway',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED',
    docName: 'bedrock-agentcore-memory-encryption-enabled',
    resourceType: 'AWS::BedrockAgentCore::Memory',
    onlyIn: MEMORY_ENCRYPTION_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION',
    docName: 'bedrock-agentcore-memory-event-expiry-duration',
    resourceType: 'AWS::BedrockAgentCore::Memory',
    onlyIn: MEMORY_EXPIRY_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_BROWSERCUSTOM_NETWORK_MODE_NOT_PUBLIC',
    docName: 'bedrockagentcore-browsercustom-network-mode-not-public',
    resourceType: 'AWS::BedrockAgentCore::BrowserCustom',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_BROWSERCUSTOM_RECORDING_ENABLED',
    docName: 'bedrockagentcore-browsercustom-recording-enabled',
    resourceType: 'AWS::BedrockAgentCore::BrowserCustom',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
  {
    identifier: 'BEDROCKAGENTCORE_CODEINTERPRETER_NETWORKMODE_CHECK',
    docName: 'bedrockagentcore-codeinterpreter-networkmode-check',
    resourceType: 'AWS::BedrockAgentCore::CodeInterpreterCustom',
    onlyIn: AGENTCORE_RULE_REGIONS,
  },
];

/** Whether AWS offers the rule in the region. */
export function managedRuleExistsIn(rule: ManagedRuleEntry, region: string): boolean {
  if (rule.onlyIn) return rule.onlyIn.includes(region);
  return !(rule.exceptIn ?? []).includes(region);
}

/**
 * Regions where AWS Config evaluates AgentCore memories (the event-expiry rule runs there) but offers
 * no managed rule for their encryption key: a Guard rule checks the key there instead.
 */
export const MEMORY_KEY_GUARD_REGIONS = MEMORY_EXPIRY_RULE_REGIONS.filter(r => !MEMORY_ENCRYPTION_RULE_REGIONS.includes(r));

/** Regions where AWS Config evaluates data sources (the encryption rule runs there). */
export function dataSourcesEvaluatedIn(region: string): boolean {
  return !DATA_SOURCE_RULE_EXCLUDED_REGIONS.includes(region);
}
