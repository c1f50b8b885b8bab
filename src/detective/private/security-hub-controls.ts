/**
 * The Security Hub CSPM controls for Amazon Bedrock and AgentCore, with the resource type each evaluates
 * and the AWS Config managed rule behind it, as the Security Hub user guide lists them (read 2026-12-06:
 * `bedrock-controls`, `bedrockagentcore-controls`, and `standards-ai-security`, the AI Security Best
 * Practices standard that holds all eight).
 */
export interface SecurityHubControlEntry {
  /** The control ID, as a configuration policy names it */
  readonly controlId: string;
  /** What the control reports */
  readonly title: string;
  /** The one resource type it evaluates */
  readonly resourceType: string;
  /** The AWS Config managed rule it runs (its page name) */
  readonly configRule: string;
}

export const SECURITY_HUB_CONTROLS: SecurityHubControlEntry[] = [
  { controlId: 'Bedrock.1', title: 'data sources encrypted with a customer managed KMS key', resourceType: 'AWS::Bedrock::DataSource', configRule: 'bedrock-data-source-encryption-enabled' },
  { controlId: 'BedrockAgentCore.1', title: 'runtimes in VPC network mode', resourceType: 'AWS::BedrockAgentCore::Runtime', configRule: 'bedrockagentcore-runtime-private-network-required' },
  { controlId: 'BedrockAgentCore.2', title: 'gateways require authorization of inbound requests', resourceType: 'AWS::BedrockAgentCore::Gateway', configRule: 'bedrockagentcore-gateway-authorizer-enabled' },
  { controlId: 'BedrockAgentCore.3', title: 'memory encrypted with a customer managed KMS key', resourceType: 'AWS::BedrockAgentCore::Memory', configRule: 'bedrock-agentcore-memory-encryption-enabled' },
  { controlId: 'BedrockAgentCore.4', title: 'gateways encrypted with a customer managed KMS key', resourceType: 'AWS::BedrockAgentCore::Gateway', configRule: 'bedrockagentcore-gateway-encryption-enabled' },
  { controlId: 'BedrockAgentCore.5', title: 'custom browsers not in public network mode', resourceType: 'AWS::BedrockAgentCore::BrowserCustom', configRule: 'bedrockagentcore-browsercustom-network-mode-not-public' },
  { controlId: 'BedrockAgentCore.6', title: 'custom browsers record sessions', resourceType: 'AWS::BedrockAgentCore::BrowserCustom', configRule: 'bedrockagentcore-browsercustom-recording-enabled' },
  { controlId: 'BedrockAgentCore.7', title: 'custom code interpreters in a private network configuration', resourceType: 'AWS::BedrockAgentCore::CodeInterpreterCustom', configRule: 'bedrockagentcore-codeinterpreter-networkmode-check' },
];

/** The path of the standard that holds every control above; the ARN adds partition and region. */
export const AI_SECURITY_STANDARD_PATH = 'standards/ai-security-best-practices/v/1.0.0';
