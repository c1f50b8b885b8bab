import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { IDENTITY_POLICY_TYPES, allowsAction, conditionValues, identityStatements } from '../private/iam';
import { BedrockRule } from '../private/rule';

/** IAM5: no long-term Bedrock API keys. */
export const NoLongTermApiKeys: BedrockRule = {
  id: 'IAM5',
  name: 'NoLongTermApiKeys',
  info: 'The IAM resource allows creating or using long-term Amazon Bedrock API keys.',
  explanation: 'A long-term Bedrock API key is an IAM service-specific credential: a static bearer secret that does not expire with a session. ' +
    'Allow `iam:CreateServiceSpecificCredential` only with `iam:ServiceSpecificCredentialServiceName` not `bedrock.amazonaws.com`, and ' +
    '`bedrock:CallWithBearerToken` only with `bedrock:BearerTokenType = SHORT_TERM`. Findings read `Bedrock-IAM5[Action::iam:CreateServiceSpecificCredential]` ' +
    'or `Bedrock-IAM5[Action::bedrock:CallWithBearerToken]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: {
    nist80053r5: ['IA-5(1)', 'IA-5(13)', 'AC-2(3)'],
    hipaa: ['164.308(a)(5)(ii)(D)', '164.312(d)'],
    pciDss: ['8.2.4', '8.6.2'],
    securityHub: ['IAM.3'],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = new Set<string>();
    for (const s of identityStatements(res)) {
      if (allowsAction(s, 'iam:CreateServiceSpecificCredential')) {
        const services = conditionValues(s, 'iam:ServiceSpecificCredentialServiceName', /^String(Equals|Like)$/);
        if (services === undefined || services.some(v => /bedrock|\*/.test(v))) findings.add('Action::iam:CreateServiceSpecificCredential');
      }
      if (allowsAction(s, 'bedrock:CallWithBearerToken')) {
        const types = conditionValues(s, 'bedrock:BearerTokenType', /^String(Equals|Like)$/);
        if (types === undefined || types.some(t => t !== 'SHORT_TERM')) findings.add('Action::bedrock:CallWithBearerToken');
      }
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
};
