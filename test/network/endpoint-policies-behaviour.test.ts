import { CfnElement, Stack, aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Guardrail } from '../../src/guardrails';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { BedrockEndpointService, BedrockPrivateEndpoints, BedrockPrivateEndpointsProps } from '../../src/network';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { PolicyDocument, TemplatePolicies, evaluate } from '../support/iam';

/**
 * The endpoint policies (src/network/private/endpoint-policies.ts) by what passes through each
 * endpoint, evaluated with the IAM simulator for a principal whose identity policy allows everything:
 * the cases the main endpoint tests leave out (a guardrail encrypted with a customer key, the account
 * as the perimeter of the storage endpoints, retrieve-and-generate without knowledge bases, AWS's
 * built-in tools on the gateway endpoint).
 */

const REGION = 'eu-central-1';
const ORG = 'o-abcdefghij';
const OTHER_ACCOUNT = '222222222222';
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KB_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678`;
const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const insider = { principal: `arn:aws:iam::${ACCOUNT}:role/caller`, context: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalAccount': ACCOUNT } };
const outsider = { principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/caller`, context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalAccount': OTHER_ACCOUNT } };

/** Endpoints in an imported VPC; props may use the stack (for a key of the same stack). */
function create(props: Partial<BedrockPrivateEndpointsProps> | ((stack: Stack) => Partial<BedrockPrivateEndpointsProps>)): BedrockPrivateEndpoints {
  const stack = stackIn(REGION);
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'ImportedVpc', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: ['eu-central-1a', 'eu-central-1b'],
    privateSubnetIds: ['subnet-0aaa', 'subnet-0bbb'],
    privateSubnetRouteTableIds: ['rtb-0aaa', 'rtb-0bbb'],
  });
  return new BedrockPrivateEndpoints(stack, 'Private', { vpc, ...(typeof props === 'function' ? props(stack) : props) });
}

function policyOf(endpoint: ec2.VpcEndpoint): PolicyDocument {
  const stack = Stack.of(endpoint);
  const logicalId = stack.resolve((endpoint.node.defaultChild as CfnElement).logicalId) as string;
  return new TemplatePolicies(Template.fromStack(stack).toJSON(), { region: stack.region, accountId: stack.account }).documentOf(logicalId, 'PolicyDocument');
}

/** What the endpoint lets through; a resource owned by `aws` (a built-in tool) counts as the caller's account's. */
async function through(endpoint: ec2.VpcEndpoint, who: typeof insider, action: string, resource: string,
  context: Record<string, string> = {}): Promise<string> {
  const owner = resource.split(':')[4];
  return evaluate({ identity: [ALLOW_ALL], vpcEndpointPolicies: [policyOf(endpoint)] },
    { action, resource, principal: who.principal, context: { ...who.context, ...context }, resourceAccount: owner === 'aws' ? ACCOUNT : undefined });
}

/**
 * Each test builds its endpoints itself: the mutation run (per-test coverage) credits a test only with
 * the code it runs, not with constructs a describe block builds while jest loads the file.
 */
