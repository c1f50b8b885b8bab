import { CONFIG_MANAGED_RULES } from '../../src/detective/private/config-managed-rules';
import { AI_SECURITY_STANDARD_PATH, SECURITY_HUB_CONTROLS } from '../../src/detective/private/security-hub-controls';

// What the Security Hub CSPM user guide says, read 2026-12-06:
// - https://docs.aws.amazon.com/securityhub/latest/userguide/bedrock-controls.html and
//   https://docs.aws.amazon.com/securityhub/latest/userguide/bedrockagentcore-controls.html: each control's ID, resource type and
//   AWS Config rule ("Resource type:", "AWS Config rule:");
// - "AI Security Best Practices standard in Security Hub CSPM" (standards-ai-security): the standard's ARN,
//   arn:aws:securityhub:<region>::standards/ai-security-best-practices/v/1.0.0, and that all eight controls apply to it.
const FACTS: Array<[string, string, string]> = [
  ['Bedrock.1', 'AWS::Bedrock::DataSource', 'bedrock-data-source-encryption-enabled'],
  ['BedrockAgentCore.1', 'AWS::BedrockAgentCore::Runtime', 'bedrockagentcore-runtime-private-network-required'],
  ['BedrockAgentCore.2', 'AWS::BedrockAgentCore::Gateway', 'bedrockagentcore-gateway-authorizer-enabled'],
  ['BedrockAgentCore.3', 'AWS::BedrockAgentCore::Memory', 'bedrock-agentcore-memory-encryption-enabled'],
  ['BedrockAgentCore.4', 'AWS::BedrockAgentCore::Gateway', 'bedrockagentcore-gateway-encryption-enabled'],
  ['BedrockAgentCore.5', 'AWS::BedrockAgentCore::BrowserCustom', 'bedrockagentcore-browsercustom-network-mode-not-public'],
  ['BedrockAgentCore.6', 'AWS::BedrockAgentCore::BrowserCustom', 'bedrockagentcore-browsercustom-recording-enabled'],
  ['BedrockAgentCore.7', 'AWS::BedrockAgentCore::CodeInterpreterCustom', 'bedrockagentcore-codeinterpreter-networkmode-check'],
];

describe('the Security Hub control catalogue matches the Security Hub user guide', () => {
  test('exactly Bedrock.1 and BedrockAgentCore.1 to .7, in this order', () => {
    expect(SECURITY_HUB_CONTROLS.map(c => c.controlId)).toEqual(FACTS.map(f => f[0]));
  });

  test.each(FACTS)('%s evaluates %s through the Config rule %s', (controlId, resourceType, configRule) => {
    const control = SECURITY_HUB_CONTROLS.find(c => c.controlId === controlId)!;
    expect([control.resourceType, control.configRule]).toEqual([resourceType, configRule]);
  });

  test('each control runs a Config managed rule of the construct\'s own catalogue, on the same resource type', () => {
    for (const control of SECURITY_HUB_CONTROLS) {
      const rule = CONFIG_MANAGED_RULES.find(r => r.docName === control.configRule);
      expect([control.controlId, rule?.resourceType]).toEqual([control.controlId, control.resourceType]);
    }
  });

  test('the standard that holds all eight', () => {
    expect(AI_SECURITY_STANDARD_PATH).toBe('standards/ai-security-best-practices/v/1.0.0');
  });
});
