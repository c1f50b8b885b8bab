import { aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockDataRetention, BedrockGovernanceChecks, BedrockLandingZoneErrorCode as Code,
  BedrockLandingZoneErrors, DataRetentionMode, GovernanceProfile, ModelInvocationLogging, OpenAiCompatibleAccessPolicy,
  OpenAiCompatibleAccessPolicyProps, OpenAiCompatibleProject, ServiceTier,
} from '../../src';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { errorOf } from '../support/errors';
import { evaluate, identityPoliciesOf } from '../support/iam';
import { checkCompliance, describeAcknowledgements } from '../support/nag';

const UNAPPROVED = 'meta.llama3-3-70b-instruct-v1:0';

function setup(region: string, props: Partial<OpenAiCompatibleAccessPolicyProps> = {}) {
  const stack = stackIn(region);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const project = new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims assistant', tags: { Team: 'claims' } });
  const policy = new OpenAiCompatibleAccessPolicy(stack, 'Access', {
    project,
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    roles: [role],
    ...props,
  });
  return { stack, role, project, policy };
}

const projectArn = (region: string) => `arn:aws:bedrock-mantle:${region}:${ACCOUNT}:project/proj_abc123`;

describe('OpenAiCompatibleProject', () => {
  test('an AWS::BedrockMantle::Project with its name and tags, valid CloudFormation', () => {
    // eu-west-1: the schema validator's region data does not list the resource type in eu-central-1 (see README).
    const { stack } = setup('eu-west-1');
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockMantle::Project', { Name: 'claims assistant', Tags: [{ Key: 'Team', Value: 'claims' }] });
    expectValidCloudFormation(stack);
  });

  test('a name the API refuses fails synth', () => {
    const error = errorOf(() => new OpenAiCompatibleProject(stackIn('eu-central-1'), 'P', { projectName: '   ' }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.OPENAI_COMPATIBLE_PROJECT_PROPS);
    expect(error.message).toBe("OpenAiCompatibleProject: projectName '   ' is not allowed: give 1 to 127 characters, not only spaces (3 given)");
  });
});

describe('OpenAiCompatibleAccessPolicy under EU residency', () => {
  const { stack, role, project, policy } = setup('eu-central-1', {
    profiles: [GovernanceProfile.EU_RESIDENCY], allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.FLEX],
  });
  const projectLogicalId = stack.getLogicalId(project.project);
  const identity = identityPoliciesOf(role, { getAtts: { [`${projectLogicalId}.Arn`]: projectArn('eu-central-1') } });
  const infer = (model: string | undefined, extra: Record<string, string> = {}, action = 'bedrock-mantle:CreateInference') => evaluate({ identity }, {
    action,
    resource: projectArn('eu-central-1'),
    context: { ...(model ? { 'bedrock-mantle:Model': model } : {}), ...extra },
  });

  test('names the approved models by the EU profile ID and the in-region model ID', () => {
    expect(policy.modelIds).toEqual([TITAN_EMBED_V2, `eu.${SONNET_45}`]);
  });

  test('allows the approved models by the EU profile ID (or the in-region model ID), on the allowed tiers', async () => {
    expect(await infer(`eu.${SONNET_45}`)).toBe('Allowed');
    expect(await infer(`eu.${SONNET_45}`, { 'bedrock-mantle:ServiceTier': 'flex' })).toBe('Allowed');
    expect(await infer(TITAN_EMBED_V2, {}, 'bedrock-mantle:CountTokens')).toBe('Allowed');
  });

  test('an unapproved model, a model without its geography (the bare or the global ID), or no model named: not allowed', async () => {
    expect(await infer(UNAPPROVED)).toBe('ImplicitlyDenied');
    expect(await infer(SONNET_45)).toBe('ImplicitlyDenied');
    expect(await infer(`global.${SONNET_45}`)).toBe('ImplicitlyDenied');
    expect(await infer(`us.${SONNET_45}`)).toBe('ImplicitlyDenied');
    expect(await infer(undefined)).toBe('ImplicitlyDenied');
  });

  test('a tier outside the list is denied explicitly', async () => {
    expect(await infer(`eu.${SONNET_45}`, { 'bedrock-mantle:ServiceTier': 'priority' })).toBe('ExplicitlyDenied');
    expect(await infer(`eu.${SONNET_45}`, { 'bedrock-mantle:ServiceTier': 'reserved' })).toBe('ExplicitlyDenied');
  });

  test('only the project: another project of the account is not allowed', async () => {
    expect(await evaluate({ identity }, {
      action: 'bedrock-mantle:CreateInference',
      resource: `arn:aws:bedrock-mantle:eu-central-1:${ACCOUNT}:project/default`,
      context: { 'bedrock-mantle:Model': `eu.${SONNET_45}` },
    })).toBe('ImplicitlyDenied');
  });
});

