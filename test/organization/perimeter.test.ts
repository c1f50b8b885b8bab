import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RED_TEAM_ATTACKS } from './red-team-round-cases';
import { buildLandingZone } from '../../examples/app/build';
import { OrganizationStack } from '../../examples/app/organization';
import {
  ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile, OpenAiCompatibleAccessPolicy,
  OpenAiCompatibleProject,
} from '../../src';
import { INFERENCE_DOORS } from '../../src/catalogue/inference-doors';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { decide } from '../../src/compliance/private/policy-evaluator';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { SONNET_45, TITAN_EMBED_V2, fmArn, stackIn } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, identityPoliciesOf, resolveCfn } from '../support/iam';
import { unneededStatements } from '../support/load-bearing';

/**
 * The perimeter: a developer with AdministratorAccess in a workload account tries every door to a
 * model and every off-switch; the organization's SCPs must deny each attempt, and must still let the
 * governed calls through. Evaluated with the IAM simulator (identity: allow everything).
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const OUTSIDER = '444444444444';
const UNAPPROVED = 'meta.llama3-3-70b-instruct-v1:0';
const HOME = 'eu-central-1';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
const CONTROL_PLANE = `arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/Baseline-BedrockLandingZoneContr-AbC123`;
const QUALIFIER = 'blz';
const CFN_EXEC = `arn:aws:iam::${MEMBER}:role/cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`;
const DEPLOY = `arn:aws:iam::${MEMBER}:role/cdk-${QUALIFIER}-deploy-role-${MEMBER}-${HOME}`;
/** An application team's own CDK bootstrap (the default qualifier): not exempt. */
const APP_TEAM_EXEC = `arn:aws:iam::${MEMBER}:role/cdk-hnb659fds-cfn-exec-role-${MEMBER}-${HOME}`;
const KB_ROLE = `arn:aws:iam::${MEMBER}:role/KnowledgeBaseRole`;
const TAGGED = { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: 'true' };

