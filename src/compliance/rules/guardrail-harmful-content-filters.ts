import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { contentFilters, filterBlocks } from '../private/guardrail-filters';
import { defineRule } from '../private/rule-definition';
import { asArray } from '../private/values';

const HARMFUL = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'];

/** The modalities a filter screens in one direction; none listed reads as TEXT only (the pack does not assume images are screened). */
function modalitiesOf(value: unknown): string[] {
  const listed = asArray(value).map(String);
  return listed.length > 0 ? listed : ['TEXT'];
}

/** GR3: a guardrail filters each harmful-content category in both directions. */
export const GuardrailHarmfulContentFilters = defineRule({
  id: 'GR3',
  name: 'GuardrailHarmfulContentFilters',
  info: 'The guardrail does not block a harmful-content category (sexual, violence, hate, insults, misconduct) in both directions at the minimum strength.',
  explanation: 'Each of the five harmful-content categories needs a content filter, enabled, with the BLOCK action and at least the pack\'s ' +
    '`minimumHarmfulContentStrength` (default MEDIUM) on prompts and on responses. The finding names the category, e.g. `Bedrock-GR3[HATE]`. ' +
    'A filter on for one modality only is weakened: when any content filter of the guardrail screens images, every harmful-content filter ' +
    'must screen them in both directions (`Bedrock-GR3[HATE::Output::Modality::IMAGE]`). Each `Fn::If` branch and allowed parameter value ' +
    'is judged; the worst decides.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: { nist80053r5: ['SI-15', 'SI-10'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  judge(res, context) {
    const minimum = context.settings.minimumHarmfulContentStrength;
    const filters = contentFilters(res);
    const missing = HARMFUL.filter(type => {
      const f = filters.find(x => x.Type === type);
      return !f || !filterBlocks(f, 'Input', minimum) || !filterBlocks(f, 'Output', minimum);
    });
    // A filter on for one modality only: when the guardrail screens a modality (images) anywhere, every
    // harmful-content filter screens it in both directions, or that category passes in images.
    const screened = [...new Set(filters.flatMap(f => [...modalitiesOf(f.InputModalities), ...modalitiesOf(f.OutputModalities)]))].sort();
    const weakened = HARMFUL.filter(type => !missing.includes(type)).flatMap(type => {
      const f = filters.find(x => x.Type === type);
      return (['Input', 'Output'] as const).flatMap(direction => screened.filter(m => !modalitiesOf(f[`${direction}Modalities`]).includes(m))
        .map(m => `${type}::${direction}::Modality::${m}`));
    });
    const findings = [...missing, ...weakened];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
});
