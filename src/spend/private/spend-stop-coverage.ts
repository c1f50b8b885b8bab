import { Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { recordedRoutes } from '../../models/grants/residency-records';

/** What a spend stop of an account names and where it is. */
export interface StopCoverage {
  /** The stop itself: only the first stop of an account reports, so an account's gap is named once. */
  readonly stop: IConstruct;
  readonly roles: iam.IRole[];
}

/**
 * The problems of an account whose spend stops leave a role out (rt3 F20): every role the library
 * granted model access in the account (a `ModelAccessPolicy`, a `grant*` of a model, a knowledge base's
 * service role, the OpenAI-compatible access) keeps invoking after the account's stops fire unless one
 * of them names it. Only roles are checked: a stop attaches its deny to roles. Read from the grants the
 * library recorded (the residency map's records), so a grant added later is checked too.
 *
 * @param stop the stop that reports
 * @param stops every stop of the app, in the order of the construct tree
 */
export function unstoppedRoleProblems(stop: IConstruct, stops: StopCoverage[]): string[] {
  const account = Stack.of(stop).account;
  const ofAccount = stops.filter(s => Stack.of(s.stop).account === account);
  if (ofAccount[0]?.stop !== stop) return [];
  const stopped = new Set(ofAccount.flatMap(s => s.roles.map(roleKey)));
  const missing = new Map<unknown, string>();
  const createdRoles = stop.node.root.node.findAll()
    .filter((c): c is iam.Role => c instanceof iam.Role && Stack.of(c).account === account);
  for (const route of recordedRoutes(stop)) {
    if (Stack.of(route.target).account !== account) continue;
    for (const role of rolesHolding(route.target, createdRoles)) {
      const key = roleKey(role);
      if (!stopped.has(key) && !missing.has(key)) missing.set(key, describeRole(role));
    }
  }
  // A stop attaches its deny to roles: a user or group the library grants model access cannot be stopped (rt4 R4-7).
  const principals = new Map<IConstruct, string>();
  for (const route of recordedRoutes(stop)) {
    if (Stack.of(route.target).account !== account) continue;
    for (const principal of usersAndGroupsHolding(route.target)) principals.set(principal, describePrincipal(principal));
  }
  const unstoppable = [...principals.values()].map(principal =>
    `${principal} holds a model grant of the landing zone in account ${account}, which has a BedrockSpendStop: a stop denies roles only, ` +
    'so it would keep invoking after the stop fires. Grant model access to roles, which a stop of the account names');
  return [...unstoppable, ...[...missing.values()].map(role =>
    `${role} holds a model grant of the landing zone in account ${account}, and no BedrockSpendStop of that account names it: ` +
    'it would keep invoking after the account\'s spend stop fires. Name it in the roles of a BedrockSpendStop of the account ' +
    '(in its own stack, or one deployed after it, with budget: BedrockBudget.fromBudgetName(<the account\'s budget>))')];
}

/** The users and groups created in the app that hold what was written into `target` (directly, or by a policy attached to them). */
function usersAndGroupsHolding(target: IConstruct): IConstruct[] {
  if (target instanceof iam.User || target instanceof iam.Group) return [target];
  if (!(target instanceof iam.ManagedPolicy) && !(target instanceof iam.Policy)) return [];
  const stack = Stack.of(target);
  const cfn = target.node.defaultChild as iam.CfnManagedPolicy | iam.CfnPolicy;
  const names = [cfn.users, cfn.groups].flatMap(list => {
    const resolved = stack.resolve(list ?? []);
    return Array.isArray(resolved) ? resolved : [];
  });
  const attached = new Set(names.map(v => JSON.stringify(v)));
  if (attached.size === 0) return [];
  return stack.node.root.node.findAll()
    .filter((c): c is iam.User | iam.Group => (c instanceof iam.User || c instanceof iam.Group) && Stack.of(c).environment === stack.environment)
    .filter(c => {
      const name = stack.resolve(c instanceof iam.User ? c.userName : c.groupName);
      const local = typeof name === 'object' && name !== null && 'Ref' in name;
      return !(Stack.of(c) !== stack && local) && attached.has(JSON.stringify(name));
    });
}

function describePrincipal(principal: IConstruct): string {
  return `the ${principal instanceof iam.User ? 'user' : 'group'} ${principal.node.path}`;
}

/**
 * The roles that hold what was written into `target`: the target itself, or the roles a managed or
 * inline policy is attached to. Validations run after the app's references are resolved, so a role of
 * another stack resolves, in the policy's stack, to the import the policy names; a role of another stack
 * that the policy's stack does not import is not one of its roles. A name that is no created role's is
 * an imported role's literal name.
 */
function rolesHolding(target: IConstruct, createdRoles: iam.IRole[]): Array<iam.IRole | string> {
  if (!(target instanceof iam.ManagedPolicy) && !(target instanceof iam.Policy)) return isRole(target) ? [target] : [];
  const stack = Stack.of(target);
  const cfn = target.node.defaultChild as iam.CfnManagedPolicy | iam.CfnPolicy;
  const resolved = stack.resolve(cfn.roles ?? []);
  const attached = new Set<string>((Array.isArray(resolved) ? resolved : []).map(v => JSON.stringify(v)));
  const holders: Array<iam.IRole | string> = [];
  // A policy names roles of its own environment only (a reference across environments does not resolve).
  for (const role of createdRoles.filter(r => Stack.of(r).environment === stack.environment)) {
    const name = stack.resolve(role.roleName);
    const local = typeof name === 'object' && name !== null && 'Ref' in name;
    if (Stack.of(role) !== stack && local) continue;
    if (attached.delete(JSON.stringify(name))) holders.push(role);
  }
  for (const rest of attached) {
    const name = JSON.parse(rest);
    if (typeof name === 'string') holders.push(name);
  }
  return holders;
}

function isRole(c: unknown): c is iam.IRole {
  const any = c as { roleName?: unknown; roleArn?: unknown };
  return typeof any === 'object' && any !== null && typeof any.roleName === 'string' && typeof any.roleArn === 'string';
}

/** One key per role: a created role by its resource, an imported one by its literal name. */
function roleKey(role: iam.IRole | string): unknown {
  if (typeof role === 'string') return role;
  const cfn = role.node.defaultChild;
  if (cfn instanceof iam.CfnRole) return cfn;
  return Token.isUnresolved(role.roleName) ? role : role.roleName;
}

function describeRole(role: iam.IRole | string): string {
  return typeof role === 'string' ? `the role named ${role}` : `the role ${role.node.path}`;
}
