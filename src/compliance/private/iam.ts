import { RenderedResource, StackIndex } from './context';
import { awsManagedPolicyOf } from './managed-policies';
import { asArray, flatten, isIntrinsic, parseJsonText, referenceOf } from './values';
import { variantKey } from './variant-key';

/** The IAM resource types whose documents are identity policies. */
export const IDENTITY_POLICY_TYPES = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
  // Identity Center: the inline, AWS managed and customer managed policies of a permission set are
  // handed to every user assigned to it, in every account of the assignment.
  'AWS::SSO::PermissionSet',
  // SAM (the template's Transform): the role SAM creates holds the function's or state machine's policies.
  'AWS::Serverless::Function', 'AWS::Serverless::StateMachine',
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

/** An identity policy document, under one combination of the template's conditions, and what it is attached to. */
export interface IdentityDocument {
  /** Its statements, every `Fn::If` resolved for this variant */
  readonly statements: Statement[];
  /** Which combination of the resource's conditions (index into its variants) the document belongs to */
  readonly variant: number;
  /** Logical IDs of the roles of this stack the document applies to */
  readonly roles: string[];
  /** Whether the document applies to users, groups or roles it cannot resolve */
  readonly otherPrincipals: boolean;
  /** The AWS managed policy it is, for managed policies the pack bundles */
  readonly managedPolicy?: string;
}

/**
 * The combinations of the CloudFormation conditions a value's `Fn::If`s name: up to four conditions
 * exhaustively; beyond that, all true, all false and each one alone true (a documented limit).
 */
function assignmentsOf(value: unknown): Array<Record<string, boolean>> {
  const names = [...conditionNames(value)].sort();
  const assignments: Array<Record<string, boolean>> = [];
  if (names.length <= 4) {
    for (let mask = 0; mask < 2 ** names.length; mask++) {
      assignments.push(Object.fromEntries(names.map((n, i) => [n, Math.floor(mask / 2 ** i) % 2 === 1])));
    }
  } else {
    assignments.push(Object.fromEntries(names.map(n => [n, true])), Object.fromEntries(names.map(n => [n, false])));
    for (const name of names) assignments.push(Object.fromEntries(names.map(n => [n, n === name])));
  }
  return assignments;
}

/** A value as deployed under each combination of its conditions (`Fn::If` resolved at any depth, `AWS::NoValue` removed). */
export function valueVariants(value: unknown): unknown[] {
  return assignmentsOf(value).map(assignment => {
    const resolved = chooseBranches(value, assignment);
    return resolved === NO_VALUE ? undefined : resolved;
  });
}

/**
 * A policy document's statements under each combination of its conditions. The document may be
 * chosen by `Fn::If` at any level, or given as a JSON string. `labelOffset` numbers the statements
 * after earlier documents of the same resource.
 */
export function documentVariants(document: any, stack: StackIndex, labelOffset = 0): Statement[][] {
  return valueVariants(document).map(resolved => statementsOfResolved(resolved, stack, labelOffset));
}

/** The statements of a document with no `Fn::If` left. */
function statementsOfResolved(document: any, stack: StackIndex, labelOffset: number): Statement[] {
  const parsed = parsedDocument(document, stack);
  if (parsed === UNREADABLE) return [unreadableStatement(stack)];
  return asArray(parsed?.Statement).filter(raw => raw && typeof raw === 'object')
    .map((raw, index) => statementOf(raw, stack, labelOffset + index + 1));
}

/**
 * A policy document as an object: given as one, as a JSON string, or as an intrinsic that renders a
 * JSON string (`Fn::Sub` or `Fn::Join` around the JSON text), whose references read as placeholders.
 */
function parsedDocument(document: any, stack: StackIndex): any {
  if (document === undefined || document === null) return undefined;
  const text = typeof document === 'string' ? document : isIntrinsic(document) ? flatten(document, stack) : undefined;
  if (text === undefined) return document;
  return parseJsonText(text) ?? UNREADABLE;
}

/** A document the pack cannot read: one chosen at deployment (a parameter, an import) or text that is not JSON. */
const UNREADABLE = Symbol('unreadable document');

/**
 * What an unreadable document may allow: anything. Every rule that asks the policy a question then
 * reports it, named `Document::unknown`, instead of passing a document it could not read.
 */
function unreadableStatement(stack: StackIndex): Statement {
  return { ...statementOf({ Effect: 'Allow', Action: '*', Resource: '*' }, stack, 0), label: 'Document::unknown' };
}

export function statementsOf(document: any, stack: StackIndex, labelOffset = 0): Statement[] {
  return unionOfVariants(documentVariants(document, stack, labelOffset));
}

function statementOf(s: any, stack: StackIndex, index: number): Statement {
  const allow = (s.Effect ?? 'Allow') === 'Allow';
  // In an Allow, an action or resource the pack cannot know (a parameter, an import, an intrinsic it
  // does not evaluate) may be anything at deployment: it counts as `*`. A resource's own reference stays specific.
  const unknownAsWildcard = (text: string) => allow
    ? text.replace(/<(Fn::[A-Za-z]+|Import(:[^>]*)?)>/g, '*').replace(/<([A-Za-z0-9]+)>/g, (m, id: string) => stack.isParameter(id) ? '*' : m)
    : text;
  const flat = (v: unknown) => flatten(v, stack) ?? '';
  const element = (v: unknown) => unknownAsWildcard(flat(v));
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    label: typeof s.Sid === 'string' && s.Sid !== '' ? `Sid::${s.Sid}` : `Statement::${index}`,
    effect: s.Effect ?? 'Allow',
    actions: asArray(s.Action).map(element),
    notActions: asArray(s.NotAction).map(flat),
    resources: asArray(s.Resource).map(element),
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
  return res.stack.memoize(`identityDocuments|${variantKey(res)}`, () => computeIdentityDocuments(res));
}

