import * as crypto from 'crypto';
import { CfnResource, DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext, Reference, Tokenization } from 'aws-cdk-lib';

/**
 * The content hash of a CloudFormation resource's properties, as they will be deployed (escape-hatch
 * overrides included), with two things made stable:
 * - a reference to another resource (`Ref`, `Fn::GetAtt`) becomes `<construct path>.<attribute>`,
 *   not its logical ID (which `overrideLogicalId` can change) nor its token string (which depends on
 *   the order in which the app allocated tokens);
 * - the `excluded` top-level properties (e.g. `Tags`, applied by aspects after construction) are left
 *   out.
 *
 * Internal: not exported from the package.
 */
export function resolvedPropertiesHash(resource: CfnResource, excluded: string[]): string {
  return sha256(stableJson(resolvedProperties(resource, excluded)));
}

/** The resolved properties that `resolvedPropertiesHash` hashes. */
export function resolvedProperties(resource: CfnResource, excluded: string[]): Record<string, unknown> {
  const rendered = (resource as any)._toCloudFormation();
  const resolved = Tokenization.resolve(rendered, { scope: resource, resolver: new StableReferenceResolver(), preparing: false });
  const body = Object.values<any>(resolved.Resources ?? {})[0] ?? {};
  const properties: Record<string, unknown> = { ...(body.Properties ?? {}) };
  for (const key of excluded) delete properties[key];
  return properties;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record).sort()
      .filter(k => record[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${stableJson(record[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

class JsonConcat implements IFragmentConcatenator {
  public join(left: any, right: any): any {
    if (left === undefined) return right;
    if (right === undefined) return left;
    return `${typeof left === 'string' ? left : stableJson(left)}${typeof right === 'string' ? right : stableJson(right)}`;
  }
}

class StableReferenceResolver extends DefaultTokenResolver {
  constructor() {
    super(new JsonConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (Reference.isReference(t)) return `<${t.target.node.path}.${t.displayName}>`;
    return super.resolveToken(t, context, postProcessor);
  }
}
