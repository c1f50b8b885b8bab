import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { EmbeddingModel } from '../../knowledge-bases/embedding-model';
import { EnforcedCoverage, enforcedGuardrailsFor } from '../private/app-facts';
import { GUARDRAIL_BLIND_DOORS, GUARDRAIL_KEY_DOORS } from '../private/bedrock-actions';
import { IDENTITY_POLICY_TYPES, Statement, conditionValues, isBedrockServiceRole } from '../private/iam';
import { splitGeography } from '../private/models';
import { ProbeRequest, coversAction } from '../private/policy-evaluator';
import { allowedBy, policySetOf, PolicySet } from '../private/policy-questions';
import { FOREIGN_ACCOUNT, GUARDRAIL_KEYS, UNLISTED_MODEL, foundationModelArn, modelIdOfArn, probeScopeOf, witnesses } from '../private/probes';
import { defineRule } from '../private/rule-definition';

/** IAM3: invoke grants require a guardrail, unless the account's enforced guardrail covers the models where they are called. */
export const InvokeRequiresGuardrail = defineRule({
  id: 'IAM3',
  name: 'InvokeRequiresGuardrail',
  info: 'The IAM resource allows generating from a prompt without a guardrail of its own (no guardrail, or one of any identifier or account), and no enforced guardrail of the app covers that model in that region.',
  explanation: 'With the pack\'s `requireGuardrailOnInvoke` on (the default), the rule asks the policy, as IAM would, whether it allows each ' +
    'invoke door without a guardrail, with a guardrail of another account, and with a guardrail of its own account that nobody named. A ' +
    '`bedrock:GuardrailIdentifier` condition that names the guardrail passes, in the Allow or as a Deny for other identifiers ' +
    '(`ModelAccessPolicy({ requireGuardrail })` writes both); `StringLike "*"`, `Null false` or a negated operator do not. A call through ' +
    'an inference profile is judged as IAM authorizes it: the profile and the model leg are two authorizations of one request with ' +
    'one context, so model legs fenced by `bedrock:InferenceProfileArn` to a profile the policy grants only with the guardrail pass; ' +
    'legs a direct call, any profile, or a profile granted without the guardrail reaches are findings. Without one, the ' +
    'app needs an `AWS::Bedrock::EnforcedGuardrailConfiguration` in the account and in the region the call is made in (the profile\'s ' +
    'region for a cross-region call) that covers the model. Doors that generate but cannot carry a guardrail IAM sees (batch and evaluation ' +
    'jobs, RetrieveAndGenerate, inline agents, the OpenAI-compatible endpoint, AgentCore evaluations) are findings unless an enforced guardrail ' +
    'covers every model of that account and region; the OpenAI-compatible endpoint and AgentCore are never covered. Roles that only Bedrock ' +
    'assumes are not checked (an agent\'s guardrail is AG1), nor grants on embedding models only. Findings name the statement: ' +
    '`Bedrock-IAM3[Statement::1::Guardrail::none]`, `Bedrock-IAM3[Sid::Invoke::Guardrail::any]` (a condition that admits any ' +
    'guardrail, or a guardrail of an account other than the stack\'s own and the pack\'s `trustedGuardrailAccounts`), ' +
    '`Bedrock-IAM3[Sid::Batch::Action::bedrock:CreateModelInvocationJob]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['SI-10', 'SI-15', 'AC-4'], hipaa: ['164.312(c)(1)'], pciDss: ['6.5.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  enabled: settings => settings.requireGuardrailOnInvoke,
  judge(res, context) {
    const stack = res.stack;
    const full = policySetOf(res);
    const documents = full.documents.filter(d => d.otherPrincipals || d.roles.some(r => {
      const role = stack.byId(r);
      return !role || !isBedrockServiceRole(role);
    }));
    if (documents.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const set: PolicySet = documents.length === full.documents.length ? full : policySetOf(res, documents);
    const statements = set.variants.flat().filter(s => s.effect === 'Allow');
    const doors = [...GUARDRAIL_KEY_DOORS, ...GUARDRAIL_BLIND_DOORS];
    if (!statements.some(s => doors.some(d => coversAction(s, d.action)))) return NagRuleCompliance.NOT_APPLICABLE;
    const scope = probeScopeOf(stack);
    const coverageIn = (region: string) => enforcedGuardrailsFor(context, stack.account ? `${stack.account}/${region}` : undefined, region);
    const findings = new Set<string>();
    // Without a guardrail, or with one nobody named (another account's, or one the caller made): one finding per statement, the worse.
    const unguarded = new Set<string>();
    const unnamed = new Set<string>();
    const guardrails = [
      { found: unguarded, value: undefined },
      { found: unnamed, value: `arn:aws:bedrock:${scope.region}:${FOREIGN_ACCOUNT}:guardrail/probe:1` },
      { found: unnamed, value: `arn:aws:bedrock:${scope.region}:${scope.account}:guardrail/probeunlisted:1` },
    ];
    for (const door of GUARDRAIL_KEY_DOORS) {
      for (const request of invokeRequestsOf(statements.filter(s => coversAction(s, door.action)), door.action, scope.region)) {
        const call = callOf(request, scope.region, context.settings.knownGeographyPrefixes);
        if (call.model !== undefined && EmbeddingModel.fromModelId(call.model) !== undefined) continue;
        if (covered(coverageIn(call.region), call.model)) continue;
        for (const g of guardrails) {
          const probe = { ...request, context: { ...request.context, 'bedrock:GuardrailIdentifier': g.value } };
          const legs = allowedBy(set, probe, GUARDRAIL_KEYS);
          if (legs.length > 0 && !profileRefuses(set, probe)) legs.forEach(s => g.found.add(s.label));
        }
      }
    }
    // A guardrail the grant names that another account owns: that account decides what it filters.
    const trusted = [scope.account, ...context.settings.trustedGuardrailAccounts];
    for (const s of statements.filter(st => GUARDRAIL_KEY_DOORS.some(d => coversAction(st, d.action)))) {
      const named = Object.entries(s.conditions).filter(([op]) => !/Not|Null/.test(op)).flatMap(([, keys]) => keys['bedrock:guardrailidentifier'] ?? []);
      const owners = named.map(v => v.split(':')[4]).filter((a): a is string => a !== undefined && /^[0-9]{12}$/.test(a));
      if (owners.some(a => !trusted.includes(a))) unnamed.add(s.label);
    }
    unguarded.forEach(label => findings.add(`${label}::Guardrail::none`));
    [...unnamed].filter(label => !unguarded.has(label)).forEach(label => findings.add(`${label}::Guardrail::any`));
    for (const door of GUARDRAIL_BLIND_DOORS) {
      const coverable = door.action.startsWith('bedrock:');
      if (coverable && covered(coverageIn(scope.region), undefined)) continue;
      for (const request of invokeRequestsOf(statements.filter(s => coversAction(s, door.action)), door.action, scope.region)) {
        for (const s of allowedBy(set, request, GUARDRAIL_KEYS)) findings.add(`${s.label}::Action::${door.action}`);
      }
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});

/**
 * The requests a set of Allow statements is written for: each resource they name (each value a
 * wildcard stands for, an unlisted model for `*` and NotResource), alone and with each inference
 * profile their `bedrock:InferenceProfileArn` condition names (or a profile its wildcard stands for).
 */
function invokeRequestsOf(statements: Statement[], action: string, region: string): ProbeRequest[] {
  const out = new Map<string, ProbeRequest>();
  for (const s of statements) {
    const resources = s.notResources.length > 0 || s.resources.length === 0 ? [foundationModelArn(region, UNLISTED_MODEL)]
      : s.resources.flatMap(r => r === '*' ? [foundationModelArn(region, UNLISTED_MODEL), '*'] : /[*?]/.test(r) ? witnesses(r) : [r]);
    // A profile fence with a wildcard admits a profile nobody named: asked with a value it stands for.
    const profiles = (conditionValues(s, 'bedrock:InferenceProfileArn') ?? []).flatMap(v => /[*?]/.test(v) ? witnesses(v) : [v]);
    for (const resource of resources) {
      out.set(`${resource}|`, { action, resource });
      for (const p of profiles) out.set(`${resource}|${p}`, { action, resource, context: { 'bedrock:InferenceProfileArn': p } });
    }
  }
  return [...out.values()];
}

/**
 * Whether the policy grants the inference profile a model leg is called through, but not with this
 * request's guardrail. A call through a profile needs two authorizations, the profile's and the
 * model's, and both carry the same request context: a guardrail the profile statement requires is
 * required of the leg too. When the policy does not grant the profile at all, the leg is judged alone
 * (the profile may be granted elsewhere, with no guardrail).
 */
function profileRefuses(set: PolicySet, leg: ProbeRequest): boolean {
  const profile = leg.context?.['bedrock:InferenceProfileArn'];
  if (typeof profile !== 'string' || profile === leg.resource) return false;
  const { ['bedrock:GuardrailIdentifier']: guardrail, ...rest } = leg.context ?? {};
  // Granted for some guardrail: a guardrail condition is one the caller can meet when the question does not decide it.
  const granted = allowedBy(set, { action: leg.action, resource: profile, context: rest }, ['bedrock:InferenceProfileArn']).length > 0;
  if (!granted) return false;
  return allowedBy(set, { action: leg.action, resource: profile, context: { ...rest, 'bedrock:GuardrailIdentifier': guardrail } }, GUARDRAIL_KEYS).length === 0;
}

/** Where a request is made (the profile's region for a profile's leg) and the model it runs, when known. */
function callOf(request: ProbeRequest, defaultRegion: string, prefixes: string[]): { region: string; model?: string } {
  const profile = request.context?.['bedrock:InferenceProfileArn'];
  const viaProfile = typeof profile === 'string' ? modelIdOfArn(profile) : undefined;
  const target = modelIdOfArn(request.resource);
  const region = viaProfile?.region ?? (target && target.region !== '' && !target.region.includes('probeunlisted') ? target.region : defaultRegion);
  const id = target?.id ?? viaProfile?.id;
  return { region, model: id === undefined || id.includes('probeunlisted') ? undefined : splitGeography(id, prefixes).modelId };
}

/** Whether an enforced guardrail covers the model (undefined: every model). */
function covered(coverage: EnforcedCoverage[], model: string | undefined): boolean {
  return coverage.some(e => {
    if (e.included === undefined && e.excluded.length === 0) return true;
    if (model === undefined) return false;
    return (e.included === undefined || e.included.includes(model)) && !e.excluded.includes(model);
  });
}
