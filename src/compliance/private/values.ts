import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { RenderedResource, StackIndex } from './context';

/**
 * Reading resolved CloudFormation values. A rule sees literals and intrinsics (`Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub`, `Fn::ImportValue`). These helpers turn them into strings the rules can
 * match, with pseudo parameters replaced by the stack's known values and every other reference kept
 * as a placeholder, in cdk-nag's own notation (the one its finding IDs use): `<LogicalId>`,
 * `<LogicalId.Attribute>`, `<AWS::Partition>`, `<Import:ExportName>` (`<Import>` when the name is computed).
 */

const PLACEHOLDER = /<[^>]*>/;

export function asArray<T = any>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value as T[] : [value as T];
}

/** True for an object that is one CloudFormation intrinsic. */
export function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** A value as a string, intrinsics flattened; undefined for undefined. */
export function flatten(value: unknown, stack?: StackIndex): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = value as Record<string, any>;
  if (v.Ref !== undefined) return pseudo(String(v.Ref), stack) ?? `<${v.Ref}>`;
  if (v['Fn::GetAtt'] !== undefined) {
    const att = v['Fn::GetAtt'];
    const [id, attr] = Array.isArray(att) ? att : String(att).split('.');
    return `<${id}.${flatten(attr, stack)}>`;
  }
  if (v['Fn::Join'] !== undefined) {
    const [delimiter, items] = v['Fn::Join'];
    return asArray(items).map(i => flatten(i, stack) ?? '').join(delimiter);
  }
  if (v['Fn::Sub'] !== undefined) {
    const [template, variables] = Array.isArray(v['Fn::Sub']) ? v['Fn::Sub'] : [v['Fn::Sub'], {}];
    return String(template).replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (variables && typeof variables === 'object' && name in variables) return flatten(variables[name], stack) ?? '';
      // A policy variable (`${aws:username}`) is IAM's, not CloudFormation's: it stays.
      if (/^[a-z0-9-]+:/i.test(name) && !name.startsWith('AWS::')) return whole;
      return pseudo(name, stack) ?? `<${name}>`;
    });
  }
  if (v['Fn::Select'] !== undefined && Array.isArray(v['Fn::Select']) && Array.isArray(v['Fn::Select'][1])) {
    const [index, list] = v['Fn::Select'];
    const i = Number(flatten(index, stack));
    return Number.isInteger(i) && i >= 0 && i < list.length ? flatten(list[i], stack) : '<Fn::Select>';
  }
  // An import names its export, so a rule can follow it to the stack of the app that exports it (importedValue).
  if (v['Fn::ImportValue'] !== undefined) return typeof v['Fn::ImportValue'] === 'string' ? `<Import:${v['Fn::ImportValue']}>` : '<Import>';
  return `<${Object.keys(v)[0] ?? '?'}>`;
}

function pseudo(name: string, stack?: StackIndex): string | undefined {
  switch (name) {
    case 'AWS::Region': return stack?.region;
    case 'AWS::AccountId': return stack?.account;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    case 'AWS::Partition': return '<AWS::Partition>';
    default: return undefined;
  }
}

/** Whether a flattened string still holds a reference the pack cannot know. */
export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** The logical ID a `Ref` or `Fn::GetAtt` points to, with the attribute; undefined otherwise. */
export function referenceOf(value: unknown): { logicalId: string; attribute?: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, any>;
  if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) return { logicalId: v.Ref };
  const att = v['Fn::GetAtt'];
  if (att !== undefined) {
    const [logicalId, attribute] = Array.isArray(att) ? att : String(att).split('.');
    return { logicalId: String(logicalId), attribute: typeof attribute === 'string' ? attribute : undefined };
  }
  return undefined;
}

/** The resource of the same stack a value references, if any. */
export function referencedResource(value: unknown, stack: StackIndex): RenderedResource | undefined {
  const ref = referenceOf(value);
  return ref ? stack.byId(ref.logicalId) : undefined;
}

export type KeyKind = 'customer' | 'aws-managed' | 'none' | 'unknown';

/**
 * What a KMS key value is: a key or alias of the template, or a key ARN, counts as customer-managed;
 * an `alias/aws/...` alias is AWS managed; nothing, or a reference to something that is not a key, is
 * none. A value chosen at deployment (a parameter without allowed values, an import, an intrinsic the
 * pack does not evaluate) is unknown: the rules report it as such, never as a pass. `Fn::If` and
 * allowed values are judged before (deploy-variants.ts), so a branch with `AWS::NoValue` reads as none.
 */
