import { ApprovedModel } from '../landing-zone/approved-model';
import { GovernanceProfile } from '../landing-zone/governance-profile';
import { Geography, ServiceTier } from '../models';

/**
 * Properties of the organization's Bedrock service control policies.
 */
export interface BedrockOrganizationPoliciesProps {
  /** The one list of approved models: every other model is denied in every account of the targets. */
  readonly approvedModels: ApprovedModel[];

  /**
   * The geographies the organization's landing zones operate in. Models are allowed only through
   * these geographies' profiles and in their regions.
   *
   * @default - the profiles' allowed geographies; required when no profile restricts geographies
   */
  readonly geographies?: Geography[];

  /**
   * Governance profiles, as in the landing zone (EU residency denies global profiles and every
   * region outside the EU).
   *
   * @default [GovernanceProfile.BASELINE]
   */
  readonly profiles?: GovernanceProfile[];

  /** IDs of the roots, organizational units or accounts the policies are attached to. */
  readonly targetIds: string[];

  /**
   * IDs of the roots or organizational units that the statements protecting only the landing zone's
   * tagged resources (`ProtectGovernanceResources`, `ProtectGovernanceControls`, `DenyGovernedDataCopies`)
   * are attached to instead of `targetIds`, e.g. the organization's root. They deny only requests on
   * resources that carry the landing zone's protection tag, so they are harmless on a parent of the
   * targets; there they use the parent's five policy slots and leave the targets room for the
   * organization's own policies. Every account of `targetIds` must be under one of them, or its
   * landing zone's resources are not protected (docs/adr/0020).
   *
   * @default - every statement is attached to `targetIds`
   */
  readonly protectionTargetIds?: string[];

  /**
   * The regions the landing zones govern (a baseline with invocation logging and the enforced
   * guardrail in every account): every Bedrock, OpenAI-compatible endpoint, AgentCore and web-search
   * API is denied in any other region, where nothing would log or filter it. Under a residency
   * profile, only regions inside it may be named.
   *
   * @default - under a residency profile, the profile's regions; otherwise no region is denied
   */
  readonly governedRegions?: string[];

  /**
   * The CDK bootstrap qualifier (`cdk bootstrap --qualifier`) of the roles that deploy the landing
   * zones. When given, only that qualifier's CloudFormation execution and deploy roles are exempt,
   * and no principal of a member account may assume that qualifier's roles except
   * `deploymentPrincipalArnPatterns` (a pipeline in an account outside the targets is not affected by
   * these policies). Without it, every CDK bootstrap qualifier is exempt: whoever can `cdk deploy`
   * in a member account can change the governance settings through CloudFormation.
   *
   * @default - every qualifier is exempt; the account's CDK bootstrap is the deployment boundary
   */
  readonly cdkBootstrapQualifier?: string;

  /**
   * Principals of the member accounts that may assume the roles of `cdkBootstrapQualifier`, as ARN
   * patterns (e.g. a pipeline role), besides `OrganizationAccountAccessRole` and
   * `AWSControlTowerExecution`, which the management account administers the accounts through.
   *
   * @default - only those two
   */
  readonly deploymentPrincipalArnPatterns?: string[];

  /**
   * Deny invocations that carry no guardrail of the calling account (`bedrock:GuardrailIdentifier`
   * absent, a bare guardrail ID, or a guardrail ARN of another account), and the doors that cannot
   * carry a guardrail (batch and evaluation jobs, inline agents, agentic retrieval). Approved
   * embedding models are exempt (embeddings carry no text to filter; a knowledge base's role embeds
   * documents with its own credentials), and so are calls Bedrock makes itself (`aws:ViaAWSService`).
   *
   * @default false - the landing zone's IAM and enforced guardrail already require it per account
   */
  readonly requireGuardrail?: boolean;

  /**
   * Accounts besides the caller's own whose guardrails satisfy `requireGuardrail` (e.g. the
   * management account that owns an organization-wide guardrail).
   *
   * @default - only the calling account's guardrails
   */
  readonly guardrailAccounts?: string[];

