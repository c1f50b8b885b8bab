import { Statement } from './iam';

/**
 * What an IAM policy allows, by meaning: the pack's own evaluator of IAM's evaluation logic for
 * one policy (its Allow and Deny statements), asked about concrete requests. Every rule that reads a
 * policy asks it questions such as "can this policy invoke model M in region R without guardrail G?"
 * by building that request (see probes.ts), so a wildcard in any ARN segment or action, `NotAction`,
 * `NotResource`, a condition that fences nothing, or a Deny that fences all count for what they do,
 * not for how they are spelled.
 *
 * Values that the pack cannot know (a reference to another resource, `<Logical.Attribute>`) are
 * specific values: they match only themselves. A condition operator the evaluator does not know
 * counts as met in an Allow and as not met in a Deny, so an unknown operator never hides a finding.
 *
 * test/compliance/policy-evaluator.test.ts compares it with the IAM simulator on generated statements
 * and requests.
 */

/** One request: an action on a resource, with its context (keys in any case) and, for resource policies, its principal. */
export interface ProbeRequest {
  readonly action: string;
  readonly resource: string;
  /** Context keys and their values; a missing key is absent from the request */
  readonly context?: Record<string, string | string[] | undefined>;
  /** The caller, for resource policies (endpoint, trust and bucket policies) */
  readonly principal?: ProbePrincipal;
  /**
   * The condition keys the question is about. A key outside this list that the context does not
   * give is one the caller can satisfy (a guardrail it names, the endpoint it comes through): it
   * counts as met in an Allow and as not met in a Deny. Undefined: every key is decided by the context.
   */
  readonly decidedKeys?: string[];
}

export interface ProbePrincipal {
  /** `AWS` for IAM principals, `Service` for service principals */
  readonly type: 'AWS' | 'Service';
  /** The principal's ARN (or the service name) */
  readonly id: string;
  /** The principal's account, for `AWS` principals */
  readonly account?: string;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** The decision of a set of statements (one policy, or several of one principal) on a request. */
export function decide(statements: readonly Statement[], request: ProbeRequest): Decision {
  const { denied, allowing } = evaluate(statements, request);
  return denied ? 'explicit-deny' : allowing.length > 0 ? 'allow' : 'implicit-deny';
}

/** Whether the statements allow the request. */
export function allows(statements: readonly Statement[], request: ProbeRequest): boolean {
  return decide(statements, request) === 'allow';
}

/** The Allow statements that match the request when no Deny does (for messages: which statement lets it through). */
export function allowingStatements(statements: readonly Statement[], request: ProbeRequest): Statement[] {
  const { denied, allowing } = evaluate(statements, request);
  return denied ? [] : allowing;
}

/** One pass over the statements: whether a Deny matches, and which Allows do. */
function evaluate(statements: readonly Statement[], request: ProbeRequest): { denied: boolean; allowing: Statement[] } {
  const context = lowerCaseKeys(request.context ?? {});
  const decided = request.decidedKeys === undefined ? undefined : new Set(request.decidedKeys.map(k => k.toLowerCase()));
  const allowing: Statement[] = [];
  for (const s of statements) {
    if (!matchesStatement(s, request, context, decided)) continue;
    if (s.effect === 'Deny') return { denied: true, allowing: [] };
    if (s.effect === 'Allow') allowing.push(s);
  }
  return { denied: false, allowing };
}

type Context = Map<string, string[]>;

function lowerCaseKeys(context: Record<string, string | string[] | undefined>): Context {
  const out: Context = new Map();
  for (const [k, v] of Object.entries(context)) {
    if (v === undefined) continue;
    out.set(k.toLowerCase(), Array.isArray(v) ? v : [v]);
  }
  return out;
}

function matchesStatement(s: Statement, request: ProbeRequest, context: Context, decided: Set<string> | undefined): boolean {
  const deny = s.effect === 'Deny';
  if (!matchesAction(s, request.action)) return false;
  if (!matchesResource(s, request.resource, context, decided !== undefined)) return false;
  if (request.principal !== undefined && !matchesPrincipal(s, request.principal)) return false;
  return matchesConditions(s, context, deny, decided);
}

/** Whether a statement's Action (or NotAction) covers an action, whatever its effect, resources and conditions. */
export function coversAction(s: Statement, action: string): boolean {
  return matchesAction(s, action);
}

function matchesAction(s: Statement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some(p => actionMatches(p, action));
  return s.actions.some(p => actionMatches(p, action));
}

/** Actions compare case-insensitively, with `*` and `?` anywhere. */
export function actionMatches(pattern: string, action: string): boolean {
  return globRegExp(pattern, 'i').test(action);
}

function matchesResource(s: Statement, resource: string, context: Context, probing: boolean): boolean {
  // A question (decidedKeys given) lets the caller be whoever a policy variable names: in an Allow a
  // variable without a value stands for any value; in a Deny it matches nothing (IAM's own reading).
  const free = probing && s.effect === 'Allow' && s.notResources.length === 0;
  const matches = (p: string) => {
    const pattern = substituteVariables(p, context, free);
    return pattern !== undefined && resourceMatches(pattern, resource);
  };
  if (s.notResources.length > 0) return !s.notResources.some(matches);
  // A statement with neither element (a trust policy) applies to any resource.
  if (s.resources.length === 0) return true;
  return s.resources.some(matches);
}

/**
 * IAM's resource matching: an ARN pattern is matched segment by segment (partition, service, region,
 * account, then the rest), a wildcard never spanning a colon of the first five; `*` alone matches everything.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  return matcherOf(pattern)(resource);
}

type Matcher = (resource: string) => boolean;

/** The rules ask thousands of requests of the same few patterns: each pattern is compiled once. */
const matchers = new Map<string, Matcher>();
const arnSegments = new Map<string, string[] | undefined>();

function matcherOf(pattern: string): Matcher {
  let m = matchers.get(pattern);
  if (m) return m;
  const p = normalize(pattern);
  const ps = p.startsWith('arn:') ? splitArn(p) : undefined;
  if (p === '*') {
    m = () => true;
  } else if (!ps) {
    const re = globRegExp(p, '');
    m = r => re.test(normalize(r));
  } else {
    // An ARN pattern of fewer than six segments leaves the missing ones unchecked, as if they were `*`:
    // its last segment is that segment only, never the rest of the ARN (`arn:aws:bedrock:*:foundation-model/*`
    // names no foundation model; the IAM simulator reads identity policies so, see evaluator-cases.ts).
    const res = ps.map((segment, i) => segment === '*' ? undefined : globRegExp(segment, i === 1 ? 'i' : ''));
    const whole = globRegExp(p, '');
    m = r => {
      const rs = segmentsOf(r);
      if (!rs) return whole.test(normalize(r));
      return res.every((re, i) => re === undefined || re.test(rs[i]));
    };
  }
  if (matchers.size > 50_000) matchers.clear();
  matchers.set(pattern, m);
  return m;
}

/** The six segments of an ARN (the resource part holding the rest), or undefined for anything else. */
function segmentsOf(resource: string): string[] | undefined {
  if (arnSegments.has(resource)) return arnSegments.get(resource);
  const r = normalize(resource);
  const rs = r.startsWith('arn:') ? splitArn(r) : undefined;
  const out = rs && rs.length === 6 ? rs : undefined;
  if (arnSegments.size > 50_000) arnSegments.clear();
  arnSegments.set(resource, out);
  return out;
}

function splitArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length < 6) return parts;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** The pack writes the partition as `<AWS::Partition>`; the probes are in the commercial partition. */
function normalize(value: string): string {
  return value.replace(/<AWS::Partition>/g, 'aws');
}

