import { Stack, Token, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { EnforcedGuardrail } from '../../guardrails/enforced-guardrail';
import { BedrockLandingZone } from '../../landing-zone/bedrock-landing-zone';
import { ModelInvocationLogging } from '../../logging/model-invocation-logging';
import { ApplicationInferenceProfileBase } from '../../models/application-inference-profile';
import { CrossRegionInferenceProfile } from '../../models/cross-region-inference-profile';
import { CustomModel } from '../../models/custom-model';
import { FoundationModel } from '../../models/foundation-model';
import { IGuardrailReference } from '../../models/guardrail-reference';
import { IBedrockInvokable } from '../../models/invokable';
import { INVOKE_ACTIONS } from '../../models/invoke-statements';
import { ProvisionedModel } from '../../models/provisioned-model';
import { governedRegion } from '../../private/governed-region';
import { allowedBedrockArns, regionsReached } from '../../private/grant-regions';
import { RecordedRoute, attachmentsOf, recordedRoutes } from '../../private/residency-records';
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
  const rows = new Map<string, ResidencyRoute>();
  const under = (c: IConstruct) => scope.node.path === '' || c.node.path === scope.node.path || c.node.path.startsWith(`${scope.node.path}/`);
  for (const recorded of recordedRoutes(scope).filter(r => under(r.target))) {
    const env = environmentOf(recorded.target);
    const sameEnv = (c: IConstruct) => environmentOf(c).key === env.key;
    const invoke = recorded.statements.filter(s => s.effect === iam.Effect.ALLOW && INVOKE_ACTIONS.some(a => s.actions.includes(a)));
    const processed = regionsReached(invoke);
    const processedIn = processed.includes('*') ? [ANY_REGION] : processed;
    const allowedRegions = zones.filter(sameEnv).map(z => z.profile.allowedRegions).find(r => r !== undefined);
    const models = foundationModelsOf(invoke);
    for (const principal of principalsOf(recorded)) {
      const route: ResidencyRoute = {
        account: env.account,
        region: env.region,
        principal,
        grantedBy: recorded.target instanceof iam.ManagedPolicy ? `managed policy ${recorded.target.node.path}` : 'default policy',
        purpose: recorded.purpose,
        model: models.length > 0 ? models.join(', ') : labelOf(recorded.model, recorded.target),
        through: throughOf(recorded.model, recorded.target),
        processedIn,
        allowedRegions: allowedRegions ? [...allowedRegions].sort() : undefined,
        outsideAllowedRegions: allowedRegions ? processedIn.filter(r => !allowedRegions.includes(r)) : [],
        requiredGuardrail: recorded.options.requireGuardrail ? guardrailLabel(recorded.options.requireGuardrail) : undefined,
        enforcedGuardrail: enforcedOn(enforced.filter(sameEnv), models),
        requiredEndpoints: (recorded.options.requireVpcEndpoints ?? []).map(endpointLabel),
        loggedTo: logging.filter(sameEnv).flatMap(destinationsOf),
      };
      rows.set(JSON.stringify(route), route);
    }
  }
  return [...rows.values()].sort(compareRoutes);
}

const ANY_REGION = 'any region';

function compareRoutes(a: ResidencyRoute, b: ResidencyRoute): number {
  return a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.principal.localeCompare(b.principal)
    || a.model.localeCompare(b.model) || a.through.localeCompare(b.through) || a.grantedBy.localeCompare(b.grantedBy);
}

/** The account and region a construct's stack deploys to, and a key that matches constructs of the same one. */
function environmentOf(scope: IConstruct): { account: string; region: string; key: string } {
  const stack = Stack.of(scope);
  const region = governedRegion(scope);
  const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
  // An environment-agnostic stack matches only constructs of the same stack.
  const key = account && region ? `${account}/${region}` : `stack:${stack.node.path}`;
  return { account: account ?? 'any (environment-agnostic stack)', region: region ?? 'any (environment-agnostic stack)', key };
}

/** Who holds the statements: the role, user or group itself, or the principals a policy is attached to. */
function principalsOf(route: RecordedRoute): string[] {
  const attached = attachmentsOf(route.target);
  if (attached !== undefined && attached.length > 0) return attached.map(p => p.node.path);
  // A library policy attached to no one yet (a StackSet baseline's, for the account's teams to attach).
  if (attached !== undefined) return ['(not attached in this app)'];
  // A managed policy created outside the library: its attachments are not recorded.
  if (route.target instanceof iam.ManagedPolicy) return [`(the principals ${route.target.node.path} is attached to)`];
  return [route.target.node.path];
}

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
