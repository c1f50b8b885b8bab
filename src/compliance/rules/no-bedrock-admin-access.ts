import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { IDENTITY_POLICY_TYPES, globMatches, identityStatements } from '../private/iam';
import { BedrockRule } from '../private/rule';
import { asArray, flatten } from '../private/values';

/**
 * Actions that change which models the account may use, or delete a guardrail. The logging and
 * enforced-guardrail configuration actions are not here: the library's own control-plane function
 * needs them (they accept only `Resource: "*"`), and LG1 / IAM3 check that those configurations exist.
 * Wildcards that cover any of these (`bedrock:*`, `bedrock:Delete*`, `bedrock:Put*`) are reported.
 */
const ADMIN_ACTIONS = [
  'bedrock:PutUseCaseForModelAccess', 'bedrock:CreateFoundationModelAgreement', 'bedrock:DeleteFoundationModelAgreement',
  'bedrock:PutFoundationModelEntitlement', 'bedrock:DeleteGuardrail',
];

const FULL_ACCESS_POLICIES = ['AmazonBedrockFullAccess'];

/** IAM1: no Bedrock administration through identity policies. */
export const NoBedrockAdminAccess: BedrockRule = {
  id: 'IAM1',
  name: 'NoBedrockAdminAccess',
  info: 'The IAM resource allows Bedrock administration: a wildcard Bedrock action, an account-level administrative action, or AmazonBedrockFullAccess.',
  explanation: 'Workload principals should be able to invoke approved models, not to subscribe the account to new models, change or delete guardrails, ' +
    'or switch off invocation logging. `*`, `bedrock:*` and other Bedrock wildcards that cover an administrative action, the administrative actions ' +
    'themselves and the `AmazonBedrockFullAccess` managed policy are reported, e.g. `Bedrock-IAM1[Action::bedrock:*]` or ' +
    '`Bedrock-IAM1[Policy::AmazonBedrockFullAccess]`. Grant administration to a separate, audited role and acknowledge it there.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: {
    nist80053r5: ['AC-2', 'AC-3', 'AC-6', 'AC-6(10)'],
    hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
    pciDss: ['7.1.2', '7.2.1'],
    securityHub: ['IAM.1', 'IAM.21'],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = new Set<string>();
    for (const s of identityStatements(res)) {
      if (s.effect !== 'Allow') continue;
      for (const action of s.actions) {
        const lower = action.toLowerCase();
        const isBedrockPattern = lower === '*' || lower.startsWith('bedrock:');
        if (!isBedrockPattern) continue;
        if (lower === '*' || lower === 'bedrock:*' || ADMIN_ACTIONS.some(a => globMatches(action, a))) findings.add(`Action::${action}`);
      }
      if (s.notActions.length > 0 && ADMIN_ACTIONS.some(a => !s.notActions.some(p => globMatches(p, a)))) findings.add('NotAction');
    }
    for (const arn of asArray(res.properties.ManagedPolicyArns)) {
      const text = flatten(arn, res.stack) ?? '';
      const name = FULL_ACCESS_POLICIES.find(p => text.endsWith(`:policy/${p}`));
      if (name) findings.add(`Policy::${name}`);
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
};
