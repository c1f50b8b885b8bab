import { Annotations, Stack, Token, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { InvokeGrantOptions } from './invokable';
import { ModelRegions } from './region-data-types';
import { REGION_DATA } from './region-data.generated';
import { ServiceTier } from './service-tier';
import { doorsWith } from '../catalogue/inference-doors';
import { governedRegion } from '../core/governed-region';
import { guardrailReferenceProblems, importedGuardrailProblems } from '../core/guardrail-checks';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { watchManagedPolicySize } from './grants/managed-policy-size';
import { RecordedRoute, recordRoute } from './grants/residency-records';
import { Problems } from '../core/validation';

/**
 * Internal building blocks shared by every invokable: the two invoke actions, the guardrail and
 * endpoint requirements, and turning statements into a grant. Not exported from the package.
 */

/** `InvokeModel` also authorizes Converse; `InvokeModelWithResponseStream` also ConverseStream. */
export const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

export const INFERENCE_PROFILE_ARN_KEY = 'bedrock:InferenceProfileArn';

/** One Allow statement for both invoke actions. */
export function allowInvoke(resources: string[], conditions?: Record<string, Record<string, unknown>>): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: INVOKE_ACTIONS, resources, conditions });
}

/** The model data the library carries, or undefined for a model it does not know. */
export function modelRegions(modelId: string): ModelRegions | undefined {
  return REGION_DATA.models[modelId];
}

/**
 * When a model ID starts with a geography prefix (`eu.`, `us.`, `global.`, ...), it is an inference
 * profile ID, not a model ID: the prefix and the model it names, or undefined. No model provider is
 * named like a geography, so this is never a model of its own.
 */
export function profilePrefixOf(modelId: string): { prefix: string; modelId: string } | undefined {
  const prefix = [...knownGeographyPrefixes()].sort((a, b) => b.length - a.length).find(p => modelId.startsWith(`${p}.`));
  return prefix ? { prefix, modelId: modelId.slice(prefix.length + 1) } : undefined;
}

/** The `Geography` constant of a prefix, for messages (`us-gov` is `US_GOV`). */
export function geographyConstant(prefix: string): string {
  return prefix.toUpperCase().replace(/-/g, '_');
}

/** The models the library's data knows, for messages. */
export function knownGeographyPrefixes(): string[] {
  return Object.keys(REGION_DATA.geographies);
}

/** The region the scope governs when it is known at synth time (see core/governed-region.ts). */
export function resolvedRegion(scope: IConstruct): string | undefined {
  return governedRegion(scope);
}

export function environmentAgnosticProblem(what: string): string {
  return `${what} needs the stack's region to name the exact regions it may reach, but the stack is environment-agnostic: ` +
    'give the stack an env with a region (new Stack(app, id, { env: { account, region } })), or declare the region of a StackSet template ' +
    'with BedrockLandingZone.governRegion(stack, region), or use FoundationModel.of(modelId, { region }) for an in-region model';
}

/** Adds the warning that a model is used on the user's word, outside the library's data. */
export function warnUnlisted(scope: IConstruct, modelId: string, detail: string): void {
  Annotations.of(scope).addWarningV2(
    'cdk-bedrock-landing-zone:unlistedModel',
    `${modelId} ${detail}; it is used because allowUnlistedModel is set. The regions in its grant come from the geography, not from data about this model (data collected ${REGION_DATA.collectedAt}).`,
  );
}

/** Throws the invokable's problems as one error with the check's code. */
export function throwProblems(scope: IConstruct, subject: string, code: BedrockLandingZoneErrorCode, problems: string[]): void {
  const all = new Problems();
  problems.forEach(p => all.add(p));
  all.throwIfAny(scope, subject, code);
}

/**
 * Adds what the options require to the Allow statements of one invokable:
 * - a guardrail: every Allow gets `StringEquals bedrock:GuardrailIdentifier = <arn>:<version>`, an
 *   explicit Deny covers the same resources when the identifier differs or is missing, and the
 *   statements for applying the guardrail are added;
 * - VPC endpoints: an explicit Deny of direct calls whose `aws:SourceVpce` is none of them.
 * Denies name the same models as the Allows (foundation models in any region): never `*`.
 */
