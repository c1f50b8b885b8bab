import { NagMessageLevel } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { customerKeyResult } from '../private/values';

/** The property that holds the key, by AgentCore resource type. */
const KEY_PROPERTY: Record<string, string> = {
  'AWS::BedrockAgentCore::Memory': 'EncryptionKeyArn',
  'AWS::BedrockAgentCore::Gateway': 'KmsKeyArn',
};

/** AC3: AgentCore memory and gateways are encrypted with a customer-managed key. */
export const AgentCoreCustomerManagedKey = defineRule({
  id: 'AC3',
  name: 'AgentCoreCustomerManagedKey',
  info: 'The AgentCore memory or gateway is not encrypted with a customer-managed KMS key.',
  explanation: 'AgentCore memory keeps conversation events and the long-term records extracted from them; a gateway keeps its tool ' +
    'configuration and credentials references. Without `EncryptionKeyArn` (memory) or `KmsKeyArn` (gateway) they are encrypted with an AWS ' +
    'owned key, whose use cannot be audited or revoked (an `alias/aws/...` key does not count either). The synth-time counterpart of the Config ' +
    'rule bedrock-agentcore-memory-encryption-enabled, extended to gateways.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: Object.keys(KEY_PROPERTY),
  controls: { nist80053r5: ['SC-12', 'SC-13', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4', '3.5'], securityHub: [], wellArchitectedGenAi: ['GENSEC05'] },
  judge: res => customerKeyResult(res.properties[KEY_PROPERTY[res.type]], res.stack),
});
