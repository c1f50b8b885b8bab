import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { grantsModelDoor, modelReachOf } from '../private/model-reach';
import { MODEL_NAMING_TYPES, modelReferences } from '../private/models';
import { defineRule } from '../private/rule-definition';

/** Where a resource that may run a model outside Bedrock holds its model configuration (keys other than `Bedrock*` are other providers). */
const OUTSIDE_BEDROCK_MODEL_CONFIG: Record<string, (properties: any) => Record<string, unknown> | undefined> = {
  'AWS::BedrockAgentCore::Harness': p => p.Model,
  'AWS::BedrockAgentCore::Evaluator': p => p.EvaluatorConfig?.LlmAsAJudge?.ModelConfig,
};

/** MD1: only approved models are named. */
export const ApprovedModelsOnly = defineRule({
  id: 'MD1',
  name: 'ApprovedModelsOnly',
  info: 'The resource names a model that is not on the governance profile\'s approved list.',
  explanation: 'Models are approved after a risk review (data use, licence, evaluation). Every place a model is named (inference profiles, agents, ' +
    'knowledge bases, data source parsers, prompt routers, prompts, flows, provisioned throughput, IAM and endpoint policies) must name one of the ' +
    'pack\'s `approvedModels`; a wildcard model ID is not an approved model. The finding names the model, e.g. `Bedrock-MD1[anthropic.claude-v2:1]`. ' +
    'IAM and endpoint policies are also asked, as IAM would, whether they let a model nobody approved through any model door (a wildcard ' +
    'in any ARN segment, `Resource: "*"`, `NotResource`, the OpenAI-compatible endpoint without a `bedrock-mantle:Model` condition naming ' +
    'approved models, Amazon Nova Act\'s own model): `Bedrock-MD1[Statement::1::Resource::*]`, `Bedrock-MD1[Sid::Mantle::Condition::bedrock-mantle:Model]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: MODEL_NAMING_TYPES,
  controls: { nist80053r5: ['CM-7(5)', 'CM-10', 'SA-9', 'SR-5'], hipaa: ['164.308(b)(1)'], pciDss: ['12.8'], securityHub: [], wellArchitectedGenAi: ['GENSEC01', 'GENOPS01'] },
  enabled: settings => settings.approvedModels !== undefined,
  judge(res, context) {
    const approved = context.settings.approvedModels!;
    const refs = modelReferences(res, context.settings.knownGeographyPrefixes).filter(r => r.kind !== 'guardrail-profile');
    const reached = modelReachOf(res, context).unapproved;
    const modelConfig = OUTSIDE_BEDROCK_MODEL_CONFIG[res.type];
    if (refs.length === 0 && reached.length === 0 && !grantsModelDoor(res) && !modelConfig) return NagRuleCompliance.NOT_APPLICABLE;
    // A harness or an evaluator can run a model outside Bedrock (OpenAI, Gemini, LiteLLM, an OpenAI
    // Responses endpoint): no approved list holds those.
    const providers = modelConfig
      ? Object.entries(modelConfig(res.properties) ?? {}).filter(([k, v]) => !k.startsWith('Bedrock') && v !== undefined && v !== null).map(([k]) => `Provider::${k}`) : [];
    const unapproved = [...new Set([...refs.filter(r => !approved.includes(r.modelId)).map(r => r.modelId), ...reached, ...providers])];
    return unapproved.length > 0 ? unapproved : NagRuleCompliance.COMPLIANT;
  },
});
