import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IBedrockInvokable, IGuardrailReference } from '../../models';

/**
 * The statements of the endpoint policies that `BedrockPrivateEndpoints` writes. Not exported from
 * the package.
 *
 * Every statement names `Principal: "*"` (an endpoint policy must name a principal) and is
 * fenced to the organization (`aws:PrincipalOrgID`) or the account (`aws:PrincipalAccount`). An
 * endpoint policy never grants anything by itself: the caller's identity policy must allow the
 * request too; the endpoint policy only narrows what can pass through the endpoint.
 */

/**
 * How the library governs the policy of one endpoint service:
 * - runtime: invoke and apply-guardrail on the approved models, profiles and guardrails only;
 * - agent-runtime: Retrieve on the given knowledge bases only;
 * - management: principals of the organization or account only;
 * - s3vectors: principals and vector buckets of the organization or account only;
 * - agentcore, agentcore-gateway: the AgentCore data-plane and gateway actions on the account's own
 *   AgentCore resources (and AWS's built-in tools) only;
 * - agentcore-control: reading the AgentCore configuration only.
 */
export type EndpointPolicyKind = 'runtime' | 'agent-runtime' | 'management' | 's3vectors' | 'agentcore' | 'agentcore-gateway' | 'agentcore-control'
  | 'mantle';

/** Who may use the endpoints, and whose resources they may reach. */
export interface Perimeter {
  /** `aws:PrincipalOrgID` or `aws:PrincipalAccount` */
  readonly principalKey: string;
  /** `aws:ResourceOrgID` or `aws:ResourceAccount` */
  readonly resourceKey: string;
  /** The organization ID or account ID */
  readonly value: string;
}

export function perimeterOf(organizationId: string | undefined, account: string): Perimeter {
  return organizationId !== undefined
    ? { principalKey: 'aws:PrincipalOrgID', resourceKey: 'aws:ResourceOrgID', value: organizationId }
    : { principalKey: 'aws:PrincipalAccount', resourceKey: 'aws:ResourceAccount', value: account };
}

/** Actions Retrieve needs on a knowledge base. */
export const RETRIEVE_ACTIONS = ['bedrock:Retrieve'];

/**
 * `bedrock:RetrieveAndGenerate` has no resource type in the Service Authorization Reference: it can
 * only be allowed on `*`. The knowledge base and the model it uses are authorized by the caller's
 * identity policy.
 */
export const RETRIEVE_AND_GENERATE_ACTIONS = ['bedrock:RetrieveAndGenerate'];

/** A copy of the statement for an endpoint policy: any principal of the perimeter, same actions, resources and conditions. */
export function forEndpoint(statement: iam.PolicyStatement, perimeter: Perimeter, fenceResources = false): iam.PolicyStatement {
  const source = statement.toStatementJson();
  const conditions: Record<string, Record<string, unknown>> = {};
  for (const [operator, values] of Object.entries<Record<string, unknown>>(source.Condition ?? {})) {
    conditions[operator] = { ...values };
  }
  conditions.StringEquals = {
    ...(conditions.StringEquals ?? {}),
    [perimeter.principalKey]: perimeter.value,
    ...(fenceResources ? { [perimeter.resourceKey]: perimeter.value } : {}),
  };
  return new iam.PolicyStatement({
    effect: statement.effect,
    principals: [new iam.StarPrincipal()],
    actions: statement.actions,
    resources: statement.resources,
    conditions,
  });
}

/**
 * The runtime endpoint: each approved model's own Allow statements (profile, destination regions and
 * fences exactly as in its identity grant) and ApplyGuardrail on each guardrail.
 */
export function runtimeStatements(scope: IConstruct, models: IBedrockInvokable[], guardrails: IGuardrailReference[],
  perimeter: Perimeter): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  for (const model of models) {
    for (const s of model.invokeStatements(scope)) {
      if (s.effect === iam.Effect.ALLOW) statements.push(forEndpoint(s, perimeter));
    }
  }
  for (const guardrail of guardrails) {
    // kms:Decrypt goes to KMS, never through a Bedrock endpoint: only the bedrock: statements apply here.
    for (const s of guardrail.applyStatements()) {
      if (s.effect === iam.Effect.ALLOW && s.actions.every(a => a.startsWith('bedrock:'))) statements.push(forEndpoint(s, perimeter));
    }
  }
  return statements;
}

/** The agent-runtime endpoint: Retrieve on the knowledge bases, and RetrieveAndGenerate when chosen. */
export function agentRuntimeStatements(knowledgeBaseArns: string[], retrieveAndGenerate: boolean, perimeter: Perimeter): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  if (knowledgeBaseArns.length > 0) {
    statements.push(forEndpoint(new iam.PolicyStatement({ actions: RETRIEVE_ACTIONS, resources: knowledgeBaseArns }), perimeter));
  }
  if (retrieveAndGenerate) {
    statements.push(forEndpoint(new iam.PolicyStatement({ actions: RETRIEVE_AND_GENERATE_ACTIONS, resources: ['*'] }), perimeter));
  }
  return statements;
}

