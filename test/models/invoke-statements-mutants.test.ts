import { App, Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { ACCOUNT, SONNET_45, fmArn, profileArn, stackIn } from './fixtures';
import {
  BedrockLandingZone, CrossRegionInferenceProfile, FoundationModel, Geography, IGuardrailReference, InvokeGrantOptions,
  ServiceTier,
} from '../../src';
import { isBedrockLandingZoneError } from '../../src/errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../src/errors/error-code';
import { Guardrail } from '../../src/guardrails';
import { recordedRoutes } from '../../src/models/grants/residency-records';
import { grantStatements } from '../../src/models/invoke-statements';
import { REGION_DATA } from '../../src/models/region-data.generated';
import { PolicyDocument, evaluate, identityPoliciesOf, resolveCfn } from '../support/iam';

/**
 * What src/models/invoke-statements.ts decides besides the statements themselves, stated by what a
 * developer sees: the exact error of a grant that cannot be written (a grantee that is no construct,
 * a principal whose policy cannot take the required Deny, an endpoint of another region, a tier list
 * that is no list of tiers), the warning of an unlisted model, and that the order of a tier list
 * changes nothing. The statements' effect is in invoke-grant-behaviour.test.ts.
 */

const REGION = 'eu-central-1';
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
const EU_SONNET = () => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);

/** The error the call throws: the library's, with the given code. */
function errorOf(call: () => unknown, code: BedrockLandingZoneErrorCode): { message: string; problems: string[] } {
  try {
    call();
  } catch (e) {
    if (!isBedrockLandingZoneError(e)) throw e;
    expect(e.code).toBe(code);
    return e;
  }
  throw new Error('the call did not throw');
}

describe('the grantee of a grantInvoke', () => {
  test('a principal that is not a construct: the error says why and what to do instead', () => {
    const grantee: iam.IGrantable = { grantPrincipal: new iam.AccountPrincipal(ACCOUNT) };
    expect(errorOf(() => EU_SONNET().grantInvoke(grantee), BedrockLandingZoneErrorCode.GRANTEE_NOT_A_CONSTRUCT).message).toBe(
      'CrossRegionInferenceProfile.grantInvoke needs a grantee that is a construct (a role, user, group or managed policy) so that its stack\'s region decides the grant; ' +
      'for other principals use invokeStatements(scope) and add the statements yourself');
    expect(errorOf(() => FoundationModel.of(SONNET_45).grantInvoke(grantee), BedrockLandingZoneErrorCode.GRANTEE_NOT_A_CONSTRUCT).message)
      .toMatch(/^FoundationModel\.grantInvoke needs a grantee that is a construct /);
  });

  test('a grantee that is no construct but whose principal is one: the grant goes to that principal\'s policy', async () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const grant = EU_SONNET().grantInvoke({ grantPrincipal: role });
    expect(grant.success).toBe(true);
    expect(await evaluate({ identity: identityPoliciesOf(role) }, { action: 'bedrock:InvokeModel', resource: profileArn(REGION, `eu.${SONNET_45}`) })).toBe('Allowed');
  });

  test('a managed policy is a grantee of its own (its principal is no construct): the grant is written into its document', async () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const policy = new iam.ManagedPolicy(stack, 'Invoke', { roles: [role] });
    expect(EU_SONNET().grantInvoke(policy).success).toBe(true);
    expect(await evaluate({ identity: identityPoliciesOf(role) }, { action: 'bedrock:InvokeModel', resource: profileArn(REGION, `eu.${SONNET_45}`) })).toBe('Allowed');
  });

  test('a principal whose policy cannot take the required Deny (a construct granting to a principal with no policy): an error, not a grant without its guardrail', () => {
    const stack = stackIn(REGION);
    class Holder extends Construct implements iam.IGrantable {
      public readonly grantPrincipal = new iam.AccountPrincipal(ACCOUNT);
    }
    const role = new Holder(stack, 'Holder');
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' });
    const error = errorOf(() => EU_SONNET().grantInvoke(role, { requireGuardrail: guardrail }), BedrockLandingZoneErrorCode.GRANTEE_POLICY_IMMUTABLE);
    expect(error.message).toBe(
      `grantInvoke: the principal ${role.grantPrincipal} has no policy the required Deny (guardrail or VPC endpoint) can be added to ` +
      '(an immutable or imported principal): add the statements of invokeStatements(scope, options) to its policy yourself');
    // Without a Deny to write, the same principal gets a Grant that says it added nothing.
    expect(EU_SONNET().grantInvoke(role).success).toBe(false);
  });
});

