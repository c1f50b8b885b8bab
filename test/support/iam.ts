import { runSimulation, runUnsafeSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

/**
 * Evaluates synthesized IAM policies with @cloud-copilot/iam-simulate, so tests say what a policy
 * allows and denies rather than what its JSON looks like. (AGPL: a dev dependency of the tests only.)
 */

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** What the pseudo parameters and the template's references resolve to. */
export interface CfnEnvironment {
  readonly partition?: string;
  readonly region: string;
  readonly accountId: string;
  readonly urlSuffix?: string;
  /** `Ref` of a template resource or parameter, by logical ID */
  readonly refs?: Record<string, string>;
  /** `Fn::GetAtt`, by `LogicalId.Attribute` */
  readonly getAtts?: Record<string, string>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: any[];
}

/** Resolves the intrinsic functions that appear in IAM documents to plain values. */
export function resolveCfn(value: any, env: CfnEnvironment): any {
  if (Array.isArray(value)) return value.map(v => resolveCfn(v, env));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return resolveIntrinsic(keys[0], value[keys[0]], env);
  }
  const out: Record<string, any> = {};
  for (const k of keys) out[k] = resolveCfn(value[k], env);
  return out;
}

function resolveIntrinsic(fn: string, arg: any, env: CfnEnvironment): any {
  switch (fn) {
    case 'Ref':
      return resolveRef(arg, env);
    case 'Fn::Join': {
      const [sep, parts] = arg;
      return (resolveCfn(parts, env) as any[]).join(sep);
    }
    case 'Fn::GetAtt': {
      const key = Array.isArray(arg) ? arg.join('.') : String(arg);
      const v = env.getAtts?.[key];
      if (v === undefined) throw new Error(`Fn::GetAtt ${key} has no known value: pass it in getAtts`);
      return v;
    }
    case 'Fn::Select': {
      const [index, list] = arg;
      return resolveCfn(list, env)[Number(resolveCfn(index, env))];
    }
    case 'Fn::Split': {
      const [sep, source] = arg;
      return String(resolveCfn(source, env)).split(sep);
    }
    case 'Fn::Sub': {
      const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
      return String(template).replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
        if (vars[name] !== undefined) return String(resolveCfn(vars[name], env));
        if (name.includes('.')) return resolveIntrinsic('Fn::GetAtt', name, env);
        return resolveRef(name, env);
      });
    }
    default:
      throw new Error(`cannot resolve ${fn} in an IAM document: ${JSON.stringify(arg)}`);
  }
}

function resolveRef(name: string, env: CfnEnvironment): string {
  switch (name) {
    case 'AWS::Partition': return env.partition ?? 'aws';
    case 'AWS::Region': return env.region;
    case 'AWS::AccountId': return env.accountId;
    case 'AWS::URLSuffix': return env.urlSuffix ?? 'amazonaws.com';
    default: {
      const v = env.refs?.[name];
      if (v === undefined) throw new Error(`Ref ${name} has no known value: pass it in refs`);
      return v;
    }
  }
}

interface CfnTemplate { readonly Resources?: Record<string, { Type: string; Properties?: any }> }

/** Reads the IAM documents of a synthesized template, resolved against an environment. */
export class TemplatePolicies {
  constructor(private readonly template: CfnTemplate, private readonly env: CfnEnvironment) {}

  /**
   * Every identity policy that applies to a role (or user or group) of the template: its inline
   * policies, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that name it, and the
   * template's managed policies among its `ManagedPolicyArns`.
   */
  identityPoliciesOf(principalLogicalId: string): PolicyDocument[] {
    const resources = this.template.Resources ?? {};
    const principal = resources[principalLogicalId];
    if (!principal) throw new Error(`no resource ${principalLogicalId} in the template`);
    const docs: PolicyDocument[] = [];
    for (const p of principal.Properties?.Policies ?? []) docs.push(this.resolve(p.PolicyDocument));
    const attachedManaged = new Set<string>(
      (principal.Properties?.ManagedPolicyArns ?? [])
        .filter((a: any) => a && typeof a === 'object' && 'Ref' in a)
        .map((a: any) => a.Ref),
    );
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const names = [...(r.Properties?.Roles ?? []), ...(r.Properties?.Users ?? []), ...(r.Properties?.Groups ?? [])];
      const named = names.some((n: any) => n && typeof n === 'object' && n.Ref === principalLogicalId);
      if (named || attachedManaged.has(id)) docs.push(this.resolve(r.Properties.PolicyDocument));
    }
    if (docs.length === 0) throw new Error(`no identity policy applies to ${principalLogicalId}`);
    return docs;
  }

  /** The resolved document at `Properties.<property>` of one resource (endpoint, bucket, key policies). */
  documentOf(logicalId: string, property: string): PolicyDocument {
    const r = this.template.Resources?.[logicalId];
    if (!r) throw new Error(`no resource ${logicalId} in the template`);
    const doc = r.Properties?.[property];
    if (!doc) throw new Error(`${logicalId} has no ${property}`);
    return this.resolve(doc);
  }

  /** Logical IDs of the template's resources of one type. */
  logicalIdsOfType(type: string): string[] {
    return Object.entries(this.template.Resources ?? {}).filter(([, r]) => r.Type === type).map(([id]) => id).sort();
  }

  private resolve(doc: any): PolicyDocument {
    return resolveCfn(doc, this.env);
  }
}

