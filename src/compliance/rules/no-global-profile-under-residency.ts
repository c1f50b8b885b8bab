import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { identityStatements, conditionValues, IDENTITY_POLICY_TYPES } from '../private/iam';
import { modelReachOf } from '../private/model-reach';
import { MODEL_NAMING_TYPES, modelReferences } from '../private/models';
import { defineRule } from '../private/rule-definition';

/** MD3: no global inference profile or global guardrail profile when data residency is on. */
export const NoGlobalProfileUnderResidency = defineRule({
  id: 'MD3',
  name: 'NoGlobalProfileUnderResidency',
  info: 'The resource uses a global inference or guardrail profile, which may process data in any commercial region, while data residency is on.',
  explanation: 'A `global.` profile routes requests to any commercial region, and IAM sees its model leg with no region (`aws:RequestedRegion = unspecified`, ' +
    'which region-denying SCPs do not match). With the pack\'s `dataResidency` on (the default), use a geographic profile (`eu.`, `us.`, ...) instead. ' +
    'IAM and endpoint policies are also asked, as IAM would, whether they let a global profile or its region-less leg through (a wildcard ' +
    'that covers `global.` or an empty region): `Bedrock-MD3[Statement::1::Profile::global]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: MODEL_NAMING_TYPES,
  controls: { nist80053r5: ['SA-9(5)', 'AC-4'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  enabled: settings => settings.dataResidency,
  judge(res, context) {
    const findings = new Set<string>();
    for (const ref of modelReferences(res, context.settings.knownGeographyPrefixes)) {
      if (ref.geography === 'global') findings.add(`Profile::global.${ref.modelId}`);
      else if (ref.kind === 'foundation-model' && ref.region === '') findings.add(`RegionlessModel::${ref.modelId}`);
    }
    modelReachOf(res, context).global.forEach(f => findings.add(f));
    if (IDENTITY_POLICY_TYPES.includes(res.type) || res.type === 'AWS::EC2::VPCEndpoint') {
      const statements = res.type === 'AWS::EC2::VPCEndpoint' ? [] : identityStatements(res);
      if (statements.some(s => (conditionValues(s, 'aws:RequestedRegion') ?? []).includes('unspecified'))) {
        findings.add('Condition::aws:RequestedRegion=unspecified');
      }
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
});
