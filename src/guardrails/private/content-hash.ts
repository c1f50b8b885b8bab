import * as crypto from 'crypto';
import {
  DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext, Reference, Tokenization, aws_bedrock as bedrock,
} from 'aws-cdk-lib';

/**
 * The `AWS::Bedrock::Guardrail` a `Guardrail` creates: aws-cdk-lib's L1, plus what its content
 * hash needs, through the API aws-cdk-lib documents for subclasses (no private method):
 * - `contentHash`: the SHA-256 of the properties as CloudFormation receives them
 *   (`renderProperties` of the resolved `cfnProperties`, which reflect the property setters),
 *   with two things made stable: a reference to another resource (`Ref`, `Fn::GetAtt`) becomes
 *   `<construct path>.<attribute>`, not its logical ID (which `overrideLogicalId` can change) nor
 *   its token string (which depends on the order in which the app allocated tokens); and the
 *   `excluded` top-level properties (e.g. `Tags`, applied by aspects after construction) are left out;
 * - `propertiesOverridden`: whether an escape hatch (`addPropertyOverride`,
 *   `addPropertyDeletionOverride`, `addOverride('Properties...')`) changed a content property,
 *   which no hash of the properties can see.
 *
 * Internal: not exported from the package.
 */
export class ContentHashedCfnGuardrail extends bedrock.CfnGuardrail {
  private overridden = false;
  private excludedFromContent: string[] = [];

  /** The properties the content hash leaves out, e.g. `Tags`. */
  public excludeFromContent(properties: string[]): void {
    this.excludedFromContent = properties;
  }

  /** The SHA-256 of the content properties. */
  public get contentHash(): string {
    return sha256(stableJson(this.contentProperties()));
  }

  /** Whether an escape hatch changed a content property. */
  public get propertiesOverridden(): boolean {
    return this.overridden;
  }

  public addOverride(path: string, value: any): void {
    super.addOverride(path, value);
    const [section, property] = path.split('.');
    if (section === 'Properties' && !this.excludedFromContent.includes(property)) this.overridden = true;
  }

  private contentProperties(): Record<string, unknown> {
    const resolved = Tokenization.resolve(this.cfnProperties, { scope: this, resolver: new StableReferenceResolver(), preparing: false });
    const properties: Record<string, unknown> = { ...this.renderProperties(resolved) };
    for (const key of this.excludedFromContent) delete properties[key];
    return properties;
  }
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
