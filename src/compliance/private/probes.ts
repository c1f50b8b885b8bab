import { StackIndex } from './context';
import { Statement } from './iam';
import { ProbeRequest, coversAction } from './policy-evaluator';
import { InferenceDoor } from '../../catalogue/inference-doors';

/**
 * The requests the rules put to a policy. A probe names something nobody would approve (a model no
 * list holds, a region that does not exist, a guardrail of another account), so a policy that allows
 * it allows more than it names, whatever its spelling. Values are written the way the pack renders
 * the stack's own values (`<AWS::AccountId>` for an environment-agnostic stack), so they compare
 * with the policy's.
 */

/** A real model for the questions that need one when the pack approves none (any real ID serves). */
export const SAMPLE_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

/** A model ID no approved list holds. */
export const UNLISTED_MODEL = 'probe.unlisted-model-v1:0';
/** A region that does not exist: only a wildcard region matches it. */
export const UNLISTED_REGION = 'zz-probe-1';
/** An account that is not the caller's. */
export const FOREIGN_ACCOUNT = '999999999999';
/** What a wildcard is replaced with to find a value a pattern allows that nobody named. */
const FILLER = 'probeunlisted';

/** The stack's partition, region and account as the pack renders them. */
export interface ProbeScope {
  readonly region: string;
  readonly account: string;
}

export function probeScopeOf(stack: StackIndex): ProbeScope {
  return { region: stack.region ?? '<AWS::Region>', account: stack.account ?? '<AWS::AccountId>' };
}

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export function profileArn(region: string, account: string, profileId: string): string {
  return `arn:aws:bedrock:${region}:${account}:inference-profile/${profileId}`;
}

/** Resource types of the model doors that stand for a model the approved list cannot name by itself. */
const MODEL_LIKE_TYPES = ['imported-model', 'custom-model', 'custom-model-deployment', 'provisioned-model', 'application-inference-profile',
  'prompt-router', 'default-prompt-router', 'bedrock-marketplace-model-endpoint'];

/**
 * Requests to a model door for models nobody named: an unlisted foundation model and profile, each
 * model-like resource type the door accepts, and the values a policy's own wildcards stand for.
 */
export function unlistedModelRequests(door: InferenceDoor, scope: ProbeScope, patterns: string[], context: ProbeRequest['context'] = {}): ProbeRequest[] {
  if (door.modelFence === 'model-key') {
    return [{ action: door.action, resource: `arn:aws:bedrock-mantle:${scope.region}:${scope.account}:project/probe`, context: { ...context, [door.modelKey!]: UNLISTED_MODEL } }];
  }
  const resources = [
    foundationModelArn(scope.region, UNLISTED_MODEL),
    profileArn(scope.region, scope.account, `eu.${UNLISTED_MODEL}`),
    ...MODEL_LIKE_TYPES.filter(t => door.resourceTypes.includes(t)).map(t => `arn:aws:bedrock:${scope.region}:${scope.account}:${t}/probe`),
    // Only a wildcard in the model part stands for a model nobody named; a region wildcard is the residency rules' question.
    ...patterns.filter(modelPartHasWildcard).flatMap(witnesses).filter(isModelArn),
  ];
  return [...new Set(resources)].map(resource => ({ action: door.action, resource, context: { ...context, 'aws:RequestedRegion': regionOfRequest(resource, scope.region) } }));
}

function modelPartHasWildcard(pattern: string): boolean {
  const parts = pattern.replace(/<AWS::Partition>/g, 'aws').split(':');
  return parts.length < 6 || /[*?]/.test(parts.slice(5).join(':'));
}

/** The region a request is made in, as `aws:RequestedRegion` carries it (`unspecified` for a global profile's leg). */
export function regionOfRequest(resource: string, fallback: string): string {
  const parts = resource.replace(/<AWS::Partition>/g, 'aws').split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return fallback;
  return parts[3] === '' ? 'unspecified' : parts[3];
}

/** Whether an ARN names a foundation model or a system inference profile. */
export function isModelArn(arn: string): boolean {
  return /^arn:[^:]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/.+/.test(arn.replace(/<AWS::Partition>/g, 'aws'));
}

/**
 * The values a pattern allows that it does not name: each wildcard replaced by a filler, one at a
 * time and all at once (`anthropic.*` stands for `anthropic.probeunlisted`). A pattern without a
 * wildcard has none.
 */
