import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { MODEL_NAMING_TYPES, modelReferences } from '../private/models';
import { BedrockRule } from '../private/rule';
import { hasPlaceholder } from '../private/values';

/** MD2: models are reached only in approved geographies. */
export const ApprovedGeographiesOnly: BedrockRule = {
  id: 'MD2',
  name: 'ApprovedGeographiesOnly',
  info: 'The resource names an inference profile of a geography, or a region, outside the approved geographies.',
  explanation: 'Data residency: prompts must be processed only in the pack\'s `approvedGeographies`. A profile prefix (`us.`, `apac.`, `global.`) must be ' +
    'an approved geography, and every Bedrock ARN must name a region of one (a region wildcard names every region). Bedrock resources must be ' +
    'deployed in such a region. Findings read `Bedrock-MD2[Geography::us]` or `Bedrock-MD2[Region::us-east-1]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: MODEL_NAMING_TYPES,
  controls: {
    nist80053r5: ['SA-9(5)', 'AC-4', 'SC-7'],
    hipaa: [],
    pciDss: [],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const prefixes = context.settings.approvedGeographyPrefixes;
    const regions = context.settings.approvedRegions ?? [];
    if (prefixes === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = new Set<string>();
    for (const ref of modelReferences(res, context.settings.knownGeographyPrefixes)) {
      if (ref.geography !== undefined && !prefixes.includes(ref.geography)) findings.add(`Geography::${ref.geography}`);
      if (ref.region === undefined || hasPlaceholder(ref.region)) continue;
      if (ref.region === '') {
        if (!prefixes.includes('global')) findings.add('Region::unspecified');
      } else if (ref.region.includes('*') || ref.region.includes('?')) {
        findings.add(`Region::${ref.region}`);
      } else if (!regions.includes(ref.region)) {
        findings.add(`Region::${ref.region}`);
      }
    }
    const deployedIn = res.stack.region;
    if ((res.type.startsWith('AWS::Bedrock::') || res.type.startsWith('Custom::Bedrock')) && deployedIn && !regions.includes(deployedIn)) {
      findings.add(`Region::${deployedIn}`);
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
};
