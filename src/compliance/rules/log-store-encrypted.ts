import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isLoggingDestination } from '../private/app-facts';
import { defineRule } from '../private/rule-definition';
import { asArray, keyKind } from '../private/values';

/** LG3: the stores of invocation logs are encrypted with a customer-managed key. */
export const LogStoreEncrypted = defineRule({
  id: 'LG3',
  name: 'LogStoreEncrypted',
  info: 'The bucket or log group that receives model invocation logs is not encrypted with a customer-managed KMS key.',
  explanation: 'Invocation logs hold every prompt and answer: treat them like the most sensitive data the prompts carry. The bucket needs SSE-KMS with ' +
    'a customer-managed `KMSMasterKeyID`; the log group needs `KmsKeyId`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::S3::Bucket', 'AWS::Logs::LogGroup'],
  controls: { nist80053r5: ['AU-9', 'SC-28(1)', 'SC-12'], hipaa: ['164.312(a)(2)(iv)', '164.312(b)'], pciDss: ['3.4', '10.5'], securityHub: ['S3.17'], wellArchitectedGenAi: ['GENSEC03'] },
  appliesTo: (res, context) => isLoggingDestination(context, res),
  judge(res) {
    if (res.type === 'AWS::Logs::LogGroup') {
      return keyKind(res.properties.KmsKeyId, res.stack) === 'customer' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    const rules = asArray(res.properties.BucketEncryption?.ServerSideEncryptionConfiguration);
    const kms = rules.some((r: any) => {
      const d = r.ServerSideEncryptionByDefault ?? {};
      return String(d.SSEAlgorithm).startsWith('aws:kms') && keyKind(d.KMSMasterKeyID, res.stack) === 'customer';
    });
    return kms ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
