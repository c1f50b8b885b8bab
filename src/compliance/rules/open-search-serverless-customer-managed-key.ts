import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { asArray, isFalse, keyKind, parseJsonDocument } from '../private/values';

/** KB4: an OpenSearch Serverless encryption policy uses a customer-managed key. */
export const OpenSearchServerlessCustomerManagedKey = defineRule({
  id: 'KB4',
  name: 'OpenSearchServerlessCustomerManagedKey',
  info: 'The OpenSearch Serverless encryption policy uses an AWS owned key.',
  explanation: 'Set `AWSOwnedKey: false` and `KmsARN` to a customer-managed key in the collection\'s encryption policy, so that the vectors are encrypted ' +
    'with a key whose use is governed and audited. (Collections with different keys each have their own capacity floor: share one key where possible.)',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::OpenSearchServerless::SecurityPolicy'],
  controls: { nist80053r5: ['SC-12', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  appliesTo: res => res.properties.Type === 'encryption',
  judge(res) {
    const policy = parseJsonDocument(res.properties.Policy, res.stack);
    if (policy === undefined) return NagRuleCompliance.NON_COMPLIANT;
    return asArray(policy).every((p: any) => isFalse(p?.AWSOwnedKey) && keyKind(p?.KmsARN, res.stack) === 'customer')
      ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
