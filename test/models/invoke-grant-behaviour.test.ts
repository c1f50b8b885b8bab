import { Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, SONNET_45, fmArn, profileArn, stackIn } from './fixtures';
import { CrossRegionInferenceProfile, Geography, Guardrail, InvokeGrantOptions, ServiceTier } from '../../src';
import { INFERENCE_DOORS, InferenceDoor } from '../../src/catalogue/inference-doors';
import { grantStatements } from '../../src/models/invoke-statements';
import { PolicyDocument, evaluate, identityPoliciesOf, resolveCfn } from '../support/iam';
import { doorResource } from '../support/service-reference';

/**
 * The grants by what they do beside the other policies a principal has: a developer's role that also
 * holds a broad Allow (AdministratorAccess, or a wildcard model Allow) must still meet every
 * requirement of the grant; the Allow statements handed out by invokeStatements() must carry the
 * guardrail requirement on their own; the endpoint requirement covers exactly the doors of the
 * endpoint it names; and the Grant returned to callers covers the Allow statements.
 */

const REGION = 'eu-central-1';
const EU_PROFILE = profileArn(REGION, `eu.${SONNET_45}`);
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
const WITH_GUARDRAIL = { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:3` };
const ENDPOINT = 'vpce-0abc';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** Another Allow a principal may hold: every foundation model in every region. */
const ANY_FOUNDATION_MODEL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }],
};

const guardrail = (stack: Stack) => Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' });

function granted(options: (stack: Stack) => InvokeGrantOptions): { role: iam.Role; grant: iam.Grant; identity: PolicyDocument[] } {
  const stack = stackIn(REGION);
  const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
  const grant = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, options(stack));
  return { role, grant, identity: identityPoliciesOf(role) };
}

/** A destination leg of the EU profile, in Paris. */
const leg = (region = 'eu-west-3') => ({ resource: fmArn(region, SONNET_45), context: { 'bedrock:InferenceProfileArn': EU_PROFILE } });

describe('a guardrail requirement holds beside any other Allow of the principal', () => {
  const { identity } = granted(stack => ({ requireGuardrail: guardrail(stack) }));
  const call = (extra: PolicyDocument, request: { resource: string; context?: Record<string, string> }, action = 'bedrock:InvokeModel') =>
    evaluate({ identity: [...identity, extra] }, { action, ...request });

  test.each([['AdministratorAccess', ADMIN], ['an Allow of every foundation model', ANY_FOUNDATION_MODEL]] as const)(
    'with %s: the model is denied without the guardrail, on the profile, its legs and the model called directly in any region', async (_n, extra) => {
      expect(await call(extra, { resource: EU_PROFILE })).toBe('ExplicitlyDenied');
      expect(await call(extra, leg())).toBe('ExplicitlyDenied');
      expect(await call(extra, leg(), 'bedrock:InvokeModelWithResponseStream')).toBe('ExplicitlyDenied');
      expect(await call(extra, { resource: fmArn(REGION, SONNET_45) })).toBe('ExplicitlyDenied');
      expect(await call(extra, { resource: fmArn('us-east-1', SONNET_45) })).toBe('ExplicitlyDenied');
    });

  test('with the guardrail, the same calls are allowed', async () => {
    expect(await call(ANY_FOUNDATION_MODEL, { resource: EU_PROFILE, context: WITH_GUARDRAIL })).toBe('Allowed');
    expect(await call(ANY_FOUNDATION_MODEL, { resource: leg().resource, context: { ...leg().context, ...WITH_GUARDRAIL } })).toBe('Allowed');
    expect(await call(ANY_FOUNDATION_MODEL, { resource: fmArn('us-east-1', SONNET_45), context: WITH_GUARDRAIL })).toBe('Allowed');
  });
});

describe('an endpoint requirement and a tier restriction hold beside any other Allow of the principal', () => {
  const { identity } = granted(stack => ({
    requireVpcEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: ENDPOINT, port: 443 })],
    allowedServiceTiers: [ServiceTier.DEFAULT],
  }));
  const call = (request: { resource: string; context?: Record<string, string> }, context: Record<string, string>) =>
    evaluate({ identity: [...identity, ANY_FOUNDATION_MODEL] }, { action: 'bedrock:InvokeModel', resource: request.resource, context: { ...request.context, ...context } });
  const direct = { 'aws:ViaAWSService': 'false' };
  const throughEndpoint = { ...direct, 'aws:SourceVpce': ENDPOINT };

  test('the profile\'s legs and the model called directly are denied outside the endpoint, allowed through it', async () => {
    expect(await call(leg(), direct)).toBe('ExplicitlyDenied');
    expect(await call({ resource: fmArn('us-east-1', SONNET_45) }, direct)).toBe('ExplicitlyDenied');
    expect(await call(leg(), throughEndpoint)).toBe('Allowed');
    expect(await call({ resource: fmArn('us-east-1', SONNET_45) }, throughEndpoint)).toBe('Allowed');
  });

  test('a tier outside the restriction is denied on the legs and the model called directly', async () => {
    expect(await call(leg(), { ...throughEndpoint, 'bedrock:ServiceTier': 'priority' })).toBe('ExplicitlyDenied');
    expect(await call({ resource: fmArn('us-east-1', SONNET_45) }, { ...throughEndpoint, 'bedrock:ServiceTier': 'flex' })).toBe('ExplicitlyDenied');
  });
});

describe('the Allow statements of invokeStatements() carry the guardrail requirement on their own', () => {
  // The documented path for principals that are not constructs: someone may copy the Allows and lose the Deny.
  const stack = stackIn(REGION);
  const statements = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack, { requireGuardrail: guardrail(stack) });
  const allows = statements.filter(s => s.effect === iam.Effect.ALLOW && s.actions.some(a => a.startsWith('bedrock:InvokeModel')));
  const document = resolveCfn(stack.resolve(new iam.PolicyDocument({ statements: allows }).toJSON()),
    { region: REGION, accountId: ACCOUNT }) as PolicyDocument;
  const call = (request: { resource: string; context?: Record<string, string> }) => evaluate({ identity: [document] }, { action: 'bedrock:InvokeModel', ...request });

  test('without the guardrail, or with another version, nothing is allowed', async () => {
    expect(await call({ resource: EU_PROFILE })).toBe('ImplicitlyDenied');
    expect(await call(leg())).toBe('ImplicitlyDenied');
    expect(await call({ resource: EU_PROFILE, context: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:2` } })).toBe('ImplicitlyDenied');
  });

  test('with the guardrail, the profile and its legs are allowed', async () => {
    expect(await call({ resource: EU_PROFILE, context: WITH_GUARDRAIL })).toBe('Allowed');
    expect(await call({ resource: leg().resource, context: { ...leg().context, ...WITH_GUARDRAIL } })).toBe('Allowed');
  });
});

