import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { asArray, parseJsonDocument } from '../private/values';

/** The node types of a flow that generate from a prompt with a model of their own, and can name a guardrail. */
const GENERATING_NODES = ['prompt', 'knowledgebase'];

/** A property by name, ignoring case: a `Definition` has CloudFormation's PascalCase, a `DefinitionString` the API's camelCase. */
function get(value: any, key: string): any {
  if (!value || typeof value !== 'object') return undefined;
  const found = Object.keys(value).find(k => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : value[found];
}

/** FL1: every node of a flow that generates carries a guardrail. */
export const FlowNodeGuardrail = defineRule({
  id: 'FL1',
  name: 'FlowNodeGuardrail',
  info: 'A prompt or knowledge-base node of the flow generates with a model but names no guardrail.',
  explanation: 'A flow runs its nodes with the flow\'s service role, which only Bedrock assumes, and a caller reaches it through ' +
    '`bedrock:InvokeFlow`, which carries no `bedrock:GuardrailIdentifier`: no identity policy can require a guardrail for what the flow ' +
    'generates, so the flow must carry it. Each Prompt node (inline or from a prompt resource) and each KnowledgeBase node that names a model ' +
    'needs a `GuardrailConfiguration` with an identifier. The finding names the node: `Bedrock-FL1[Node::answer]`. A definition the pack cannot ' +
    'read (an S3 location, a parameter) is reported as `Bedrock-FL1[Definition::unknown]`. Each `Fn::If` branch is judged.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Flow'],
  controls: { nist80053r5: ['SI-10', 'SI-15'], hipaa: ['164.312(c)(1)'], pciDss: ['6.5.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  judge(res) {
    const p = res.properties;
    const definition = p.Definition ?? (p.DefinitionString === undefined ? undefined : parseJsonDocument(p.DefinitionString, res.stack));
    if (definition === undefined || typeof definition !== 'object') {
      return p.Definition === undefined && p.DefinitionString === undefined && p.DefinitionS3Location === undefined
        ? NagRuleCompliance.NOT_APPLICABLE : ['Definition::unknown'];
    }
    const findings = asArray(get(definition, 'Nodes')).flatMap((n: any) => {
      const type = String(get(n, 'Type') ?? '').toLowerCase();
      if (!GENERATING_NODES.includes(type)) return [];
      const configuration = get(get(n, 'Configuration'), type === 'prompt' ? 'Prompt' : 'KnowledgeBase');
      // A knowledge-base node without a model only retrieves.
      if (type === 'knowledgebase' && get(configuration, 'ModelId') === undefined) return [];
      const guardrail = get(get(configuration, 'GuardrailConfiguration'), 'GuardrailIdentifier');
      return guardrail === undefined || guardrail === '' ? [`Node::${String(get(n, 'Name') ?? '?')}`] : [];
    });
    return findings.length > 0 ? findings.sort() : NagRuleCompliance.COMPLIANT;
  },
});