const compiled = new Map<string, RegExp>();

function globRegExp(pattern: string, flags: string): RegExp {
  const key = `${flags}|${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = compileGlob(pattern, flags);
    if (compiled.size > 50_000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

function compileGlob(pattern: string, flags: string): RegExp {
  const body = pattern.split('').map(c => c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${body}$`, flags + 's');
}

/** Replaces `${key}` policy variables from the context; undefined when a variable has no value (the element then matches nothing). */
function substituteVariables(pattern: string, context: Context, missingAsWildcard = false): string | undefined {
  let missing = false;
  const out = pattern.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
    if (name === '*') return '*';
    if (name === '?') return '?';
    if (name === '$') return '$';
    const [key, fallback] = name.split(/,\s*/);
    const value = context.get(key.toLowerCase())?.[0];
    if (value !== undefined) return value;
    const quoted = /^'(.*)'$/.exec(fallback ?? '');
    if (quoted) return quoted[1];
    if (missingAsWildcard) return '*';
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

function matchesPrincipal(s: Statement, principal: ProbePrincipal): boolean {
  if (s.notPrincipal !== undefined) return !principalListMatches(s.notPrincipal, principal);
  if (s.principal === undefined) return false;
  return principalListMatches(s.principal, principal);
}

function principalListMatches(element: unknown, principal: ProbePrincipal): boolean {
  if (element === '*') return true;
  if (typeof element !== 'object' || element === null) return false;
  for (const [type, values] of Object.entries(element as Record<string, unknown>)) {
    const list = (Array.isArray(values) ? values : [values]).map(String);
    if (type === 'AWS' && principal.type === 'AWS') {
      if (list.some(v => v === '*' || v === principal.id || (principal.account !== undefined &&
        (v === principal.account || normalize(v) === `arn:aws:iam::${principal.account}:root`)))) return true;
    }
    if (type === 'Service' && principal.type === 'Service' && list.some(v => v === '*' || v === principal.id)) return true;
  }
  return false;
}

function matchesConditions(s: Statement, context: Context, deny: boolean, decided: Set<string> | undefined): boolean {
  for (const [operator, keys] of Object.entries(s.conditions)) {
    for (const [key, values] of Object.entries(keys)) {
      const variableWithoutValue = decided !== undefined && values.some(v => substituteVariables(v, context) === undefined);
      const free = decided !== undefined && ((!decided.has(key.toLowerCase()) && !context.has(key.toLowerCase())) || variableWithoutValue);
      const met = free ? 'unknown' : conditionMet(operator, key, values, context);
      if (met === 'unknown') {
        if (deny) return false;
        continue;
      }
      if (!met) return false;
    }
  }
  return true;
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike',
  'NumericNotEquals', 'DateNotEquals', 'NotIpAddress']);