  /**
   * Roles, besides the landing zone's own control-plane role (path `/bedrock-landing-zone/`), CDK's
   * CloudFormation execution roles (`cdk-*-cfn-exec-role-*`) and the StackSets execution roles
   * (`stacksets-exec-*`), that may change the governance settings (invocation logging, enforced
   * guardrail, data retention) and the resources tagged `bedrock-landing-zone:protected`, as ARN
   * patterns. Each pattern is itself protected: only the deployment roles may create or change a
   * role it matches.
   *
   * @default - none beyond the roles above
   */
  readonly configurationAdminRoleArnPatterns?: string[];

  /**
   * Allow bringing models in: customization, Custom Model Import, model copy, custom models and their
   * deployments, marketplace model endpoints, and fine-tuning on the OpenAI-compatible endpoint.
   * Imported weights and fine-tuned models are invoked through `imported-model/`,
   * `custom-model-deployment/` and marketplace ARNs, which the approved-model list cannot name: by
   * default creating them is denied, and invoking them is too.
   *
   * @default false
   */
  readonly allowModelCustomization?: boolean;

  /**
   * The service tiers invocations may use in every account of the targets (`bedrock:ServiceTier`, and
   * `bedrock-mantle:ServiceTier` where the OpenAI-compatible endpoint is allowed); a request without a
   * tier runs on `ServiceTier.DEFAULT`. `ServiceTier.RESERVED` needs `acknowledgeReservedCapacity`.
   *
   * @default - the profiles' tiers; without any, every tier but reserved (a capacity commitment)
   */
  readonly allowedServiceTiers?: ServiceTier[];

  /**
   * Acknowledges that reserved capacity is a commitment billed whether used or not: required to
   * allow `ServiceTier.RESERVED`.
   *
   * @default false
   */
  readonly acknowledgeReservedCapacity?: boolean;

  /**
   * Govern the OpenAI-compatible endpoint (`bedrock-mantle`) instead of denying it: inference only
   * with an approved model (`bedrock-mantle:Model`), on an allowed tier, in the allowed regions, and
   * no project with a data retention mode of its own. Invocation logging does not cover this
   * endpoint (CloudTrail records the calls, not the prompts) and no guardrail is known to apply on
   * it, so it cannot be combined with `requireGuardrail`.
   *
   * @default false - every inference on the OpenAI-compatible endpoint is denied
   */
  readonly allowOpenAiCompatibleEndpoint?: boolean;

  /**
   * Keep AgentCore inside the network and behind authorization: deny creating or updating runtimes,
   * code interpreters and browsers without VPC subnets (`bedrock-agentcore:subnets`), gateways without
   * an authorizer (`bedrock-agentcore:GatewayAuthorizerType` NONE), runtimes and gateways with an
   * inbound JWT authorizer (unless `allowAgentCoreJwtAuthorizers`), and memory without a
   * customer-managed key (`bedrock-agentcore:KmsKeyArn`); memories are created and changed only by the
   * deployment roles (a memory's self-managed strategy delivers its events to a topic and bucket its
   * request does not show). A code interpreter in sandbox mode has no
   * subnets either, so it is denied too: the API has no condition key for the network mode. Harnesses
   * are denied outright: their requests carry no network key at all. Sessions on AWS's built-in
   * browser and code interpreter (AWS's own resources, outside every VPC of the organization) are
   * denied unless `allowAgentCoreBuiltInTools`.
   *
   * @default true
   */
  readonly governAgentCore?: boolean;

  /**
   * Allow AWS's built-in AgentCore tools under `governAgentCore`: sessions on the built-in browser
   * and code interpreter (`aws.browser.v1`, `aws.codeinterpreter.v1`) and the web search and fetch
   * tools. They run in AWS's network, not the organization's, and the browser, search and fetch
   * reach sites outside AWS, so an agent's data can leave with them. Custom browsers and code
   * interpreters in a VPC stay allowed either way.
   *
   * @default false - AWS's built-in tools are denied
   */
  readonly allowAgentCoreBuiltInTools?: boolean;

  /**
   * Allow AgentCore payments (payment managers, connectors, instruments, sessions and payment
   * credentials) under `governAgentCore`. An agent with a payment instrument spends the organization's
   * money at merchants outside AWS and hands them the data of its requests; nothing in IAM limits the
   * merchant or the amount.
   *
   * @default false - every AgentCore payment action is denied
   */
  readonly allowAgentCorePayments?: boolean;