export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Request context keys, e.g. `{ 'bedrock:InferenceProfileArn': '...' }` */
  readonly context?: Record<string, string | string[]>;
  /** @default - a role in the resource's account */
  readonly principal?: string;
  /** Account that owns the resource. @default - the account in the resource ARN, else 111111111111 */
  readonly resourceAccount?: string;
}

export interface PolicySet {
  readonly identity: PolicyDocument[];
  /**
   * Service control policies, one list per level from the root down to the account. Each level also
   * gets AWS's default `FullAWSAccess`, as in a real organization, so only the given Deny statements
   * (or a missing Allow) change the outcome.
   */
  readonly serviceControlPolicies?: PolicyDocument[][];
  readonly resourcePolicy?: PolicyDocument;
  readonly vpcEndpointPolicies?: PolicyDocument[];
  /**
   * Whether the bucket of an S3 request has ABAC on: only then do bucket actions carry
   * `aws:ResourceTag` (the landing zone turns it on for its log buckets).
   */
  readonly s3BucketAbacEnabled?: boolean;
}

const REGION_LESS_FOUNDATION_MODEL = /^arn:[a-z-]+:bedrock:::foundation-model\//;

const FULL_AWS_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** Evaluates one request against a set of policies, as AWS would. */
export async function evaluate(policies: PolicySet, request: IamRequest): Promise<Decision> {
  const account = request.resourceAccount ?? (request.resource.split(':')[4] || '111111111111');
  const simulation: Simulation = {
    request: {
      principal: request.principal ?? `arn:aws:iam::${account}:role/caller`,
      action: request.action,
      resource: { resource: request.resource, accountId: account },
      contextVariables: request.context ?? {},
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: (policies.serviceControlPolicies ?? []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-level${i}`,
      policies: [
        { name: 'FullAWSAccess', policy: FULL_AWS_ACCESS },
        ...level.map((policy, j) => ({ name: `scp${i}-${j}`, policy })),
      ],
    })),
    resourceControlPolicies: [],
    resourcePolicy: policies.resourcePolicy,
    vpcEndpointPolicies: policies.vpcEndpointPolicies?.map((policy, i) => ({ name: `vpce${i}`, policy })),
    additionalSettings: { s3: { bucketAbacEnabled: policies.s3BucketAbacEnabled ?? false } },
  } as Simulation;
  // The simulator's resource-type data does not know the region-less foundation-model ARN of a
  // global profile's leg (arn:aws:bedrock:::foundation-model/X); only that request skips its input
  // validation. Everything else is validated, so a typo in an action or context key fails the test.
  if (REGION_LESS_FOUNDATION_MODEL.test(request.resource)) {
    return runUnsafeSimulation(simulation, {});
  }
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(`the IAM simulator rejected the request: ${JSON.stringify(result.errors)}`);
  }
  // A context key the request cannot carry is ignored by the simulator, as by AWS: in a test it is a
  // mistake (a typo, or a key the action does not have), so it fails loudly instead.
  const ignored = new Set((result.resultType === 'single' ? [result.result] : (result as any).results ?? [])
    .flatMap((r: any) => r.ignoredContextKeys ?? []));
  if (ignored.size > 0) {
    throw new Error(`the request to ${request.action} carries context keys the action cannot have: ${[...ignored].join(', ')}`);
  }
  return result.overallResult as Decision;
}

/**
 * The resolved identity policies of a role, user or group of a CDK stack, with the stack's region
 * and account and any extra references (`getAtts`) a test knows.
 */
export function identityPoliciesOf(principal: IConstruct, extra: Partial<CfnEnvironment> = {}): PolicyDocument[] {
  const stack = Stack.of(principal);
  const cfn = principal.node.defaultChild as CfnElement;
  const logicalId = stack.resolve(cfn.logicalId) as string;
  const template = Template.fromStack(stack).toJSON();
  const env: CfnEnvironment = { region: stack.region, accountId: stack.account, ...extra };
  return new TemplatePolicies(template, env).identityPoliciesOf(logicalId);
}
