import { RenderedResource } from './context';
import { IdentityDocument, Statement, identityDocuments } from './iam';
import { ProbeRequest, actionMatches, allowingStatements, resourceMatches } from './policy-evaluator';
import { regionOfRequest } from './probes';
import { variantKey } from './variant-key';

/**
 * A resource's identity policies as the evaluator sees them: every document the resource carries
 * (inline policies, the document of a policy resource, the AWS managed policies it lists), combined
 * so that a Deny in one document fences an Allow in another, once per combination of the conditions
 * its `Fn::If`s name (resolved across the whole resource).
 */
export interface PolicySet {
  readonly documents: IdentityDocument[];
  readonly variants: Statement[][];
}

export function policySetOf(res: RenderedResource, only?: IdentityDocument[]): PolicySet {
  if (only) return combine(only);
  return res.stack.memoize(`policySet|${variantKey(res)}`, () => combine(identityDocuments(res)));
}

/** The documents of each variant of the resource, together: a Deny in one fences an Allow in another. */
function combine(documents: IdentityDocument[]): PolicySet {
  const byVariant = new Map<number, Statement[]>();
  for (const d of documents) byVariant.set(d.variant, [...(byVariant.get(d.variant) ?? []), ...d.statements]);
  const variants = [...byVariant.values()];
  return { documents, variants: variants.length > 0 ? variants : [[]] };
}

/** The statements of a set of documents, as one policy set. */
export function policySetOfStatements(variants: Statement[][]): PolicySet {
  return { documents: [], variants };
}

/**
 * The Allow statements that let the request through, in any variant. `decidedKeys` are the condition
 * keys the question is about; a condition on any other key that the request does not give is one the
 * caller can meet (see ProbeRequest.decidedKeys).
 */
export function allowedBy(set: PolicySet, request: ProbeRequest, decidedKeys?: string[]): Statement[] {
  if (decidedKeys !== undefined) request = { ...request, decidedKeys: [...(request.decidedKeys ?? []), ...decidedKeys] };
  // A question about regions asks in the region of the resource, as aws:RequestedRegion carries it.
  if (request.decidedKeys?.includes('aws:RequestedRegion') && request.context?.['aws:RequestedRegion'] === undefined && request.resource.startsWith('arn:')) {
    request = { ...request, context: { ...request.context, 'aws:RequestedRegion': regionOfRequest(request.resource, '') } };
  }
  if (set.variants.length === 1) return allowingStatements(set.variants[0], request);
  const out = new Map<string, Statement>();
  for (const v of set.variants) for (const s of allowingStatements(v, request)) out.set(JSON.stringify(s), s);
  return [...out.values()];
}

/** The element of a statement that grants a resource: the pattern that matches it, or `NotResource`. */
export function grantingElement(statement: Statement, resource: string): string {
  if (statement.notResources.length > 0) return 'NotResource';
  if (statement.resources.length === 0) return 'Resource::*';
  // A policy variable stands for any value here, as in the question that found the grant.
  const pattern = statement.resources.find(p => resourceMatches(p.replace(/\$\{[^}]+\}/g, '*'), resource));
  return `Resource::${pattern ?? resource}`;
}

/** The action patterns of a statement that cover an action (or `NotAction`). */
export function grantingAction(statement: Statement, action: string): string {
  if (statement.notActions.length > 0) return 'NotAction';
  return `Action::${statement.actions.find(p => actionMatches(p, action)) ?? action}`;
}
