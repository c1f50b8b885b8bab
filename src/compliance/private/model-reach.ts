import { MODEL_DOORS, UNGOVERNED_DOORS } from './bedrock-actions';
import { RuleContext, RenderedResource } from './context';
import { INVOKE_ACTIONS, Statement, documentVariants } from './iam';
import { splitGeography } from './models';
import { ProbeRequest, coversAction, resourceMatches } from './policy-evaluator';
import { PolicySet, allowedBy, grantingElement, policySetOf, policySetOfStatements } from './policy-questions';
import { MODEL_KEYS, PRINCIPAL_KEYS, SAMPLE_MODEL, UNLISTED_MODEL, UNLISTED_REGION, foundationModelArn, modelIdOfArn, namedResources, principalContext, principalValuesMeeting, probePatterns, probeScopeOf, profileArn, unlistedModelRequests } from './probes';
import { hasPlaceholder } from './values';
import { variantKey } from './variant-key';
import { REGION_DATA } from '../../models/region-data.generated';

/** Model ARNs that name no model of the approved list: brought in, customized, bought or reserved elsewhere. */
const MODEL_LIKE_ARN = /^arn:[^:]*(?:<AWS::Partition>)?[^:]*:bedrock:[^:]*:[^:]*:(imported-model|custom-model|custom-model-deployment|provisioned-model|marketplace\/model-endpoint|bedrock-marketplace-model-endpoint)\//;

function unapprovedModelArn(arn: string, approved: string[], prefixes: string[]): boolean {
  const m = modelIdOfArn(arn);
  return m !== undefined && !approved.includes(splitGeography(m.id, prefixes).modelId);
}


/**
 * Where a policy lets a model be reached, by meaning (MD1, MD2, MD3): models nobody approved, regions
 * and geographies outside the approved ones, global profiles. Each finding names the statement.
 * Identity policies are asked as their principal; an endpoint policy as a principal of the account
 * (and of the organization the policy names).
 */
export interface ModelReach {
  /** MD1: an unapproved or ungoverned model reached */
  readonly unapproved: string[];
  /** MD2: a region or geography outside the approved ones */
  readonly outside: string[];
  /** MD3: a global profile or the region-less leg */
  readonly global: string[];
}

const NONE: ModelReach = { unapproved: [], outside: [], global: [] };

export function modelReachOf(res: RenderedResource, context: RuleContext): ModelReach {
  return res.stack.memoize(`modelReach|${variantKey(res)}`, () => computeReach(res, context));
}