export function withInvokeOptions(scope: IConstruct, allow: iam.PolicyStatement[], options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
  throwProblems(scope, 'InvokeGrantOptions', BedrockLandingZoneErrorCode.INVOKE_GRANT_OPTIONS, [
    ...(options.requireGuardrail ? guardrailReferenceProblems('requireGuardrail', options.requireGuardrail, scope) : []),
    ...(options.requireGuardrail ? importedGuardrailProblems('requireGuardrail', options.requireGuardrail, scope) : []),
    ...endpointRegionProblems(options.requireVpcEndpoints ?? [], scope),
    ...serviceTierProblems(options.allowedServiceTiers, options.acknowledgeReservedCapacity),
  ]);
  // A Deny may be broader than the Allow it guards: the model in any region keeps it short (a managed
  // policy holds 6,144 characters) and denies no less than the destination regions would.
  const resources = [...new Set(allow.flatMap(s => s.resources).map(r => r.replace(/:bedrock:[a-z0-9-]+::foundation-model\//, ':bedrock:*::foundation-model/')))];
  const out = [...allow];
  const guardrail = options.requireGuardrail;
  if (guardrail) {
    const identifier = `${guardrail.guardrailArn}:${guardrail.guardrailVersion}`;
    for (const s of allow) s.addCondition('StringEquals', { 'bedrock:GuardrailIdentifier': identifier });
    out.push(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: INVOKE_ACTIONS,
      resources,
      conditions: { StringNotEquals: { 'bedrock:GuardrailIdentifier': identifier } },
    }));
    out.push(...guardrail.applyStatements());
  }
  const endpoints = options.requireVpcEndpoints ?? [];
  if (endpoints.length > 0) {
    out.push(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: INVOKE_ACTIONS,
      resources,
      conditions: outsideEndpoints(endpoints),
    }));
    out.push(denyDoorsOutsideEndpoints('bedrock-runtime', endpoints));
  }
  const tiers = options.allowedServiceTiers;
  if (tiers !== undefined) out.push(denyOtherServiceTiers(resources, tiers));
  return out;
}

export const SERVICE_TIER_KEY = 'bedrock:ServiceTier';

/**
 * A Deny of every tier but the allowed ones. A request that names no tier runs on the default tier,
 * and IAM reads a missing key as matching `StringNotEquals`: when the default tier is allowed, the
 * Deny applies only to requests that name a tier (`Null false`).
 */
export function denyOtherServiceTiers(resources: string[], tiers: ServiceTier[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    actions: INVOKE_ACTIONS,
    resources,
    conditions: {
      StringNotEquals: { [SERVICE_TIER_KEY]: tierValues(tiers) },
      ...(tiers.includes(ServiceTier.DEFAULT) ? { Null: { [SERVICE_TIER_KEY]: 'false' } } : {}),
    },
  });
}

/** The tiers' values as the condition keys carry them, sorted so that the order of a list changes no template. */
export function tierValues(tiers: readonly ServiceTier[]): string[] {
  return tiers.map(t => t.value).sort();
}

/**
 * The tiers a grant or policy restricts to: tiers, at least one, reserved capacity acknowledged. A
 * tier from `ServiceTier.of()` the library has no constant for is allowed only where a list names it.
 */
export function serviceTierProblems(tiers: readonly unknown[] | undefined, acknowledged: boolean | undefined, prop = 'allowedServiceTiers'): string[] {
  if (tiers === undefined) return [];
  const known = ServiceTier.all().map(t => t.value);
  const problems: string[] = [];
  if (tiers.length === 0) problems.push(`${prop} is empty: no invocation could run; give at least one tier, or leave it out`);
  tiers.filter(t => !(t instanceof ServiceTier))
    .forEach(t => problems.push(`${prop} holds ${typeof t === 'string' ? `'${t}'` : String(t)}; expected one of ${known.join(', ')} (ServiceTier)`));
  if (tiers.includes(ServiceTier.RESERVED) && acknowledged !== true) {
    problems.push(`${prop} holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it`);
  }
  return problems;
}

/** A VPC endpoint of another region never carries this region's calls: `aws:SourceVpce` would never match. */
export function endpointRegionProblems(endpoints: ec2.IVpcEndpoint[], scope: IConstruct): string[] {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) return [];
  return endpoints.flatMap((endpoint, i) => {
    const theirs = Stack.of(endpoint).region;
    return Token.isUnresolved(theirs) || theirs === region ? []
      : [`requireVpcEndpoints[${i}] is an endpoint in ${theirs} (${endpoint.node.path}), but the stack region is ${region}; allowed: endpoints in ${region}`];
  });
}