function computeIdentityDocuments(res: RenderedResource): IdentityDocument[] {
  // Every Fn::If of the resource is resolved together: around a document, a statement list, a
  // policy entry or a managed-policy ARN, and with one assignment for all of the resource's documents.
  return valueVariants(res.properties)
    .flatMap((properties, variant) => documentsOfVariant(res, (properties ?? {}) as Record<string, unknown>, variant));
}

function documentsOfVariant(res: RenderedResource, p: Record<string, any>, variant: number): IdentityDocument[] {
  const stack = res.stack;
  let offset = 0;
  type Target = Omit<IdentityDocument, 'statements' | 'variant'>;
  const documentOf = (document: any, target: Target): IdentityDocument => {
    const parsed = parsedDocument(document, stack);
    const numbered = statementsOfResolved(parsed, stack, offset);
    if (parsed === UNREADABLE) return { ...target, statements: numbered, variant };
    // An AWS managed policy's statements are named by the policy: that is what the template lists.
    const statements = target.managedPolicy ? numbered.map(st => ({ ...st, label: `Policy::${target.managedPolicy}` })) : numbered;
    if (!target.managedPolicy) offset += asArray(parsed?.Statement).length;
    return { ...target, statements, variant };
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
  const managedFrom = (arns: unknown, target: Target) => asArray(arns).flatMap(arn => {
    const policy = awsManagedPolicyOf(flatten(arn, stack) ?? '');
    return policy ? [documentOf(policy.document, { ...target, managedPolicy: policy.name })] : [];
  });
  const managed = (target: Target) => managedFrom(p.ManagedPolicyArns, target);
  const listing = (type: string) => stack.ofType(type)
    .filter(r => asArray(r.properties.ManagedPolicyArns).some(a => referenceOf(a)?.logicalId === res.logicalId));
  switch (res.type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy': {
      const roles = attached(p.Roles);
      const managedPolicy = res.type === 'AWS::IAM::ManagedPolicy';
      const referencingRoles = managedPolicy ? listing('AWS::IAM::Role').map(r => r.logicalId) : [];
      // Users and groups that list the managed policy hold it too.
      const referencingOthers = managedPolicy && (listing('AWS::IAM::User').length > 0 || listing('AWS::IAM::Group').length > 0);
      return [documentOf(p.PolicyDocument, {
        roles: [...new Set([...roles.roles, ...referencingRoles])],
        otherPrincipals: roles.other || asArray(p.Users).length > 0 || asArray(p.Groups).length > 0 || referencingOthers ||
          (roles.roles.length + referencingRoles.length === 0),
      })];
    }
    case 'AWS::IAM::Role': {
      const target = { roles: [res.logicalId], otherPrincipals: false };
      return [...asArray(p.Policies).filter(pol => pol && typeof pol === 'object').map((pol: any) => documentOf(pol.PolicyDocument, target)), ...managed(target)];
    }
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group': {
      const target = { roles: [], otherPrincipals: true };
      return [...asArray(p.Policies).filter(pol => pol && typeof pol === 'object').map((pol: any) => documentOf(pol.PolicyDocument, target)), ...managed(target)];
    }
    case 'AWS::IAM::RolePolicy': {
      const roles = attached(p.RoleName);
      return [documentOf(p.PolicyDocument, { roles: roles.roles, otherPrincipals: roles.other })];
    }
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      return [documentOf(p.PolicyDocument, { roles: [], otherPrincipals: true })];
    case 'AWS::SSO::PermissionSet': {
      const target = { roles: [], otherPrincipals: true };
      // A customer managed policy is named, and each account of the assignment must hold one of that
      // name: the pack reads the one of that name and path a stack of the app defines; any other is unknown.
      const customer = asArray(p.CustomerManagedPolicyReferences).filter(r => r && typeof r === 'object').map((r: any) => {
        const defined = stack.managedPolicyNamed(flatten(r.Name, stack) ?? '', flatten(r.Path, stack) ?? '/');
        return documentOf(defined ? defined.properties.PolicyDocument : UNREADABLE, target);
      });
      return [...(p.InlinePolicy === undefined ? [] : [documentOf(p.InlinePolicy, target)]), ...managedFrom(p.ManagedPolicies, target), ...customer];
    }
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine': {
      // Policies: AWS managed policy names or ARNs, inline documents, or SAM policy templates, which
      // the pack does not expand: a template reads as a document it cannot know.
      const target = { roles: [], otherPrincipals: true };
      return asArray(p.Policies).flatMap((entry: any) => {
        if (typeof entry === 'string') return managedFrom(entry.startsWith('arn:') ? entry : `arn:aws:iam::aws:policy/${entry}`, target);
        if (entry && typeof entry === 'object' && !isIntrinsic(entry) && entry.Statement === undefined) return [documentOf(UNREADABLE, target)];
        return [documentOf(entry, target)];
      });
    }
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