function scpsOf(stack: Stack): PolicyDocument[] {
  const template = Template.fromStack(stack).toJSON();
  return Object.values<any>(template.Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

function organization(props: Partial<BedrockOrganizationPoliciesProps> = {}): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    requireGuardrail: true,
    cdkBootstrapQualifier: QUALIFIER,
    deploymentPrincipalArnPatterns: ['arn:aws:iam::*:role/platform-pipeline'],
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return scpsOf(stack);
}

const ORGANIZATIONS: Record<string, PolicyDocument[]> = {
  'the example organization': scpsOf(buildLandingZone(new App()).find((s): s is OrganizationStack => s instanceof OrganizationStack)!),
  'an EU-residency organization': organization(),
};
const EXAMPLE = 'the example organization';
const EU = 'an EU-residency organization';

interface Case {
  readonly name: string;
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  readonly region?: string;
  readonly context?: Record<string, string | string[]>;
  /** Organizations the case applies to @default both */
  readonly only?: string;
}

const fm = (model: string, region = HOME) => fmArn(region, model);
const euProfile = (model: string, region = HOME) => `arn:aws:bedrock:${region}:${MEMBER}:inference-profile/eu.${model}`;
const ownGuardrail = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
const project = (region = HOME) => `arn:aws:bedrock-mantle:${region}:${MEMBER}:project/default`;
const role = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;
const agentCore = (resource: string) => `arn:aws:bedrock-agentcore:${HOME}:${MEMBER}:${resource}`;
const BUILT_IN_BROWSER = `arn:aws:bedrock-agentcore:${HOME}:aws:browser/aws.browser.v1`;
const BUILT_IN_CODE_INTERPRETER = `arn:aws:bedrock-agentcore:${HOME}:aws:code-interpreter/aws.codeinterpreter.v1`;
const ORGANIZATION = 'o-exampleorg1';
const LOG_GROUP = `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`;
const STACK = `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/StackSet-bedrock-landing-zone-baseline-${HOME}-0f0e/0f0e0d0c`;
const ENDPOINT = `arn:aws:ec2:${HOME}:${MEMBER}:vpc-endpoint/vpce-0123456789abcdef0`;
const ASSETS = `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}`;
/**
 * A forward access session: CloudFormation calling for the stack's principal, the developer (no service
 * role) or the service role; it uses one for every resource operation either way (CloudFormation User
 * Guide, "Forward access sessions (FAS) requests and permission evaluation").
 */
const VIA_CLOUDFORMATION = { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudformation.amazonaws.com'] };
const IN_VPC = { 'bedrock-agentcore:subnets': ['subnet-0aaa', 'subnet-0bbb'], 'bedrock-agentcore:securityGroups': ['sg-0aaa'] };

/**
 * The second ring (issue 27): governed data copied out of the stores, leaving the organization, other
 * services and other platforms that run the models, AgentCore's sharing and egress, tampering with what
 * enforces the perimeter, CloudFormation acting for the developer, and profiles copied from unapproved ones.
 */
const SECOND_RING_ATTACKS: Case[] = [
  // Governed data leaving its stores.
  { name: 'the invocation logs streamed to another account\'s destination', action: 'logs:PutSubscriptionFilter', resource: LOG_GROUP, context: TAGGED },
  { name: 'the invocation logs exported to a bucket', action: 'logs:CreateExportTask', resource: LOG_GROUP, context: TAGGED },
  { name: 'the invocation logs delivered to S3 Tables', action: 'logs:IntegrateWithS3Table', resource: LOG_GROUP, context: TAGGED },
  { name: 'the invocation logs integrated into a dataset', action: 'logs:IntegrateWithDataset', resource: LOG_GROUP, context: TAGGED },
  { name: 'the account\'s logs linked to a monitoring account outside the organization', action: 'oam:CreateLink', resource: `arn:aws:oam:${HOME}:${OUTSIDER}:sink/s1`, context: { 'aws:ResourceOrgID': 'o-outsider99' } },
  { name: 'a link re-pointed at log groups, for a sink of an account in no organization', action: 'oam:UpdateLink', resource: `arn:aws:oam:${HOME}:${MEMBER}:link/l1` },
  { name: 'a knowledge base on a vector store outside AWS', action: 'bedrock:AssociateThirdPartyKnowledgeBase', context: { 'bedrock:ThirdPartyKnowledgeBaseCredentialsSecretArn': `arn:aws:secretsmanager:${HOME}:${MEMBER}:secret:pinecone` } },
  { name: 'a knowledge base shared with another account by a developer', action: 'bedrock:PutResourcePolicy', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:knowledge-base/KB12345678` },
  { name: 'an AgentCore runtime opened to another account', action: 'bedrock-agentcore:PutResourcePolicy', resource: agentCore('runtime/claims-agent-abc123') },
  { name: 'an AgentCore gateway opened to another account', action: 'bedrock-agentcore:PutResourcePolicy', resource: agentCore('gateway/tools-abc123') },
  // Leaving the perimeter.
  { name: 'the account leaving the organization', action: 'organizations:LeaveOrganization' },
  // Other services invoking models with their own service-linked roles.
  { name: 'a Q in Connect prompt naming a model', action: 'wisdom:CreateAIPrompt' },
  { name: 'a Q in Connect AI agent changed', action: 'wisdom:UpdateAIAgent', resource: `arn:aws:wisdom:${HOME}:${MEMBER}:ai-agent/a1/g1` },
  { name: 'a Q Business application', action: 'qbusiness:CreateApplication' },
  { name: 'a chat with Q Developer', action: 'q:SendMessage' },
  { name: 'a B2B mapping generated by Bedrock', action: 'b2bi:GenerateMapping', resource: `arn:aws:b2bi:${HOME}:${MEMBER}:transformer/t1` },
  // The same models outside Bedrock.
  { name: 'Claude Platform on AWS inference (no invocation logging, guardrail or residency)', action: 'aws-external-anthropic:CreateInference', resource: `arn:aws:aws-external-anthropic:${HOME}:${MEMBER}:workspace/w1` },
  { name: 'a Claude Platform on AWS workspace created', action: 'aws-external-anthropic:CreateWorkspace' },
  { name: 'a managed-agent session on Claude Platform on AWS', action: 'aws-external-anthropic:CreateSession', resource: `arn:aws:aws-external-anthropic:${HOME}:${MEMBER}:workspace/w1` },
  // AgentCore egress.
  { name: 'an AgentCore gateway target (perhaps a server outside AWS)', action: 'bedrock-agentcore:CreateGatewayTarget', resource: agentCore('gateway/tools-abc123') },
  { name: 'an AgentCore gateway target re-pointed', action: 'bedrock-agentcore:UpdateGatewayTarget', resource: agentCore('gateway/tools-abc123') },
  { name: 'an AgentCore payment manager', action: 'bedrock-agentcore:CreatePaymentManager' },
  { name: 'an AgentCore payment processed', action: 'bedrock-agentcore:ProcessPayment', resource: agentCore('payment-manager/pm1') },
  { name: 'a payment token handed to an agent', action: 'bedrock-agentcore:GetResourcePaymentToken', resource: agentCore('workload-identity-directory/default/workload-identity/w1') },
  { name: 'AgentCore memory on another account\'s key', action: 'bedrock-agentcore:CreateMemory', context: { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${OUTSIDER}:key/k` } },
  // Tampering with what enforces the perimeter.
  { name: 'the baseline\'s endpoint re-policied', action: 'ec2:ModifyVpcEndpoint', resource: ENDPOINT, context: TAGGED },
  { name: 'the baseline\'s endpoint deleted', action: 'ec2:DeleteVpcEndpoints', resource: ENDPOINT, context: TAGGED },
  { name: 'the baseline\'s endpoint untagged', action: 'ec2:DeleteTags', resource: ENDPOINT, context: TAGGED },
  { name: 'the protection tag of the endpoint overwritten', action: 'ec2:CreateTags', resource: ENDPOINT, context: { ...TAGGED, 'aws:TagKeys': [PROTECTED_TAG_KEY] } },
  { name: 'the baseline stack refactored (resources moved out without an update)', action: 'cloudformation:CreateStackRefactor', resource: STACK, context: TAGGED },
  { name: 'a refactoring of the baseline stack executed', action: 'cloudformation:ExecuteStackRefactor', resource: STACK, context: TAGGED },
  { name: 'a StackSet-deployed baseline stack deleted (tagged through its stack set)', action: 'cloudformation:DeleteStack', resource: STACK, context: TAGGED },
  { name: 'the landing zone\'s CDK asset bucket emptied by a lifecycle rule', action: 's3:PutLifecycleConfiguration', resource: ASSETS },
  { name: 'the landing zone\'s CDK asset bucket deleted', action: 's3:DeleteBucket', resource: ASSETS },
  { name: 'the landing zone\'s CDK asset bucket name of another account claimed', action: 's3:CreateBucket', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-222222222222-eu-west-3` },
  { name: 'the landing zone\'s CDK asset bucket\'s versioning suspended', action: 's3:PutBucketVersioning', resource: ASSETS },
  { name: 'the StackSets\' asset bucket of a new region claimed', action: 's3:CreateBucket', resource: 'arn:aws:s3:::bedrock-lz-stackset-assets-ap-south-1', only: EXAMPLE },
  { name: 'a poisoned handler in the StackSets\' asset bucket', action: 's3:PutObject', resource: 'arn:aws:s3:::bedrock-lz-stackset-assets-us-east-1/handler.zip', only: EXAMPLE },
  // CloudFormation acting for the stack, which the guardrail statements would take for Bedrock's own call.
  { name: 'an online AgentCore evaluation created by a stack without a service role', action: 'bedrock-agentcore:CreateOnlineEvaluationConfig', context: VIA_CLOUDFORMATION },
  { name: 'an online AgentCore evaluation created by a stack with an application team\'s execution role', action: 'bedrock-agentcore:CreateOnlineEvaluationConfig', principal: APP_TEAM_EXEC, context: VIA_CLOUDFORMATION },
  // Application inference profiles copied from a profile that is not on the list.
  { name: 'an application inference profile copied from the global profile', action: 'bedrock:CreateInferenceProfile', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/global.${SONNET_45}` },
  { name: 'an application inference profile copied from an unapproved model', action: 'bedrock:CreateInferenceProfile', resource: fm(UNAPPROVED) },
  // Red team against the second ring, as the workload admin.
  { name: 'a Q in Connect assistant, which runs AWS\'s default AI agents without creating one', action: 'wisdom:CreateAssistant' },
  { name: 'Q Developer code completions in the IDE', action: 'codewhisperer:GenerateRecommendations' },
  { name: 'a Q Developer agent session', action: 'qdeveloper:StartAgentSession' },
  { name: 'console access to Claude Platform on AWS', action: 'aws-external-anthropic:AssumeConsole' },
  { name: 'a Claude Platform on AWS bearer token', action: 'aws-external-anthropic:CallWithBearerToken', context: { 'aws-external-anthropic:BearerTokenType': 'SHORT_TERM' } },
  { name: 'resources imported into the baseline stack through a change set', action: 'cloudformation:CreateChangeSet', resource: STACK, context: TAGGED },
  { name: 'the protection tag removed from a StackSet-deployed stack', action: 'cloudformation:UntagResource', resource: STACK, context: TAGGED },
  { name: 'the landing zone\'s guardrail deleted by a stack without a service role', action: 'bedrock:DeleteGuardrail', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123`, context: { ...TAGGED, ...VIA_CLOUDFORMATION } },
  { name: 'a gateway target added by a stack without a service role', action: 'bedrock-agentcore:CreateGatewayTarget', resource: agentCore('gateway/tools-abc123'), context: VIA_CLOUDFORMATION },
  { name: 'a knowledge base shared by a stack without a service role', action: 'bedrock:PutResourcePolicy', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:knowledge-base/KB12345678`, context: VIA_CLOUDFORMATION },
  { name: 'AgentCore memory on a key alias of another account', action: 'bedrock-agentcore:CreateMemory', context: { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${OUTSIDER}:alias/shared` } },
  { name: 'an application inference profile copied from the approved EU profile, in a region no baseline governs', action: 'bedrock:CreateInferenceProfile', resource: euProfile(SONNET_45, 'eu-west-1'), region: 'eu-west-1', only: EXAMPLE },
  { name: 'the invocation logs exported by an application team\'s own CDK execution role', action: 'logs:CreateExportTask', resource: LOG_GROUP, principal: APP_TEAM_EXEC, context: TAGGED },
  { name: 'a payment instrument listed and used later (every payment action)', action: 'bedrock-agentcore:ListPaymentInstruments', resource: agentCore('payment-manager/pm1') },
];

/** The governed use next to each class of the second ring. */
const SECOND_RING_GOVERNED: Case[] = [
  { name: 'a developer streaming their own log group to a destination', action: 'logs:PutSubscriptionFilter', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/app/mine` },
  { name: 'CloudFormation\'s execution role subscribing the invocation logs to the organization\'s SIEM', action: 'logs:PutSubscriptionFilter', resource: LOG_GROUP, principal: CFN_EXEC, context: TAGGED },
  { name: 'the account linked to the organization\'s monitoring account', action: 'oam:CreateLink', resource: `arn:aws:oam:${HOME}:${MANAGEMENT}:sink/s1`, context: { 'aws:ResourceOrgID': ORGANIZATION } },
  { name: 'a knowledge base on an AWS vector store', action: 'bedrock:CreateKnowledgeBase' },
  { name: 'CloudFormation\'s execution role writing an AgentCore runtime\'s resource policy', action: 'bedrock-agentcore:PutResourcePolicy', resource: agentCore('runtime/claims-agent-abc123'), principal: CFN_EXEC },
  { name: 'the organization described', action: 'organizations:DescribeOrganization' },
  { name: 'a Connect instance created', action: 'connect:CreateInstance' },
  { name: 'CloudFormation\'s execution role adding a gateway target', action: 'bedrock-agentcore:CreateGatewayTarget', resource: agentCore('gateway/tools-abc123'), principal: CFN_EXEC },
  { name: 'a developer modifying an endpoint of their own', action: 'ec2:ModifyVpcEndpoint', resource: `arn:aws:ec2:${HOME}:${MEMBER}:vpc-endpoint/vpce-0fedcba9876543210` },
  { name: 'CloudFormation\'s execution role updating the baseline\'s endpoint', action: 'ec2:ModifyVpcEndpoint', resource: ENDPOINT, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer refactoring their own stacks', action: 'cloudformation:CreateStackRefactor', resource: `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/ClaimsApp/0a0b0c0d` },
  { name: 'a developer creating a bucket of their own', action: 's3:CreateBucket', resource: 'arn:aws:s3:::claims-team-data' },
  { name: 'a developer\'s lifecycle rule on their team\'s CDK asset bucket', action: 's3:PutLifecycleConfiguration', resource: `arn:aws:s3:::cdk-hnb659fds-assets-${MEMBER}-${HOME}` },
  { name: 'the management account\'s access role bootstrapping the landing zone\'s CDK asset bucket', action: 's3:CreateBucket', resource: ASSETS, principal: role('OrganizationAccountAccessRole') },
  { name: 'an application team\'s stack creating a knowledge base through CloudFormation\'s forward session', action: 'bedrock:CreateKnowledgeBase', principal: APP_TEAM_EXEC, context: VIA_CLOUDFORMATION },
  { name: 'an application team\'s stack creating an AgentCore runtime in the VPC through CloudFormation', action: 'bedrock-agentcore:CreateAgentRuntime', principal: APP_TEAM_EXEC, context: { ...IN_VPC, ...VIA_CLOUDFORMATION } },
  { name: 'Bedrock itself invoking the approved model for a knowledge-base query (not through CloudFormation)', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45), context: { 'aws:ViaAWSService': 'true' } },
  { name: 'a developer\'s stack without a service role creating an S3 bucket', action: 's3:CreateBucket', resource: 'arn:aws:s3:::claims-team-reports', context: VIA_CLOUDFORMATION },
  { name: 'an application inference profile copied from the approved EU profile', action: 'bedrock:CreateInferenceProfile', resource: euProfile(SONNET_45) },
  { name: 'the new application inference profile itself', action: 'bedrock:CreateInferenceProfile', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:application-inference-profile/claims` },
  { name: 'a developer reading the invocation logs in the account (by design: reading is the identity policies\' decision)', action: 'logs:StartQuery', resource: LOG_GROUP, context: TAGGED },
  { name: 'AgentCore memory on a key alias of the account, by the pipeline (a developer\'s memory is denied since round 4)', action: 'bedrock-agentcore:CreateMemory', principal: CFN_EXEC, context: { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${MEMBER}:alias/agents` } },
];

/** Requests that must be denied: each is a way around a promise of the landing zone. */
const ATTACKS: Case[] = [
  // Unapproved models, on every door that names one.
  { name: 'an unapproved model through InvokeModel', action: 'bedrock:InvokeModel', resource: fm(UNAPPROVED), context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'an unapproved model through the OpenAI-compatible endpoint', action: 'bedrock-mantle:CreateInference', resource: project(), context: { 'bedrock-mantle:Model': UNAPPROVED } },
  { name: 'an approved model through the OpenAI-compatible endpoint (no invocation logging there)', action: 'bedrock-mantle:CreateInference', resource: project(), context: { 'bedrock-mantle:Model': SONNET_45 } },
  { name: 'tokens counted through the OpenAI-compatible endpoint', action: 'bedrock-mantle:CountTokens', resource: project(), context: { 'bedrock-mantle:Model': SONNET_45 } },
  { name: 'provisioned throughput for an unapproved model', action: 'bedrock:CreateProvisionedModelThroughput', resource: fm(UNAPPROVED) },
  { name: 'a long-term bearer token on the OpenAI-compatible endpoint', action: 'bedrock-mantle:CallWithBearerToken', context: { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' } },
  { name: 'a long-term bearer token on bedrock-runtime', action: 'bedrock:CallWithBearerToken', context: { 'bedrock:BearerTokenType': 'LONG_TERM' } },
  { name: 'a long-term API key created for Bedrock', action: 'iam:CreateServiceSpecificCredential', resource: `arn:aws:iam::${MEMBER}:user/dev`, context: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' } },
  { name: 'an unapproved model in a batch job', action: 'bedrock:CreateModelInvocationJob', resource: fm(UNAPPROVED) },
  { name: 'an unapproved model in an evaluation job', action: 'bedrock:CreateEvaluationJob', resource: fm(UNAPPROVED) },
  { name: 'an unapproved model counted', action: 'bedrock:CountTokens', resource: fm(UNAPPROVED) },
  { name: 'a marketplace model endpoint', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:marketplace/model-endpoint/all-access`, context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'the default prompt router (routes to models the list does not name)', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:default-prompt-router/anthropic.claude:1`, context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'a project-scoped invocation, whose model the list cannot name', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:project/default`, context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'a model copy job', action: 'bedrock:CreateModelCopyJob', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:custom-model/imported` },
  { name: 'a custom model deployment', action: 'bedrock:CreateCustomModelDeployment', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:custom-model/imported` },
  { name: 'a custom model from weights', action: 'bedrock:CreateCustomModel' },
  { name: 'a model import job', action: 'bedrock:CreateModelImportJob' },
  { name: 'a marketplace model endpoint created', action: 'bedrock:CreateMarketplaceModelEndpoint' },
  { name: 'a fine-tuning job on the OpenAI-compatible endpoint', action: 'bedrock-mantle:CreateFineTuningJob', resource: project() },
  // AgentCore outside the network, or without a customer-managed key.
  { name: 'an AgentCore runtime on the public network', action: 'bedrock-agentcore:CreateAgentRuntime' },
  { name: 'an AgentCore runtime moved to the public network', action: 'bedrock-agentcore:UpdateAgentRuntime', resource: agentCore('runtime/claims-agent-abc123') },
  { name: 'an AgentCore code interpreter outside the VPC', action: 'bedrock-agentcore:CreateCodeInterpreter' },
  { name: 'an AgentCore browser outside the VPC', action: 'bedrock-agentcore:CreateBrowser' },
  { name: 'AgentCore memory on an AWS owned key', action: 'bedrock-agentcore:CreateMemory' },
  { name: 'an AgentCore harness (no condition key can show its network)', action: 'bedrock-agentcore:CreateHarness' },
  { name: 'an AgentCore harness updated', action: 'bedrock-agentcore:UpdateHarness', resource: agentCore('harness/h1') },
  // AWS's built-in tools run outside the organization's VPCs: the browser reaches the internet.
  { name: 'a session on AWS\'s built-in browser', action: 'bedrock-agentcore:StartBrowserSession', resource: BUILT_IN_BROWSER },
  { name: 'a session on AWS\'s built-in code interpreter', action: 'bedrock-agentcore:StartCodeInterpreterSession', resource: BUILT_IN_CODE_INTERPRETER },
  { name: 'code run in a session of AWS\'s built-in code interpreter', action: 'bedrock-agentcore:InvokeCodeInterpreter', resource: BUILT_IN_CODE_INTERPRETER },
  { name: 'the stream of a session of AWS\'s built-in browser changed', action: 'bedrock-agentcore:UpdateBrowserStream', resource: BUILT_IN_BROWSER },
  // Web search and fetch reach sites outside AWS with what the agent sends.
  { name: 'AgentCore web search', action: 'bedrock-agentcore:InvokeWebSearch', resource: agentCore('tool/web-search.v1') },
  { name: 'fetching an outside web page', action: 'bedrock-websearch:InvokeFetch', resource: `arn:aws:bedrock-websearch:${HOME}:aws:tool/web-fetch` },
  { name: 'web content from outside AWS', action: 'bedrock-websearch:ExternalWebAccess' },
  // Guardrails.
  { name: 'an invocation without a guardrail', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45) },
  { name: 'an invocation with another account\'s guardrail', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${HOME}:${OUTSIDER}:guardrail/open:1` } },
  { name: 'an invocation with a bare guardrail ID', action: 'bedrock:InvokeModelWithResponseStream', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': 'abc123' } },
  { name: 'an approved model in a batch job, which cannot carry a guardrail', action: 'bedrock:CreateModelInvocationJob', resource: fm(SONNET_45) },
  { name: 'an inline agent, which cannot show IAM its guardrail', action: 'bedrock:InvokeInlineAgent' },
  { name: 'retrieve and generate, whose generation IAM sees without a guardrail', action: 'bedrock:RetrieveAndGenerate' },
  { name: 'prompt optimization by a model AWS chooses', action: 'bedrock:OptimizePrompt' },
  { name: 'an online AgentCore evaluation by a model AWS chooses', action: 'bedrock-agentcore:CreateOnlineEvaluationConfig' },
  { name: 'an automated-reasoning build over uploaded documents', action: 'bedrock:StartAutomatedReasoningPolicyBuildWorkflow', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:automated-reasoning-policy/p1` },
  { name: 'an Amazon Nova Act run (its own model, no invocation logging)', action: 'nova-act:CreateWorkflowRun', resource: `arn:aws:nova-act:${HOME}:${MEMBER}:workflow-definition/wd` },
  { name: 'an AgentCore evaluation by a model AWS chooses', action: 'bedrock-agentcore:Evaluate', resource: `arn:aws:bedrock-agentcore:${HOME}:${MEMBER}:evaluator/ev1` },
  { name: 'a developer\'s own guardrail created (an empty one would satisfy the requirement)', action: 'bedrock:CreateGuardrail' },
  { name: 'a developer\'s own guardrail updated', action: 'bedrock:UpdateGuardrail', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/mine` },
  // Residency: every API outside the jurisdiction.
  ...['bedrock:CreateModelInvocationJob', 'bedrock:ApplyGuardrail', 'bedrock:Retrieve', 'bedrock:RetrieveAndGenerate', 'bedrock:InvokeInlineAgent',
    'bedrock:InvokeAgent', 'bedrock:InvokeFlow', 'bedrock-mantle:CreateInference', 'bedrock-agentcore:InvokeAgentRuntime', 'bedrock:CreateKnowledgeBase']
    .map(action => ({ name: `${action} in us-east-1`, action, region: 'us-east-1', only: EU })),
  { name: 'bedrock-websearch:InvokeSearch in us-east-1', action: 'bedrock-websearch:InvokeSearch', resource: 'arn:aws:bedrock-websearch:us-east-1:aws:tool/web-search', region: 'us-east-1', only: EU },
  { name: 'a batch job in us-west-2, where no baseline logs it', action: 'bedrock:CreateModelInvocationJob', resource: fm(SONNET_45, 'us-west-2'), region: 'us-west-2' },
  { name: 'the approved model through the US profile in us-west-2, where no baseline logs it', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-west-2:${MEMBER}:inference-profile/us.${SONNET_45}`, region: 'us-west-2', context: { 'bedrock:GuardrailIdentifier': ownGuardrail.replace(HOME, 'us-west-2') } },
  { name: 'the EU profile called from eu-west-1, where no baseline logs it', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45, 'eu-west-1'), region: 'eu-west-1', context: { 'bedrock:GuardrailIdentifier': ownGuardrail }, only: EXAMPLE },
  { name: 'the same, if the request names its own profile in bedrock:InferenceProfileArn', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45, 'eu-west-1'), region: 'eu-west-1', context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:InferenceProfileArn': euProfile(SONNET_45, 'eu-west-1') }, only: EXAMPLE },
  { name: 'the approved model in us-east-1', action: 'bedrock:InvokeModel', resource: fm(SONNET_45, 'us-east-1'), region: 'us-east-1', context: { 'bedrock:GuardrailIdentifier': ownGuardrail }, only: EU },
  { name: 'the approved model in London (in the EU geography, not in the EU)', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45, 'eu-west-2'), region: 'eu-west-2', context: { 'bedrock:GuardrailIdentifier': ownGuardrail }, only: EU },
  { name: 'a global profile of the approved model', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/global.${SONNET_45}`, context: { 'bedrock:GuardrailIdentifier': ownGuardrail }, only: EU },
  // Off-switches: the governance settings.
  { name: 'invocation logging switched off', action: 'bedrock:DeleteModelInvocationLoggingConfiguration' },
  { name: 'invocation logging re-pointed', action: 'bedrock:PutModelInvocationLoggingConfiguration' },
  { name: 'the enforced guardrail removed', action: 'bedrock:DeleteEnforcedGuardrailConfiguration' },
  { name: 'data retention changed', action: 'bedrock:PutAccountDataRetention', context: { 'bedrock:DataRetentionMode': 'provider_data_share' } },
  { name: 'data retention switched off the zero-retention mode by a developer', action: 'bedrock:PutAccountDataRetention', context: { 'bedrock:DataRetentionMode': 'default' } },
  // Service tiers: reserved capacity is a commitment the organization has not acknowledged.
  { name: 'the approved model on the reserved tier (an unapproved tier)', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:ServiceTier': 'reserved' } },
  { name: 'streaming on the reserved tier', action: 'bedrock:InvokeModelWithResponseStream', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:ServiceTier': 'reserved' } },
  { name: 'reserved capacity bought on the OpenAI-compatible endpoint', action: 'bedrock-mantle:CreateReservation', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:reservation/r1` },
  { name: 'data retention changed on the OpenAI-compatible endpoint', action: 'bedrock-mantle:PutAccountDataRetention', context: { 'bedrock-mantle:DataRetentionMode': 'provider_data_share' } },
  // Off-switches: what logging depends on, recognized by the landing zone's tag.
  { name: 'the log key disabled', action: 'kms:DisableKey', resource: `arn:aws:kms:${HOME}:${MEMBER}:key/log-key`, context: TAGGED },
  { name: 'the log key scheduled for deletion', action: 'kms:ScheduleKeyDeletion', resource: `arn:aws:kms:${HOME}:${MEMBER}:key/log-key`, context: TAGGED },
  { name: 'the log key\'s policy replaced', action: 'kms:PutKeyPolicy', resource: `arn:aws:kms:${HOME}:${MEMBER}:key/log-key`, context: TAGGED },
  { name: 'the log key untagged', action: 'kms:UntagResource', resource: `arn:aws:kms:${HOME}:${MEMBER}:key/log-key`, context: TAGGED },
  { name: 'the invocation log group deleted', action: 'logs:DeleteLogGroup', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, context: TAGGED },
  { name: 'the log group\'s retention cut', action: 'logs:PutRetentionPolicy', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, context: TAGGED },
  { name: 'the log bucket\'s policy replaced', action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the log bucket\'s lifecycle replaced', action: 's3:PutLifecycleConfiguration', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the log bucket deleted', action: 's3:DeleteBucket', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the log bucket\'s ABAC switched off', action: 's3:PutBucketAbac', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the delivery role\'s trust replaced', action: 'iam:UpdateAssumeRolePolicy', resource: role('Baseline-DeliveryRole'), context: TAGGED },
  { name: 'the control-plane function\'s code replaced', action: 'lambda:UpdateFunctionCode', resource: `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`, context: TAGGED },
  { name: 'the control-plane function invoked with a crafted event', action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`, context: TAGGED },
  { name: 'the log bucket untagged (S3 ABAC tagging)', action: 's3:UntagResource', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the log bucket replicated elsewhere', action: 's3:PutReplicationConfiguration', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'a transformer that drops fields from the invocation logs', action: 'logs:PutTransformer', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, context: TAGGED },
  { name: 'a grant on the log key', action: 'kms:CreateGrant', resource: `arn:aws:kms:${HOME}:${MEMBER}:key/log-key`, context: TAGGED },
  { name: 'a deny-all boundary on the delivery role', action: 'iam:PutRolePermissionsBoundary', resource: role('Baseline-DeliveryRole'), context: TAGGED },
  { name: 'the landing zone\'s guardrail deleted', action: 'bedrock:DeleteGuardrail', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123`, context: TAGGED },
  { name: 'the landing zone\'s guardrail weakened', action: 'bedrock:UpdateGuardrail', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123`, context: TAGGED },
  { name: 'a deny-all default version of the delivery role\'s policy', action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/bedrock-landing-zone/Baseline-DeliveryPolicy` },
  { name: 'forged lines in the invocation log', action: 'logs:PutLogEvents', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations` },
  { name: 'an account-wide log transformer', action: 'logs:PutAccountPolicy' },
  { name: 'forged log lines by a role that carries the protected tag (tags can come from a session)', action: 'logs:PutLogEvents', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations`, context: { [`aws:PrincipalTag/${PROTECTED_TAG_KEY}`]: 'true' } },
  { name: 'a role created on the delivery roles\' path', action: 'iam:CreateRole', resource: role('bedrock-landing-zone-log-delivery/forger') },
  { name: 'a resource policy that lets a service write any log group', action: 'logs:PutResourcePolicy' },
  { name: 'the control-plane function invoked asynchronously (legacy InvokeAsync)', action: 'lambda:InvokeAsync', resource: `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`, context: TAGGED },
  { name: 'a resource policy on the landing zone\'s guardrail', action: 'bedrock:PutResourcePolicy', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123`, context: TAGGED },
  { name: 'a poisoned asset replicated into the landing zone\'s CDK asset bucket', action: 's3:ReplicateObject', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}/0123abcd.zip` },
  { name: 'the landing zone\'s CDK asset bucket opened to another account', action: 's3:PutBucketPolicy', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}` },
  { name: 'the log bucket\'s object lock shortened', action: 's3:PutBucketObjectLockConfiguration', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'the control-plane function throttled to zero', action: 'lambda:PutFunctionConcurrency', resource: `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`, context: TAGGED },
  { name: 'a poisoned asset in the landing zone\'s CDK asset bucket', action: 's3:PutObject', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}/0123abcd.zip` },
  { name: 'a poisoned image in the landing zone\'s CDK repository', action: 'ecr:PutImage', resource: `arn:aws:ecr:${HOME}:${MEMBER}:repository/cdk-${QUALIFIER}-container-assets-${MEMBER}-${HOME}` },
  { name: 'the baseline stack updated (a change set would run as its exempt CloudFormation role)', action: 'cloudformation:UpdateStack', resource: `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/Baseline/0f0e0d0c`, context: TAGGED },
  { name: 'a change set executed on the baseline stack', action: 'cloudformation:ExecuteChangeSet', resource: `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/Baseline/0f0e0d0c`, context: TAGGED },
  { name: 'the Bedrock log stream deleted', action: 'logs:DeleteLogStream', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations` },
  { name: 'a syslog feed into the invocation log group', action: 'logs:PutSyslogConfiguration', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, context: TAGGED },
  { name: 'an account-wide log pipeline rule', action: 'logs:PutPipelineRule' },
  { name: 'ACLs re-enabled on the log bucket', action: 's3:PutBucketOwnershipControls', resource: 'arn:aws:s3:::invocation-logs', context: TAGGED },
  { name: 'a role named like the landing zone\'s CDK file-publishing role', action: 'iam:CreateRole', resource: role(`cdk-${QUALIFIER}-file-publishing-role-evil`) },
  { name: 'the landing zone\'s file-publishing role passed to a function', action: 'iam:PassRole', resource: role(`cdk-${QUALIFIER}-file-publishing-role-${MEMBER}-${HOME}`) },
  { name: 'the pipeline role\'s name claimed by a developer', action: 'iam:CreateRole', resource: role('platform-pipeline'), only: EU },
  { name: 'the pipeline role re-trusted by a developer', action: 'iam:UpdateAssumeRolePolicy', resource: role('platform-pipeline'), only: EU },
  // Exemptions that cannot be borrowed.
  { name: 'a role named like the StackSets execution role', action: 'iam:CreateRole', resource: role('stacksets-exec-evil') },
  { name: 'a role on the control-plane path', action: 'iam:CreateRole', resource: role('bedrock-landing-zone/borrowed') },
  { name: 'a role named like the landing zone\'s CDK deploy role', action: 'iam:CreateRole', resource: role(`cdk-${QUALIFIER}-deploy-role-evil`) },
  { name: 'a role named OrganizationAccountAccessRole', action: 'iam:CreateRole', resource: role('OrganizationAccountAccessRole') },
  { name: 'a policy added to the CloudFormation execution role', action: 'iam:PutRolePolicy', resource: CFN_EXEC },
  { name: 'the landing zone\'s CDK deploy role assumed by a developer', action: 'sts:AssumeRole', resource: DEPLOY },
  { name: 'the StackSets execution role assumed by a developer', action: 'sts:AssumeRole', resource: role('stacksets-exec-0123abcd') },
  { name: 'logging changed through an application team\'s own CDK bootstrap', action: 'bedrock:DeleteModelInvocationLoggingConfiguration', principal: APP_TEAM_EXEC },
  { name: 'the log group deleted through an application team\'s own CDK bootstrap', action: 'logs:DeleteLogGroup', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, principal: APP_TEAM_EXEC, context: TAGGED },
  { name: 'the control-plane role passed to a new function', action: 'iam:PassRole', resource: CONTROL_PLANE },
  { name: 'the CloudFormation execution role passed to a new stack', action: 'iam:PassRole', resource: CFN_EXEC },
  { name: 'the StackSets execution role passed on', action: 'iam:PassRole', resource: role('stacksets-exec-0123abcd') },
  ...SECOND_RING_ATTACKS,
  // The red team of 2026-12-06, by class in red-team-round.test.ts: here so that every statement is shown load-bearing.
  ...RED_TEAM_ATTACKS,
];

/** Governed calls that must pass: a perimeter that denies everything is no perimeter. */
const GOVERNED: Case[] = [
  { name: 'an AgentCore runtime in the VPC', action: 'bedrock-agentcore:CreateAgentRuntime', context: IN_VPC },
  { name: 'an AgentCore runtime updated in the VPC', action: 'bedrock-agentcore:UpdateAgentRuntime', resource: agentCore('runtime/claims-agent-abc123'), context: IN_VPC },
  { name: 'an AgentCore code interpreter in the VPC', action: 'bedrock-agentcore:CreateCodeInterpreter', context: IN_VPC },
  // A developer's memory is denied since round 4 (rt3 F23): the pipeline makes it.
  { name: 'AgentCore memory on a customer-managed key', action: 'bedrock-agentcore:CreateMemory', principal: CFN_EXEC, context: { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${MEMBER}:key/k` } },
  { name: 'invoking an AgentCore runtime', action: 'bedrock-agentcore:InvokeAgentRuntime', resource: agentCore('runtime/claims-agent-abc123') },
  { name: 'a session on the account\'s own browser (created in the VPC)', action: 'bedrock-agentcore:StartBrowserSession', resource: agentCore('browser-custom/claims_browser-abc123') },
  { name: 'a session on the account\'s own code interpreter (created in the VPC)', action: 'bedrock-agentcore:StartCodeInterpreterSession', resource: agentCore('code-interpreter-custom/claims_ci-abc123') },
  { name: 'code run on the account\'s own code interpreter', action: 'bedrock-agentcore:InvokeCodeInterpreter', resource: agentCore('code-interpreter-custom/claims_ci-abc123') },
  { name: 'the approved model through its EU profile, with the account\'s guardrail', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'streaming the same', action: 'bedrock:InvokeModelWithResponseStream', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail } },
  { name: 'the profile\'s destination model in Paris', action: 'bedrock:InvokeModel', resource: fm(SONNET_45, 'eu-west-3'), context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:InferenceProfileArn': euProfile(SONNET_45) } },
  { name: 'the approved embedding model by a knowledge base\'s role, without a guardrail', action: 'bedrock:InvokeModel', resource: fm(TITAN_EMBED_V2), principal: KB_ROLE },
  { name: 'counting tokens of the approved model', action: 'bedrock:CountTokens', resource: fm(SONNET_45) },
  { name: 'the approved model on the flex tier', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:ServiceTier': 'flex' } },
  { name: 'the approved model on the priority tier', action: 'bedrock:InvokeModelWithResponseStream', resource: euProfile(SONNET_45), context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:ServiceTier': 'priority' } },
  { name: 'the control plane setting the data retention mode', action: 'bedrock:PutAccountDataRetention', principal: CONTROL_PLANE, context: { 'bedrock:DataRetentionMode': 'none' } },
  { name: 'CloudFormation\'s execution role setting the data retention mode', action: 'bedrock:PutAccountDataRetention', principal: CFN_EXEC, context: { 'bedrock:DataRetentionMode': 'none' } },
  { name: 'retrieving from a knowledge base', action: 'bedrock:Retrieve', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:knowledge-base/KB12345678` },
  { name: 'applying the guardrail', action: 'bedrock:ApplyGuardrail', resource: ownGuardrail.replace(/:1$/, '') },
  { name: 'invoking an agent', action: 'bedrock:InvokeAgent', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:agent-alias/AGENT12345/ALIAS12345` },
  { name: 'a short-term bearer token', action: 'bedrock:CallWithBearerToken', context: { 'bedrock:BearerTokenType': 'SHORT_TERM' } },
  { name: 'a CodeCommit credential', action: 'iam:CreateServiceSpecificCredential', resource: `arn:aws:iam::${MEMBER}:user/dev`, context: { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' } },
  { name: 'the control plane setting the logging configuration', action: 'bedrock:PutModelInvocationLoggingConfiguration', principal: CONTROL_PLANE },
  { name: 'CloudFormation\'s execution role replacing the log group', action: 'logs:DeleteLogGroup', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`, principal: CFN_EXEC, context: TAGGED },
  { name: 'CloudFormation\'s execution role passing the control-plane role', action: 'iam:PassRole', resource: CONTROL_PLANE, principal: CFN_EXEC },
  { name: 'the control plane passing the delivery role to Bedrock', action: 'iam:PassRole', resource: role('Baseline-DeliveryRole'), principal: CONTROL_PLANE, context: { ...TAGGED, 'iam:PassedToService': 'bedrock.amazonaws.com' } },
  { name: 'CDK\'s deploy role passing the execution role', action: 'iam:PassRole', resource: CFN_EXEC, principal: DEPLOY },
  { name: 'CDK\'s deploy role creating a change set of the baseline stack', action: 'cloudformation:CreateChangeSet', resource: `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/Baseline/0f0e0d0c`, principal: DEPLOY, context: TAGGED },
  { name: 'a developer updating their own stack', action: 'cloudformation:UpdateStack', resource: `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/ClaimsApp/0a0b0c0d` },
  { name: 'the management account\'s access role assuming the landing zone\'s deploy role', action: 'sts:AssumeRole', resource: DEPLOY, principal: role('OrganizationAccountAccessRole') },
  { name: 'a developer assuming their own team\'s CDK deploy role', action: 'sts:AssumeRole', resource: role(`cdk-hnb659fds-deploy-role-${MEMBER}-${HOME}`) },
  { name: 'a cross-region guardrail\'s leg in a destination region', action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:eu-west-1:${MEMBER}:guardrail-profile/eu.guardrail.v1:0`, region: 'eu-west-1' },
  { name: 'a cross-region leg of the EU profile in Paris, as the destination region', action: 'bedrock:InvokeModel', resource: fm(SONNET_45, 'eu-west-3'), region: 'eu-west-3', context: { 'bedrock:GuardrailIdentifier': ownGuardrail, 'bedrock:InferenceProfileArn': euProfile(SONNET_45) } },
  { name: 'the delivery role writing the invocation log', action: 'logs:PutLogEvents', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations`, principal: role('bedrock-landing-zone-log-delivery/Baseline-DeliveryRole') },
  { name: 'CloudFormation creating the delivery role on its path', action: 'iam:CreateRole', resource: role('bedrock-landing-zone-log-delivery/Baseline-DeliveryRole'), principal: CFN_EXEC },
  { name: 'a pipeline role named in deploymentPrincipalArnPatterns cleaning up assets', action: 's3:DeleteObject', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}/0123abcd.zip`, principal: role('platform-pipeline'), only: EU },
  { name: 'the landing zone\'s file-publishing role uploading an asset', action: 's3:PutObject', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}/0123abcd.zip`, principal: role(`cdk-${QUALIFIER}-file-publishing-role-${MEMBER}-${HOME}`) },
  { name: 'a developer uploading to their own team\'s CDK asset bucket', action: 's3:PutObject', resource: `arn:aws:s3:::cdk-hnb659fds-assets-${MEMBER}-${HOME}/0123abcd.zip` },
  { name: 'CloudFormation\'s execution role sharing a knowledge base inside the organization', action: 'bedrock:PutResourcePolicy', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:knowledge-base/KB12345678`, principal: CFN_EXEC },
  ...SECOND_RING_GOVERNED,
  { name: 'a developer deleting their own log group', action: 'logs:DeleteLogGroup', resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/app/mine` },
  { name: 'a developer creating an application role', action: 'iam:CreateRole', resource: role('claims-app') },
  { name: 'a developer tagging their role with a tag of their own', action: 'iam:TagRole', resource: role('claims-app'), context: { 'aws:TagKeys': 'team' } },
  { name: 'a developer passing an application role', action: 'iam:PassRole', resource: role('claims-app') },
  { name: 'a developer passing the baseline stack\'s application role (tagged with its stack) to a function', action: 'iam:PassRole', resource: role('Baseline-ApplicationRole'), context: TAGGED },
];

function run(scps: PolicyDocument[], c: Case, extra: PolicyDocument[] = []): Promise<Decision> {
  const principal = c.principal ?? DEVELOPER;
  return evaluate({ identity: [ADMIN, ...extra], serviceControlPolicies: [scps], s3BucketAbacEnabled: true }, {
    action: c.action,
    resource: c.resource ?? '*',
    resourceAccount: MEMBER,
    principal,
    context: {
      'aws:RequestedRegion': c.region ?? HOME,
      'aws:PrincipalArn': principal,
      'aws:PrincipalAccount': MEMBER,
      'aws:PrincipalOrgID': ORGANIZATION,
      'aws:ViaAWSService': 'false',
      ...c.context,
    },
  });
}

const applies = (c: Case, org: string) => c.only === undefined || c.only === org;

describe.each(Object.keys(ORGANIZATIONS))('%s', org => {
  const scps = ORGANIZATIONS[org];

  test.each(ATTACKS.filter(c => applies(c, org)).map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(scps, c as Case)).toBe('ExplicitlyDenied');
  });

  test.each(GOVERNED.filter(c => applies(c, org)).map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(scps, c as Case)).toBe('Allowed');
  });

  test('every statement is load-bearing: removing any one lets at least one attack through', async () => {
    // The gateway statement is shown below with the pack's evaluator: the simulator's data does not know its key.
    const sids = scps.flatMap(p => p.Statement.map((s: any) => s.Sid as string)).filter(sid => sid !== 'DenyAgentCoreGatewaysWithoutAuthorizer');
    // The same answer as evaluating every attack without each statement, stopping at the first that gets through (test/support/load-bearing.ts).
    const unguarded = await unneededStatements(scps, sids, ATTACKS.filter(c => applies(c, org)), run);
    expect(unguarded).toEqual([]);
  });
});

describe('every door of the inference catalogue is closed', () => {
  const eu = ORGANIZATIONS[EU];
  const example = ORGANIZATIONS[EXAMPLE];
  const doorRequest = (door: typeof INFERENCE_DOORS[number], model: string, region: string): Case => ({
    name: door.action,
    action: door.action,
    resource: door.modelFence === 'model-resource' ? fm(model, region) : door.resourceTypes.includes('project') ? project(region) : '*',
    region,
    context: {
      ...(door.modelKey ? { [door.modelKey]: model } : {}),
      ...(door.guardrail === 'key' ? { 'bedrock:GuardrailIdentifier': ownGuardrail } : {}),
    },
  });

  test.each(INFERENCE_DOORS.map(d => [d.action, d]))('%s outside the jurisdiction (EU residency)', async (_action, door) => {
    expect(await run(eu, doorRequest(door as typeof INFERENCE_DOORS[number], SONNET_45, 'us-east-1'))).toBe('ExplicitlyDenied');
  });

  test.each(INFERENCE_DOORS.filter(d => d.modelFence === 'model-resource' || d.modelFence === 'model-key').map(d => [d.action, d]))(
    '%s with an unapproved model, in both organizations', async (_action, door) => {
      for (const scps of [eu, example]) {
        expect(await run(scps, doorRequest(door as typeof INFERENCE_DOORS[number], UNAPPROVED, HOME))).toBe('ExplicitlyDenied');
      }
    });
});

describe('without requireGuardrail, batch inference of approved models stays possible', () => {
  const scps = organization({ requireGuardrail: false });
  test('approved model allowed, unapproved denied', async () => {
    expect(await run(scps, { name: 'batch', action: 'bedrock:CreateModelInvocationJob', resource: fm(SONNET_45) })).toBe('Allowed');
    expect(await run(scps, { name: 'batch', action: 'bedrock:CreateModelInvocationJob', resource: fm(UNAPPROVED) })).toBe('ExplicitlyDenied');
    expect(await run(scps, { name: 'no guardrail', action: 'bedrock:InvokeModel', resource: euProfile(SONNET_45) })).toBe('Allowed');
    expect(await run(scps, { name: 'RAG', action: 'bedrock:RetrieveAndGenerate' })).toBe('Allowed');
    expect(await run(scps, { name: 'own guardrail', action: 'bedrock:UpdateGuardrail', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/mine` })).toBe('Allowed');
  });
});

describe('with customization allowed, only approved models can be customized', () => {
  const scps = organization({ allowModelCustomization: true });
  const customize = (model: string) => run(scps, { name: 'customize', action: 'bedrock:CreateModelCustomizationJob', resource: fm(model) });
  test('an unapproved base model is denied, an approved one and a custom model of its own are allowed', async () => {
    expect(await customize(UNAPPROVED)).toBe('ExplicitlyDenied');
    expect(await customize(SONNET_45)).toBe('Allowed');
    expect(await run(scps, { name: 'continue', action: 'bedrock:CreateModelCustomizationJob', resource: `arn:aws:bedrock:${HOME}:${MEMBER}:custom-model/mine` }))
      .toBe('Allowed');
  });
});

describe('without a bootstrap qualifier, the account\'s CDK bootstrap is the deployment boundary (documented, not a perimeter)', () => {
  const scps = organization({ cdkBootstrapQualifier: undefined, deploymentPrincipalArnPatterns: undefined });
  test('any qualifier\'s execution role may change logging, and a developer may assume the deploy role', async () => {
    expect(await run(scps, { name: 'exec', action: 'bedrock:DeleteModelInvocationLoggingConfiguration', principal: APP_TEAM_EXEC })).toBe('Allowed');
    expect(await run(scps, { name: 'assume', action: 'sts:AssumeRole', resource: DEPLOY })).toBe('Allowed');
  });
});

describe('an organization that governs the OpenAI-compatible endpoint (allowOpenAiCompatibleEndpoint, no guardrail requirement)', () => {
  const scps = organization({ requireGuardrail: false, allowOpenAiCompatibleEndpoint: true });
  const claims = `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/proj_claims`;
  const mantle = (model: string | undefined, extra: Partial<Case> = {}): Case => ({
    name: 'mantle',
    action: 'bedrock-mantle:CreateInference',
    resource: claims,
    ...extra,
    context: { ...(model ? { 'bedrock-mantle:Model': model } : {}), ...extra.context },
  });
  const attacks: Case[] = [
    mantle(UNAPPROVED, { name: 'an unapproved model through the OpenAI-compatible endpoint' }),
    mantle(SONNET_45, { name: 'the approved model by its bare ID (its route is the geography\'s profile)' }),
    mantle(`global.${SONNET_45}`, { name: 'the approved model through its global profile' }),
    mantle(undefined, { name: 'a request that names no model' }),
    { ...mantle(UNAPPROVED), name: 'an unapproved model counted', action: 'bedrock-mantle:CountTokens' },
    mantle(`eu.${SONNET_45}`, { name: 'the approved model on the reserved tier', context: { 'bedrock-mantle:ServiceTier': 'reserved' } }),
    mantle(`eu.${SONNET_45}`, { name: 'the approved model in us-east-1', region: 'us-east-1', resource: project('us-east-1') }),
    { name: 'a project created with its own data retention mode', action: 'bedrock-mantle:CreateProject', resource: project(), context: { 'bedrock-mantle:DataRetentionMode': 'provider_data_share' } },
    { name: 'a project\'s data retention mode changed', action: 'bedrock-mantle:UpdateProject', resource: claims, context: { 'bedrock-mantle:DataRetentionMode': 'default' } },
    { name: 'the account\'s mode changed through the endpoint', action: 'bedrock-mantle:PutAccountDataRetention', context: { 'bedrock-mantle:DataRetentionMode': 'default' } },
  ];
  const governed: Case[] = [
    mantle(`eu.${SONNET_45}`, { name: 'the approved model through its EU profile ID' }),
    mantle(`eu.${SONNET_45}`, { name: 'the approved model on the flex tier', context: { 'bedrock-mantle:ServiceTier': 'flex' } }),
    mantle(TITAN_EMBED_V2, { name: 'the in-region model by its ID' }),
    { name: 'a project created without a mode of its own (the account\'s applies)', action: 'bedrock-mantle:CreateProject', resource: project() },
    { name: 'CloudFormation\'s execution role creating a project with the account\'s mode', action: 'bedrock-mantle:CreateProject', resource: project(), principal: CFN_EXEC, context: { 'bedrock-mantle:DataRetentionMode': 'none' } },
  ];

  test.each(attacks.map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(scps, c as Case)).toBe('ExplicitlyDenied');
  });

  test.each(governed.map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(scps, c as Case)).toBe('Allowed');
  });

  test('the statements this opt-in adds are each load-bearing', async () => {
    const sids = ['DenyUnapprovedModelsOnOpenAiEndpoint', 'DenyProjectDataRetention', 'DenyUnapprovedServiceTiersOnOpenAiEndpoint'];
    expect(scps.flatMap(p => p.Statement.map((s: any) => s.Sid)).filter((sid: string) => sids.includes(sid)).sort()).toEqual([...sids].sort());
    for (const sid of sids) {
      const without = scps.map(p => ({ ...p, Statement: p.Statement.filter((s: any) => s.Sid !== sid) }));
      const decisions = await Promise.all(attacks.map(c => run(without, c)));
      expect([sid, decisions.some(d => d !== 'ExplicitlyDenied')]).toEqual([sid, true]);
    }
  });

  test('with its grant (not AdministratorAccess): the approved model is allowed, an unapproved one denied', async () => {
    const stack = new Stack(new App(), 'Claims', { env: { account: MEMBER, region: HOME } });
    const appRole = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const claimsProject = new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims' });
    new OpenAiCompatibleAccessPolicy(stack, 'Access', {
      project: claimsProject,
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      profiles: [GovernanceProfile.EU_RESIDENCY],
      roles: [appRole],
    });
    const grant = identityPoliciesOf(appRole, { getAtts: { [`${stack.getLogicalId(claimsProject.project)}.Arn`]: claims } });
    const withGrant = (c: Case) => evaluate({ identity: grant, serviceControlPolicies: [scps] }, {
      action: c.action,
      resource: c.resource!,
      resourceAccount: MEMBER,
      principal: DEVELOPER,
      context: { 'aws:RequestedRegion': c.region ?? HOME, 'aws:PrincipalArn': DEVELOPER, 'aws:PrincipalAccount': MEMBER, ...c.context },
    });
    expect(await withGrant(mantle(`eu.${SONNET_45}`))).toBe('Allowed');
    expect(await withGrant(mantle(UNAPPROVED))).toBe('ExplicitlyDenied');
    expect(await withGrant(mantle(`eu.${SONNET_45}`, { context: { 'bedrock-mantle:ServiceTier': 'reserved' } }))).toBe('ExplicitlyDenied');
  });
});

describe('AWS\'s built-in AgentCore tools, when the organization allows them', () => {
  const allowing = organization({ allowAgentCoreBuiltInTools: true });

  test('a session on the built-in browser and code interpreter, and web search and fetch, are allowed', async () => {
    expect(await run(allowing, { name: 'search', action: 'bedrock-agentcore:InvokeWebSearch', resource: agentCore('tool/web-search.v1') })).toBe('Allowed');
    expect(await run(allowing, { name: 'fetch', action: 'bedrock-websearch:InvokeFetch', resource: `arn:aws:bedrock-websearch:${HOME}:aws:tool/web-fetch` }))
      .toBe('Allowed');
    expect(await run(allowing, { name: 'browser', action: 'bedrock-agentcore:StartBrowserSession', resource: BUILT_IN_BROWSER })).toBe('Allowed');
    expect(await run(allowing, { name: 'code', action: 'bedrock-agentcore:StartCodeInterpreterSession', resource: BUILT_IN_CODE_INTERPRETER })).toBe('Allowed');
  });

  test('the rest of AgentCore stays governed: a browser outside the VPC is still denied', async () => {
    expect(await run(allowing, { name: 'custom', action: 'bedrock-agentcore:CreateBrowser' })).toBe('ExplicitlyDenied');
  });
});

describe('an AgentCore gateway without an authorizer is denied', () => {
  // bedrock-agentcore:GatewayAuthorizerType is documented on CreateGateway and UpdateGateway (AgentCore
  // developer guide, security-gateway-condition-keys), but the IAM data the simulator reads attaches it to
  // no action, so the simulator would ignore it: the pack's own evaluator (compared with the simulator in
  // test/compliance/policy-evaluator.test.ts) answers instead.
  const statements = (scps: PolicyDocument[]) => {
    const stack = new StackIndex(stackIn(HOME));
    return scps.flatMap(p => statementsOf(p, stack));
  };
  test.each(Object.keys(ORGANIZATIONS))('%s: NONE and (rt3 F7) CUSTOM_JWT denied, AWS_IAM not, for create and update', org => {
    const ask = asker(statements(ORGANIZATIONS[org]));
    expect(['CreateGateway', 'UpdateGateway'].map(a => [a, ask(a, 'NONE'), ask(a, 'AWS_IAM'), ask(a, 'CUSTOM_JWT')])).toEqual([
      ['CreateGateway', 'explicit-deny', 'implicit-deny', 'explicit-deny'],
      ['UpdateGateway', 'explicit-deny', 'implicit-deny', 'explicit-deny'],
    ]);
  });

  test('with allowAgentCoreJwtAuthorizers, CUSTOM_JWT is allowed and NONE still denied', () => {
    const ask = asker(statements(organization({ allowAgentCoreJwtAuthorizers: true })));
    expect(['CreateGateway', 'UpdateGateway'].map(a => [a, ask(a, 'NONE'), ask(a, 'AWS_IAM'), ask(a, 'CUSTOM_JWT')])).toEqual([
      ['CreateGateway', 'explicit-deny', 'implicit-deny', 'implicit-deny'],
      ['UpdateGateway', 'explicit-deny', 'implicit-deny', 'implicit-deny'],
    ]);
  });

  function asker(scp: ReturnType<typeof statements>) {
    return (action: string, type: string) => decide(scp, {
      action: `bedrock-agentcore:${action}`,
      resource: action === 'CreateGateway' ? '*' : agentCore('gateway/tools-abc123'),
      context: {
        'aws:RequestedRegion': HOME,
        'aws:PrincipalArn': DEVELOPER,
        'aws:PrincipalAccount': MEMBER,
        'aws:ViaAWSService': 'false',
        'bedrock-agentcore:GatewayAuthorizerType': type,
      },
    });
  }
});

describe('Amazon Lex\'s generative bot building is denied, talking to a bot is not', () => {
  // The simulator's data gives Lex's resource types two ARN formats in one string, which it cannot
  // match: the pack's own evaluator (compared with the simulator in test/compliance/policy-evaluator.test.ts) answers.
  test.each(Object.keys(ORGANIZATIONS))('%s', org => {
    const stack = new StackIndex(stackIn(HOME));
    const scp = ORGANIZATIONS[org].flatMap(p => statementsOf(p, stack));
    const ask = (action: string, resource: string) => decide(scp, {
      action,
      resource,
      context: { 'aws:RequestedRegion': HOME, 'aws:PrincipalArn': DEVELOPER, 'aws:PrincipalAccount': MEMBER, 'aws:ViaAWSService': 'false' },
    });
    const bot = `arn:aws:lex:${HOME}:${MEMBER}:bot/B1`;
    expect([
      ask('lex:StartBotResourceGeneration', bot), ask('lex:GenerateBotElement', bot), ask('lex:StartTestSetGeneration', `arn:aws:lex:${HOME}:${MEMBER}:test-set/T1`),
      ask('lex:RecognizeText', `arn:aws:lex:${HOME}:${MEMBER}:bot-alias/B1/A1`), ask('lex:CreateBotLocale', bot),
    ]).toEqual(['explicit-deny', 'explicit-deny', 'explicit-deny', 'implicit-deny', 'implicit-deny']);
  });
});

describe('the second ring\'s opt-ins', () => {
  const workspace = `arn:aws:aws-external-anthropic:${HOME}:${MEMBER}:workspace/w1`;
  const payment: Case = { name: 'payment', action: 'bedrock-agentcore:ProcessPayment', resource: agentCore('payment-manager/pm1') };
  const target: Case = { name: 'target', action: 'bedrock-agentcore:CreateGatewayTarget', resource: agentCore('gateway/tools-abc123') };
  const chat: Case = { name: 'chat', action: 'q:SendMessage' };
  const leave: Case = { name: 'leave', action: 'organizations:LeaveOrganization' };

  test('allowAgentCorePayments allows payments, and nothing else of the second ring', async () => {
    const scps = organization({ allowAgentCorePayments: true });
    expect(await run(scps, payment)).toBe('Allowed');
    expect(await run(scps, { ...payment, action: 'bedrock-agentcore:CreatePaymentManager', resource: undefined })).toBe('Allowed');
    expect(await run(scps, target)).toBe('ExplicitlyDenied');
  });

  test('allowAgentCoreGatewayTargets lets a developer add a target; resource policies stay with the deployers', async () => {
    const scps = organization({ allowAgentCoreGatewayTargets: true });
    expect(await run(scps, target)).toBe('Allowed');
    expect(await run(scps, { ...target, action: 'bedrock-agentcore:UpdateGatewayTarget' })).toBe('Allowed');
    expect(await run(scps, { ...target, action: 'bedrock-agentcore:PutResourcePolicy' })).toBe('ExplicitlyDenied');
    expect(await run(scps, payment)).toBe('ExplicitlyDenied');
  });

  test('allowGenerativeFeaturesOfOtherServices allows them; the account still cannot leave', async () => {
    const scps = organization({ allowGenerativeFeaturesOfOtherServices: true });
    expect(await run(scps, chat)).toBe('Allowed');
    expect(await run(scps, { name: 'qna', action: 'qbusiness:CreateApplication' })).toBe('Allowed');
    expect(await run(scps, leave)).toBe('ExplicitlyDenied');
    expect(await run(scps, { name: 'claude', action: 'aws-external-anthropic:CreateInference', resource: workspace })).toBe('ExplicitlyDenied');
  });

  test('without governAgentCore, payments and gateway targets are not governed; without requireGuardrail, guardrail doors through CloudFormation are not either', async () => {
    const scps = organization({ governAgentCore: false, requireGuardrail: false });
    expect(await run(scps, payment)).toBe('Allowed');
    expect(await run(scps, target)).toBe('Allowed');
    expect(await run(scps, { name: 'evaluation', action: 'bedrock-agentcore:CreateOnlineEvaluationConfig', context: VIA_CLOUDFORMATION })).toBe('Allowed');
  });
});
