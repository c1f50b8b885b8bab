import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { dataRegionsOf, externalStoreOf } from '../private/data-boundary';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { modelReachOf } from '../private/model-reach';
import { MODEL_NAMING_TYPES, modelReferences } from '../private/models';
import { defineRule } from '../private/rule-definition';
import { hasPlaceholder } from '../private/values';

const POLICY_TYPES = [...IDENTITY_POLICY_TYPES, 'AWS::EC2::VPCEndpoint'];

/**
 * AgentCore resources that hold or process conversations, tool calls and evaluations: they must be
 * deployed in an approved region like Bedrock's own (the model-naming ones are in MODEL_NAMING_TYPES).
 */
const AGENTCORE_DATA_TYPES = ['AWS::BedrockAgentCore::Runtime', 'AWS::BedrockAgentCore::RuntimeEndpoint', 'AWS::BedrockAgentCore::Memory',
  'AWS::BedrockAgentCore::Gateway', 'AWS::BedrockAgentCore::GatewayTarget', 'AWS::BedrockAgentCore::Harness', 'AWS::BedrockAgentCore::HarnessEndpoint',
  'AWS::BedrockAgentCore::Evaluator', 'AWS::BedrockAgentCore::OnlineEvaluationConfig', 'AWS::BedrockAgentCore::Dataset',
  'AWS::BedrockAgentCore::CodeInterpreterCustom', 'AWS::BedrockAgentCore::BrowserCustom', 'AWS::BedrockAgentCore::BrowserProfile'];

/** MD2: models are reached only in approved geographies. */
export const ApprovedGeographiesOnly = defineRule({
  id: 'MD2',
  name: 'ApprovedGeographiesOnly',
  info: 'The resource names an inference profile of a geography, or a region, outside the approved geographies, or sends data to a store outside AWS.',
  explanation: 'Data residency: prompts must be processed only in the pack\'s `approvedGeographies`. A profile prefix (`us.`, `apac.`, `global.`) must be ' +
    'an approved geography, and every Bedrock ARN must name a region of one (a region wildcard names every region). Bedrock resources, and ' +
    'AgentCore resources that hold or process conversations (runtimes, memory, gateways, harnesses, evaluators, code interpreters, browsers), must be ' +
    'deployed in such a region. Imported, custom, provisioned and Marketplace model ARNs count like foundation-model ARNs. ' +
    'Findings read `Bedrock-MD2[Geography::us]` or `Bedrock-MD2[Region::us-east-1]`. IAM and endpoint policies ' +
    'are also asked, as IAM would, whether they let an approved model be called directly in a region outside the geographies (a region ' +
    'wildcard such as `us-*` or `*`) or through a profile of another geography: `Bedrock-MD2[Statement::1::Region::us-east-1]`, ' +
    '`Bedrock-MD2[Sid::Invoke::Geography::us]`. Data that leaves the governed boundary is reported too: a knowledge base on a vector store ' +
    'run outside AWS (Pinecone, MongoDB Atlas, Redis Enterprise Cloud) under data residency (`Bedrock-MD2[Store::PINECONE]`), and a ' +
    'knowledge base, data source, agent or flow that names a store, function or model of a region outside the geographies ' +
    '(`Bedrock-MD2[Region::us-east-1]`).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [...MODEL_NAMING_TYPES, ...AGENTCORE_DATA_TYPES.filter(t => !MODEL_NAMING_TYPES.includes(t))],
  controls: { nist80053r5: ['SA-9(5)', 'AC-4', 'SC-7'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res, context) {
    const prefixes = context.settings.approvedGeographyPrefixes;
    const regions = context.settings.approvedRegions ?? [];
    const findings = new Set<string>();
    // A store outside AWS takes the documents and the queries out of every geography.
    const external = context.settings.dataResidency ? externalStoreOf(res) : undefined;
    if (external) findings.add(`Store::${external}`);
    if (prefixes === undefined) return findings.size > 0 ? [...findings] : NagRuleCompliance.NOT_APPLICABLE;
    dataRegionsOf(res).filter(r => !regions.includes(r)).forEach(r => findings.add(`Region::${r}`));
    for (const ref of modelReferences(res, context.settings.knownGeographyPrefixes)) {
      if (ref.geography !== undefined && !prefixes.includes(ref.geography)) findings.add(`Geography::${ref.geography}`);
      if (ref.region === undefined || hasPlaceholder(ref.region)) continue;
      if (ref.region === '') {
        if (!prefixes.includes('global')) findings.add('Region::unspecified');
      } else if (ref.region.includes('*') || ref.region.includes('?')) {
        // In a policy, what a region wildcard lets through is asked below (a profile fence may hold it to the geography).
        if (!POLICY_TYPES.includes(res.type)) findings.add(`Region::${ref.region}`);
      } else if (!regions.includes(ref.region)) {
        findings.add(`Region::${ref.region}`);
      }
    }
    modelReachOf(res, context).outside.forEach(f => findings.add(f));
    const deployedIn = res.stack.region;
    const processesPrompts = res.type.startsWith('AWS::Bedrock::') || res.type.startsWith('Custom::Bedrock') || AGENTCORE_DATA_TYPES.includes(res.type);
    if (processesPrompts && deployedIn && !regions.includes(deployedIn)) {
      findings.add(`Region::${deployedIn}`);
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
});
