import { Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, SONNET_45, stackIn } from './fixtures';
import { ApprovedModel, OpenAiCompatibleAccessPolicy, OpenAiCompatibleProject } from '../../src';
import { INFERENCE_DOORS, InferenceDoor } from '../../src/catalogue/inference-doors';
import { denyDoorsOutsideEndpoints } from '../../src/models/invoke-statements';
import { PolicyDocument, evaluate, identityPoliciesOf } from '../support/iam';
import { doorResource } from '../support/service-reference';

/**
 * The catalogue's endpoint of each door by what an endpoint requirement does with it, for a principal
 * that also holds AdministratorAccess: a door of the required endpoint's service is denied directly and
 * through another endpoint, allowed through the required one; any other door is not the requirement's
 * business. The doors each endpoint carries are stated here (the Agents for Amazon Bedrock Runtime API and
 * the OpenAI-compatible endpoint's APIs), so a door that loses its endpoint in the catalogue fails by name.
 * (bedrock-runtime's doors: invoke-grant-behaviour.test.ts.)
 */

const REGION = 'eu-central-1';
const ENDPOINT = 'vpce-0abc';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const AGENT_RUNTIME_DOORS = [
  'bedrock:InvokeAgent', 'bedrock:InvokeInlineAgent', 'bedrock:InvokeFlow', 'bedrock:Retrieve', 'bedrock:RetrieveAndGenerate',
  'bedrock:AgenticRetrieveStream', 'bedrock:Rerank', 'bedrock:OptimizePrompt', 'bedrock:GenerateQuery',
];
const MANTLE_DOORS = ['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens'];

/** A resource of the door's first resource type in the account and region, or `*` for a door without one. */
const resourceOf = (door: InferenceDoor) => doorResource(door, REGION, ACCOUNT);

const doorOf = (action: string) => INFERENCE_DOORS.find(d => d.action === action)!;
const context = (vpce?: string, extra: Record<string, string> = {}) =>
  ({ 'aws:ViaAWSService': 'false', ...(vpce ? { 'aws:SourceVpce': vpce } : {}), ...extra });

describe('a grant held to bedrock-agent-runtime endpoints (knowledge bases, agents, flows)', () => {
  const statement = denyDoorsOutsideEndpoints('bedrock-agent-runtime', [{ vpcEndpointId: ENDPOINT }]).toStatementJson();
  const identity: PolicyDocument[] = [ADMIN, { Version: '2012-10-17', Statement: [statement] }];
  const call = (door: InferenceDoor, vpce?: string) =>
    evaluate({ identity }, { action: door.action, resource: resourceOf(door), context: context(vpce) });

  test.each(AGENT_RUNTIME_DOORS)('%s: denied directly and through another endpoint, allowed through the required one', async action => {
    expect(await call(doorOf(action))).toBe('ExplicitlyDenied');
    expect(await call(doorOf(action), 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await call(doorOf(action), ENDPOINT)).toBe('Allowed');
  });

  test.each(INFERENCE_DOORS.filter(d => !AGENT_RUNTIME_DOORS.includes(d.action)).map(d => [d.action, d] as const))(
    '%s (not bedrock-agent-runtime): not denied outside the endpoint', async (_a, door) => {
      expect(await call(door)).toBe('Allowed');
    });
});

describe('the OpenAI-compatible access policy held to a bedrock-mantle endpoint', () => {
  const stack: Stack = stackIn(REGION);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const project = new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims assistant' });
  const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Mantle', { vpcEndpointId: ENDPOINT, port: 443 });
  new OpenAiCompatibleAccessPolicy(stack, 'Access', { project, approvedModels: [ApprovedModel.throughGeography(SONNET_45)], roles: [role], requireVpcEndpoints: [endpoint] });
  const projectArn = `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/proj_abc123`;
  const identity = [...identityPoliciesOf(role, { getAtts: { [`${stack.getLogicalId(project.project)}.Arn`]: projectArn } }), ADMIN];
  const call = (action: string, vpce?: string) =>
    evaluate({ identity }, { action, resource: projectArn, context: context(vpce, { 'bedrock-mantle:Model': `eu.${SONNET_45}` }) });

  test.each(MANTLE_DOORS)('%s: denied directly and through another endpoint, allowed through the required one', async action => {
    expect(await call(action)).toBe('ExplicitlyDenied');
    expect(await call(action, 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await call(action, ENDPOINT)).toBe('Allowed');
  });
});