describe('requireGuardrail: the guardrail checks run on every grant', () => {
  test('a guardrail ARN of another region, given or imported: the grant\'s error names requireGuardrail', () => {
    const stack = stackIn(REGION);
    const arn = `arn:aws:bedrock:eu-west-1:${ACCOUNT}:guardrail/gr123`;
    const expected = [`requireGuardrail.guardrailArn is in eu-west-1, but the stack region is ${REGION}; allowed: a guardrail in ${REGION}`];
    const given: IGuardrailReference = { guardrailArn: arn, guardrailVersion: '3', applyStatements: () => [] };
    const problemsOf = (requireGuardrail: IGuardrailReference) =>
      errorOf(() => EU_SONNET().invokeStatements(stack, { requireGuardrail }), BedrockLandingZoneErrorCode.INVOKE_GRANT_OPTIONS).problems;
    expect(problemsOf(given)).toEqual(expected);
    // Imported into the grant's own stack: only its ARN says it is elsewhere.
    const imported = Guardrail.fromGuardrailAttributes(stack, 'Imported', { guardrailArn: arn, guardrailVersion: '3' });
    expect(problemsOf(imported)).toEqual(expected);
  });
});

describe('requireVpcEndpoints: endpoints of the grant\'s region only', () => {
  const endpointIn = (stack: Stack, id: string) => ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, id, { vpcEndpointId: `vpce-${id.toLowerCase()}`, port: 443 });

  test('an endpoint of another region is refused, by its index, path and region', () => {
    const app = new App();
    const stack = new Stack(app, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    const ireland = new Stack(app, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const error = errorOf(() => EU_SONNET().invokeStatements(stack, { requireVpcEndpoints: [endpointIn(stack, 'Here'), endpointIn(ireland, 'There')] }),
      BedrockLandingZoneErrorCode.INVOKE_GRANT_OPTIONS);
    expect(error.message).toBe(`InvokeGrantOptions: requireVpcEndpoints[1] is an endpoint in eu-west-1 (Ireland/There), but the stack region is ${REGION}; allowed: endpoints in ${REGION}`);
  });

  test('endpoints of the same region, or of a stack whose region is not known at synth, are accepted', () => {
    const app = new App();
    const stack = new Stack(app, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => EU_SONNET().invokeStatements(stack, { requireVpcEndpoints: [endpointIn(stack, 'Here'), endpointIn(agnostic, 'Anywhere')] })).not.toThrow();
  });

  test('a grant in a stack whose region is declared (governRegion), not known: endpoints of any stack are accepted', () => {
    const app = new App();
    const stack = new Stack(app, 'Grant', { env: { account: ACCOUNT } });
    BedrockLandingZone.governRegion(stack, REGION);
    const ireland = new Stack(app, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    expect(() => EU_SONNET().invokeStatements(stack, { requireVpcEndpoints: [endpointIn(ireland, 'There')] })).not.toThrow();
  });
});

describe('allowedServiceTiers', () => {
  const tierProblems = (tiers: unknown[], acknowledgeReservedCapacity?: boolean) =>
    errorOf(() => EU_SONNET().invokeStatements(stackIn(REGION), { allowedServiceTiers: tiers as ServiceTier[], acknowledgeReservedCapacity }),
      BedrockLandingZoneErrorCode.INVOKE_GRANT_OPTIONS).problems;

  test('a value that is not a ServiceTier is named as it was given, string or not', () => {
    expect(tierProblems([42])).toEqual(['allowedServiceTiers holds 42; expected one of priority, default, flex, reserved (ServiceTier)']);
    expect(tierProblems([ServiceTier.FLEX, 'flex'])).toEqual(["allowedServiceTiers holds 'flex'; expected one of priority, default, flex, reserved (ServiceTier)"]);
  });

  test('reserved capacity needs acknowledgeReservedCapacity: true, not false', () => {
    expect(tierProblems([ServiceTier.RESERVED], false)).toEqual([
      'allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it',
    ]);
  });

  test('the order of the list changes no statement: reordering it is no policy update', () => {
    const statements = (tiers: ServiceTier[]) => {
      const stack = stackIn(REGION);
      return stack.resolve(EU_SONNET().invokeStatements(stack, { allowedServiceTiers: tiers }).map(s => s.toStatementJson()));
    };
    expect(statements([ServiceTier.PRIORITY, ServiceTier.FLEX])).toEqual(statements([ServiceTier.FLEX, ServiceTier.PRIORITY]));
  });
});

describe('messages that name the model', () => {
  test('a model the data does not list, under allowUnlistedModel: the warning says where its regions come from', () => {
    const stack = stackIn(REGION);
    CrossRegionInferenceProfile.of(Geography.EU, 'vendor.new-model-v1:0', { allowUnlistedModel: true }).invokeStatements(stack);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map(w => w.entry.data)).toEqual([
      "eu.vendor.new-model-v1:0 is not in the library's region data for geography 'eu'; it is used because allowUnlistedModel is set. " +
      `The regions in its grant come from the geography, not from data about this model (data collected ${REGION_DATA.collectedAt}). ` +
      '[ack: cdk-bedrock-landing-zone:unlistedModel]',
    ]);
  });

  test('an environment-agnostic stack: the error says the three ways to give the region', () => {
    expect(errorOf(() => EU_SONNET().invokeStatements(new Stack(new App(), 'Agnostic')), BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE).problems).toEqual([
      `inference profile eu.${SONNET_45} needs the stack's region to name the exact regions it may reach, but the stack is environment-agnostic: ` +
      'give the stack an env with a region (new Stack(app, id, { env: { account, region } })), or declare the region of a StackSet template ' +
      'with BedrockLandingZone.governRegion(stack, region), or use FoundationModel.of(modelId, { region }) for an in-region model',
    ]);
  });

  test('a profile ID given as a model ID: the Geography constant is named as the code writes it (us-gov is US_GOV)', () => {
    const problems = errorOf(() => FoundationModel.of(`us-gov.${SONNET_45}`).invokeStatements(stackIn(REGION)), BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE).problems;
    expect(problems).toEqual([
      `modelId 'us-gov.${SONNET_45}' is the ID of the 'us-gov' inference profile of ${SONNET_45}, not a foundation model ID: ` +
      `use CrossRegionInferenceProfile.of(Geography.US_GOV, '${SONNET_45}'), or FoundationModel.of('${SONNET_45}') for the model in region`,
    ]);
  });
});

describe('what a grant allows besides invoking', () => {
  const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const roleWith = (options: (stack: Stack) => InvokeGrantOptions) => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    EU_SONNET().grantInvoke(role, options(stack));
    return identityPoliciesOf(role);
  };

  test('a guardrail requirement also allows applying that guardrail, and no other', async () => {
    const identity = roleWith(s => ({ requireGuardrail: Guardrail.fromGuardrailAttributes(s, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' }) }));
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/other1` })).toBe('ImplicitlyDenied');
  });

  test('without requireVpcEndpoints, the grant denies no door of bedrock-runtime from the internet', async () => {
    const identity = [...roleWith(() => ({})), ADMIN];
    const direct = { 'aws:ViaAWSService': 'false' };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn(REGION, `eu.${SONNET_45}`), context: direct })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:CountTokens', resource: fmArn(REGION, SONNET_45), context: direct })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN, context: direct })).toBe('Allowed');
  });

  test('with requireVpcEndpoints, a call AWS makes on the principal\'s behalf (not through the VPC) is not denied', async () => {
    const identity = [...roleWith(stack => ({
      requireVpcEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: 'vpce-0abc', port: 443 })],
    })), ADMIN];
    const viaService = { 'aws:ViaAWSService': 'true' };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, SONNET_45), context: viaService })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:CountTokens', resource: fmArn(REGION, SONNET_45), context: viaService })).toBe('Allowed');
    // The same calls made directly from outside the endpoint are denied.
    const direct = { 'aws:ViaAWSService': 'false' };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, SONNET_45), context: direct })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:CountTokens', resource: fmArn(REGION, SONNET_45), context: direct })).toBe('ExplicitlyDenied');
  });
});

describe('the route a grant records for the residency map', () => {
  test('grantInvoke records the grantee, the model, the options and the statements written', () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const model = EU_SONNET();
    const options: InvokeGrantOptions = { allowedServiceTiers: [ServiceTier.FLEX] };
    model.grantInvoke(role, options);
    const routes = recordedRoutes(stack);
    expect(routes).toHaveLength(1);
    expect(routes[0].target).toBe(role);
    expect(routes[0].model).toBe(model);
    expect(routes[0].options).toBe(options);
    expect(stack.resolve(routes[0].statements.map(s => s.toStatementJson())))
      .toEqual(stack.resolve(model.invokeStatements(role, options).map(s => s.toStatementJson())));
  });

  test('statements written without a route, or for a principal that is no construct, record nothing', () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    const statements = EU_SONNET().invokeStatements(stack);
    grantStatements(role, statements);
    grantStatements({ grantPrincipal: new iam.AccountPrincipal(ACCOUNT) }, statements, { model: EU_SONNET(), options: {} });
    expect(recordedRoutes(stack)).toEqual([]);
  });
});

/**
 * The requirements of invoke-grant-behaviour.test.ts again, each grant built inside its test: the
 * mutation run (per-test coverage) credits a test only with the code it runs itself, not with grants a
 * describe block builds while jest loads the file.
 */
describe('each requirement beside a broad Allow, the grant built inside the test', () => {
  const EU_PROFILE = profileArn(REGION, `eu.${SONNET_45}`);
  const ANY_FOUNDATION_MODEL: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }],
  };
  const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const WITH_GUARDRAIL = { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:3` };
  const guardrail = (stack: Stack) => Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' });
  const roleWith = (options: (stack: Stack) => InvokeGrantOptions) => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'Developer', { assumedBy: new iam.AccountRootPrincipal() });
    EU_SONNET().grantInvoke(role, options(stack));
    return identityPoliciesOf(role);
  };

  test('guardrail: the model in any region is denied without it and allowed with it, beside an Allow of every foundation model', async () => {
    const identity = [...roleWith(s => ({ requireGuardrail: guardrail(s) })), ANY_FOUNDATION_MODEL];
    const call = (resource: string, context: Record<string, string> = {}) => evaluate({ identity }, { action: 'bedrock:InvokeModel', resource, context });
    expect(await call(fmArn('us-east-1', SONNET_45))).toBe('ExplicitlyDenied');
    expect(await call(fmArn('eu-west-3', SONNET_45))).toBe('ExplicitlyDenied');
    expect(await call(EU_PROFILE)).toBe('ExplicitlyDenied');
    expect(await call(fmArn('us-east-1', SONNET_45), WITH_GUARDRAIL)).toBe('Allowed');
    expect(await call(EU_PROFILE, WITH_GUARDRAIL)).toBe('Allowed');
  });

  test('guardrail: the Allow statements alone allow nothing without it, and the profile with it', async () => {
    const stack = stackIn(REGION);
    const allows = EU_SONNET().invokeStatements(stack, { requireGuardrail: guardrail(stack) })
      .filter(s => s.effect === iam.Effect.ALLOW && s.actions.includes('bedrock:InvokeModel'));
    const document = resolveCfn(stack.resolve(new iam.PolicyDocument({ statements: allows }).toJSON()),
      { region: REGION, accountId: ACCOUNT }) as PolicyDocument;
    expect(await evaluate({ identity: [document] }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: [document] }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: WITH_GUARDRAIL })).toBe('Allowed');
  });

  test('endpoint: the other bedrock-runtime doors are denied outside it and allowed through it; a door of another endpoint is not the grant\'s business', async () => {
    const identity = [...roleWith(stack => ({
      requireVpcEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: 'vpce-0abc', port: 443 })],
    })), ADMIN];
    const direct = { 'aws:ViaAWSService': 'false' };
    const through = { ...direct, 'aws:SourceVpce': 'vpce-0abc' };
    const call = (action: string, resource: string, context: Record<string, string>) => evaluate({ identity }, { action, resource, context });
    expect(await call('bedrock:CountTokens', fmArn(REGION, SONNET_45), direct)).toBe('ExplicitlyDenied');
    expect(await call('bedrock:CountTokens', fmArn(REGION, SONNET_45), through)).toBe('Allowed');
    expect(await call('bedrock:InvokeModel', fmArn('us-east-1', SONNET_45), through)).toBe('Allowed');
    expect(await call('bedrock:ApplyGuardrail', GUARDRAIL_ARN, { ...direct, 'aws:SourceVpce': 'vpce-0other' })).toBe('ExplicitlyDenied');
    expect(await call('bedrock:Retrieve', `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678`, direct)).toBe('Allowed');
  });
});
