import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { identityStatements, conditionValues } from '../private/iam';
import { defineRule } from '../private/rule-definition';
import { isPinnedVersion, parseJsonDocument, pinnedText, walk } from '../private/values';

/** GR5: wherever a guardrail is referenced, it is at a pinned numeric version. */
export const GuardrailVersionPinned = defineRule({
  id: 'GR5',
  name: 'GuardrailVersionPinned',
  info: 'A guardrail is referenced without a pinned numeric version (DRAFT or no version).',
  explanation: 'The DRAFT version of a guardrail changes whenever someone edits it, so what protects an agent, a flow, the enforced configuration or an invoke ' +
    'grant would change without review. Reference a published version: a number, or the `Version` of an `AWS::Bedrock::GuardrailVersion`. ' +
    'IAM conditions on `bedrock:GuardrailIdentifier` must end in `:<version>`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [
    'AWS::Bedrock::Agent', 'AWS::Bedrock::EnforcedGuardrailConfiguration', 'AWS::Bedrock::Flow', 'AWS::Bedrock::FlowVersion',
    'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  ],
  controls: { nist80053r5: ['CM-2', 'CM-3', 'CM-5'], hipaa: [], pciDss: ['6.4.5'], securityHub: [], wellArchitectedGenAi: ['GENSEC02', 'GENOPS02'] },
  judge(res) {
    const stack = res.stack;
    const p = res.properties;
    switch (res.type) {
      case 'AWS::Bedrock::Agent':
        if (!p.GuardrailConfiguration?.GuardrailIdentifier) return NagRuleCompliance.NOT_APPLICABLE;
        return isPinnedVersion(p.GuardrailConfiguration.GuardrailVersion, stack) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
      case 'AWS::Bedrock::EnforcedGuardrailConfiguration':
        return isPinnedVersion(p.GuardrailVersion, stack) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
      case 'AWS::Bedrock::Flow':
      case 'AWS::Bedrock::FlowVersion': {
        const definition = p.Definition ?? parseJsonDocument(p.DefinitionString, stack);
        let found = false;
        let pinned = true;
        walk(definition, (_key, value) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
          const entries = Object.entries(value as object);
          const id = entries.find(([k]) => k.toLowerCase() === 'guardrailidentifier');
          if (!id) return;
          found = true;
          const version = entries.find(([k]) => k.toLowerCase() === 'guardrailversion')?.[1];
          if (!isPinnedVersion(version, stack)) pinned = false;
        });
        if (!found) return NagRuleCompliance.NOT_APPLICABLE;
        return pinned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
      }
      default: {
        const identifiers = identityStatements(res).flatMap(s => conditionValues(s, 'bedrock:GuardrailIdentifier') ?? []);
        if (identifiers.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
        const unpinned = identifiers.filter(id => {
          // `arn:...:guardrail/ID:VERSION`, or `<Guardrail.GuardrailArn>:<Version.Version>`
          const m = /^(.*):(<[^>]*>|[^:<>]*)$/.exec(id);
          return !m || !(m[1].includes('guardrail/') || m[1].startsWith('<')) || !pinnedText(m[2], stack);
        });
        return unpinned.length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
      }
    }
  },
});