function computeReach(res: RenderedResource, context: RuleContext): ModelReach {
  const asked = askedAs(res);
  if (!asked) return NONE;
  const { set, principal } = asked;
  const statements = set.variants.flat().filter(s => s.effect === 'Allow');
  const doors = MODEL_DOORS.filter(d => statements.some(s => coversAction(s, d.action)));
  const ungoverned = UNGOVERNED_DOORS.filter(d => statements.some(s => coversAction(s, d.action)));
  if (doors.length === 0 && ungoverned.length === 0) return NONE;
  const scope = probeScopeOf(res.stack);
  const settings = context.settings;
  // What Allows name and what Denies leave out (a Deny's NotResource can carve out exactly one model).
  const patterns = probePatterns(set.variants.flat());
  const withPrincipal = (r: ProbeRequest): ProbeRequest =>
    principal ? { ...r, principal: principal.principal, context: { ...principal.context, ...r.context } } : r;
  const ask = (request: ProbeRequest, found: Set<string>, what: (label: string, element: string) => string) => {
    for (const s of allowedBy(set, withPrincipal(request), decided)) found.add(what(s.label, grantingElement(s, request.resource)));
  };
  const decided = principal ? [...MODEL_KEYS, ...PRINCIPAL_KEYS] : MODEL_KEYS;
  const unapproved = new Set<string>();
  const outside = new Set<string>();
  const global = new Set<string>();
  if (settings.approvedModels !== undefined) {
    for (const door of doors.filter(d => d.modelFence === 'model-resource')) {
      for (const request of unlistedModelRequests(door, scope, patterns)) ask(request, unapproved, (label, element) => `${label}::${element}`);
    }
    // Models named literally that the approved list cannot hold: an unapproved foundation model or
    // profile left out of a Deny, and imported, custom, provisioned or Marketplace models the app does not define.
    const approved = settings.approvedModels;
    const literal = patterns.filter(p => !/[*?]/.test(p) && !hasPlaceholder(p.replace(/<AWS::Partition>/g, 'aws')) &&
      (MODEL_LIKE_ARN.test(p) || unapprovedModelArn(p, approved, settings.knownGeographyPrefixes)));
    for (const door of doors.filter(d => d.modelFence === 'model-resource')) {
      for (const resource of literal) ask({ action: door.action, resource }, unapproved, label => `${label}::Resource::${resource}`);
    }
    for (const door of ungoverned) {
      const [service] = door.action.split(':');
      for (const resource of ['*', ...door.resourceTypes.map(t => `arn:aws:${service}:${scope.region}:${scope.account}:${t}/probe`)]) {
        ask({ action: door.action, resource }, unapproved, label => `${label}::Action::${door.action}`);
      }
    }
  }
  const models = settings.approvedModels ?? [SAMPLE_MODEL];
  const invokeDoors = doors.filter(d => d.modelFence === 'model-resource');
  // The OpenAI-compatible endpoint names its model in a condition key: every model value the policy
  // names, and an unlisted one, on every project it names (and a probe project).
  for (const door of doors.filter(d => d.modelFence === 'model-key')) {
    const key = door.modelKey!;
    const values = [UNLISTED_MODEL, ...new Set(statements.flatMap(s => Object.entries(s.conditions)
      .filter(([op]) => !/Not|Null/.test(op)).flatMap(([, keys]) => keys[key.toLowerCase()] ?? [])).map(v => v.replace(/\*/g, 'probeunlisted')))];
    const projects = [`arn:aws:bedrock-mantle:${scope.region}:${scope.account}:project/probe`,
      `arn:aws:bedrock-mantle:${UNLISTED_REGION}:${scope.account}:project/probe`,
      ...namedResources(set.variants.flat(), door.action).filter(r => r.includes(':bedrock-mantle:'))];
    for (const resource of new Set(projects)) {
      for (const value of values) {
        const split = splitGeography(value, settings.knownGeographyPrefixes);
        const region = resource.split(':')[3];
        for (const s of allowedBy(set, withPrincipal({ action: door.action, resource, context: { [key]: value, 'aws:RequestedRegion': region } }), decided)) {
          if (settings.approvedModels !== undefined && !settings.approvedModels.includes(split.modelId)) {
            unapproved.add(`${s.label}::Condition::${key}${value === UNLISTED_MODEL ? '' : `::${value}`}`);
          }
          if (settings.approvedGeographyPrefixes !== undefined) {
            if (split.geography !== undefined && !settings.approvedGeographyPrefixes.includes(split.geography)) {
              outside.add(`${s.label}::Geography::${split.geography}`);
            }
            if (!(settings.approvedRegions ?? []).includes(region)) outside.add(`${s.label}::Region::${region === UNLISTED_REGION ? '*' : region}`);
          }
          if (settings.dataResidency && split.geography === 'global') global.add(`${s.label}::Profile::global`);
        }
      }
    }
  }
  if (settings.approvedGeographyPrefixes !== undefined) {
    const approvedRegions = settings.approvedRegions ?? [];
    const reachable = regionsPatternsReach(statements);
    const regions = [UNLISTED_REGION, ...outsideRegions(approvedRegions)].filter(reachable);
    const geographies = Object.keys(REGION_DATA.geographies).filter(g => !settings.approvedGeographyPrefixes!.includes(g) && g !== 'global');
    // Per statement: the regions and geographies outside that it lets a model be called in; every one of them reads `*`.
    const byStatement = new Map<string, { regions: Set<string>; geographies: Set<string> }>();
    const note = (label: string, kind: 'regions' | 'geographies', value: string) => {
      const entry = byStatement.get(label) ?? { regions: new Set<string>(), geographies: new Set<string>() };
      entry[kind].add(value);
      byStatement.set(label, entry);
    };
    for (const door of invokeDoors) {
      for (const model of models) {
        for (const region of regions) {
          for (const s of allowedBy(set, withPrincipal({ action: door.action, resource: foundationModelArn(region, model) }), decided)) note(s.label, 'regions', region);
        }
        for (const g of geographies) {
          for (const source of [UNLISTED_REGION, ...REGION_DATA.geographies[g].sourceRegions].filter(reachable)) {
            for (const s of allowedBy(set, withPrincipal({ action: door.action, resource: profileArn(source, scope.account, `${g}.${model}`) }), decided)) {
              note(s.label, 'geographies', g);
            }
          }
        }
      }
    }
    for (const [label, entry] of byStatement) {
      if (entry.regions.has(UNLISTED_REGION)) outside.add(`${label}::Region::*`);
      else entry.regions.forEach(r => outside.add(`${label}::Region::${r}`));
      if (entry.geographies.size === geographies.length) outside.add(`${label}::Geography::*`);
      else entry.geographies.forEach(g => outside.add(`${label}::Geography::${g}`));
    }
  }
  if (settings.dataResidency) {
    for (const door of invokeDoors.filter(d => INVOKE_ACTIONS.includes(d.action))) {
      for (const model of models) {
        const globalProfile = profileArn(scope.region, scope.account, `global.${model}`);
        ask({ action: door.action, resource: globalProfile }, global, label => `${label}::Profile::global`);
        ask({ action: door.action, resource: `arn:aws:bedrock:::foundation-model/${model}`, context: { 'bedrock:InferenceProfileArn': globalProfile } },
          global, label => `${label}::RegionlessModel`);
      }
    }
  }
  return { unapproved: [...unapproved].sort(), outside: [...outside].sort(), global: [...global].sort() };
}

