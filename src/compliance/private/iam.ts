import { RenderedResource, StackIndex } from './context';
import { asArray, flatten, referenceOf } from './values';

/** The IAM resource types whose documents are identity policies. */
export const IDENTITY_POLICY_TYPES = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
];

export const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** A policy statement with its lists normalized and its resources flattened to strings. */
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  readonly principal: any;
  /** Condition operator -> key (lower case) -> values, flattened */
  readonly conditions: Record<string, Record<string, string[]>>;
}

/** An identity policy document and what it is attached to. */
export interface IdentityDocument {
  readonly statements: Statement[];
  /** Logical IDs of the roles of this stack the document applies to */
  readonly roles: string[];
  /** Whether the document applies to users, groups or roles it cannot resolve */
  readonly otherPrincipals: boolean;
}

export function statementsOf(document: any, stack: StackIndex): Statement[] {
  return asArray(document?.Statement).map((s: any) => ({
    sid: s.Sid,
    effect: s.Effect ?? 'Allow',
    actions: asArray(s.Action).map(a => flatten(a, stack) ?? ''),
    notActions: asArray(s.NotAction).map(a => flatten(a, stack) ?? ''),
    resources: asArray(s.Resource).map(r => flatten(r, stack) ?? ''),
    notResources: asArray(s.NotResource).map(r => flatten(r, stack) ?? ''),
    principal: s.Principal,
    conditions: conditionsOf(s.Condition, stack),
  }));
}

function conditionsOf(condition: any, stack: StackIndex): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    const byKey: Record<string, string[]> = {};
    for (const [key, values] of Object.entries((entries ?? {}) as object)) {
      byKey[key.toLowerCase()] = asArray(values).map(v => flatten(v, stack) ?? '');
    }
    out[operator] = byKey;
  }
  return out;
}

/** The values of a condition key under any operator (or undefined when the key is absent). */
export function conditionValues(statement: Statement, key: string, operatorPattern = /./): string[] | undefined {
  let found: string[] | undefined;
  for (const [operator, keys] of Object.entries(statement.conditions)) {
    if (!operatorPattern.test(operator)) continue;
    const values = keys[key.toLowerCase()];
    if (values) found = [...(found ?? []), ...values];
  }
  return found;
}

/** IAM wildcard matching, case-insensitive (`*` any run, `?` one character). */
export function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.split('').map(c => c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('') + '$', 'i');
  return re.test(value);
}

/** Whether an Allow statement allows the action (through Action or NotAction). */
export function allowsAction(statement: Statement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notActions.length > 0) return !statement.notActions.some(p => globMatches(p, action));
  return statement.actions.some(p => globMatches(p, action));
}

/** Whether an Allow statement allows invoking a model. */
export function allowsInvoke(statement: Statement): boolean {
  return INVOKE_ACTIONS.some(a => allowsAction(statement, a));
}

/** The identity policy documents of an IAM resource, with the roles they apply to. */
export function identityDocuments(res: RenderedResource): IdentityDocument[] {
  const p = res.properties;
  const stack = res.stack;
  const attached = (names: unknown) => {
    const roles: string[] = [];
    let other = false;
    for (const name of asArray(names)) {
      const ref = referenceOf(name);
      if (ref && stack.byId(ref.logicalId)?.type === 'AWS::IAM::Role') roles.push(ref.logicalId);
      else other = true;
    }
    return { roles, other };
  };
  switch (res.type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy': {
      const roles = attached(p.Roles);
      const referencingRoles = res.type === 'AWS::IAM::ManagedPolicy'
        ? stack.ofType('AWS::IAM::Role')
          .filter(r => asArray(r.properties.ManagedPolicyArns).some(a => referenceOf(a)?.logicalId === res.logicalId))
          .map(r => r.logicalId)
        : [];
      return [{
        statements: statementsOf(p.PolicyDocument, stack),
        roles: [...new Set([...roles.roles, ...referencingRoles])],
        otherPrincipals: roles.other || asArray(p.Users).length > 0 || asArray(p.Groups).length > 0 ||
          (roles.roles.length + referencingRoles.length === 0),
      }];
    }
    case 'AWS::IAM::Role':
      return asArray(p.Policies).map((pol: any) => ({
        statements: statementsOf(pol.PolicyDocument, stack), roles: [res.logicalId], otherPrincipals: false,
      }));
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return asArray(p.Policies).map((pol: any) => ({ statements: statementsOf(pol.PolicyDocument, stack), roles: [], otherPrincipals: true }));
    case 'AWS::IAM::RolePolicy': {
      const roles = attached(p.RoleName);
      return [{ statements: statementsOf(p.PolicyDocument, stack), roles: roles.roles, otherPrincipals: roles.other }];
    }
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      return [{ statements: statementsOf(p.PolicyDocument, stack), roles: [], otherPrincipals: true }];
    default:
      return [];
  }
}

/** Every statement of the identity policies of an IAM resource. */
export function identityStatements(res: RenderedResource): Statement[] {
  return identityDocuments(res).flatMap(d => d.statements);
}

/** The service principals a statement names. */
export function servicePrincipals(statement: Statement, stack: StackIndex): string[] {
  const principal = statement.principal;
  if (!principal || typeof principal !== 'object') return [];
  return asArray(principal.Service).map(s => flatten(s, stack) ?? '');
}

/** Whether a role may be assumed only by Bedrock (an agent, knowledge base or logging role). */
export function isBedrockServiceRole(role: RenderedResource): boolean {
  const statements = statementsOf(role.properties.AssumeRolePolicyDocument, role.stack).filter(s => s.effect === 'Allow');
  if (statements.length === 0) return false;
  return statements.every(s => {
    const services = servicePrincipals(s, role.stack);
    const others = typeof s.principal === 'object' && s.principal !== null
      ? Object.keys(s.principal).filter(k => k !== 'Service') : ['*'];
    return services.length > 0 && others.length === 0 && services.every(isBedrockService);
  });
}

export function isBedrockService(service: string): boolean {
  return /^bedrock\.amazonaws\.com(\.cn)?$/.test(service);
}

/**
 * The logical IDs of the roles of a stack that may invoke a model, through their inline policies,
 * policies attached to them, or managed policies they list.
 */
export function invokingRoles(stack: StackIndex): Set<string> {
  return stack.memoize('invokingRoles', () => {
    const roles = new Set<string>();
    for (const type of IDENTITY_POLICY_TYPES) {
      for (const res of stack.ofType(type)) {
        for (const doc of identityDocuments(res)) {
          if (doc.statements.some(allowsInvoke)) doc.roles.forEach(r => roles.add(r));
        }
      }
    }
    return roles;
  });
}
