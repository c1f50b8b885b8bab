import { NagMessageLevel } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { customerKeyResult } from '../private/values';

/** KB1: a knowledge base data source encrypts its transient data with a customer-managed key. */
export const DataSourceTransientDataKey = defineRule({
  id: 'KB1',
  name: 'DataSourceTransientDataKey',
  info: 'The knowledge base data source does not encrypt transient ingestion data with a customer-managed KMS key.',
  explanation: 'During ingestion Bedrock stores the documents\' chunks transiently. Set `ServerSideEncryptionConfiguration.KmsKeyArn` to a customer-managed ' +
    'key (Security Hub control Bedrock.1 in the project\'s reference).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::DataSource'],
  controls: { nist80053r5: ['SC-12', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4'], securityHub: ['Bedrock.1'], wellArchitectedGenAi: ['GENSEC01'] },
  judge: res => customerKeyResult(res.properties.ServerSideEncryptionConfiguration?.KmsKeyArn, res.stack),
});