/**
 * What the management endpoints pass by default: reading the Bedrock configuration (control plane)
 * and, on the agent-builder endpoint, running knowledge-base ingestion. Resources are created and
 * changed by CloudFormation, which does not use the VPC's endpoints; `managementActions` adds more.
 */
export const CONTROL_PLANE_ACTIONS = ['bedrock:Get*', 'bedrock:List*'];
export const AGENT_BUILDER_ACTIONS = [...CONTROL_PLANE_ACTIONS, 'bedrock:StartIngestionJob', 'bedrock:StopIngestionJob'];

/** Management endpoints (control plane, agent builder): their actions, for the principal perimeter only. */
export function managementStatements(actions: string[], perimeter: Perimeter): iam.PolicyStatement[] {
  return [forEndpoint(new iam.PolicyStatement({ actions, resources: ['*'] }), perimeter)];
}

/** S3 Vectors: principals and vector buckets of the perimeter. */
export function s3VectorsStatements(perimeter: Perimeter): iam.PolicyStatement[] {
  return [forEndpoint(new iam.PolicyStatement({ actions: ['s3vectors:*'], resources: ['*'] }), perimeter, true)];
}

/** The S3 gateway endpoint: principals and buckets of the perimeter. */
export function s3GatewayStatements(perimeter: Perimeter): iam.PolicyStatement[] {
  return [forEndpoint(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }), perimeter, true)];
}

/**
 * The explicit permissive choice: whatever reaches the endpoint (only Bedrock calls do) on every
 * resource, for principals of the perimeter only: the data-perimeter form of an endpoint policy.
 */
export function anyBedrockActionStatements(perimeter: Perimeter): iam.PolicyStatement[] {
  return [forEndpoint(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }), perimeter)];
}

/**
 * The AgentCore data plane an agent workload uses: invoking runtimes, harnesses and tools, sessions of
 * code interpreters and browsers, memory events and records, identity tokens for its tools, and
 * evaluations. test/network/agentcore-endpoints.test.ts pins each pattern to the actions it covers.
 */
export const AGENTCORE_DATA_ACTIONS = [
  'bedrock-agentcore:Invoke*', 'bedrock-agentcore:Start*Session', 'bedrock-agentcore:Stop*Session', 'bedrock-agentcore:Connect*',
  'bedrock-agentcore:*Event', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:ListSessions', 'bedrock-agentcore:ListActors',
  'bedrock-agentcore:*MemoryRecord', 'bedrock-agentcore:*MemoryRecords', 'bedrock-agentcore:GetWorkloadAccessToken*',
  'bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:GetResourceApiKey', 'bedrock-agentcore:CompleteResourceTokenAuth',
  'bedrock-agentcore:Evaluate',
];

/** What the AgentCore control-plane endpoint passes by default: reading the configuration (CloudFormation creates resources). */
export const AGENTCORE_CONTROL_ACTIONS = ['bedrock-agentcore:Get*', 'bedrock-agentcore:List*'];

/**
 * The AgentCore data plane and gateways: their actions on the account's own AgentCore resources and,
 * for the data plane, AWS's built-in code interpreter and browser (owned by the account `aws`).
 */
export function agentCoreStatements(scope: IConstruct, actions: string[], builtInTools: boolean, perimeter: Perimeter): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const own = stack.formatArn({ service: 'bedrock-agentcore', resource: '*' });
  const aws = stack.formatArn({ service: 'bedrock-agentcore', account: 'aws', resource: '*' });
  return [forEndpoint(new iam.PolicyStatement({ actions, resources: builtInTools ? [own, aws] : [own] }), perimeter)];
}

/** What the OpenAI-compatible endpoint passes: inference, token counts and the stored responses of the account's projects. */
export const OPENAI_COMPATIBLE_ACTIONS = ['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens', 'bedrock-mantle:GetInference',
  'bedrock-mantle:CancelInference', 'bedrock-mantle:DeleteInference'];

/** The OpenAI-compatible endpoint: its inference actions on the account's own projects. */
export function openAiCompatibleStatements(scope: IConstruct, perimeter: Perimeter): iam.PolicyStatement[] {
  const projects = Stack.of(scope).formatArn({ service: 'bedrock-mantle', resource: 'project', resourceName: '*' });
  return [forEndpoint(new iam.PolicyStatement({ actions: OPENAI_COMPATIBLE_ACTIONS, resources: [projects] }), perimeter)];
}
