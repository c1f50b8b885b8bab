import { RenderedResource, StackIndex } from './context';
import { awsManagedPolicyOf } from './managed-policies';
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
  /** How messages name the statement: `Sid::<sid>`, or `Statement::<n>` (1-based, in the resource's order) */
  readonly label: string;
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  readonly principal: any;
  readonly notPrincipal?: any;
  /** Condition operator -> key (lower case) -> values, flattened */
  readonly conditions: Record<string, Record<string, string[]>>;
}

/** An identity policy document and what it is attached to. */
export interface IdentityDocument {
  /** Every statement of every variant (both branches of each `Fn::If`) */
  readonly statements: Statement[];
  /** The document as deployed under each combination of the template's conditions */
  readonly variants: Statement[][];
  /** Logical IDs of the roles of this stack the document applies to */
  readonly roles: string[];
  /** Whether the document applies to users, groups or roles it cannot resolve */
  readonly otherPrincipals: boolean;
  /** The AWS managed policy it is, for managed policies the pack bundles */
  readonly managedPolicy?: string;
}

/**
 * The document as deployed under each combination of the CloudFormation conditions its `Fn::If`s
 * name: up to four conditions are combined exhaustively; beyond that, all true, all false and each
 * one alone true (a documented limit). `labelOffset` numbers the statements after earlier documents
 * of the same resource.
 */
export function documentVariants(document: any, stack: StackIndex, labelOffset = 0): Statement[][] {
  const names = [...conditionNames(document)].sort();
  const assignments: Array<Record<string, boolean>> = [];
  if (names.length <= 4) {
    for (let mask = 0; mask < 2 ** names.length; mask++) {
      assignments.push(Object.fromEntries(names.map((n, i) => [n, Math.floor(mask / 2 ** i) % 2 === 1])));
    }
  } else {
    assignments.push(Object.fromEntries(names.map(n => [n, true])), Object.fromEntries(names.map(n => [n, false])));
    for (const name of names) assignments.push(Object.fromEntries(names.map(n => [n, n === name])));
  }
  return assignments.map(assignment => {
    const statements = asArray(document?.Statement);
    const out: Statement[] = [];
    statements.forEach((raw, index) => {
      const resolved = chooseBranches(raw, assignment);
      if (resolved === NO_VALUE || resolved === undefined) return;
      out.push(statementOf(resolved, stack, labelOffset + index + 1));
    });
    return out;
  });
}

export function statementsOf(document: any, stack: StackIndex, labelOffset = 0): Statement[] {
  return unionOfVariants(documentVariants(document, stack, labelOffset));
}

function statementOf(s: any, stack: StackIndex, index: number): Statement {
  const flat = (v: unknown) => flatten(v, stack) ?? '';
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    label: typeof s.Sid === 'string' && s.Sid !== '' ? `Sid::${s.Sid}` : `Statement::${index}`,
    effect: s.Effect ?? 'Allow',
    actions: asArray(s.Action).map(flat),
    notActions: asArray(s.NotAction).map(flat),
    resources: asArray(s.Resource).map(flat),
    notResources: asArray(s.NotResource).map(flat),
    principal: principalOf(s.Principal, stack),
    notPrincipal: s.NotPrincipal === undefined ? undefined : principalOf(s.NotPrincipal, stack),
    conditions: conditionsOf(s.Condition, stack),
  };
}

function principalOf(principal: any, stack: StackIndex): any {
  if (principal === undefined || principal === '*' || typeof principal !== 'object' || principal === null) return principal;
  const out: Record<string, string[]> = {};
  for (const [type, values] of Object.entries(principal)) out[type] = asArray(values).map(v => flatten(v, stack) ?? '');
  return out;
}

const NO_VALUE = Symbol('AWS::NoValue');