  /**
   * Allow AgentCore gateway targets under `governAgentCore`. A target can be a server outside AWS (an
   * MCP server or an OpenAPI endpoint on the internet) that receives whatever the agent sends through
   * the gateway, and no condition key tells such a target from a Lambda function of the account: with
   * this off, every target is denied (creating or changing one), except to the deployment roles.
   *
   * @default false - gateway targets are created only by the deployment roles
   */
  readonly allowAgentCoreGatewayTargets?: boolean;

  /**
   * Allow AgentCore runtimes and gateways with an inbound JWT authorizer (`CUSTOM_JWT`) under
   * `governAgentCore`. Such an endpoint accepts bearer tokens of whatever identity provider its
   * creator names (a discovery URL, audiences, clients), with no IAM identity and no SigV4: anyone
   * outside AWS holding a token of that provider invokes the agent or the gateway's tools, and gets
   * what their role reads. A service control policy sees only the authorizer's type, not the issuer, so
   * it cannot tell the organization's identity provider from a developer's own: with this on, which
   * issuers are trusted is a review of each stack, not a rule of the organization.
   *
   * @default false - runtimes and gateways accept IAM (SigV4) callers only
   */
  readonly allowAgentCoreJwtAuthorizers?: boolean;

  /**
   * Allow the generative features of other AWS services that run models with their own service-linked
   * roles: Amazon Lex's generative bot building, Amazon Q in Connect's assistants, AI agents and
   * prompts, Amazon Q Business, Q Developer's code completions, Amazon Quick Suite agents and topics, Q
   * Apps, B2B Data Interchange's generated mappings, natural-language queries and summaries of
   * CloudWatch, CloudTrail and SQL Workbench, IAM Access Analyzer's finding recommendations, Network
   * Security Manager's generated rules, the Application Signals MCP server, DataZone's and Glue's
   * generated code, metadata and agents, Transcribe's call analytics and medical scribe jobs,
   * HealthLake's agent, the assistants of Detective, IoT SiteWise and the Support Console (case
   * summaries), and, whole, the services that are an AI assistant or agent: Amazon Q, Amazon Q
   * Developer, the DevOps agent (`aidevops`), AI Operations (`aiops`), the FinOps agent, the Security
   * Agent, Amazon Connect Health (`health-agent`), AWS Transform (and its custom transformations) and
   * SageMaker's data science assistant (these the deployment roles keep, so that the platform team can
   * delete what exists when the policy is attached). Service control policies do not apply to service-linked roles,
   * so what these features invoke bypasses the approved list, the governed regions, the guardrail
   * requirement and invocation logging.
   *
   * @default false - those features are denied
   */
  readonly allowGenerativeFeaturesOfOtherServices?: boolean;

  /**
   * S3 bucket names (a `*` allowed) the baselines' code is deployed from besides the CDK asset
   * bucket of `cdkBootstrapQualifier`, e.g. the regional buckets a StackSet's assets are published
   * to. Member principals may not create, write, empty, re-policy or delete them: a bucket of such a
   * name claimed in a new region would hand its code to the baseline's exempt roles. Requires
   * `cdkBootstrapQualifier`.
   *
   * @default - only the CDK asset bucket
   */
  readonly deploymentAssetBucketNames?: string[];

  /**
   * A prefix for the policies' names.
   *
   * @default 'bedrock-landing-zone'
   */
  readonly policyNamePrefix?: string;

  /**
   * Deny writing to the landing zone's invocation log groups (`/bedrock-landing-zone/...`) to every
   * principal but the delivery roles on `/bedrock-landing-zone-log-delivery/` (`ProtectInvocationLogStreams`):
   * forged lines would hide what was invoked.
   *
   * Set it to false for the first deployment of an upgrade from a release before 1.0.0: the policies
   * go before the baselines (`deployBefore`), and that release's delivery roles sit on the root path
   * under names CloudFormation generated, which no policy can tell from any other role; they keep
   * delivering until their baseline is updated. Remove it once every baseline is current
   * (docs/upgrading/1.0.0.md); synth warns while it is false.
   *
   * @default true
   */
  readonly protectInvocationLogStreams?: boolean;
}
