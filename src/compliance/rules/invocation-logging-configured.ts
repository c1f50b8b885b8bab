import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { hasLoggingFor } from '../private/app-facts';
import { IDENTITY_POLICY_TYPES, allowsInvoke, identityStatements } from '../private/iam';
import { BedrockRule } from '../private/rule';

/** LG1: a stack that lets principals invoke models is in an account and region with invocation logging. */
export const InvocationLoggingConfigured: BedrockRule = {
  id: 'LG1',
  name: 'InvocationLoggingConfigured',
  info: 'The IAM resource allows invoking models in an account and region where the app configures no model invocation logging.',
  explanation: 'Invocation logging is off by default and is an account-and-region setting. The rule reports a policy that allows `bedrock:InvokeModel*` ' +
    'when no `Custom::BedrockModelInvocationLogging` (`ModelInvocationLogging`) of the same app is in the same account and region. Accounts outside the ' +
    'pack\'s `governedAccounts` are not checked. When logging is configured by another app (an account baseline), acknowledge the finding with that reason.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: {
    nist80053r5: ['AU-2', 'AU-3', 'AU-12'],
    hipaa: ['164.312(b)'],
    pciDss: ['10.1', '10.2'],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC03', 'GENOPS03'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const governed = context.settings.governedAccounts;
    if (governed !== undefined && res.stack.account !== undefined && !governed.includes(res.stack.account)) return NagRuleCompliance.NOT_APPLICABLE;
    if (!identityStatements(res).some(allowsInvoke)) return NagRuleCompliance.NOT_APPLICABLE;
    return hasLoggingFor(context, res.stack.environment) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
