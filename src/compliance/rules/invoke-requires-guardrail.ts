import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { EmbeddingModel } from '../../knowledge-bases/embedding-model';
import { enforcedGuardrailsFor } from '../private/app-facts';
import { IDENTITY_POLICY_TYPES, Statement, allowsInvoke, conditionValues, identityDocuments, isBedrockServiceRole } from '../private/iam';
import { BedrockRule } from '../private/rule';

const MODEL_OF_ARN = /:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/;

/** IAM3: invoke grants require a guardrail, unless the account's enforced guardrail covers the models. */
export const InvokeRequiresGuardrail: BedrockRule = {
  id: 'IAM3',
  name: 'InvokeRequiresGuardrail',
  info: 'The IAM resource allows invoking a model without requiring a guardrail, and no enforced guardrail of the app covers that model.',
  explanation: 'With the pack\'s `requireGuardrailOnInvoke` on (the default), every invoke grant must carry a `bedrock:GuardrailIdentifier` condition ' +
    '(and a Deny for other identifiers: `ModelAccessPolicy({ requireGuardrail })` writes both), or the app must have an ' +
    '`AWS::Bedrock::EnforcedGuardrailConfiguration` in the same account and region that covers the granted models. Roles that only Bedrock assumes ' +
    '(agents, knowledge bases) are not checked: an agent\'s guardrail is AG1. Grants on embedding models only are exempt: a guardrail filters ' +
    'text and images in prompts and answers, and an embedding call returns neither.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: {
    nist80053r5: ['SI-10', 'SI-15', 'AC-4'],
    hipaa: ['164.312(c)(1)'],
    pciDss: ['6.5.1'],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC02'],
  },
  check(node, context) {
    if (!context.settings.requireGuardrailOnInvoke) return NagRuleCompliance.NOT_APPLICABLE;
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = res.stack;
    const documents = identityDocuments(res).filter(d => d.otherPrincipals || d.roles.some(r => {
      const role = stack.byId(r);
      return !role || !isBedrockServiceRole(role);
    }));
    const invoking = documents.flatMap(d => d.statements).filter(allowsInvoke);
    if (invoking.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const enforced = enforcedGuardrailsFor(context, stack.environment);
    const unguarded = invoking.filter(s => conditionValues(s, 'bedrock:GuardrailIdentifier') === undefined
      && !onlyEmbeddingModels(s) && !coveredByEnforcement(s, enforced));
    return unguarded.length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** Guardrails filter text and images in prompts and answers: embedding models produce neither, so they are exempt. */
function onlyEmbeddingModels(statement: Statement): boolean {
  const models = statement.resources.map(r => MODEL_OF_ARN.exec(r)).map(m => m && m[1] === 'foundation-model' ? m[2] : undefined);
  return models.length > 0 && models.every(m => m !== undefined && EmbeddingModel.fromModelId(m) !== undefined);
}

function coveredByEnforcement(statement: Statement, enforced: ReturnType<typeof enforcedGuardrailsFor>): boolean {
  if (enforced.length === 0) return false;
  const models = statement.resources.map(r => {
    const m = MODEL_OF_ARN.exec(r);
    if (!m) return undefined;
    // A profile stands for its model: drop the geography prefix.
    return m[1] === 'inference-profile' ? m[2].slice(m[2].indexOf('.') + 1) : m[2];
  });
  return enforced.some(e => {
    if (e.included === undefined && e.excluded.length === 0) return true;
    return models.every(m => m !== undefined && (e.included === undefined || e.included.includes(m)) && !e.excluded.includes(m));
  });
}