function outsideEndpoints(endpoints: Array<{ vpcEndpointId: string }>): Record<string, Record<string, unknown>> {
  return { StringNotEquals: { 'aws:SourceVpce': endpoints.map(e => e.vpcEndpointId) }, Bool: { 'aws:ViaAWSService': 'false' } };
}

/**
 * The catalogue's other doors of one endpoint service (token counting and ApplyGuardrail on
 * bedrock-runtime; retrieval, agents and flows on bedrock-agent-runtime) only through the given
 * endpoints too: a principal held to the private endpoint for its models must not reach a model
 * over the internet through another door of the same service. A Deny on `*`: several of these
 * actions have no resource type, and denying more never grants anything.
 */
export function denyDoorsOutsideEndpoints(service: 'bedrock-runtime' | 'bedrock-agent-runtime', endpoints: Array<{ vpcEndpointId: string }>): iam.PolicyStatement {
  return denyOutsideEndpoints(doorsWith(d => d.endpoint === service && !INVOKE_ACTIONS.includes(d.action)), endpoints);
}

/** A Deny of the actions on `*` for direct calls that come through none of the endpoints (calls Bedrock makes on the principal's behalf pass). */
export function denyOutsideEndpoints(actions: string[], endpoints: Array<{ vpcEndpointId: string }>): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    actions,
    resources: ['*'],
    conditions: outsideEndpoints(endpoints),
  });
}

/** The grantee as a construct (itself, or its principal), or undefined for a principal that is none. */
function granteeConstruct(grantee: iam.IGrantable): IConstruct | undefined {
  if (Construct.isConstruct(grantee)) return grantee;
  const principal = grantee.grantPrincipal as unknown;
  return Construct.isConstruct(principal) ? principal : undefined;
}

/** The construct whose stack decides a grant's region: the grantee itself. */
export function granteeScope(grantee: iam.IGrantable, subject: string): IConstruct {
  const scope = granteeConstruct(grantee);
  if (scope) return scope;
  fail(BedrockLandingZoneErrorCode.GRANTEE_NOT_A_CONSTRUCT, `${subject}.grantInvoke needs a grantee that is a construct (a role, user, group or managed policy) so that its stack's region decides the grant; ` +
    'for other principals use invokeStatements(scope) and add the statements yourself');
}

/**
 * What the residency map records of a grant that lets the grantee reach a model: the model, its
 * options, and the statements the route is read from (the ones written, unless the grant reaches the
 * model through something else, such as a knowledge base's embedding model).
 */
export type GrantedRoute = Omit<RecordedRoute, 'target' | 'statements'> & { readonly statements?: iam.PolicyStatement[] };

/**
 * Adds the statements to the grantee's policy; the returned Grant covers the Allow statements. Every
 * `grant*` of the library goes through here, so each one can write into a managed policy as well as
 * into a principal's default policy: an `iam.ManagedPolicy` is itself a grantee (aws-cdk-lib adds
 * the statements to its document), and its size is then checked at synth.
 */
export function grantStatements(grantee: iam.IGrantable, statements: iam.PolicyStatement[], route?: GrantedRoute): iam.Grant {
  watchManagedPolicySize(grantee);
  const grants = statements.map(statement => {
    if (statement.effect === iam.Effect.DENY) {
      // A requirement that cannot be written down must not be dropped silently: without its Deny, any
      // other Allow of the principal would skip the guardrail or the endpoint.
      if (!grantee.grantPrincipal.addToPrincipalPolicy(statement).statementAdded) {
        fail(BedrockLandingZoneErrorCode.GRANTEE_POLICY_IMMUTABLE, `grantInvoke: the principal ${grantee.grantPrincipal} has no policy the required Deny (guardrail or VPC endpoint) ` +
          'can be added to (an immutable or imported principal): add the statements of invokeStatements(scope, options) to its policy yourself');
      }
      return undefined;
    }
    return iam.Grant.addToPrincipal({
      grantee,
      actions: statement.actions,
      resourceArns: statement.resources,
      conditions: statement.conditions,
    });
  }).filter((g): g is iam.Grant => g !== undefined);
  const target = granteeConstruct(grantee);
  if (route && target) recordRoute({ target, statements, ...route });
  return grants.length > 0 ? grants.reduce((a, b) => a.combine(b)) : iam.Grant.drop(grantee, 'only Deny statements');
}
