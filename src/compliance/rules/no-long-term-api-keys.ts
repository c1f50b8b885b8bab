import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { BEARER_TOKEN_ACTIONS } from '../private/bedrock-actions';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { allowedBy, policySetOf } from '../private/policy-questions';
import { API_KEY_KEYS, namedResources, probeScopeOf } from '../private/probes';
import { defineRule } from '../private/rule-definition';

/** IAM5: no long-term Bedrock API keys. */
export const NoLongTermApiKeys = defineRule({
  id: 'IAM5',
  name: 'NoLongTermApiKeys',
  info: 'The IAM resource allows creating or using long-term Amazon Bedrock API keys.',
  explanation: 'A long-term Bedrock API key is an IAM service-specific credential: a static bearer secret that does not expire with a session. ' +
    'Allow `iam:CreateServiceSpecificCredential` only with `iam:ServiceSpecificCredentialServiceName` not `bedrock.amazonaws.com`, and ' +
    '`bedrock:CallWithBearerToken` only with `bedrock:BearerTokenType = SHORT_TERM`. The rule asks the policy, as IAM would, whether it allows a Bedrock credential for a user, and each ' +
    'bearer-token action (`bedrock:`, `bedrock-mantle:`) with a long-term token. Findings name the statement: ' +
    '`Bedrock-IAM5[Statement::1::Action::iam:CreateServiceSpecificCredential]`, `Bedrock-IAM5[Sid::Keys::Action::bedrock-mantle:CallWithBearerToken]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['IA-5(1)', 'IA-5(13)', 'AC-2(3)'], hipaa: ['164.308(a)(5)(ii)(D)', '164.312(d)'], pciDss: ['8.2.4', '8.6.2'], securityHub: ['IAM.3'], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res) {
    const set = policySetOf(res);
    if (set.documents.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const scope = probeScopeOf(res.stack);
    const findings = new Set<string>();
    // Asked as IAM would: a Bedrock credential for any user, and each bearer-token action with a long-term token.
    const requests = [
      {
        action: 'iam:CreateServiceSpecificCredential',
        resource: `arn:aws:iam::${scope.account}:user/probe`,
        context: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' },
      },
      ...BEARER_TOKEN_ACTIONS.map(b => ({ action: b.action, resource: '*', context: { [b.typeKey]: 'LONG_TERM' } })),
    ];
    const statements = set.variants.flat();
    for (const request of requests) {
      // The probe, and every resource the policy itself names for the action (a user, a path, a variable).
      for (const resource of new Set([request.resource, ...namedResources(statements, request.action)])) {
        for (const s of allowedBy(set, { ...request, resource }, API_KEY_KEYS)) findings.add(`${s.label}::Action::${request.action}`);
      }
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});
