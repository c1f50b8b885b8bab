import { CfnElement, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { actionMatches } from '../../src/compliance/private/policy-evaluator';
import { CrossRegionInferenceProfile, Geography } from '../../src/models';
import { BedrockEndpointService, BedrockPrivateEndpoints } from '../../src/network';
import { AGENTCORE_DATA_ACTIONS } from '../../src/network/private/endpoint-policies';
import { ACCOUNT, SONNET_45, stackIn } from '../models/fixtures';
import { PolicyDocument, TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance } from '../support/nag';
import { referenceFile } from '../support/service-reference';

const REGION = 'eu-central-1';
const ORG = 'o-abcdefghij';
const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const insider = { principal: `arn:aws:iam::${ACCOUNT}:role/agent`, context: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalAccount': ACCOUNT } };
const outsider = { principal: 'arn:aws:iam::222222222222:role/agent', context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalAccount': '222222222222' } };
const RUNTIME = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/agent-abc123`;
const OTHER_RUNTIME = `arn:aws:bedrock-agentcore:${REGION}:333333333333:runtime/agent-abc123`;
const GATEWAY = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:gateway/tools-abc123`;
const BUILT_IN_INTERPRETER = `arn:aws:bedrock-agentcore:${REGION}:aws:code-interpreter/aws.codeinterpreter.v1`;

function endpoints(): { stack: Stack; endpoints: BedrockPrivateEndpoints } {
  const stack = stackIn(REGION);
  return {
    stack,
    endpoints: new BedrockPrivateEndpoints(stack, 'Endpoints', {
      services: BedrockEndpointService.agentCore(), organizationId: ORG, models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
    }),
  };
}

function policyOf(endpoint: ec2.VpcEndpoint): PolicyDocument {
  const stack = Stack.of(endpoint);
  const logicalId = stack.resolve((endpoint.node.defaultChild as CfnElement).logicalId) as string;
  return new TemplatePolicies(Template.fromStack(stack).toJSON(), { region: stack.region, accountId: stack.account }).documentOf(logicalId, 'PolicyDocument');
}

/** What an endpoint lets through for a principal whose identity policy allows everything (AWS's built-in tools count as the caller's). */
async function through(endpoint: ec2.VpcEndpoint, who: typeof insider, action: string, resource: string): Promise<string> {
  const owner = resource.split(':')[4];
  return evaluate({ identity: [ALLOW_ALL], vpcEndpointPolicies: [policyOf(endpoint)] },
    { action, resource, principal: who.principal, context: who.context, resourceAccount: owner === 'aws' ? ACCOUNT : undefined });
}

describe('AgentCore private endpoints', () => {
  test('the three AgentCore services get interface endpoints with private DNS; logical IDs of the other endpoints do not move', () => {
    const { stack } = endpoints();
    const names = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint')).map((r: any) => r.Properties.ServiceName);
    expect(names.map(n => typeof n === 'string' ? n : JSON.stringify(n)).sort()).toEqual([
      `com.amazonaws.${REGION}.bedrock-agentcore`, `com.amazonaws.${REGION}.bedrock-agentcore-control`,
      `com.amazonaws.${REGION}.bedrock-agentcore.gateway`, `com.amazonaws.${REGION}.bedrock-runtime`,
    ]);
    Template.fromStack(stack).allResourcesProperties('AWS::EC2::VPCEndpoint', { PrivateDnsEnabled: true, VpcEndpointType: 'Interface' });
    const without = stackIn(REGION);
    new BedrockPrivateEndpoints(without, 'Endpoints', { organizationId: ORG, models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)] });
    const ids = (s: Stack) => Object.keys(Template.fromStack(s).findResources('AWS::EC2::VPCEndpoint')).sort();
    expect(ids(stack).filter(id => !id.includes('AgentCore'))).toEqual(ids(without));
  });

  test('the data-plane endpoint: the organization\'s agents on the account\'s runtimes and AWS\'s built-in tools; nobody else, nothing else', async () => {
    const ep = endpoints().endpoints.endpointFor(BedrockEndpointService.AGENTCORE)!;
    expect(await through(ep, insider, 'bedrock-agentcore:InvokeAgentRuntime', RUNTIME)).toBe('Allowed');
    expect(await through(ep, insider, 'bedrock-agentcore:StartCodeInterpreterSession', BUILT_IN_INTERPRETER)).toBe('Allowed');
    expect(await through(ep, outsider, 'bedrock-agentcore:InvokeAgentRuntime', RUNTIME)).toBe('ImplicitlyDenied');
    expect(await through(ep, insider, 'bedrock-agentcore:InvokeAgentRuntime', OTHER_RUNTIME)).toBe('ImplicitlyDenied');
    expect(await through(ep, insider, 'bedrock-agentcore:DeleteAgentRuntime', RUNTIME)).toBe('ImplicitlyDenied');
  });

  test('the gateway endpoint: InvokeGateway on the account\'s gateways only; the control endpoint: reading only', async () => {
    const e = endpoints().endpoints;
    const gateway = e.endpointFor(BedrockEndpointService.AGENTCORE_GATEWAY)!;
    expect(await through(gateway, insider, 'bedrock-agentcore:InvokeGateway', GATEWAY)).toBe('Allowed');
    expect(await through(gateway, outsider, 'bedrock-agentcore:InvokeGateway', GATEWAY)).toBe('ImplicitlyDenied');
    expect(await through(gateway, insider, 'bedrock-agentcore:InvokeAgentRuntime', RUNTIME)).toBe('ImplicitlyDenied');
    const control = e.endpointFor(BedrockEndpointService.AGENTCORE_CONTROL)!;
    expect(await through(control, insider, 'bedrock-agentcore:GetAgentRuntime', RUNTIME)).toBe('Allowed');
    expect(await through(control, insider, 'bedrock-agentcore:UpdateAgentRuntime', RUNTIME)).toBe('ImplicitlyDenied');
    expect(await through(control, outsider, 'bedrock-agentcore:GetAgentRuntime', RUNTIME)).toBe('ImplicitlyDenied');
  });

  test('every data-plane action pattern covers an action of the Service Authorization Reference, and none covers a control-plane write', () => {
    const data = referenceFile('actions', 'bedrock-agentcore') as Record<string, { name: string }>;
    const actions = Object.values(data).map(a => `bedrock-agentcore:${a.name}`);
    for (const pattern of AGENTCORE_DATA_ACTIONS) expect([pattern, actions.some(a => actionMatches(pattern, a))]).toEqual([pattern, true]);
    const writes = actions.filter(a => /:(Create|Update|Delete|Put|Tag|Untag)(AgentRuntime|Gateway|Memory|CodeInterpreter|Browser|Harness|WorkloadIdentity)$/.test(a));
    expect(writes).toHaveLength(19);
    expect(writes.filter(a => AGENTCORE_DATA_ACTIONS.some(p => actionMatches(p, a)))).toEqual([]);
  });

  test('the endpoints pass the Bedrock pack with no finding and no acknowledgement', () => {
    const { stack } = endpoints();
    const result = checkCompliance(stack, [new BedrockGovernanceChecks(stack.node.root)]);
    expect(result.violations.filter(v => v.startsWith('Bedrock-'))).toEqual([]);
  });
});

describe('the OpenAI-compatible endpoint (bedrock-mantle)', () => {
  const PROJECT = `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/claims`;
  const mantle = () => {
    const stack = stackIn(REGION);
    return new BedrockPrivateEndpoints(stack, 'Endpoints', {
      services: [BedrockEndpointService.OPENAI_COMPATIBLE], organizationId: ORG, models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
    }).endpointFor(BedrockEndpointService.OPENAI_COMPATIBLE)!;
  };

  test('inference on the account\'s projects by the organization: allowed; outsiders, other accounts\' projects, management: denied', async () => {
    const ep = mantle();
    const context = (who: typeof insider) => ({ ...who, context: { ...who.context, 'bedrock-mantle:Model': SONNET_45 } });
    expect(await through(ep, context(insider), 'bedrock-mantle:CreateInference', PROJECT)).toBe('Allowed');
    expect(await through(ep, context(outsider), 'bedrock-mantle:CreateInference', PROJECT)).toBe('ImplicitlyDenied');
    expect(await through(ep, context(insider), 'bedrock-mantle:CreateInference', PROJECT.replace(ACCOUNT, '333333333333'))).toBe('ImplicitlyDenied');
    expect(await through(ep, insider, 'bedrock-mantle:CreateProject', PROJECT)).toBe('ImplicitlyDenied');
    expect(await through(ep, insider, 'bedrock-mantle:PutAccountDataRetention', '*')).toBe('ImplicitlyDenied');
  });

  test('its policy passes the Bedrock pack (NW2)', () => {
    const ep = mantle();
    const result = checkCompliance(Stack.of(ep), [new BedrockGovernanceChecks(Stack.of(ep).node.root)]);
    expect(result.violations.filter(v => v.startsWith('Bedrock-NW'))).toEqual([]);
  });
});
