import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { piiFiltered } from '../private/guardrail-filters';
import { defineRule } from '../private/rule-definition';
import { asArray } from '../private/values';

/** GR4: a guardrail blocks or anonymizes the PII entity types the profile requires. */
export const GuardrailRequiredPiiEntities = defineRule({
  id: 'GR4',
  name: 'GuardrailRequiredPiiEntities',
  info: 'The guardrail does not block or anonymize a PII entity type that the governance profile requires.',
  explanation: 'The pack\'s `requiredPiiEntities` lists the PII types every guardrail must filter (e.g. card numbers for PCI DSS, SSNs for HIPAA). ' +
    'Each needs a `PiiEntitiesConfig` entry, enabled, with BLOCK or ANONYMIZE in both directions. The finding names the type, e.g. `Bedrock-GR4[CREDIT_DEBIT_CARD_NUMBER]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: { nist80053r5: ['SI-15', 'SC-28', 'PT-2'], hipaa: ['164.312(a)(1)', '164.502(b)'], pciDss: ['3.3', '3.4'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  enabled: settings => settings.requiredPiiEntities.length > 0,
  judge(res, context) {
    const required = context.settings.requiredPiiEntities;
    const entities = asArray(res.properties.SensitiveInformationPolicyConfig?.PiiEntitiesConfig);
    const missing = required.filter(type => {
      const e = entities.find(x => x.Type === type);
      return !e || !piiFiltered(e, 'Input') || !piiFiltered(e, 'Output');
    });
    return missing.length > 0 ? missing : NagRuleCompliance.COMPLIANT;
  },
});
