import { CONFIG_MANAGED_RULES, MEMORY_KEY_GUARD_REGIONS } from '../../src/detective/private/config-managed-rules';

// Each row is what the rule's page in the AWS Config Developer Guide says, read 2026-12:
// https://docs.aws.amazon.com/config/latest/developerguide/<name>.html ("Identifier", "Resource Types",
// "AWS Region": "Only available in ..." or "All supported AWS regions except ...").
const AGENTCORE_14 = ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'us-east-1', 'us-east-2', 'us-west-2'];
const FACTS: Array<[string, string, string, { onlyIn?: string[]; exceptIn?: string[] }]> = [
  ['bedrock-data-source-encryption-enabled', 'BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED', 'AWS::Bedrock::DataSource', {
    exceptIn: ['af-south-1', 'ap-east-1', 'ap-east-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-west-1',
      'cn-north-1', 'cn-northwest-1', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1'],
  }],
  ['bedrockagentcore-runtime-private-network-required', 'BEDROCKAGENTCORE_RUNTIME_PRIVATE_NETWORK_REQUIRED', 'AWS::BedrockAgentCore::Runtime', { onlyIn: AGENTCORE_14 }],
  ['bedrockagentcore-gateway-authorizer-enabled', 'BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED', 'AWS::BedrockAgentCore::Gateway', { onlyIn: AGENTCORE_14 }],
  ['bedrockagentcore-gateway-encryption-enabled', 'BEDROCKAGENTCORE_GATEWAY_ENCRYPTION_ENABLED', 'AWS::BedrockAgentCore::Gateway', { onlyIn: AGENTCORE_14 }],
  ['bedrock-agentcore-memory-encryption-enabled', 'BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED', 'AWS::BedrockAgentCore::Memory', {
    onlyIn: ['ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-2'],
  }],
  ['bedrock-agentcore-memory-event-expiry-duration', 'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION', 'AWS::BedrockAgentCore::Memory', {
    onlyIn: [...AGENTCORE_14, 'sa-east-1'].sort(),
  }],
  ['bedrockagentcore-browsercustom-network-mode-not-public', 'BEDROCKAGENTCORE_BROWSERCUSTOM_NETWORK_MODE_NOT_PUBLIC', 'AWS::BedrockAgentCore::BrowserCustom',
    { onlyIn: AGENTCORE_14 }],
  ['bedrockagentcore-browsercustom-recording-enabled', 'BEDROCKAGENTCORE_BROWSERCUSTOM_RECORDING_ENABLED', 'AWS::BedrockAgentCore::BrowserCustom', { onlyIn: AGENTCORE_14 }],
  ['bedrockagentcore-codeinterpreter-networkmode-check', 'BEDROCKAGENTCORE_CODEINTERPRETER_NETWORKMODE_CHECK', 'AWS::BedrockAgentCore::CodeInterpreterCustom',
    { onlyIn: AGENTCORE_14 }],
];

describe('the managed rule catalogue matches the AWS Config rule pages', () => {
  test('exactly these nine rules, in this order', () => {
    expect(CONFIG_MANAGED_RULES.map(r => r.docName)).toEqual(FACTS.map(f => f[0]));
  });

  test.each(FACTS)('%s: identifier %s, resource type %s, regions', (docName, identifier, resourceType, regions) => {
    const rule = CONFIG_MANAGED_RULES.find(r => r.docName === docName)!;
    const sorted = (list?: string[]) => list && [...list].sort();
    expect({ identifier: rule.identifier, resourceType: rule.resourceType, onlyIn: sorted(rule.onlyIn), exceptIn: sorted(rule.exceptIn) })
      .toEqual({ identifier, resourceType, onlyIn: regions.onlyIn, exceptIn: regions.exceptIn });
  });

  test('the memory key Guard rule runs exactly where memories are evaluated but the encryption rule is not offered', () => {
    expect([...MEMORY_KEY_GUARD_REGIONS].sort()).toEqual(['ca-central-1', 'eu-north-1', 'eu-west-2', 'eu-west-3', 'ap-northeast-2', 'sa-east-1', 'us-west-2'].sort());
  });
});
