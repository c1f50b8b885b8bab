import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { asArray, isFalse, parseJsonDocument } from '../private/values';

/** KB3: an OpenSearch Serverless network policy does not allow public access. */
export const OpenSearchServerlessNotPublic = defineRule({
  id: 'KB3',
  name: 'OpenSearchServerlessNotPublic',
  info: 'The OpenSearch Serverless network policy allows access from the public internet.',
  explanation: 'A vector collection holds the knowledge base\'s content. Every rule of its network policy needs `AllowFromPublic: false` with ' +
    '`SourceVPCEs` or `SourceServices: [bedrock.amazonaws.com]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::OpenSearchServerless::SecurityPolicy'],
  controls: { nist80053r5: ['AC-3', 'AC-4', 'SC-7'], hipaa: ['164.308(a)(4)(ii)(A)', '164.312(e)(1)'], pciDss: ['1.2.1', '1.3.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  appliesTo: res => res.properties.Type === 'network',
  judge(res) {
    const policy = parseJsonDocument(res.properties.Policy, res.stack);
    if (policy === undefined) return NagRuleCompliance.NON_COMPLIANT;
    return asArray(policy).every((rule: any) => isFalse(rule?.AllowFromPublic)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
