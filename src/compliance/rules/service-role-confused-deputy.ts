import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { Statement, documentVariants, isBedrockService, servicePrincipals, statementsOf } from '../private/iam';
import { allowedBy, policySetOfStatements } from '../private/policy-questions';
import { FOREIGN_ACCOUNT, SOURCE_KEYS, UNLISTED_REGION, otherAccountsNamed, probeScopeOf } from '../private/probes';
import { defineRule } from '../private/rule-definition';
import { asArray } from '../private/values';

/** A trust statement for any principal, Bedrock included. */
function trustsAnyone(s: Statement): boolean {
  return s.principal === '*' || (typeof s.principal === 'object' && s.principal !== null && asArray(s.principal.AWS).includes('*'));
}

/** IAM4: a role that Bedrock assumes carries the confused-deputy conditions. */
export const ServiceRoleConfusedDeputy = defineRule({
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
  controls: { nist80053r5: ['AC-3', 'AC-6', 'IA-9'], hipaa: ['164.308(a)(4)(ii)(B)'], pciDss: ['7.1.2'], securityHub: [], wellArchitectedGenAi: ['GENSEC05'] },
  judge(res) {
    const document = res.properties.AssumeRolePolicyDocument;
    const trusts = statementsOf(document, res.stack)
      .filter(s => s.effect === 'Allow' && (servicePrincipals(s, res.stack).some(isBedrockService) || trustsAnyone(s)));
    if (trusts.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    // Asked as IAM would: Bedrock acting for another account or organization (every other account the
    // policy names counts as one: the pack cannot know them), or for no named resource, must not assume the role.
    const account = probeScopeOf(res.stack).account;
    const variants = documentVariants(document, res.stack);
    const bedrock = { type: 'Service' as const, id: 'bedrock.amazonaws.com' };
    const source = (sourceAccount: string, arnAccount: string) => ({
      'aws:SourceAccount': sourceAccount,
      'aws:SourceArn': `arn:aws:bedrock:${UNLISTED_REGION}:${arnAccount}:knowledge-base/probe`,
      'aws:SourceOrgID': 'o-probeforeign',
      'aws:SourceOrgPaths': 'o-probeforeign/r-probe/ou-probe-probe/',
    });
    const others = [FOREIGN_ACCOUNT, ...otherAccountsNamed(variants.flat(), account)];
    const requests = [
      ...others.flatMap(other => [source(other, other), source(account, other), source(other, account)]),
      {},
    ].map(keys => ({ action: 'sts:AssumeRole', resource: '*', principal: bedrock, context: { ...keys, 'aws:PrincipalServiceName': 'bedrock.amazonaws.com' } }));
    const findings = new Set<string>();
    for (const request of requests) {
      for (const s of allowedBy(policySetOfStatements(variants), request, [...SOURCE_KEYS, 'aws:PrincipalServiceName'])) findings.add(s.label);
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});
