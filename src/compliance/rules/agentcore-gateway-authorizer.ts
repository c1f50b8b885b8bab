import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { flatten } from '../private/values';

/** AC2: an AgentCore gateway authorizes its callers. */
export const AgentCoreGatewayAuthorizer = defineRule({
  id: 'AC2',
  name: 'AgentCoreGatewayAuthorizer',
  info: 'The AgentCore gateway accepts calls without authorization (AuthorizerType NONE).',
  explanation: 'A gateway turns APIs, Lambda functions and MCP servers into tools for agents. With `AuthorizerType: NONE` anyone who reaches ' +
    'its URL can call those tools with the gateway\'s role. Use `AWS_IAM` or `CUSTOM_JWT` with the organization\'s identity provider. The ' +
    'synth-time counterpart of Security Hub control BedrockAgentCore.2.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::BedrockAgentCore::Gateway'],
  controls: { nist80053r5: ['AC-3', 'IA-2', 'IA-9'], hipaa: ['164.312(d)', '164.312(a)(1)'], pciDss: ['7.2.1', '8.1.1'], securityHub: ['BedrockAgentCore.2'], wellArchitectedGenAi: ['GENSEC05'] },
  judge(res) {
    const type = flatten(res.properties.AuthorizerType, res.stack);
    return type === undefined || type.toUpperCase() === 'NONE' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
});
