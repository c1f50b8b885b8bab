import { RenderedResource, StackIndex } from './context';

/**
 * Reading resolved CloudFormation values. A rule sees literals and intrinsics (`Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub`, `Fn::ImportValue`). These helpers turn them into strings the rules can
 * match, with pseudo parameters replaced by the stack's known values and every other reference kept
 * as a placeholder, in cdk-nag's own notation (the one its finding IDs use): `<LogicalId>`,
 * `<LogicalId.Attribute>`, `<AWS::Partition>`, `<Import>`.
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
  if (v['Fn::ImportValue'] !== undefined) return '<Import>';
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

export type KeyKind = 'customer' | 'aws-managed' | 'none';

/**
 * What a KMS key value is: a key or alias of the template (or a key ARN, or a value the pack cannot
 * know) counts as customer-managed; an `alias/aws/...` alias is AWS managed; nothing, or a reference
 * to something that is not a key, is none.
 */
export function keyKind(value: unknown, stack: StackIndex): KeyKind {
  if (value === undefined || value === null || value === '') return 'none';
  const ref = referenceOf(value);
  if (ref) {
    const target = stack.byId(ref.logicalId);
    if (!target) return 'customer';
    if (target.type === 'AWS::KMS::Key' || target.type === 'AWS::KMS::ReplicaKey') return 'customer';
    if (target.type === 'AWS::KMS::Alias') {
      return (flatten(target.properties.AliasName, stack) ?? '').startsWith('alias/aws/') ? 'aws-managed' : 'customer';
    }
    return 'none';
  }
  const text = flatten(value, stack) ?? '';
  if (text === '') return 'none';
  if (/(^|[:/])alias\/aws\//.test(text)) return 'aws-managed';
  return 'customer';
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
 * something else are not. A parameter or an import cannot be known and passes.
 */
export function isPinnedVersion(value: unknown, stack: StackIndex): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1;
  const ref = referenceOf(value);
  if (ref) {
    const target = stack.byId(ref.logicalId);
    if (!target) return true;
    return target.type === 'AWS::Bedrock::GuardrailVersion' && (ref.attribute === undefined || ref.attribute === 'Version');
  }
  const text = flatten(value, stack) ?? '';
  return pinnedText(text, stack);
}

/** The same test on flattened text (e.g. the version part of `<guardrail ARN>:<version>`). */
export function pinnedText(text: string, stack: StackIndex): boolean {
  if (/^[1-9][0-9]{0,7}$/.test(text)) return true;
  const m = /^<([^.>]+)(?:\.([^>]+))?>$/.exec(text);
  if (m) {
    if (m[1] === 'Import') return true;
    const target = stack.byId(m[1]);
    if (!target) return true;
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
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
