import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { LOGGING_TYPE, governedDoorGrants, otherCallRegions, settingMadeFor } from '../private/app-facts';
import { UNLOGGED_DOOR_ACTIONS } from '../private/bedrock-actions';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { coversAction } from '../private/policy-evaluator';
import { defineRule } from '../private/rule-definition';

/** LG1: a stack that lets principals invoke models is in an account and region with invocation logging. */
export const InvocationLoggingConfigured = defineRule({
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
  controls: { nist80053r5: ['AU-2', 'AU-3', 'AU-12'], hipaa: ['164.312(b)'], pciDss: ['10.1', '10.2'], securityHub: [], wellArchitectedGenAi: ['GENSEC03', 'GENOPS03'] },
  judge(res, context) {
    const allows = governedDoorGrants(res, context);
    if (allows.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    // Invocation logging records the bedrock-runtime calls only: the OpenAI-compatible endpoint and Nova Act are never logged.
    const unlogged = allows.flatMap(s => UNLOGGED_DOOR_ACTIONS.filter(a => coversAction(s, a)).map(a => `${s.label}::Action::${a}`));
    // Calls the grant lets be made in other regions are logged there, or not at all.
    const account = res.stack.account;
    const elsewhere = account === undefined ? [] : otherCallRegions(allows, res.stack.region)
      .filter(region => !settingMadeFor(context, LOGGING_TYPE, `${account}/${region}`)).map(region => `Region::${region}`);
    const findings = [...new Set([...unlogged, ...elsewhere])].sort();
    if (settingMadeFor(context, LOGGING_TYPE, res.stack.environment)) return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
    // The account has no logging: one finding for the resource, so an account baseline of another app is acknowledged once.
    return findings.length > 0 ? ['NoLogging', ...findings].sort() : NagRuleCompliance.NON_COMPLIANT;
  },
});
