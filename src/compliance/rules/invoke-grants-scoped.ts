import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { MODEL_DOORS } from '../private/bedrock-actions';
import { IDENTITY_POLICY_TYPES, conditionValues } from '../private/iam';
import { splitGeography } from '../private/models';
import { coversAction } from '../private/policy-evaluator';
import { allowedBy, grantingElement, policySetOf } from '../private/policy-questions';
import { FOREIGN_ACCOUNT, MODEL_KEYS, UNLISTED_REGION, foundationModelArn, probePatterns, probeScopeOf, profileArn, unlistedModelRequests } from '../private/probes';
import { defineRule } from '../private/rule-definition';

/** IAM2: invoke grants name models, not `*`, and use a region wildcard only behind a profile fence that fences. */
export const InvokeGrantsScoped = defineRule({
  id: 'IAM2',
  name: 'InvokeGrantsScoped',
  info: 'The IAM resource allows a model door (invoke, batch, evaluation, the OpenAI-compatible endpoint) for models it does not name, or in every region without an inference-profile fence that fences.',
  explanation: 'An invoke grant must name the model or profile ARNs it needs. The rule asks the policy, as IAM would, whether it allows each ' +
    'model door of the inference catalogue (`bedrock:InvokeModel*`, `CountTokens`, batch and evaluation jobs, prompt optimization, ' +
    '`bedrock-mantle:CreateInference`) for a model nobody named, for each value its wildcards stand for (`foundation-model*`, ' +
    '`arn:...:bedrock:eu-central-1:*:*`, `anthropic.*`), and for custom, imported, provisioned and marketplace models. A region ' +
    'wildcard on a foundation model is accepted only behind `bedrock:InferenceProfileArn`, and only when that condition names profiles: ' +
    '`StringLike "*"` lets any profile of any geography through. The finding names the statement and the element: ' +
    '`Bedrock-IAM2[Statement::1::Resource::*]`, `Bedrock-IAM2[Sid::Invoke::Condition::bedrock:InferenceProfileArn]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['AC-3', 'AC-6', 'AC-4'], hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'], pciDss: ['7.1.2', '7.2.1'], securityHub: ['IAM.21'], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res, context) {
    const set = policySetOf(res);
    const statements = set.variants.flat().filter(s => s.effect === 'Allow' && MODEL_DOORS.some(d => coversAction(s, d.action)));
    if (statements.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const scope = probeScopeOf(res.stack);
    const patterns = probePatterns(set.variants.flat());
    const models = context.settings.approvedModels ?? namedFoundationModels(patterns, context.settings.knownGeographyPrefixes);
    const findings = new Set<string>();
    for (const door of MODEL_DOORS) {
      for (const request of unlistedModelRequests(door, scope, patterns)) {
        for (const s of allowedBy(set, request, MODEL_KEYS)) {
          findings.add(`${s.label}::${door.modelFence === 'model-key' ? `Condition::${door.modelKey}` : grantingElement(s, request.resource)}`);
        }
      }
      if (door.modelFence !== 'model-resource') continue;
      // A named model reached directly in a region nobody named, or through a profile nobody named.
      for (const model of models) {
        const resource = foundationModelArn(UNLISTED_REGION, model);
        for (const s of allowedBy(set, { action: door.action, resource }, MODEL_KEYS)) findings.add(`${s.label}::${grantingElement(s, resource)}`);
        const foreignProfile = profileArn(UNLISTED_REGION, FOREIGN_ACCOUNT, `probe.${model}`);
        for (const s of allowedBy(set, { action: door.action, resource, context: { 'bedrock:InferenceProfileArn': foreignProfile } }, MODEL_KEYS)) {
          const fenced = conditionValues(s, 'bedrock:InferenceProfileArn') !== undefined;
          findings.add(`${s.label}::${fenced ? 'Condition::bedrock:InferenceProfileArn' : grantingElement(s, resource)}`);
        }
      }
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});

/** The foundation models a policy's resources name (profiles without their geography), to probe them in other regions. */
function namedFoundationModels(patterns: string[], prefixes: string[]): string[] {
  const out = new Set<string>();
  for (const p of patterns) {
    const m = /:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/([^*?]+)$/.exec(p);
    if (m) out.add(splitGeography(m[1], prefixes).modelId);
  }
  return [...out];
}