describe('the runtime endpoint with a guardrail encrypted with a customer-managed key', () => {
  const withKey = () => create(stack => ({
    organizationId: ORG,
    models: [FoundationModel.of(TITAN_EMBED_V2)],
    guardrails: [Guardrail.fromGuardrailAttributes(stack, 'Guardrail', {
      guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2', encryptionKey: kms.Key.fromKeyArn(stack, 'GuardrailKey', KEY_ARN),
    })],
  }));

  test('the guardrail can be applied through it by the organization', async () => {
    const endpoints = withKey();
    expect(await through(endpoints.runtimeEndpoint, insider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN)).toBe('Allowed');
    expect(await through(endpoints.runtimeEndpoint, outsider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
  });

  test('the key\'s KMS permission is not copied into it: the endpoint passes no KMS action on the key', async () => {
    const endpoints = withKey();
    // KMS needs its key policy to allow too: the account's, as a key created with CDK's defaults has.
    const keyPolicy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    const decrypt = { action: 'kms:Decrypt', resource: KEY_ARN, principal: insider.principal, context: insider.context };
    expect(await evaluate({ identity: [ALLOW_ALL], resourcePolicy: keyPolicy }, decrypt)).toBe('Allowed');
    expect(await evaluate({ identity: [ALLOW_ALL], resourcePolicy: keyPolicy, vpcEndpointPolicies: [policyOf(endpoints.runtimeEndpoint)] }, decrypt))
      .toBe('ImplicitlyDenied');
  });
});

describe('without an organization, the account is the perimeter of the storage endpoints too', () => {
  const accountOnly = () => create({
    services: [BedrockEndpointService.S3_VECTORS], s3GatewayEndpoint: true, models: [FoundationModel.of(TITAN_EMBED_V2)],
  });
  const mine = { 'aws:ResourceAccount': ACCOUNT };
  const theirs = { 'aws:ResourceAccount': OTHER_ACCOUNT };
  const vectors = `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/vectors/index/docs`;

  test('S3 Vectors: the account\'s principals on the account\'s vector buckets only', async () => {
    const endpoint = accountOnly().endpointFor(BedrockEndpointService.S3_VECTORS)!;
    expect(await through(endpoint, insider, 's3vectors:QueryVectors', vectors, mine)).toBe('Allowed');
    expect(await through(endpoint, insider, 's3vectors:QueryVectors', vectors.replace(ACCOUNT, OTHER_ACCOUNT), theirs)).toBe('ImplicitlyDenied');
    expect(await through(endpoint, outsider, 's3vectors:QueryVectors', vectors, mine)).toBe('ImplicitlyDenied');
  });

  test('S3 gateway: the account\'s principals on the account\'s buckets only', async () => {
    const endpoint = accountOnly().s3GatewayEndpoint!;
    expect(await through(endpoint, insider, 's3:GetObject', 'arn:aws:s3:::corpus/doc.pdf', mine)).toBe('Allowed');
    expect(await through(endpoint, insider, 's3:PutObject', 'arn:aws:s3:::exfil/doc.pdf', theirs)).toBe('ImplicitlyDenied');
    expect(await through(endpoint, outsider, 's3:GetObject', 'arn:aws:s3:::corpus/doc.pdf', mine)).toBe('ImplicitlyDenied');
  });

  test('the runtime endpoint: the account\'s principals only, on the approved model only', async () => {
    const endpoints = accountOnly();
    expect(await through(endpoints.runtimeEndpoint, insider, 'bedrock:InvokeModel', fmArn(REGION, TITAN_EMBED_V2))).toBe('Allowed');
    expect(await through(endpoints.runtimeEndpoint, insider, 'bedrock:InvokeModel', fmArn(REGION, 'amazon.titan-embed-text-v1'))).toBe('ImplicitlyDenied');
    expect(await through(endpoints.runtimeEndpoint, outsider, 'bedrock:InvokeModel', fmArn(REGION, TITAN_EMBED_V2))).toBe('ImplicitlyDenied');
  });
});

describe('the agent-runtime endpoint with retrieve-and-generate and no knowledge base', () => {
  const ragOnly = () => create({
    services: [BedrockEndpointService.AGENT_RUNTIME],
    organizationId: ORG,
    models: [FoundationModel.of(TITAN_EMBED_V2)],
    allowRetrieveAndGenerate: true,
  }).endpointFor(BedrockEndpointService.AGENT_RUNTIME)!;

  test('RetrieveAndGenerate passes for the organization; Retrieve on any knowledge base does not', async () => {
    const endpoint = ragOnly();
    expect(await through(endpoint, insider, 'bedrock:RetrieveAndGenerate', '*')).toBe('Allowed');
    expect(await through(endpoint, outsider, 'bedrock:RetrieveAndGenerate', '*')).toBe('ImplicitlyDenied');
    expect(await through(endpoint, insider, 'bedrock:Retrieve', KB_ARN)).toBe('ImplicitlyDenied');
  });

  test('its policy is one AWS accepts: every statement names its resources (a Retrieve statement with none would fail the deployment)', () => {
    expect(policyOf(ragOnly()).Statement.map(s => [s.Action, s.Resource])).toEqual([['bedrock:RetrieveAndGenerate', '*']]);
  });
});

describe('the AgentCore gateway endpoint', () => {
  test('passes the account\'s gateways, not resources owned by AWS (only the data-plane endpoint passes AWS\'s built-in tools)', async () => {
    const gateway = create({
      services: [BedrockEndpointService.AGENTCORE_GATEWAY], organizationId: ORG, models: [FoundationModel.of(TITAN_EMBED_V2)],
    })
      .endpointFor(BedrockEndpointService.AGENTCORE_GATEWAY)!;
    expect(await through(gateway, insider, 'bedrock-agentcore:InvokeGateway', `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:gateway/tools-abc123`)).toBe('Allowed');
    expect(await through(gateway, insider, 'bedrock-agentcore:InvokeGateway', `arn:aws:bedrock-agentcore:${REGION}:aws:gateway/tools-abc123`)).toBe('ImplicitlyDenied');
  });
});

describe('with an organization: each endpoint\'s policy, built inside its test', () => {
  const EU_PROFILE = profileArn(REGION, `eu.${SONNET_45}`);
  const VIA_PROFILE = { 'bedrock:InferenceProfileArn': EU_PROFILE };
  const withOrg = (props: Partial<BedrockPrivateEndpointsProps>) =>
    create({ organizationId: ORG, models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], ...props });

  test('runtime: the approved profile, its legs only through it, and the approved guardrail, for the organization only', async () => {
    const runtime = create(stack => ({
      organizationId: ORG,
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
      guardrails: [Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2' })],
    })).runtimeEndpoint;
    expect(await through(runtime, insider, 'bedrock:InvokeModelWithResponseStream', EU_PROFILE)).toBe('Allowed');
    expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('eu-west-3', SONNET_45), VIA_PROFILE)).toBe('Allowed');
    expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('eu-west-3', SONNET_45))).toBe('ImplicitlyDenied');
    expect(await through(runtime, outsider, 'bedrock:InvokeModel', EU_PROFILE)).toBe('ImplicitlyDenied');
    expect(await through(runtime, insider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN)).toBe('Allowed');
    expect(await through(runtime, insider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN.replace('gr123', 'other1'))).toBe('ImplicitlyDenied');
  });

  test('agent-runtime: Retrieve on the given knowledge base for the organization; RetrieveAndGenerate only when chosen', async () => {
    const agentRuntime = withOrg({ services: [BedrockEndpointService.AGENT_RUNTIME], knowledgeBaseArns: [KB_ARN] })
      .endpointFor(BedrockEndpointService.AGENT_RUNTIME)!;
    expect(await through(agentRuntime, insider, 'bedrock:Retrieve', KB_ARN)).toBe('Allowed');
    expect(await through(agentRuntime, outsider, 'bedrock:Retrieve', KB_ARN)).toBe('ImplicitlyDenied');
    expect(await through(agentRuntime, insider, 'bedrock:RetrieveAndGenerate', '*')).toBe('ImplicitlyDenied');
  });

  test('control plane and agent builder: reading for the organization; ingestion through the agent builder only', async () => {
    const endpoints = withOrg({ services: [BedrockEndpointService.CONTROL_PLANE, BedrockEndpointService.AGENT] });
    const control = endpoints.endpointFor(BedrockEndpointService.CONTROL_PLANE)!;
    const agent = endpoints.endpointFor(BedrockEndpointService.AGENT)!;
    expect(await through(control, insider, 'bedrock:GetGuardrail', GUARDRAIL_ARN)).toBe('Allowed');
    expect(await through(control, outsider, 'bedrock:GetGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
    expect(await through(control, insider, 'bedrock:DeleteGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
    expect(await through(agent, insider, 'bedrock:StartIngestionJob', KB_ARN)).toBe('Allowed');
    expect(await through(control, insider, 'bedrock:StartIngestionJob', KB_ARN)).toBe('ImplicitlyDenied');
  });

  test('S3 Vectors: the organization\'s principals on the organization\'s vector buckets only', async () => {
    const endpoint = withOrg({ services: [BedrockEndpointService.S3_VECTORS] }).endpointFor(BedrockEndpointService.S3_VECTORS)!;
    const index = `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/vectors/index/docs`;
    expect(await through(endpoint, insider, 's3vectors:QueryVectors', index, { 'aws:ResourceOrgID': ORG })).toBe('Allowed');
    expect(await through(endpoint, insider, 's3vectors:QueryVectors', index, { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' })).toBe('ImplicitlyDenied');
    expect(await through(endpoint, outsider, 's3vectors:QueryVectors', index, { 'aws:ResourceOrgID': ORG })).toBe('ImplicitlyDenied');
  });

  test('AgentCore data plane: the account\'s runtimes and AWS\'s built-in tools, not another account\'s runtime', async () => {
    const endpoint = withOrg({ services: [BedrockEndpointService.AGENTCORE] }).endpointFor(BedrockEndpointService.AGENTCORE)!;
    expect(await through(endpoint, insider, 'bedrock-agentcore:InvokeAgentRuntime', `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/agent-abc123`)).toBe('Allowed');
    expect(await through(endpoint, insider, 'bedrock-agentcore:StartCodeInterpreterSession',
      `arn:aws:bedrock-agentcore:${REGION}:aws:code-interpreter/aws.codeinterpreter.v1`)).toBe('Allowed');
    expect(await through(endpoint, insider, 'bedrock-agentcore:InvokeAgentRuntime', `arn:aws:bedrock-agentcore:${REGION}:333333333333:runtime/agent-abc123`))
      .toBe('ImplicitlyDenied');
  });

  test('OpenAI-compatible: inference on the account\'s projects, not another account\'s', async () => {
    const endpoint = withOrg({ services: [BedrockEndpointService.OPENAI_COMPATIBLE] }).endpointFor(BedrockEndpointService.OPENAI_COMPATIBLE)!;
    const project = `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/claims`;
    const model = { 'bedrock-mantle:Model': SONNET_45 };
    expect(await through(endpoint, insider, 'bedrock-mantle:CreateInference', project, model)).toBe('Allowed');
    expect(await through(endpoint, insider, 'bedrock-mantle:CreateInference', project.replace(ACCOUNT, '333333333333'), model)).toBe('ImplicitlyDenied');
    expect(await through(endpoint, outsider, 'bedrock-mantle:CreateInference', project, model)).toBe('ImplicitlyDenied');
  });

  test('the permissive choice: any model for the organization, nothing for outsiders', async () => {
    const runtime = create({ organizationId: ORG, allowAnyBedrockAction: true }).runtimeEndpoint;
    expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('us-east-1', SONNET_45))).toBe('Allowed');
    expect(await through(runtime, outsider, 'bedrock:InvokeModel', fmArn('us-east-1', SONNET_45))).toBe('ImplicitlyDenied');
  });
});