function conditionNames(value: any, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {value.forEach(v => conditionNames(v, out));} else if (value && typeof value === 'object') {
    if (Array.isArray(value['Fn::If']) && typeof value['Fn::If'][0] === 'string') out.add(value['Fn::If'][0]);
    Object.values(value).forEach(v => conditionNames(v, out));
  }
  return out;
}

function chooseBranches(value: any, assignment: Record<string, boolean>): any {
  if (Array.isArray(value)) return value.map(v => chooseBranches(v, assignment)).filter(v => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === 'AWS::NoValue') return NO_VALUE;
  if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(value['Fn::If'])) {
    const [name, whenTrue, whenFalse] = value['Fn::If'];
    return chooseBranches(assignment[name] ? whenTrue : whenFalse, assignment);
  }
  const out: Record<string, any> = {};
  for (const k of keys) {
    const v = chooseBranches(value[k], assignment);
    if (v !== NO_VALUE) out[k] = v;
  }
  return out;
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

/** The identity policy documents of an IAM resource, with the roles they apply to (cached per pass). */
export function identityDocuments(res: RenderedResource): IdentityDocument[] {
  return res.stack.memoize(`identityDocuments|${res.logicalId}`, () => computeIdentityDocuments(res));
}

function computeIdentityDocuments(res: RenderedResource): IdentityDocument[] {
  const p = res.properties;
  const stack = res.stack;
  let offset = 0;
  const documentOf = (document: any, target: Omit<IdentityDocument, 'statements' | 'variants'>): IdentityDocument => {
    const numbered = documentVariants(document, stack, offset);
    // An AWS managed policy's statements are named by the policy: that is what the template lists.
    const variants = target.managedPolicy ? numbered.map(v => v.map(st => ({ ...st, label: `Policy::${target.managedPolicy}` }))) : numbered;
    if (!target.managedPolicy) offset += asArray(document?.Statement).length;
    return { ...target, variants, statements: unionOfVariants(variants) };
  };
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
  // AWS managed policies the principal lists count like inline ones.
  const managed = (target: Omit<IdentityDocument, 'statements' | 'variants'>) => asArray(p.ManagedPolicyArns).flatMap(arn => {
    const policy = awsManagedPolicyOf(flatten(arn, stack) ?? '');
    return policy ? [documentOf(policy.document, { ...target, managedPolicy: policy.name })] : [];
  });
  switch (res.type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy': {
      const roles = attached(p.Roles);
      const referencingRoles = res.type === 'AWS::IAM::ManagedPolicy'
        ? stack.ofType('AWS::IAM::Role')
          .filter(r => asArray(r.properties.ManagedPolicyArns).some(a => referenceOf(a)?.logicalId === res.logicalId))
          .map(r => r.logicalId)
        : [];
      return [documentOf(p.PolicyDocument, {
        roles: [...new Set([...roles.roles, ...referencingRoles])],
        otherPrincipals: roles.other || asArray(p.Users).length > 0 || asArray(p.Groups).length > 0 ||
          (roles.roles.length + referencingRoles.length === 0),
      })];
    }
    case 'AWS::IAM::Role': {
      const target = { roles: [res.logicalId], otherPrincipals: false };
      return [...asArray(p.Policies).map((pol: any) => documentOf(pol.PolicyDocument, target)), ...managed(target)];
    }
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group': {
      const target = { roles: [], otherPrincipals: true };
      return [...asArray(p.Policies).map((pol: any) => documentOf(pol.PolicyDocument, target)), ...managed(target)];
    }
    case 'AWS::IAM::RolePolicy': {
      const roles = attached(p.RoleName);
      return [documentOf(p.PolicyDocument, { roles: roles.roles, otherPrincipals: roles.other })];
    }
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      return [documentOf(p.PolicyDocument, { roles: [], otherPrincipals: true })];
    default:
      return [];
  }
}

function unionOfVariants(variants: Statement[][]): Statement[] {
  const seen = new Set<string>();
  return variants.flat().filter(s => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
