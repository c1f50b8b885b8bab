import { CfnParameter } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { RenderedResource, StackIndex } from './context';
import { valueVariants } from './iam';

/**
 * A resource as each deployment of its template may create it. A deploy takes one branch of every
 * `Fn::If` (`AWS::NoValue` removes the property) and one of the allowed values of every parameter, so a
 * rule judges each combination and the worst one decides. A parameter without `AllowedValues` may be
 * anything: it stays a reference, which the rules read as a value they cannot know and report as such.
 */

/** The most combinations of parameter values judged per resource (beyond it: each value once, the others at their first). */
const MAX_PARAMETER_COMBINATIONS = 16;

/** The properties of the resource under each combination of its conditions and allowed parameter values. */
export function deployVariants(res: RenderedResource): RenderedResource[] {
  const byConditions = valueVariants(res.properties).map(p => (p ?? {}) as Record<string, unknown>);
  const out: RenderedResource[] = [];
  const seen = new Set<string>();
  for (const properties of byConditions) {
    for (const substituted of parameterVariants(properties, res.stack)) {
      const key = JSON.stringify(substituted);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...res, properties: substituted, variant: out.length });
    }
  }
  // A resource without Fn::If or a listed parameter is judged as rendered: rules and their caches see it unchanged.
  return out.length === 1 && JSON.stringify(out[0].properties) === JSON.stringify(res.properties) ? [res] : out;
}

/** Each assignment of the allowed values of the parameters the value references. */
function parameterVariants(value: Record<string, unknown>, stack: StackIndex): Array<Record<string, unknown>> {
  const names = [...referencedParameters(value, stack)].sort();
  const choices = names.map(n => ({ name: n, values: stack.allowedValuesOf(n)! }));
  const assignments: Array<Record<string, string>> = [];
  const total = choices.reduce((n, c) => n * c.values.length, 1);
  if (total <= MAX_PARAMETER_COMBINATIONS) {
    let partial: Array<Record<string, string>> = [{}];
    for (const c of choices) partial = partial.flatMap(a => c.values.map(v => ({ ...a, [c.name]: v })));
    assignments.push(...partial);
  } else {
    const first = Object.fromEntries(choices.map(c => [c.name, c.values[0]]));
    for (const c of choices) for (const v of c.values) assignments.push({ ...first, [c.name]: v });
  }
  return assignments.map(a => substitute(value, a) as Record<string, unknown>);
}

function referencedParameters(value: unknown, stack: StackIndex, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach(v => referencedParameters(v, stack, out));
  } else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string' && stack.allowedValuesOf(v.Ref) !== undefined) out.add(v.Ref);
    const sub = v['Fn::Sub'];
    if (sub !== undefined) {
      const template = Array.isArray(sub) ? sub[0] : sub;
      const variables = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' ? sub[1] as object : {};
      for (const m of String(template).matchAll(/\$\{([^!}][^}]*)\}/g)) {
        if (!(m[1] in variables) && stack.allowedValuesOf(m[1]) !== undefined) out.add(m[1]);
      }
    }
    Object.values(v).forEach(x => referencedParameters(x, stack, out));
  }
  return out;
}

function substitute(value: unknown, assignment: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map(v => substitute(v, assignment));
  if (!value || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).length === 1 && typeof v.Ref === 'string' && v.Ref in assignment) return assignment[v.Ref];
  if (Object.keys(v).length === 1 && v['Fn::Sub'] !== undefined) {
    const sub = v['Fn::Sub'];
    const template = Array.isArray(sub) ? sub[0] : sub;
    const variables = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' ? sub[1] as Record<string, unknown> : {};
    const text = String(template).replace(/\$\{([^!}][^}]*)\}/g, (whole, name: string) => !(name in variables) && name in assignment ? assignment[name] : whole);
    return { 'Fn::Sub': Array.isArray(sub) ? [text, substitute(variables, assignment)] : text };
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, assignment)]));
}

/**
 * Runs a check on every deploy variant of a resource; the worst result decides: the findings of every
 * variant together, or NON_COMPLIANT when a variant is non-compliant without naming findings.
 */
export function worstOfVariants(variants: RenderedResource[], run: (variant: RenderedResource) => NagRuleResult): NagRuleResult {
  if (variants.length === 1) return run(variants[0]);
  const findings = new Set<string>();
  let nonCompliant = false;
  let compliant = false;
  for (const v of variants) {
    const result = run(v);
    if (Array.isArray(result)) result.forEach(f => findings.add(f));
    else if (result === NagRuleCompliance.NON_COMPLIANT) nonCompliant = true;
    else if (result === NagRuleCompliance.COMPLIANT) compliant = true;
  }
  if (findings.size > 0) return [...findings].sort();
  if (nonCompliant) return NagRuleCompliance.NON_COMPLIANT;
  return compliant ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
}

/** The allowed values of a parameter, resolved; undefined when it has none (or is not a parameter). */
export function allowedValuesOfParameter(parameter: CfnParameter, resolve: (v: unknown) => unknown): string[] | undefined {
  const values = resolve(parameter.allowedValues);
  return Array.isArray(values) && values.length > 0 && values.every(v => typeof v === 'string' || typeof v === 'number') ? values.map(String) : undefined;
}