describe('OpenAiCompatibleAccessPolicy requiring the PrivateLink endpoint', () => {
  const stack = stackIn('eu-central-1');
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const project = new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims assistant' });
  const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Mantle', { vpcEndpointId: 'vpce-0mantle', port: 443 });
  new OpenAiCompatibleAccessPolicy(stack, 'Access', {
    project, approvedModels: [ApprovedModel.throughGeography(SONNET_45)], roles: [role], requireVpcEndpoints: [endpoint],
  });
  const identity = identityPoliciesOf(role, { getAtts: { [`${stack.getLogicalId(project.project)}.Arn`]: projectArn('eu-central-1') } });
  // Another policy of the role allowing the same endpoint everywhere must not open the internet path.
  const broad = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock-mantle:*', Resource: '*' }] };
  const call = (action: string, resource: string, vpce?: string) => evaluate({ identity: [...identity, broad] }, {
    action,
    resource,
    context: {
      // Only the inference doors carry the model key.
      ...(['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens'].includes(action) ? { 'bedrock-mantle:Model': `eu.${SONNET_45}` } : {}),
      'aws:ViaAWSService': 'false',
      ...(vpce ? { 'aws:SourceVpce': vpce } : {}),
    },
  });

  test('through the endpoint: inference and its responses are allowed', async () => {
    // Fine-tuning through the endpoint: allowed by the role's other policy, not held back by this one.
    for (const action of ['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens', 'bedrock-mantle:GetInference', 'bedrock-mantle:DeleteInference',
      'bedrock-mantle:CreateFineTuningJob']) {
      expect(await call(action, projectArn('eu-central-1'), 'vpce-0mantle')).toBe('Allowed');
    }
  });

  test('over the internet or another endpoint: denied, on this project and on any other', async () => {
    expect(await call('bedrock-mantle:CreateInference', projectArn('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:CreateInference', projectArn('eu-central-1'), 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:CountTokens', projectArn('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:GetInference', `arn:aws:bedrock-mantle:eu-central-1:${ACCOUNT}:project/default`)).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:CreateFile', projectArn('eu-central-1'))).toBe('ExplicitlyDenied');
    // Fine-tuning trains on the project's files and returns result files (red team round 2).
    expect(await call('bedrock-mantle:CreateFineTuningJob', projectArn('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:GetFineTuningJob', projectArn('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await call('bedrock-mantle:CreateCustomizedModel', `arn:aws:bedrock-mantle:eu-central-1:${ACCOUNT}:customized-model/cm1`)).toBe('ExplicitlyDenied');
  });

  test('an empty list, or an endpoint of another region, fails synth', () => {
    expect(errorOf(() => setup('eu-central-1', { requireVpcEndpoints: [] })).problems).toEqual([
      'requireVpcEndpoints is empty: give at least one endpoint, or leave it undefined',
    ]);
    const other = stackIn('eu-west-1');
    const elsewhere = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(other, 'Mantle', { vpcEndpointId: 'vpce-0west', port: 443 });
    expect(errorOf(() => setup('eu-central-1', { requireVpcEndpoints: [elsewhere] })).problems).toEqual([
      'requireVpcEndpoints[0] is an endpoint in eu-west-1 (Stack/Mantle), but the stack region is eu-central-1; allowed: endpoints in eu-central-1',
    ]);
  });
});

describe('OpenAiCompatibleAccessPolicy validation', () => {
  test('under residency: a global model and a region outside the jurisdiction fail synth', () => {
    const error = errorOf(() => setup('eu-west-2', {
      profiles: [GovernanceProfile.EU_RESIDENCY], approvedModels: [ApprovedModel.global(SONNET_45)],
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.OPENAI_COMPATIBLE_ACCESS_PROPS);
    expect(error.problems).toEqual([
      `approvedModels: global.${SONNET_45} may route to any commercial region, which profile eu-residency does not allow; use ApprovedModel.throughGeography(modelId)`,
      'region eu-west-2 is outside the regions profile eu-residency allows: deploy the project in one of eu-central-1, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-3',
    ]);
  });

  test('reserved capacity needs its acknowledgement', () => {
    expect(errorOf(() => setup('eu-central-1', { allowedServiceTiers: [ServiceTier.RESERVED] })).problems).toEqual([
      'allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it',
    ]);
    expect(() => setup('eu-central-1', { allowedServiceTiers: [ServiceTier.RESERVED], acknowledgeReservedCapacity: true })).not.toThrow();
  });
});

describe('the four cdk-nag packs and the Bedrock pack', () => {
  test('requiring the endpoint adds no finding (its Deny on every project is not a wildcard grant)', () => {
    const stack = stackIn('eu-central-1');
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Mantle', { vpcEndpointId: 'vpce-0mantle', port: 443 });
    new OpenAiCompatibleAccessPolicy(stack, 'Access', {
      project: new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims' }),
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      roles: [new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })],
      requireVpcEndpoints: [endpoint],
    });
    new ModelInvocationLogging(stack, 'Logging');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    const result = checkCompliance(stack, [new BedrockGovernanceChecks(stack.node.root, { approvedModels: [SONNET_45] })]);
    expect(result.violations.filter(v => v.includes('Stack/Access'))).toEqual([]);
    expect(result.acknowledgements.filter(a => a.path.startsWith('Stack/Access')).map(a => a.id)).toEqual([
      'Bedrock::Bedrock-IAM3[Sid::OpenAiCompatibleInference::Action::bedrock-mantle:CreateInference]',
      'Bedrock::Bedrock-LG1[Sid::OpenAiCompatibleInference::Action::bedrock-mantle:CountTokens]',
      'Bedrock::Bedrock-LG1[Sid::OpenAiCompatibleInference::Action::bedrock-mantle:CreateInference]',
    ]);
  });

  test('nothing unacknowledged; the one acknowledgement is that invocation logging does not cover the endpoint', () => {
    const { stack } = setup('eu-central-1');
    new ModelInvocationLogging(stack, 'Logging');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    const pack = new BedrockGovernanceChecks(stack.node.root, { approvedModels: [SONNET_45, TITAN_EMBED_V2] });
    const result = checkCompliance(stack, [pack]);
    expect(result.violations.filter(v => v.includes('Stack/Access') || v.includes('Stack/Project'))).toEqual([]);
    const governed = 'The platform team chose to govern this endpoint (approved models only, allowed tiers only, one project, the account\'s ' +
      'data retention mode) rather than deny it.';
    const unlogged = 'Invocation logging covers only the bedrock-runtime endpoint: calls to the OpenAI-compatible endpoint are recorded by CloudTrail ' +
      `(eventSource bedrock-mantle.amazonaws.com) without their prompts. ${governed}`;
    const statement = 'Sid::OpenAiCompatibleInference::Action::bedrock-mantle';
    expect(describeAcknowledgements(result.acknowledgements.filter(a => a.path.startsWith('Stack/Access')))).toEqual([
      `Bedrock::Bedrock-IAM3[${statement}:CreateInference] @ Stack/Access/Default/Resource: No guardrail is known to apply on the OpenAI-compatible ` +
      `endpoint, and IAM sees none on its requests: a guardrail cannot be required here. ${governed}`,
      `Bedrock::Bedrock-LG1[${statement}:CountTokens] @ Stack/Access/Default/Resource: ${unlogged}`,
      `Bedrock::Bedrock-LG1[${statement}:CreateInference] @ Stack/Access/Default/Resource: ${unlogged}`,
    ]);
  });
});
