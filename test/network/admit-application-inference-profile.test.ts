import { CfnElement, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { ApprovedModel, BedrockLandingZone } from '../../src';
import { ApplicationInferenceProfile, CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { BedrockEndpointService, BedrockPrivateEndpoints, IBedrockPrivateEndpoints } from '../../src/network';
import { ACCOUNT, SONNET_45, stackIn } from '../models/fixtures';
import { PolicyDocument, TemplatePolicies, evaluate } from '../support/iam';

/**
 * `BedrockPrivateEndpoints.admitApplicationInferenceProfile`: the runtime endpoint lets an application
 * inference profile through by name, with its routes fenced to it (red team round 3, finding G1).
 */

const ORG = 'o-abcdefghij';
const REGION = 'eu-central-1';
const PROFILE = `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/aip0`;
const OTHER_PROFILE = `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/aip9`;
const LEG = `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}`;
const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const CALLER = `arn:aws:iam::${ACCOUNT}:role/caller`;

function build(admit: boolean, allowAnyBedrockAction = false): { stack: Stack; endpoints: BedrockPrivateEndpoints } {
  const stack = stackIn(REGION);
  const endpoints = new BedrockPrivateEndpoints(stack, 'Private', allowAnyBedrockAction
    ? { allowAnyBedrockAction, organizationId: ORG }
    : { models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], organizationId: ORG });
  const profile = new ApplicationInferenceProfile(stack, 'Profile', {
    inferenceProfileName: 'claims', modelSource: CrossRegionInferenceProfile.of(Geography.EU, SONNET_45),
  });
  if (admit) endpoints.admitApplicationInferenceProfile(profile);
  return { stack, endpoints };
}

function policyOf(stack: Stack, endpoint: ec2.VpcEndpoint): PolicyDocument {
  const logicalId = stack.resolve((endpoint.node.defaultChild as CfnElement).logicalId) as string;
  const template = Template.fromStack(stack).toJSON();
  const idsOf = (type: string) => Object.keys(template.Resources).filter(id => template.Resources[id].Type === type);
  return new TemplatePolicies(template, {
    region: REGION,
    accountId: ACCOUNT,
    getAtts: {
      [`${idsOf('AWS::Bedrock::ApplicationInferenceProfile')[0]}.InferenceProfileArn`]: PROFILE,
      ...Object.fromEntries(idsOf('AWS::Bedrock::Guardrail').map(id => [`${id}.GuardrailArn`, `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr1`])),
    },
  }).documentOf(logicalId, 'PolicyDocument');
}

function invoke(policy: PolicyDocument, resource: string, profile: string, orgId = ORG): Promise<string> {
  return evaluate({ identity: [ALLOW_ALL], vpcEndpointPolicies: [policy] }, {
    action: 'bedrock:InvokeModel',
    resource,
    principal: CALLER,
    context: { 'aws:PrincipalOrgID': orgId, 'aws:PrincipalAccount': ACCOUNT, 'aws:RequestedRegion': REGION, 'bedrock:InferenceProfileArn': profile },
  });
}

describe('admitting an application inference profile to the runtime endpoint', () => {
  const admitted = build(true);
  const policy = policyOf(admitted.stack, admitted.endpoints.runtimeEndpoint);

  test('the admitted profile and its leg pass', async () => {
    expect(await invoke(policy, PROFILE, PROFILE)).toBe('Allowed');
    expect(await invoke(policy, LEG, PROFILE)).toBe('Allowed');
  });

  test('before it is admitted, neither passes', async () => {
    const before = build(false);
    const beforePolicy = policyOf(before.stack, before.endpoints.runtimeEndpoint);
    expect(await invoke(beforePolicy, PROFILE, PROFILE)).toBe('ImplicitlyDenied');
    expect(await invoke(beforePolicy, LEG, PROFILE)).toBe('ImplicitlyDenied');
  });

  test('a profile not admitted, and a leg claimed through it, are denied; the admitted ones are allowed', async () => {
    expect(await invoke(policy, OTHER_PROFILE, OTHER_PROFILE)).toBe('ImplicitlyDenied');
    expect(await invoke(policy, LEG, OTHER_PROFILE)).toBe('ImplicitlyDenied');
    expect(await invoke(policy, OTHER_PROFILE.replace('aip9', 'aip0'), PROFILE)).toBe('Allowed');
  });

  test('a leg to another model through the admitted profile is denied; the profile\'s own model is allowed', async () => {
    expect(await invoke(policy, `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`, PROFILE)).toBe('ImplicitlyDenied');
    expect(await invoke(policy, LEG, PROFILE)).toBe('Allowed');
  });

  test('a principal outside the organization is denied the admitted profile; one inside is allowed', async () => {
    expect(await invoke(policy, PROFILE, PROFILE, 'o-outsider999')).toBe('ImplicitlyDenied');
    expect(await invoke(policy, PROFILE, PROFILE)).toBe('Allowed');
  });

  test('with allowAnyBedrockAction the policy is unchanged: it passes every profile already', () => {
    const open = build(true, true);
    const closed = build(false, true);
    expect(policyOf(open.stack, open.endpoints.runtimeEndpoint)).toEqual(policyOf(closed.stack, closed.endpoints.runtimeEndpoint));
  });
});

test('a foundation-model source: the profile and its one fenced leg are admitted', async () => {
  const stack = stackIn(REGION);
  const titan = FoundationModel.of('amazon.titan-embed-text-v2:0');
  const endpoints = new BedrockPrivateEndpoints(stack, 'Private', { models: [titan], organizationId: ORG });
  endpoints.admitApplicationInferenceProfile(new ApplicationInferenceProfile(stack, 'Profile', { inferenceProfileName: 'emb', modelSource: titan }));
  const policy = policyOf(stack, endpoints.runtimeEndpoint);
  const titanArn = `arn:aws:bedrock:${REGION}::foundation-model/amazon.titan-embed-text-v2:0`;
  expect(await invoke(policy, PROFILE, PROFILE)).toBe('Allowed');
  expect(await invoke(policy, titanArn, PROFILE)).toBe('Allowed');
  expect(await invoke(policy, LEG, PROFILE)).toBe('ImplicitlyDenied');
});

describe('BedrockLandingZone.admitApplicationInferenceProfile', () => {
  /** Endpoints of another team's network stack, known by ID: their policies are not this construct's. */
  class OwnEndpoints extends Construct implements IBedrockPrivateEndpoints {
    public readonly vpc: ec2.IVpc;
    public readonly runtimeEndpoints: ec2.IVpcEndpoint[];
    public readonly vpcEndpointIds = ['vpce-0own'];
    constructor(scope: Construct, id: string) {
      super(scope, id);
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: 'vpc-0own', availabilityZones: ['eu-central-1a'], privateSubnetIds: ['subnet-0own'] });
      this.runtimeEndpoints = [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(this, 'Runtime', { vpcEndpointId: 'vpce-0own', port: 443 })];
    }
    public endpointFor(_service: BedrockEndpointService): ec2.InterfaceVpcEndpoint | undefined {
      return undefined;
    }
  }
  const profileIn = (stack: Stack) => new ApplicationInferenceProfile(stack, 'Claims', {
    inferenceProfileName: 'claims', modelSource: CrossRegionInferenceProfile.of(Geography.EU, SONNET_45),
  });

  test('with the endpoints it created, the runtime endpoint admits the profile', async () => {
    const stack = stackIn(REGION);
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], organizationId: ORG });
    lz.admitApplicationInferenceProfile(profileIn(stack));
    const policy = policyOf(stack, (lz.endpoints as BedrockPrivateEndpoints).runtimeEndpoint);
    expect(await invoke(policy, PROFILE, PROFILE)).toBe('Allowed');
    expect(await invoke(policy, OTHER_PROFILE, OTHER_PROFILE)).toBe('ImplicitlyDenied');
  });

  test('with endpoints of your own, it warns that their policy must admit the profile', () => {
    const stack = stackIn(REGION);
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], endpoints: new OwnEndpoints(stack, 'Network') });
    lz.admitApplicationInferenceProfile(profileIn(stack));
    expect(Annotations.fromStack(stack).findWarning('/Stack/Lz', Match.anyValue()).map(w => w.entry.data)).toContain(
      'The endpoints are your own: their runtime endpoint policy must admit the application inference profile Stack/Claims and its routes. ' +
      '[ack: cdk-bedrock-landing-zone:ownEndpointsAdmitProfile]');
  });
});