export function keyKind(value: unknown, stack: StackIndex): KeyKind {
  if (value === undefined || value === null || value === '') return 'none';
  const imported = importedValue(value, stack);
  if (imported) return imported === 'unknown' ? 'unknown' : keyKind(imported.value, imported.stack);
  const ref = referenceOf(value);
  if (ref) {
    const target = stack.byId(ref.logicalId);
    if (!target) return 'unknown';
    return kindOfKeyResource(target, stack);
  }
  const text = flatten(value, stack) ?? '';
  if (text === '') return 'none';
  if (/(^|[:/])alias\/aws\//.test(text)) return 'aws-managed';
  // Placeholders other than pseudo parameters and the stack's own keys are values nobody can know here.
  for (const m of text.matchAll(/<([^>.]+)(?:\.[^>]*)?>/g)) {
    if (m[1].startsWith('AWS::')) continue;
    if (m[1].startsWith('Import')) {
      const exported = stack.exported(m[1].slice('Import:'.length));
      const kind = exported ? keyKind(exported.value, exported.stack) : 'unknown';
      if (kind !== 'customer') return kind;
      continue;
    }
    const target = stack.byId(m[1]);
    if (!target) return 'unknown';
    const kind = kindOfKeyResource(target, stack);
    if (kind !== 'customer') return kind;
  }
  return 'customer';
}

function kindOfKeyResource(target: RenderedResource, stack: StackIndex): KeyKind {
  if (target.type === 'AWS::KMS::Key' || target.type === 'AWS::KMS::ReplicaKey') return 'customer';
  if (target.type === 'AWS::KMS::Alias') {
    return (flatten(target.properties.AliasName, stack) ?? '').startsWith('alias/aws/') ? 'aws-managed' : 'customer';
  }
  return 'none';
}

/**
 * A rule's result for a property that must hold a customer managed key: compliant, non-compliant, or a
 * `Key::unknown` finding for a value chosen at deployment that the pack cannot know.
 */
export function customerKeyResult(value: unknown, stack: StackIndex): NagRuleResult {
  const kind = keyKind(value, stack);
  if (kind === 'customer') return NagRuleCompliance.COMPLIANT;
  return kind === 'unknown' ? ['Key::unknown'] : NagRuleCompliance.NON_COMPLIANT;
}

/**
 * The value an `Fn::ImportValue` takes: what a stack of the app exports under that name, with that
 * stack; 'unknown' for an export no stack of the app makes (or a computed name); undefined when the
 * value is not an import.
 */
export function importedValue(value: unknown, stack: StackIndex): { stack: StackIndex; value: unknown } | 'unknown' | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as Record<string, unknown>)['Fn::ImportValue'];
  if (name === undefined) return undefined;
  return (typeof name === 'string' ? stack.exported(name) : undefined) ?? 'unknown';
}

/** True when the value is literally true (CloudFormation also accepts the string). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** True when the value is literally false. */
export function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

/** A number when the value is one (or a numeric string); undefined when it cannot be known. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Whether a guardrail version is pinned: a positive integer, or the `Version` of an
 * `AWS::Bedrock::GuardrailVersion` of the template. DRAFT, an empty value, or a reference to
 * something else are not. A parameter without allowed values or an import cannot be known: it is not
 * pinned (allowed values are judged one by one before, deploy-variants.ts).
 */
export function isPinnedVersion(value: unknown, stack: StackIndex): boolean {
  if (value === undefined || value === null) return false;
  const imported = importedValue(value, stack);
  if (imported) return imported !== 'unknown' && isPinnedVersion(imported.value, imported.stack);
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1;
  const ref = referenceOf(value);
  if (ref) {
    const target = stack.byId(ref.logicalId);
    if (!target) return false;
    return target.type === 'AWS::Bedrock::GuardrailVersion' && (ref.attribute === undefined || ref.attribute === 'Version');
  }
  const text = flatten(value, stack) ?? '';
  return pinnedText(text, stack);
}

/** The same test on flattened text (e.g. the version part of `<guardrail ARN>:<version>`). */
export function pinnedText(text: string, stack: StackIndex): boolean {
  if (/^[1-9][0-9]{0,7}$/.test(text)) return true;
  const m = /^<([^.>]+)(?:\.([^>]+))?>$/.exec(text);
  if (m && m[1].startsWith('Import')) {
    const exported = stack.exported(m[1].slice('Import:'.length));
    return exported !== undefined && isPinnedVersion(exported.value, exported.stack);
  }
  if (m) {
    const target = stack.byId(m[1]);
    if (!target) return false;
    return target.type === 'AWS::Bedrock::GuardrailVersion' && (m[2] === undefined || m[2] === 'Version');
  }
  return false;
}

/** Walks every value of a tree, with the key it sits under; intrinsics are leaves. */
export function walk(value: unknown, visit: (key: string, value: unknown, parent: any) => void, key = ''): void {
  if (value === null || value === undefined) return;
  if (isIntrinsic(value) || typeof value !== 'object') {
    visit(key, value, undefined);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach(v => walk(v, visit, key));
    return;
  }
  visit(key, value, undefined);
  for (const [k, v] of Object.entries(value as object)) walk(v, visit, k);
}

/** Parses a JSON document given as a string or as a `Fn::Join` that renders one. */
export function parseJsonDocument(value: unknown, stack: StackIndex): any | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && !isIntrinsic(value)) return value;
  const text = flatten(value, stack);
  return text === undefined ? undefined : parseJsonText(text);
}

/** The value of a JSON text; undefined when it is not JSON. */
export function parseJsonText(text: string): any | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