/**
 * Every door of the catalogue against a grant that requires the private bedrock-runtime endpoint,
 * for a principal that also holds AdministratorAccess: a door of bedrock-runtime is denied outside
 * the endpoint and allowed through it; a door of another endpoint (or of none) is not the grant's
 * business and stays allowed. Generated from the catalogue: a new door is covered here.
 */
describe('the endpoint requirement covers exactly the doors of the endpoint it names', () => {
  const { identity } = granted(stack => ({
    requireVpcEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: ENDPOINT, port: 443 })],
  }));
  const call = (door: InferenceDoor, vpce?: string) => evaluate({ identity: [...identity, ADMIN] }, {
    action: door.action,
    // The granted model for the model doors (the invoke Deny names it); `*` where the door accepts it, else any resource of its type.
    resource: door.resourceTypes.includes('foundation-model') ? fmArn(REGION, SONNET_45) : door.resourceTypes.length === 0 ? '*' : resourceOf(door),
    context: { 'aws:ViaAWSService': 'false', ...(vpce ? { 'aws:SourceVpce': vpce } : {}) },
  });
  const runtime = INFERENCE_DOORS.filter(d => d.endpoint === 'bedrock-runtime').map(d => [d.action, d] as const);
  const others = INFERENCE_DOORS.filter(d => d.endpoint !== 'bedrock-runtime').map(d => [d.action, d] as const);

  test.each(runtime)('%s (bedrock-runtime): denied directly and through another endpoint, allowed through the required one', async (_a, door) => {
    expect(await call(door)).toBe('ExplicitlyDenied');
    expect(await call(door, 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await call(door, ENDPOINT)).toBe('Allowed');
  });

  test.each(others)('%s (not bedrock-runtime): not denied outside the endpoint', async (_a, door) => {
    expect(await call(door)).toBe('Allowed');
  });

  test('bedrock-runtime carries token counting and ApplyGuardrail besides the two invoke actions', () => {
    expect(runtime.map(([a]) => a)).toEqual(expect.arrayContaining(['bedrock:CountTokens', 'bedrock:ApplyGuardrail', 'bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']));
  });
});

/** A resource of the door's first resource type, in the grant's account and region. */
const resourceOf = (door: InferenceDoor) => doorResource(door, REGION, ACCOUNT);

describe('the Grant returned to callers', () => {
  test('covers exactly the Allow statements of the grant (not its Denies), and succeeds', () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const options: InvokeGrantOptions = {
      requireGuardrail: guardrail(stack),
      requireVpcEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: ENDPOINT, port: 443 })],
    };
    const model = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
    const grant = model.grantInvoke(role, options);
    const allows = model.invokeStatements(role, options).filter(s => s.effect === iam.Effect.ALLOW);
    expect(grant.success).toBe(true);
    expect(() => grant.assertSuccess()).not.toThrow();
    const json = (statements: iam.PolicyStatement[]) => stack.resolve(statements.map(s => s.toStatementJson()));
    expect(json(grant.principalStatements)).toEqual(json(allows));
    const actions = new Set(grant.principalStatements.flatMap(s => s.actions));
    expect(actions).toEqual(new Set([...allows.flatMap(s => s.actions)]));
    expect(actions.has('bedrock:InvokeModel') && actions.has('bedrock:InvokeModelWithResponseStream')).toBe(true);
  });

  test('a Grant of Deny statements only is an empty grant, and the Deny is still written to the principal\'s policy', async () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['bedrock:InvokeModel'], resources: [fmArn(REGION, SONNET_45)] });
    const grant = grantStatements(role, [deny]);
    expect(grant.principalStatements).toEqual([]);
    const identity = [...identityPoliciesOf(role), ADMIN];
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, SONNET_45) })).toBe('ExplicitlyDenied');
  });
});
