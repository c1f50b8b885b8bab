import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { documentVariants, isBedrockService, servicePrincipals, statementsOf } from '../private/iam';
import { allowedBy, policySetOfStatements } from '../private/policy-questions';
import { FOREIGN_ACCOUNT, SOURCE_KEYS, UNLISTED_REGION, probeScopeOf } from '../private/probes';
import { BedrockRule } from '../private/rule';

/** IAM4: a role that Bedrock assumes carries the confused-deputy conditions. */
export const ServiceRoleConfusedDeputy: BedrockRule = {
  id: 'IAM4',
  name: 'ServiceRoleConfusedDeputy',
  info: 'The role trusts bedrock.amazonaws.com without aws:SourceAccount and aws:SourceArn conditions that hold Bedrock to the account.',
  explanation: 'Without these conditions, Bedrock acting for another account could be made to assume the role (the confused-deputy problem). Each trust ' +
    'statement for `bedrock.amazonaws.com` needs `aws:SourceAccount` = the account and `aws:SourceArn` = the agent, knowledge base or ' +
    '`arn:<partition>:bedrock:<region>:<account>:*`. The rule asks the trust policy, as IAM would, whether Bedrock may assume the role ' +
    'for another account, for a resource of another account, or with neither key: `aws:SourceAccount "*"` or a negated operator fences ' +
    'nothing. Findings name the statement: `Bedrock-IAM4[Statement::1]`.',
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
    const document = res.properties.AssumeRolePolicyDocument;
    const trusts = statementsOf(document, res.stack)
      .filter(s => s.effect === 'Allow' && servicePrincipals(s, res.stack).some(isBedrockService));
    if (trusts.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    // Asked as IAM would: Bedrock acting for another account, or for no named resource, must not assume the role.
    const account = probeScopeOf(res.stack).account;
    const variants = documentVariants(document, res.stack);
    const bedrock = { type: 'Service' as const, id: 'bedrock.amazonaws.com' };
    const requests = [
      { 'aws:SourceAccount': FOREIGN_ACCOUNT, 'aws:SourceArn': `arn:aws:bedrock:${UNLISTED_REGION}:${FOREIGN_ACCOUNT}:knowledge-base/probe` },
      { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:bedrock:${UNLISTED_REGION}:${FOREIGN_ACCOUNT}:knowledge-base/probe` },
      { 'aws:SourceAccount': FOREIGN_ACCOUNT, 'aws:SourceArn': `arn:aws:bedrock:${UNLISTED_REGION}:${account}:knowledge-base/probe` },
      {},
    ].map(source => ({ action: 'sts:AssumeRole', resource: '*', principal: bedrock, context: source }));
    const findings = new Set<string>();
    for (const request of requests) {
      for (const s of allowedBy(policySetOfStatements(variants), request, SOURCE_KEYS)) findings.add(s.label);
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
};
