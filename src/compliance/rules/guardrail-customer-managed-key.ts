import { NagMessageLevel } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { customerKeyResult } from '../private/values';

/** GR1: a guardrail is encrypted with a customer-managed KMS key. */
export const GuardrailCustomerManagedKey = defineRule({
  id: 'GR1',
  name: 'GuardrailCustomerManagedKey',
  info: 'The guardrail is not encrypted with a customer-managed KMS key.',
  explanation: 'A guardrail holds the organisation\'s denied topics, word lists and regexes. Without `KmsKeyArn` it is encrypted with an AWS owned key, ' +
    'whose use cannot be audited or revoked. Set `KmsKeyArn` to a customer-managed key (an `alias/aws/...` key does not count).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: { nist80053r5: ['SC-12', 'SC-13', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4', '3.5'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  judge: res => customerKeyResult(res.properties.KmsKeyArn, res.stack),
});
