import { CfnParameter, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { renderedResourceTemplate } from '../../private/framework-children';

/**
 * What the rules read from the pack's props, with the defaults applied.
 */
export interface RuleSettings {
  /** Approved model IDs, geography prefix removed; undefined: any model */
  readonly approvedModels?: string[];
  /** Approved geography prefixes; undefined: any geography */
  readonly approvedGeographyPrefixes?: string[];
  /** The regions of the approved geographies (sources and destinations) */
  readonly approvedRegions?: string[];
  readonly dataResidency: boolean;
  readonly minimumLogRetentionDays: number;
  readonly requireGuardrailOnInvoke: boolean;
  readonly requiredPiiEntities: string[];
  /** NONE, LOW, MEDIUM or HIGH */
  readonly minimumHarmfulContentStrength: string;
  readonly maximumAgentIdleSessionSeconds: number;
  /** Accounts whose Bedrock callers need invocation logging; undefined: every account */
  readonly governedAccounts?: string[];
  /** Whether an account whose principals reach a model needs a budget (SP4) */
  readonly requireBudget?: boolean;
  /** Accounts besides the stack's own whose guardrails a grant may require */
  readonly trustedGuardrailAccounts: string[];
  /** Every geography prefix the library knows, to split `eu.model` into prefix and model */
  readonly knownGeographyPrefixes: string[];
}

/** One resource as CloudFormation will see it: PascalCase properties, tokens resolved to intrinsics. */
export interface RenderedResource {
  readonly node: CfnResource;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: any;
  readonly deletionPolicy?: string;
  /** The CloudFormation condition the resource is created under, if any: it may not exist */
  readonly condition?: string;
  readonly stack: StackIndex;
}

/**
 * The resources of one stack, rendered once per validation pass and looked up by logical ID or type.
 */
export class StackIndex {
  public readonly account?: string;
  public readonly region?: string;
  private readonly resources: CfnResource[];
  private readonly rendered = new Map<CfnResource, RenderedResource | undefined>();
  private byLogicalId?: Map<string, CfnResource>;
  private readonly memo = new Map<string, unknown>();
  private parameters?: Set<string>;

  constructor(public readonly stack: Stack) {
    this.account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    this.region = Token.isUnresolved(stack.region) ? undefined : stack.region;
    this.resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
  }

  /** The account and region, or undefined for an environment-agnostic stack. */
  public get environment(): string | undefined {
    return this.account && this.region ? `${this.account}/${this.region}` : undefined;
  }

  /** The rendered resource (cached). */
  public render(node: CfnResource): RenderedResource | undefined {
    if (this.rendered.has(node)) return this.rendered.get(node);
    let out: RenderedResource | undefined;
    try {
      const cfn = this.stack.resolve(renderedResourceTemplate(node));
      const [logicalId, body] = Object.entries(cfn.Resources ?? {})[0] as [string, any];
      out = {
        node,
        logicalId,
        type: body.Type,
        properties: body.Properties ?? {},
        deletionPolicy: body.DeletionPolicy,
        condition: body.Condition,
        stack: this,
      };
    } catch {
      out = undefined;
    }
    this.rendered.set(node, out);
    return out;
  }

  /** Every resource of a type, rendered. */
  public ofType(type: string): RenderedResource[] {
    return this.resources.filter(r => r.cfnResourceType === type).map(r => this.render(r)).filter((r): r is RenderedResource => !!r);
  }

  /** The resource with this logical ID, rendered, or undefined (a parameter, or another stack's). */
  public byId(logicalId: string): RenderedResource | undefined {
    if (!this.byLogicalId) {
      this.byLogicalId = new Map(this.resources.map(r => [this.stack.resolve(r.logicalId) as string, r]));
    }
    const node = this.byLogicalId.get(logicalId);
    return node ? this.render(node) : undefined;
  }

  /** Computes a value once per pass. */
  public memoize<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** Whether a logical ID is a parameter of the stack: its value is chosen at deployment. */
  public isParameter(logicalId: string): boolean {
    this.parameters ??= new Set(this.stack.node.findAll().filter((c): c is CfnParameter => c instanceof CfnParameter && Stack.of(c) === this.stack)
      .map(p => this.stack.resolve(p.logicalId) as string));
    return this.parameters.has(logicalId);
  }
}

/**
 * Everything a rule may read during one validation pass: the settings and an index of the app's
 * stacks. Built when a pass starts, so nothing is shared between passes (or apps).
 */
export class RuleContext {
  private readonly stacks = new Map<Stack, StackIndex>();
  private allStacks?: StackIndex[];
  private readonly memo = new Map<string, unknown>();

  constructor(public readonly settings: RuleSettings, private readonly root: IConstruct) {}

  /** The index of the node's stack. */
  public stackOf(node: IConstruct): StackIndex {
    const stack = Stack.of(node);
    let index = this.stacks.get(stack);
    if (!index) {
      index = new StackIndex(stack);
      this.stacks.set(stack, index);
    }
    return index;
  }

  /** The rendered resource. */
  public render(node: CfnResource): RenderedResource | undefined {
    return this.stackOf(node).render(node);
  }

  /** Every stack of the app. */
  public appStacks(): StackIndex[] {
    if (!this.allStacks) {
      this.allStacks = this.root.node.findAll().filter((c): c is Stack => Stack.isStack(c)).map(s => this.stackOf(s));
    }
    return this.allStacks;
  }

  /** Computes a value once per pass. */
  public memoize<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}
