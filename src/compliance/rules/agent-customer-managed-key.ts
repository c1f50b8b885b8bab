import { NagMessageLevel } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { customerKeyResult } from '../private/values';

/** AG2: an agent is encrypted with a customer-managed key. */
export const AgentCustomerManagedKey = defineRule({
  id: 'AG2',
  name: 'AgentCustomerManagedKey',
  info: 'The agent is not encrypted with a customer-managed KMS key.',
  explanation: 'An agent stores its instructions, action groups and session data. Set `CustomerEncryptionKeyArn` to a customer-managed key so that ' +
    'access to that data is governed and audited by the key policy (an `alias/aws/...` key does not count).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: { nist80053r5: ['SC-12', 'SC-13', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4'], securityHub: [], wellArchitectedGenAi: ['GENSEC05'] },
  judge: res => customerKeyResult(res.properties.CustomerEncryptionKeyArn, res.stack),
});