/** One condition: operator, key and policy values against the request context. */
export function conditionMet(operator: string, key: string, policyValues: string[], context: Map<string, string[]>): boolean | 'unknown' {
  const m = /^(ForAnyValue:|ForAllValues:)?([A-Za-z]+?)(IfExists)?$/.exec(operator);
  if (!m) return 'unknown';
  const [, set, base, ifExists] = m;
  const compare = comparator(base);
  if (compare === undefined) return 'unknown';
  const requestValues = context.get(key.toLowerCase());
  if (base === 'Null') {
    const absent = requestValues === undefined || requestValues.length === 0;
    return policyValues.some(v => (v.toLowerCase() === 'true') === absent);
  }
  if (requestValues === undefined || requestValues.length === 0) {
    if (ifExists) return true;
    if (set === 'ForAllValues:') return true;
    if (set === 'ForAnyValue:') return false;
    return NEGATED.has(base);
  }
  const negated = NEGATED.has(base);
  const positiveMatch = (value: string) => policyValues.some(p => {
    const pattern = substituteVariables(p, context);
    return pattern !== undefined && compare(pattern, value);
  });
  const matchOne = (value: string) => negated ? !positiveMatch(value) : positiveMatch(value);
  if (set === 'ForAllValues:') return requestValues.every(matchOne);
  if (set === 'ForAnyValue:') return requestValues.some(matchOne);
  // A single-valued operator on a multi-valued key: met when any value is (AWS's documented behaviour is
  // undefined here; this is the reading that never hides a finding in an Allow).
  return negated ? requestValues.every(matchOne) : requestValues.some(matchOne);
}

type Comparator = (policyValue: string, requestValue: string) => boolean;

function comparator(base: string): Comparator | undefined {
  switch (base.replace(/^(String|Arn|Numeric|Date)Not/, '$1').replace(/^NotIpAddress$/, 'IpAddress')) {
    case 'StringEquals': return (p, v) => p === v;
    case 'StringEqualsIgnoreCase': return (p, v) => p.toLowerCase() === v.toLowerCase();
    case 'StringLike': return (p, v) => globRegExp(p, '').test(v);
    case 'ArnEquals': return (p, v) => normalize(p) === normalize(v);
    case 'ArnLike': return (p, v) => resourceMatches(p, v) && normalize(v).startsWith('arn:');
    case 'NumericEquals': return numeric((a, b) => a === b);
    case 'NumericLessThan': return numeric((a, b) => b < a);
    case 'NumericLessThanEquals': return numeric((a, b) => b <= a);
    case 'NumericGreaterThan': return numeric((a, b) => b > a);
    case 'NumericGreaterThanEquals': return numeric((a, b) => b >= a);
    case 'DateEquals': return date((a, b) => a === b);
    case 'DateLessThan': return date((a, b) => b < a);
    case 'DateLessThanEquals': return date((a, b) => b <= a);
    case 'DateGreaterThan': return date((a, b) => b > a);
    case 'DateGreaterThanEquals': return date((a, b) => b >= a);
    case 'Bool': return (p, v) => p.toLowerCase() === v.toLowerCase();
    case 'BinaryEquals': return (p, v) => p === v;
    case 'IpAddress': return (p, v) => ipInCidr(v, p);
    case 'Null': return () => false;
    default: return undefined;
  }
}

function numeric(test: (policy: number, request: number) => boolean): Comparator {
  return (p, v) => {
    const a = Number(p);
    const b = Number(v);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

function date(test: (policy: number, request: number) => boolean): Comparator {
  const parse = (s: string) => /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
  return (p, v) => {
    const a = parse(p);
    const b = parse(v);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

function ipInCidr(ip: string, cidr: string): boolean {
  const toInt = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const [base, bits] = cidr.split('/');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return ip === cidr;
  const size = 2 ** (32 - Number(bits ?? 32));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base) / size);
}