/** Every region the region data knows that is outside the approved ones (so a wildcard like `us-*` is caught too). */
function outsideRegions(approved: string[]): string[] {
  const all = Object.values(REGION_DATA.geographies).flatMap(g => [...g.sourceRegions, ...g.destinationRegions]);
  return [...new Set(all)].filter(r => !approved.includes(r)).sort();
}

/**
 * Which regions are worth asking about (a cheap filter before the requests). A region only changes
 * the answer through the resource patterns (the conditions the rules leave free cannot see it), so
 * the non-existent region stands for every region a full wildcard (`*`, `NotResource`, a `*` region
 * segment) matches, and real regions are asked only where a partial wildcard (`us-*`) or a literal
 * names them.
 */
function regionsPatternsReach(statements: Statement[]): (region: string) => boolean {
  const segments: string[] = [];
  for (const s of statements) {
    if (s.notResources.length > 0 || s.resources.length === 0) continue;
    for (const r of s.resources) {
      const parts = r.replace(/<AWS::Partition>/g, 'aws').split(':');
      if (r !== '*' && parts[0] === 'arn' && parts.length >= 6 && parts[3] !== '*') segments.push(parts[3]);
    }
  }
  return region => region === UNLISTED_REGION || segments.some(seg => resourceMatches(seg, region));
}

interface AskedAs {
  readonly set: PolicySet;
  readonly principal?: { principal: ProbeRequest['principal']; context: Record<string, string> };
}

/** The policy set of an identity resource, or of an endpoint policy asked as a principal of the account and organization. */
function askedAs(res: RenderedResource): AskedAs | undefined {
  if (res.type !== 'AWS::EC2::VPCEndpoint') {
    const set = policySetOf(res);
    return set.documents.length > 0 ? { set } : undefined;
  }
  const document = res.properties.PolicyDocument;
  if (!document) return undefined;
  const variants = documentVariants(document, res.stack);
  const account = probeScopeOf(res.stack).account;
  const context = ownPrincipalContext(variants.flat(), account);
  return {
    set: policySetOfStatements(variants),
    principal: { principal: { type: 'AWS', id: context['aws:PrincipalArn'], account }, context },
  };
}

/** The context of a principal of the account, meeting the principal conditions the policy sets (its organization, path, role name). */
export function ownPrincipalContext(statements: ReturnType<typeof documentVariants>[number], account: string): Record<string, string> {
  const meeting = principalValuesMeeting(statements);
  return principalContext(account, meeting['aws:PrincipalOrgID'] ?? 'o-probeown', { ...meeting, 'aws:PrincipalAccount': account });
}

/** Whether an identity or endpoint policy has an Allow statement for a model door (MD1 applies to it). */
export function grantsModelDoor(res: RenderedResource): boolean {
  const asked = askedAs(res);
  return asked !== undefined && asked.set.variants.flat()
    .some(s => s.effect === 'Allow' && [...MODEL_DOORS, ...UNGOVERNED_DOORS].some(d => coversAction(s, d.action)));
}
