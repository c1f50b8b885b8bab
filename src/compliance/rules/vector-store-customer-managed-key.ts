import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { customerKeyResult } from '../private/values';

/** KB2: an S3 Vectors bucket or index is encrypted with a customer-managed key. */
export const VectorStoreCustomerManagedKey = defineRule({
  id: 'KB2',
  name: 'VectorStoreCustomerManagedKey',
  info: 'The S3 vector bucket or index is not encrypted with a customer-managed KMS key.',
  explanation: 'Vectors are derived from the documents and leak their content. A vector bucket needs `EncryptionConfiguration` with `SseType: aws:kms` and ' +
    'a customer-managed `KmsKeyArn`. An index that sets no encryption inherits its bucket\'s; one that sets SSE-S3 explicitly does not (OpenSearch ' +
    'Serverless collections are covered by KB4).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::S3Vectors::VectorBucket', 'AWS::S3Vectors::Index'],
  controls: { nist80053r5: ['SC-12', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res) {
    const encryption = res.properties.EncryptionConfiguration;
    if (!encryption && res.type === 'AWS::S3Vectors::Index') return NagRuleCompliance.COMPLIANT;
    return encryption?.SseType === 'aws:kms' ? customerKeyResult(encryption.KmsKeyArn, res.stack) : NagRuleCompliance.NON_COMPLIANT;
  },
});
