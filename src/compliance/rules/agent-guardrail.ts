import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';

/** AG1: an agent has a guardrail. */
export const AgentGuardrail = defineRule({
  id: 'AG1',
  name: 'AgentGuardrail',
  info: 'The agent has no guardrail.',
  explanation: 'An agent acts on a user\'s prompt with tools and data. Without `GuardrailConfiguration` nothing filters prompt attacks, harmful content ' +
    'or sensitive information in its conversations. Attach a guardrail at a published version.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: { nist80053r5: ['SI-10', 'SI-15', 'AC-4'], hipaa: ['164.312(c)(1)'], pciDss: ['6.5.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC02', 'GENSEC05'] },
  judge: res => res.properties.GuardrailConfiguration?.GuardrailIdentifier ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT,
});
