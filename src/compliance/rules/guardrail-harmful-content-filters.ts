import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { contentFilters, filterBlocks } from './guardrail-filters';
import { BedrockRule } from '../private/rule';

const HARMFUL = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'];

/** GR3: a guardrail filters each harmful-content category in both directions. */
export const GuardrailHarmfulContentFilters: BedrockRule = {
  id: 'GR3',
  name: 'GuardrailHarmfulContentFilters',
  info: 'The guardrail does not block a harmful-content category (sexual, violence, hate, insults, misconduct) in both directions at the minimum strength.',
  explanation: 'Each of the five harmful-content categories needs a content filter, enabled, with the BLOCK action and at least the pack\'s ' +
    '`minimumHarmfulContentStrength` (default MEDIUM) on prompts and on responses. The finding names the category, e.g. `Bedrock-GR3[HATE]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: {
    nist80053r5: ['SI-15', 'SI-10'],
    hipaa: [],
    pciDss: [],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC02'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const minimum = context.settings.minimumHarmfulContentStrength;
    const filters = contentFilters(res);
    const missing = HARMFUL.filter(type => {
      const f = filters.find(x => x.Type === type);
      return !f || !filterBlocks(f, 'Input', minimum) || !filterBlocks(f, 'Output', minimum);
    });
    return missing.length > 0 ? missing : NagRuleCompliance.COMPLIANT;
  },
};
