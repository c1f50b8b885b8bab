import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { contentFilters, filterBlocks } from '../private/guardrail-filters';
import { defineRule } from '../private/rule-definition';

/** GR2: a guardrail filters prompt attacks at HIGH strength on input. */
export const GuardrailPromptAttackFilter = defineRule({
  id: 'GR2',
  name: 'GuardrailPromptAttackFilter',
  info: 'The guardrail does not block prompt attacks at HIGH strength on input.',
  explanation: 'Prompt attacks (jailbreaks, prompt injection, prompt leakage) are the first threat to an LLM application. Add a `PROMPT_ATTACK` content filter ' +
    'with `InputStrength: HIGH`, enabled and with the BLOCK action on input (Bedrock requires its output strength to be NONE).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: { nist80053r5: ['SI-10', 'SI-3'], hipaa: ['164.308(a)(5)(ii)(B)'], pciDss: ['6.5.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC04'] },
  judge(res) {
    const filter = contentFilters(res).find(f => f.Type === 'PROMPT_ATTACK');
    return filter && filterBlocks(filter, 'Input', 'HIGH') ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