export function witnesses(pattern: string): string[] {
  const normalized = pattern.replace(/<AWS::Partition>/g, 'aws');
  if (!/[*?]/.test(normalized)) return [];
  const all = normalized.replace(/\*/g, FILLER).replace(/\?/g, 'z');
  const positions = [...normalized.matchAll(/[*?]/g)].map(m => m.index!);
  const single = positions.map(i => (normalized.slice(0, i) + (normalized[i] === '*' ? FILLER : 'z') + normalized.slice(i + 1)).replace(/\*/g, '').replace(/\?/g, 'z'));
  return [...new Set([all, ...single])];
}

/** The model ID of a foundation-model or profile ARN (geography prefix kept), or undefined. */
export function modelIdOfArn(arn: string): { kind: 'foundation-model' | 'inference-profile'; region: string; id: string } | undefined {
  const m = /^arn:[^:]*:bedrock:([^:]*):[^:]*:(foundation-model|inference-profile)\/(.+)$/.exec(arn.replace(/<AWS::Partition>/g, 'aws'));
  return m ? { kind: m[2] as 'foundation-model' | 'inference-profile', region: m[1], id: m[3] } : undefined;
}

/**
 * The condition keys each question is about (see ProbeRequest.decidedKeys): any other condition is
 * one the caller can meet, so it neither fences an Allow nor triggers a Deny.
 */
export const MODEL_KEYS = ['bedrock:InferenceProfileArn', 'bedrock-mantle:Model', 'aws:RequestedRegion'];
export const GUARDRAIL_KEYS = ['bedrock:GuardrailIdentifier', 'bedrock:InferenceProfileArn'];
export const PRINCIPAL_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalArn',
  'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:PrincipalType', 'aws:userid', 'aws:username'];
export const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];
export const API_KEY_KEYS = ['iam:ServiceSpecificCredentialServiceName', 'bedrock:BearerTokenType', 'bedrock-mantle:BearerTokenType'];

/**
 * The resources a policy names for an action, to ask about them as well as about the probes: each
 * resource an Allow for the action names (each value its wildcards stand for), and each resource a
 * Deny for the action leaves out through `NotResource` (the carve-out a Deny can make).
 */
export function namedResources(statements: Statement[], action: string): string[] {
  const out = new Set<string>();
  const add = (r: string) => {
    if (r === '*' || r === '') return;
    if (/[*?]/.test(r)) witnesses(r).forEach(w => out.add(w));
    else out.add(r);
  };
  for (const s of statements) {
    if (!coversAction(s, action)) continue;
    if (s.effect === 'Allow') s.resources.forEach(add);
    if (s.effect === 'Deny') s.notResources.forEach(add);
  }
  return [...out];
}

/** The resource patterns model probes are built from: what Allows name and what Denies leave out. */
export function probePatterns(statements: Statement[]): string[] {
  return [...new Set(statements.flatMap(s => s.effect === 'Allow' ? s.resources : s.effect === 'Deny' ? s.notResources : []))];
}

/**
 * The context every request of an IAM principal carries, for a role `probe` of an account in an
 * organization: what a policy's principal conditions compare.
 */
export function principalContext(account: string, orgId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'aws:PrincipalAccount': account,
    'aws:PrincipalArn': `arn:aws:iam::${account}:role/probe`,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:userid': 'AROAPROBEPROBEPROBE:probe',
    'aws:username': 'probe',
    'aws:PrincipalOrgID': orgId,
    'aws:PrincipalOrgPaths': `${orgId}/r-probe/ou-probe-probe/`,
    ...overrides,
  };
}

/** The principal keys of a policy's positive conditions, each with a value that meets it (a wildcard filled in). */
export function principalValuesMeeting(statements: Statement[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PRINCIPAL_KEYS) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      for (const [operator, keys] of Object.entries(s.conditions)) {
        if (/Not|Null/.test(operator)) continue;
        const value = keys[key.toLowerCase()]?.[0];
        if (value !== undefined && out[key] === undefined) out[key] = value.replace(/\*/g, 'probe').replace(/\?/g, 'p');
      }
    }
  }
  return out;
}

/** The accounts a policy's principals or conditions name besides the caller's own. */
export function otherAccountsNamed(statements: Statement[], own: string): string[] {
  const out = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(/(?:^|[^0-9])([0-9]{12})(?![0-9])/g)) if (m[1] !== own) out.add(m[1]);
  };
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    if (s.principal && typeof s.principal === 'object') Object.values(s.principal).flat().forEach(v => scan(String(v)));
    for (const keys of Object.values(s.conditions)) {
      for (const [key, values] of Object.entries(keys)) if (/account|arn/i.test(key)) values.forEach(scan);
    }
  }
  return [...out].sort();
}
