import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { hasLoggingFor, otherCallRegions } from '../private/app-facts';
import { DOOR_ACTIONS, UNLOGGED_DOOR_ACTIONS } from '../private/bedrock-actions';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { coversAction } from '../private/policy-evaluator';
import { policySetOf } from '../private/policy-questions';
import { BedrockRule } from '../private/rule';

/** LG1: a stack that lets principals invoke models is in an account and region with invocation logging. */
export const InvocationLoggingConfigured: BedrockRule = {
  id: 'LG1',
  name: 'InvocationLoggingConfigured',
  info: 'The IAM resource allows a door to a model (invoke, batch, agents, retrieval, AgentCore, the OpenAI-compatible endpoint) in an account and region where the app configures no model invocation logging.',
  explanation: 'Invocation logging is off by default and is an account-and-region setting. The rule reports a policy whose Allow statements cover any door of the ' +
    'inference catalogue (`bedrock:InvokeModel*`, `bedrock:*`, `*`, `bedrock-mantle:CreateInference`, `bedrock-agentcore:Invoke*`, ...; through ' +
    'its own statements or an AWS managed policy it lists) when no `Custom::BedrockModelInvocationLogging` (`ModelInvocationLogging`) of the same app is in the same account and region, ' +
    'as `Bedrock-LG1`. Invocation logging records calls through the Bedrock runtime only, so a grant of ' +
    'the OpenAI-compatible endpoint (`bedrock-mantle:CreateInference`) or Amazon Nova Act is reported even where logging is configured ' +
    '(`Bedrock-LG1[Statement::1::Action::bedrock-mantle:CreateInference]`). A grant that lets a model be called in another region (a ' +
    'Bedrock ARN of that region, or a profile of that region for fenced legs) needs logging in that region too (`Bedrock-LG1[Region::us-east-1]`). ' +
    'Accounts outside the ' +
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
    const allows = policySetOf(res).variants.flat().filter(s => s.effect === 'Allow' && DOOR_ACTIONS.some(a => coversAction(s, a)));
    if (allows.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    // Invocation logging records the bedrock-runtime calls only: the OpenAI-compatible endpoint and Nova Act are never logged.
    const unlogged = allows.flatMap(s => UNLOGGED_DOOR_ACTIONS.filter(a => coversAction(s, a)).map(a => `${s.label}::Action::${a}`));
    // Calls the grant lets be made in other regions are logged there, or not at all.
    const account = res.stack.account;
    const elsewhere = account === undefined ? [] : otherCallRegions(allows, res.stack.region)
      .filter(region => !hasLoggingFor(context, `${account}/${region}`)).map(region => `Region::${region}`);
    const findings = [...new Set([...unlogged, ...elsewhere])].sort();
    if (hasLoggingFor(context, res.stack.environment)) return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
    // The account has no logging: one finding for the resource, so an account baseline of another app is acknowledged once.
    return findings.length > 0 ? ['NoLogging', ...findings].sort() : NagRuleCompliance.NON_COMPLIANT;
  },
};
