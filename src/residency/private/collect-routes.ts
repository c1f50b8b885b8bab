import { Stack, Token, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { governedRegion } from '../../core/governed-region';
import { EnforcedGuardrail } from '../../guardrails/enforced-guardrail';
import { BedrockLandingZone } from '../../landing-zone/bedrock-landing-zone';
import { ModelInvocationLogging } from '../../logging/model-invocation-logging';
import { ApplicationInferenceProfileBase } from '../../models/application-inference-profile';
import { CrossRegionInferenceProfile } from '../../models/cross-region-inference-profile';
import { CustomModel } from '../../models/custom-model';
import { FoundationModel } from '../../models/foundation-model';
import { allowedBedrockArns, processingRegions } from '../../models/grants/grant-regions';
import { recordedRoutes } from '../../models/grants/residency-records';
import { IGuardrailReference } from '../../models/guardrail-reference';
import { IBedrockInvokable } from '../../models/invokable';
import { INVOKE_ACTIONS } from '../../models/invoke-statements';
import { ProvisionedModel } from '../../models/provisioned-model';
import { ProvisionedThroughput } from '../../throughput/provisioned-throughput';
import { ResidencyRoute } from '../residency-route';

/**
 * The residency map's routes of the grants written under `scope`, from what the library recorded as
 * it wrote each invoke grant and access policy (the invokable, its options and the very statements written) and from
 * the landing zones, invocation logging and enforced guardrails of the same account and region.
 */
export function collectRoutes(scope: IConstruct): ResidencyRoute[] {
  const all = scope.node.root.node.findAll();
  const logging = all.filter((c): c is ModelInvocationLogging => c instanceof ModelInvocationLogging);
  const zones = all.filter((c): c is BedrockLandingZone => c instanceof BedrockLandingZone);
  const enforced = all.filter((c): c is EnforcedGuardrail => c instanceof EnforcedGuardrail);
  const principals = new PrincipalIndex(all);
  const under = (path: string) => scope.node.path === '' || path === scope.node.path || path.startsWith(`${scope.node.path}/`);
  const rows = new Map<string, ResidencyRoute>();
  for (const recorded of recordedRoutes(scope)) {
    // Where the requests are processed and logged: the knowledge base's environment for its callers.
    const env = environmentOf(recorded.processedBy ?? recorded.target);
    const sameEnv = (c: IConstruct) => environmentOf(c).key === env.key;
    const invoke = recorded.statements.filter(s => s.effect === iam.Effect.ALLOW && INVOKE_ACTIONS.some(a => s.actions.includes(a)));
    const processedIn = processedInOf(invoke, recorded.model);
    const allowedRegions = zones.filter(sameEnv).map(z => z.profile.allowedRegions).find(r => r !== undefined);
    const models = foundationModelsOf(invoke);
    const logs = logging.filter(sameEnv);
    const holders = principals.holdersOf(recorded.target);
    const isPolicy = recorded.target instanceof iam.ManagedPolicy || recorded.target instanceof iam.Policy;
    // A policy no one holds is a line of its own; a role that kept nothing (an immutable one) is none.
    const lines = holders.length > 0 ? holders : isPolicy ? [NO_PRINCIPAL] : [];
    // A line belongs to the scope when its policy or its principal is under it.
    for (const principal of lines.filter(h => under(recorded.target.node.path) || (h !== NO_PRINCIPAL && under(h)))) {
      const route: ResidencyRoute = {
        account: env.account,
        region: env.region,
        principal,
        grantedBy: grantedByOf(recorded.target),
        purpose: recorded.purpose,
        model: models.length > 0 ? models.join(', ') : labelOf(recorded.model, recorded.target),
        through: recorded.door ? `${recorded.door}, ${throughOf(recorded.model, recorded.target)}` : throughOf(recorded.model, recorded.target),
        processedIn,
        allowedRegions: allowedRegions ? [...allowedRegions].sort() : undefined,
        outsideAllowedRegions: allowedRegions ? processedIn.filter(r => !allowedRegions.includes(r)) : [],
        requiredGuardrail: recorded.options.requireGuardrail ? guardrailLabel(recorded.options.requireGuardrail) : undefined,
        enforcedGuardrail: recorded.door ? undefined : enforcedOn(enforced.filter(sameEnv), models),
        requiredEndpoints: (recorded.options.requireVpcEndpoints ?? []).map(endpointLabel),
        loggedTo: recorded.unloggedBecause ? [] : logs.flatMap(destinationsOf),
        loggingGaps: recorded.unloggedBecause ? [recorded.unloggedBecause] : logs.flatMap(l => l.undeliveredDataTypes.length > 0
          ? [`not delivered: ${l.undeliveredDataTypes.join(', ')} data`] : []),
      };
      rows.set(JSON.stringify(route), route);
    }
  }
  return [...rows.values()].sort(compareRoutes);
}

const ANY_REGION = 'any region';
const NO_PRINCIPAL = '(attached to no principal in this app)';

function compareRoutes(a: ResidencyRoute, b: ResidencyRoute): number {
  return a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.principal.localeCompare(b.principal)
    || a.model.localeCompare(b.model) || a.through.localeCompare(b.through) || a.grantedBy.localeCompare(b.grantedBy);
}

/** The account and region a construct's stack deploys to, and a key that matches constructs of the same one. */
function environmentOf(scope: IConstruct): { account: string; region: string; key: string } {
  let stack = Stack.of(scope);
  // A nested stack deploys where its parent does.
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  const region = governedRegion(scope);
  const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
  // An environment-agnostic stack matches only constructs of the same stack.
  const key = account && region ? `${account}/${region}` : `stack:${stack.node.path}`;
  return { account: account ?? 'any (environment-agnostic stack)', region: region ?? 'any (environment-agnostic stack)', key };
}

function grantedByOf(target: IConstruct): string {
  if (target instanceof iam.ManagedPolicy) return `managed policy ${policyPath(target)}`;
  if (target instanceof iam.Policy) return `inline policy ${policyPath(target)}`;
  return 'default policy';
}

/**
 * The path a policy is known by: a construct that wraps its policy as the child 'Default'
 * (ModelAccessPolicy) is named, as aws-cdk-lib leaves 'Default' out of logical IDs.
 */
function policyPath(policy: IConstruct): string {
  return policy.node.id === 'Default' && policy.node.scope ? policy.node.scope.node.path : policy.node.path;
}

/**
 * Who holds a policy, read from what the templates will say: the roles, users and groups a managed
 * or inline policy names, and the principals whose managed policy ARNs name it (however it was
 * attached: the policy's props, `attachToRole`, `addManagedPolicy`, `managedPolicies`). A role, user
 * or group given a grant holds it itself.
 */
class PrincipalIndex {
  private readonly principals: Array<{ path: string; stack: Stack; name: (stack: Stack) => string | undefined; policyArns: () => Set<string> }> = [];

  constructor(all: IConstruct[]) {
    const seen = new Set<string>();
    for (const c of all) {
      const name = principalNameOf(c);
      if (name === undefined) continue;
      const construct = c as IConstruct;
      const cfn = construct.node.defaultChild as { managedPolicyArns?: unknown } | undefined;
      // One IAM principal, one entry: an immutable view of a role names the same role.
      const key = `${Stack.of(construct).node.path}|${JSON.stringify(Stack.of(construct).resolve(name))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let arns: Set<string> | undefined;
      this.principals.push({
        path: construct.node.path,
        stack: Stack.of(construct),
        name: stack => referenceIn(stack, Stack.of(construct), name),
        policyArns: () => arns ??= new Set(resolvedList(construct, cfn?.managedPolicyArns)),
      });
    }
  }

  /**
   * The paths of the principals that hold what was written into `target`. A role, user or group
   * (created or imported) holds a grant in the policy aws-cdk-lib creates for it, under it; an
   * immutable principal (another account's, `withoutPolicyUpdates()`) gets none, and so has no line.
   */
  public holdersOf(target: IConstruct): string[] {
    if (!(target instanceof iam.ManagedPolicy) && !(target instanceof iam.Policy)) {
      return target.node.findAll().some(c => c instanceof iam.Policy) ? [target.node.path] : [];
    }
    const stack = Stack.of(target);
    const named = namesOf(target);
    const arn = target instanceof iam.ManagedPolicy ? target.managedPolicyArn : undefined;
    // A policy holds principals of its own environment only (a reference across environments does not resolve).
    return this.principals.filter(p => p.stack.environment === stack.environment)
      .filter(p => named.has(p.name(stack) ?? '')
      // Resolved where the principal is: a policy of another stack is an import there.
      || (arn !== undefined && p.policyArns().has(referenceIn(p.stack, stack, arn) ?? '')))
      .map(p => p.path).sort();
  }
}

/**
 * The name of a role, user or group, created or imported (imports are not instances of the
 * classes; they carry the same name and ARN attributes), or undefined for any other construct.
 */
function principalNameOf(c: IConstruct): string | undefined {
  // A LazyRole creates its role when asked for its name; the role it created is indexed itself.
  if (c instanceof iam.LazyRole) return undefined;
  const any = c as { roleName?: unknown; roleArn?: unknown; userName?: unknown; userArn?: unknown; groupName?: unknown; groupArn?: unknown };
  if (iam.Role.isRole(c)) return c.roleName;
  if (typeof any.roleName === 'string' && typeof any.roleArn === 'string') return any.roleName;
  if (typeof any.userName === 'string' && typeof any.userArn === 'string') return any.userName;
  if (typeof any.groupName === 'string' && typeof any.groupArn === 'string') return any.groupName;
  return undefined;
}

/**
 * A value of `owner`'s stack as a template of `consumer` names it, as JSON; undefined when it is a
 * reference local to another stack (before synth a cross-stack `Ref` reads like a local one, and two
 * stacks can hold the same logical ID).
 */
function referenceIn(consumer: Stack, owner: Stack, value: string): string | undefined {
  const resolved = consumer.resolve(value);
  const local = typeof resolved === 'object' && resolved !== null && ('Ref' in resolved || 'Fn::GetAtt' in resolved);
  return local && consumer !== owner ? undefined : JSON.stringify(resolved);
}

/** The roles, users and groups a managed or inline policy names, resolved in its stack, as JSON. */
function namesOf(policy: iam.ManagedPolicy | iam.Policy): Set<string> {
  const cfn = policy.node.defaultChild as { roles?: unknown; users?: unknown; groups?: unknown } | undefined;
  return new Set([cfn?.roles, cfn?.users, cfn?.groups].flatMap(list => resolvedList(policy, list)));
}

/** A list property of an L1 resource, resolved in the scope's stack, each entry as JSON. */
function resolvedList(scope: IConstruct, list: unknown): string[] {
  if (list === undefined) return [];
  const resolved = Stack.of(scope).resolve(list);
  return Array.isArray(resolved) ? resolved.map(v => JSON.stringify(v)) : [];
}

function processedInOf(invoke: iam.PolicyStatement[], model: IBedrockInvokable): string[] {
  const regions = processingRegions(invoke);
  if (regions.includes('*')) return [ANY_REGION];
  if (regions.length > 0) return regions;
  // A model whose ARN is another resource's attribute (provisioned throughput created here): its stack's region.
  const region = Construct.isConstruct(model) ? governedRegion(model) : undefined;
  return [region ?? UNKNOWN_REGION];
}

const UNKNOWN_REGION = 'unknown until deployment';

/** The model IDs of the foundation-model ARNs (their partition is a token: `parseBedrockArn` reads literal ones only). */
function foundationModelsOf(statements: iam.PolicyStatement[]): string[] {
  const ids = allowedBedrockArns(statements)
    .map(arn => /:foundation-model\/(.+)$/.exec(arn)?.[1])
    .filter((id): id is string => id !== undefined && !/[*?]/.test(id));
  return [...new Set(ids)].sort();
}

function throughOf(model: IBedrockInvokable, scope: IConstruct): string {
  if (model instanceof FoundationModel) return 'in-region (no profile)';
  if (model instanceof CrossRegionInferenceProfile) {
    return model.geography.isGlobal
      ? `global inference profile ${model.inferenceProfileId}`
      : `${model.geography.prefix} cross-region inference profile ${model.inferenceProfileId}`;
  }
  if (model instanceof ApplicationInferenceProfileBase) {
    return `application inference profile ${labelOf(model, scope)}, copying ${throughOf(model.modelSource, model)}`;
  }
  if (model instanceof ProvisionedThroughput || model instanceof ProvisionedModel) return `provisioned throughput ${labelOf(model, scope)}`;
  if (model instanceof CustomModel) return `custom model ${labelOf(model, scope)}`;
  return labelOf(model, scope);
}

/** A model as a reviewer finds it: its identifier when literal, else its construct path. */
function labelOf(model: IBedrockInvokable, scope: IConstruct): string {
  const id = model.invocationIdentifier(scope);
  if (!Token.isUnresolved(id)) return id;
  return Construct.isConstruct(model) ? model.node.path : '(an identifier known at deployment)';
}

function guardrailLabel(guardrail: IGuardrailReference): string {
  const name = Token.isUnresolved(guardrail.guardrailArn) && Construct.isConstruct(guardrail) ? guardrail.node.path : guardrail.guardrailArn;
  const version = Token.isUnresolved(guardrail.guardrailVersion) ? 'its published version' : `version ${guardrail.guardrailVersion}`;
  return `${name} (${version})`;
}

function enforcedOn(configurations: EnforcedGuardrail[], models: string[]): string | undefined {
  const config = configurations[0];
  if (!config) return undefined;
  const applies = models.length === 0
    ? config.includedModelIds === undefined
    : models.every(m => (config.includedModelIds?.includes(m) ?? true) && !(config.excludedModelIds ?? []).includes(m));
  return applies ? guardrailLabel(config.guardrail) : undefined;
}

function endpointLabel(endpoint: ec2.IVpcEndpoint): string {
  return Token.isUnresolved(endpoint.vpcEndpointId) ? endpoint.node.path : endpoint.vpcEndpointId;
}

function destinationsOf(logging: ModelInvocationLogging): string[] {
  const region = environmentOf(logging).region;
  const out: string[] = [];
  if (logging.logGroup) {
    const name = literalOf(logging.logGroup, logging.logGroupName ?? logging.logGroup.logGroupName);
    out.push(`CloudWatch Logs ${name ?? logging.logGroup.node.path} (${region})`);
  }
  if (logging.logBucket) {
    const name = literalOf(logging.logBucket, logging.logBucket.bucketName);
    const prefix = logging.keyPrefix ? `${logging.keyPrefix}/` : '';
    out.push(`S3 ${name ? `s3://${name}/${prefix}` : `bucket ${logging.logBucket.node.path}${prefix ? `, prefix ${prefix}` : ''}`} (${region})`);
  }
  return out;
}

/** A name as CloudFormation will know it when the app sets it (a physical name resolves to itself), else undefined. */
function literalOf(scope: IConstruct, value: string): string | undefined {
  if (!Token.isUnresolved(value)) return value;
  const resolved = Stack.of(scope).resolve(value);
  return typeof resolved === 'string' ? resolved : undefined;
}
