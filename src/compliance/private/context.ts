import { CfnOutput, CfnParameter, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { allowedValuesOfParameter, deployVariants, worstOfVariants } from './deploy-variants';
import { flatten } from './values';
import { renderedResourceTemplate } from '../../core/framework-children';
import { isBedrockLandingZoneError } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';

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
  /** Which deploy variant of the resource this is (deploy-variants.ts); undefined for the resource as rendered */
  readonly variant?: number;
}

/**
 * The resources of one stack, rendered once per validation pass and looked up by logical ID or type.
 */
export class StackIndex {
  public readonly account?: string;
  public readonly region?: string;
  private readonly resources: CfnResource[];
  private readonly rendered = new Map<CfnResource, RenderedResource | undefined>();
  private readonly failures = new Map<CfnResource, string>();
  private byLogicalId?: Map<string, CfnResource>;
  private readonly memo = new Map<string, unknown>();
  private parameters?: Map<string, CfnParameter>;
  private readonly judged = new Map<CfnResource, RenderedResource>();

  constructor(public readonly stack: Stack, private readonly app?: RuleContext) {
    this.account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    this.region = Token.isUnresolved(stack.region) ? undefined : stack.region;
    this.resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
  }

  /** The account and region, or undefined for an environment-agnostic stack. */
  public get environment(): string | undefined {
    return this.account && this.region ? `${this.account}/${this.region}` : undefined;
  }

  /**
   * The rendered resource (cached), or undefined when it cannot be rendered: rule PK1 reports that
   * resource with the reason (renderFailure), and every other rule skips it. The library's own
   * INTERNAL error (aws-cdk-lib no longer renders resources the way the pack reads them) is not a
   * finding about one resource: it propagates and stops the validation.
   */
  public render(node: CfnResource): RenderedResource | undefined {
    const judged = this.judged.get(node);
    if (judged) return judged;
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
    } catch (error) {
      if (isBedrockLandingZoneError(error) && error.code === BedrockLandingZoneErrorCode.INTERNAL) throw error;
      this.failures.set(node, error instanceof Error ? error.message : String(error));
      out = undefined;
    }
    this.rendered.set(node, out);
    return out;
  }

  /** The customer managed policy of that name and path a stack of the app defines, if any. */
  public managedPolicyNamed(name: string, path: string): RenderedResource | undefined {
    const stacks = this.app ? this.app.appStacks() : [this];
    return stacks.flatMap(s => s.ofType('AWS::IAM::ManagedPolicy')).find(r =>
      flatten(r.properties.ManagedPolicyName, r.stack) === name && (flatten(r.properties.Path, r.stack) ?? '/') === path);
  }

  /** The value a stack of the app exports under the name, with that stack; undefined when none does. */
  public exported(name: string): { stack: StackIndex; value: unknown } | undefined {
    return this.app?.exportedValue(name);
  }

  /** Why the resource cannot be rendered, or undefined when it can. */
  public renderFailure(node: CfnResource): string | undefined {
    this.render(node);
    return this.failures.get(node);
  }

  /**
   * Runs a check on every deploy variant of the resource (each Fn::If branch, each allowed value of a
   * parameter), with render() returning that variant while it runs; the worst result decides.
   */
  public judgeEveryVariant(node: CfnResource, run: () => NagRuleResult): NagRuleResult {
    const res = this.render(node);
    if (!res) return run();
    return worstOfVariants(deployVariants(res), variant => {
      this.judged.set(node, variant);
      try {
        return run();
      } finally {
        this.judged.delete(node);
      }
    });
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
    return this.parameterMap().has(logicalId);
  }

  /** The values a parameter may take, when its AllowedValues lists them; undefined otherwise (any value). */
  public allowedValuesOf(logicalId: string): string[] | undefined {
    const parameter = this.parameterMap().get(logicalId);
    return parameter ? allowedValuesOfParameter(parameter, v => this.stack.resolve(v)) : undefined;
  }

  private parameterMap(): Map<string, CfnParameter> {
    this.parameters ??= new Map(this.stack.node.findAll().filter((c): c is CfnParameter => c instanceof CfnParameter && Stack.of(c) === this.stack)
      .map(p => [this.stack.resolve(p.logicalId) as string, p]));
    return this.parameters;
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
      index = new StackIndex(stack, this);
      this.stacks.set(stack, index);
    }
    return index;
  }

  /** The value a stack of the app exports under the name (a cross-stack reference), with that stack; undefined when none does. */
  public exportedValue(name: string): { stack: StackIndex; value: unknown } | undefined {
    const exports = this.memoize('exports', () => {
      const out = new Map<string, { stack: StackIndex; value: unknown }>();
      for (const index of this.appStacks()) {
        for (const output of index.stack.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput && Stack.of(c) === index.stack)) {
          const exportName = output.exportName === undefined ? undefined : index.stack.resolve(output.exportName);
          if (typeof exportName === 'string') out.set(exportName, { stack: index, value: index.stack.resolve(output.value) });
        }
      }
      return out;
    });
    return exports.get(name);
  }

  /** The rendered resource (while a check runs on a deploy variant, that variant). */
  public render(node: CfnResource): RenderedResource | undefined {
    return this.stackOf(node).render(node);
  }

  /** Runs a check on every deploy variant of the resource; the worst result decides. */
  public judgeEveryVariant(node: CfnResource, run: () => NagRuleResult): NagRuleResult {
    return this.stackOf(node).judgeEveryVariant(node, run);
  }

  /** Why the resource cannot be rendered, or undefined when it can. */
  public renderFailure(node: CfnResource): string | undefined {
    return this.stackOf(node).renderFailure(node);
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
