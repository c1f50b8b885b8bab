import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { conditionValues, isBedrockService, servicePrincipals, statementsOf } from '../private/iam';
import { BedrockRule } from '../private/rule';

/** IAM4: a role that Bedrock assumes carries the confused-deputy conditions. */
export const ServiceRoleConfusedDeputy: BedrockRule = {
  id: 'IAM4',
  name: 'ServiceRoleConfusedDeputy',
  info: 'The role trusts bedrock.amazonaws.com without both aws:SourceAccount and aws:SourceArn conditions.',
  explanation: 'Without these conditions, Bedrock acting for another account could be made to assume the role (the confused-deputy problem). Each trust ' +
    'statement for `bedrock.amazonaws.com` needs `aws:SourceAccount` = the account and `aws:SourceArn` = the agent, knowledge base or ' +
    '`arn:<partition>:bedrock:<region>:<account>:*`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::IAM::Role'],
  controls: {
    nist80053r5: ['AC-3', 'AC-6', 'IA-9'],
    hipaa: ['164.308(a)(4)(ii)(B)'],
    pciDss: ['7.1.2'],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC05'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const trusts = statementsOf(res.properties.AssumeRolePolicyDocument, res.stack)
      .filter(s => s.effect === 'Allow' && servicePrincipals(s, res.stack).some(isBedrockService));
    if (trusts.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const conditioned = trusts.every(s => conditionValues(s, 'aws:SourceAccount') !== undefined && conditionValues(s, 'aws:SourceArn') !== undefined);
    return conditioned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
