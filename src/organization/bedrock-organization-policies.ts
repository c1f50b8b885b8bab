import { Annotations, Aws, Tags, Token, aws_iam as iam, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { EmbeddingModel } from '../knowledge-bases';
import { ApprovedModel } from '../landing-zone/approved-model';
import { GovernanceProfile } from '../landing-zone/governance-profile';
import { routingProblems } from '../landing-zone/private/jurisdiction';
import { Geography, ServiceTier } from '../models';
import { serviceTierProblems } from '../models/invoke-statements';
import { LANDING_ZONE_ROLE_PATH } from '../private/control-plane-provider';
import {
  AGENTCORE_GATEWAY_TARGET_ACTIONS, AGENTCORE_PAYMENT_ACTIONS, BEARER_TOKEN_ACTIONS, GOVERNANCE_SETTING_ACTIONS, INFERENCE_DOORS,
  MODEL_IMPORT_ACTIONS, NON_MODEL_RESOURCES, RESIDENCY_SERVICES, SERVICE_MODEL_ACTIONS, compactActions, doorsWith,
} from '../private/inference-doors';
import { openAiModelIds } from '../private/openai-model-ids';
import {
  LOG_COPY_SETTING_ACTIONS, denyGovernedDataCopies, protectConfigRecording, protectGovernanceControls,
} from './private/governance-control-statements';
import { LOG_DELIVERY_ROLE_PATH, PROTECTED_LOG_GROUP_PREFIX, PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from '../private/protected-resources';
import { Problems, approvedModelProblems, oneOf } from '../private/validation';

/** AWS Organizations' limit on one service control policy, in characters. */
const SCP_MAX_CHARACTERS = 5120;
/**
 * The statements that deny only changes to resources carrying the landing zone's tag: with
 * protectionTargetIds, they are attached there (a parent of the targets) instead of to the targets.
 */
const TAG_PROTECTION_SIDS = ['ProtectGovernanceResources', 'ProtectGovernanceControls', 'DenyGovernedDataCopies'];
/** SCPs per target: AWS allows 5, one of which is normally FullAWSAccess. */
const MAX_POLICIES = 4;
/** The longest partition the policies may be deployed in: sizes are checked for it. */
const LONGEST_PARTITION = 'aws-us-gov';

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
   * IDs of the roots or organizational units that the policies protecting the landing zone's tagged
   * resources (`ProtectGovernanceResources`, `ProtectGovernanceControls`, `DenyGovernedDataCopies`)
   * are attached to instead of `targetIds`, e.g. the organization's root. Those statements deny only
   * changes to resources that carry the landing zone's protection tag, so they are harmless on a
   * parent of the targets; there they use the parent's five policy slots, which leaves the targets
   * room for the organization's own policies. Every account of `targetIds` must be under one of them,
   * or its landing zone is not protected (docs/adr/0019).
   *
   * @default - the policies are attached to `targetIds` with the rest
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
   * an authorizer (`bedrock-agentcore:GatewayAuthorizerType` NONE), and memory without a
   * customer-managed key (`bedrock-agentcore:KmsKeyArn`). A code interpreter in sandbox mode has no
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
   * Allow the generative features of other AWS services that run models with their own service-linked
   * roles: Amazon Lex's generative bot building, Amazon Q in Connect's assistants, AI agents and
   * prompts, Amazon Q Business, Q Developer (chat, completions, agent sessions), Amazon Quick Suite
   * agents, B2B Data Interchange's generated mappings. Service control policies do not apply to
   * service-linked roles, so what these features invoke bypasses the approved list, the governed
   * regions, the guardrail requirement and invocation logging.
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
   * Set it to false while upgrading from a release before 1.0.0 if the organization policies are
   * deployed before every baseline: that release's delivery roles sit on the root path under names
   * CloudFormation generated, which no policy can tell from any other role, and they keep delivering
   * until their baseline is updated. Remove it once every baseline is deployed (docs/upgrading/1.0.0.md);
   * synth warns while it is false.
   *
   * @default true
   */
  readonly protectInvocationLogStreams?: boolean;
}

/**
 * Service control policies for Amazon Bedrock, generated from the same approved-model list as the
 * landing zones: deny unapproved models on every door of the inference catalogue (and provisioned
 * throughput for them), the OpenAI-compatible endpoint, every Bedrock API outside the residency
 * jurisdiction or the governed regions, changes to the governance settings and the resources they
 * depend on, borrowed exemptions, bringing models in, long-term API keys, and optionally
 * invocations without a guardrail of the organization.
 *
 * Statements are packed into as few policies as AWS Organizations' 5,120-character limit allows; a
 * statement that alone is too large fails synth with the statement named.
 */
export class BedrockOrganizationPolicies extends Construct {
  /**
   * Puts the landing zone's protection tag on every taggable resource under the scope: what carries it
   * can be changed, untagged or deleted only by the deployment roles. For what the landing zone does
   * not create itself, e.g. the StackSet that rolls the baseline out (CloudFormation passes a stack
   * set's tags on to its stack instances and their resources).
   */
  public static protect(scope: IConstruct): void {
    Tags.of(scope).add(PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE);
  }

  /** The policies, in the order their statements were packed */
  public readonly policies: organizations.CfnPolicy[];
  /** The statements, as policy documents, one per policy */
  public readonly documents: iam.PolicyDocument[];

  constructor(scope: Construct, id: string, props: BedrockOrganizationPoliciesProps) {
    super(scope, id);
    const profile = GovernanceProfile.combine(props.profiles ?? [GovernanceProfile.BASELINE]);
    const geographies = this.validate(props, profile);
    const admins = props.configurationAdminRoleArnPatterns ?? [];
    // Under residency: the regions of the geographies the policies name, inside the profile's jurisdiction.
    const inGeographies = (r: string) => geographies.some(g => g.sourceRegions.includes(r) || g.destinationRegions.includes(r));
    const residencyRegions = profile.allowedRegions?.filter(inGeographies);
    const governedRegions = props.governedRegions ? [...new Set(props.governedRegions)].sort() : undefined;
    const qualifier = props.cdkBootstrapQualifier ?? '*';
    const deploymentPrincipals = props.deploymentPrincipalArnPatterns ?? [];
    const embeddingModels = props.approvedModels.filter(m => m.modelId !== undefined && EmbeddingModel.fromModelId(m.modelId) !== undefined);
    const tiers = props.allowedServiceTiers ?? profile.allowedServiceTiers ?? [ServiceTier.PRIORITY, ServiceTier.DEFAULT, ServiceTier.FLEX];
    const openAi = props.allowOpenAiCompatibleEndpoint ?? false;
    const protectLogStreams = props.protectInvocationLogStreams ?? true;
    if (!protectLogStreams) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:invocationLogStreamsUnprotected',
        'protectInvocationLogStreams is false: any principal of the target accounts can write to and delete the invocation log streams. ' +
        'It is for upgrades from a release before 1.0.0; remove it once every baseline is deployed.');
    }
    const statementsIn = (partition: string) => {
      const p = new Partitioned(partition, qualifier);
      return [
        p.denyUnapprovedModels(props.approvedModels, geographies, props.allowModelCustomization ?? false),
        p.denyUnapprovedProvisionedThroughput(props.approvedModels, geographies),
        p.denyUngovernedInference(openAi),
        ...(openAi ? [p.denyUnapprovedModelsOnOpenAiEndpoint(props.approvedModels, geographies), p.denyProjectDataRetention(admins)] : []),
        ...p.denyUnapprovedServiceTiers(tiers, openAi),
        ...(residencyRegions ? [p.denyOutsideRegions(residencyRegions)] : []),
        ...(governedRegions ? p.denyOutsideGovernedRegions(governedRegions) : []),
        ...(props.requireGuardrail
          ? [
            p.denyWithoutOwnGuardrail(props.guardrailAccounts ?? [], embeddingModels, geographies),
            p.denyDoorsWithoutGuardrail(),
            p.protectGuardrails(admins),
            p.denyGuardrailDoorsThroughCloudFormation(),
          ]
          : []),
        p.denyLeavingTheOrganization(),
        ...p.denyDataLeavingTheStores(),
        ...(props.allowGenerativeFeaturesOfOtherServices ? [] : [p.denyModelsThroughOtherServices()]),
        p.protectSettings(admins, [
          // Resource policies can admit other accounts to governed data, and no condition key shows whom.
          'bedrock:PutResourcePolicy', 'bedrock-agentcore:PutResourcePolicy',
          // A gateway target can be a server outside AWS, and no condition key tells it from a function of the account.
          ...(props.governAgentCore ?? true) && !props.allowAgentCoreGatewayTargets ? AGENTCORE_GATEWAY_TARGET_ACTIONS : [],
          // Copies of the account's logs that name no log group, so the invocation log group's tag is never seen.
          ...LOG_COPY_SETTING_ACTIONS,
        ]),
        p.protectExemptRoles(admins, deploymentPrincipals),
        p.denyPassingExemptRoles(admins, deploymentPrincipals),
        p.protectTaggedResources(admins),
        protectGovernanceControls(p.allAdmins(admins)),
        denyGovernedDataCopies(p.allAdmins(admins)),
        protectConfigRecording(p.allAdmins(admins)),
        ...(props.cdkBootstrapQualifier
          ? [
            p.denyAssumingDeploymentRoles(deploymentPrincipals),
            p.protectDeploymentAssets(admins, deploymentPrincipals, props.deploymentAssetBucketNames ?? []),
          ]
          : []),
        ...(props.governAgentCore ?? true ? p.governAgentCore(props.allowAgentCoreBuiltInTools ?? false) : []),
        ...(props.governAgentCore ?? true) && !props.allowAgentCorePayments ? [p.denyAgentCorePayments()] : [],
        ...(protectLogStreams ? [p.protectInvocationLogStreams()] : []),
        props.allowModelCustomization ? p.denyCustomizingUnapprovedModels(props.approvedModels, geographies) : p.denyModelImport(),
        denyLongTermApiKeys(),
        ...denyBearerTokens(),
      ];
    };
    // Sizes are measured with the longest partition name; the policies themselves use AWS::Partition.
    const deployed = statementsIn(Aws.PARTITION);
    const sizes = statementsIn(LONGEST_PARTITION).map(statementSize);
    const separate = props.protectionTargetIds !== undefined;
    const ofSet = (protection: boolean) => {
      const at = deployed.map((_, i) => i).filter(i => (separate && TAG_PROTECTION_SIDS.includes(deployed[i].sid!)) === protection);
      return packStatements(this, at.map(i => deployed[i]), at.map(i => sizes[i]));
    };
    const groups = ofSet(false);
    const protectionGroups = separate ? ofSet(true) : [];
    const prefix = props.policyNamePrefix ?? 'bedrock-landing-zone';
    const documentsOf = (gs: iam.PolicyStatement[][]) => gs.map(group => new iam.PolicyDocument({ statements: group }));
    const policiesOf = (documents: iam.PolicyDocument[], idPrefix: string, name: string, what: string, targetIds: string[]) =>
      documents.map((document, i) => new organizations.CfnPolicy(this, `${idPrefix}${i + 1}`, {
        name: `${prefix}-${name}-${i + 1}`,
        description: `${what} (${profile.name}), part ${i + 1} of ${documents.length}`,
        type: 'SERVICE_CONTROL_POLICY',
        content: document,
        targetIds,
      }));
    const documents = documentsOf(groups);
    const protectionDocuments = documentsOf(protectionGroups);
    this.documents = [...documents, ...protectionDocuments];
    this.policies = [
      ...policiesOf(documents, 'Policy', 'bedrock', 'Amazon Bedrock governance', props.targetIds),
      ...policiesOf(protectionDocuments, 'ProtectionPolicy', 'protection', 'Amazon Bedrock landing zone resource protection', props.protectionTargetIds ?? []),
    ];
  }

  private validate(props: BedrockOrganizationPoliciesProps, profile: GovernanceProfile): Geography[] {
    const wrongKind = new Problems();
    approvedModelProblems('approvedModels', props.approvedModels, v => v instanceof ApprovedModel).forEach(p => wrongKind.add(p));
    wrongKind.throwIfAny(this, 'BedrockOrganizationPolicies', BedrockLandingZoneErrorCode.APPROVED_MODEL_KIND);
    const problems = new Problems();
    const geographies = props.geographies ?? profile.allowedGeographies ?? [];
    problems.check(geographies.length > 0, 'geographies is empty: name the geographies the landing zones operate in (e.g. [Geography.US, Geography.EU])');
    if (profile.allowedGeographies && props.geographies) {
      const outside = props.geographies.filter(g => !profile.allowedGeographies!.some(a => a.prefix === g.prefix));
      problems.check(outside.length === 0, `geographies ${oneOf(outside.map(g => g.prefix))} are not allowed by profile ${profile.name}; ` +
        `allowed: ${oneOf(profile.allowedGeographies.map(g => g.prefix))}`);
    }
    problems.check(props.approvedModels.length > 0, 'approvedModels is empty: give at least one approved model');
    if (!profile.allowsGlobalProfiles) {
      props.approvedModels.filter(m => m.isGlobal).forEach(m => problems.add(
        `approvedModels: ${m} may route to any commercial region, which profile ${profile.name} does not allow`));
    }
    props.approvedModels.filter(m => m.modelId === undefined).forEach(() => problems.add(
      'approvedModels: ApprovedModel.of(invokable) is account-specific and cannot be named in an organization policy; ' +
      'list the model with throughGeography, inRegion or global'));
    for (const account of props.guardrailAccounts ?? []) {
      problems.check(Token.isUnresolved(account) || /^\d{12}$/.test(account), `guardrailAccounts: '${account}' is not an account ID (12 digits)`);
    }
    serviceTierProblems(props.allowedServiceTiers, props.acknowledgeReservedCapacity).forEach(p => problems.add(p));
    if (props.allowedServiceTiers && profile.allowedServiceTiers) {
      const outside = props.allowedServiceTiers.filter(t => !profile.allowedServiceTiers!.includes(t));
      problems.check(outside.length === 0, `allowedServiceTiers ${oneOf(outside)} are not allowed by profile ${profile.name}; ` +
        `allowed: ${oneOf(profile.allowedServiceTiers)}`);
    }
    problems.check(!(props.allowOpenAiCompatibleEndpoint && props.requireGuardrail), 'allowOpenAiCompatibleEndpoint and requireGuardrail are both true: ' +
      'no guardrail is known to apply on the OpenAI-compatible endpoint, so requireGuardrail denies it anyway; leave one of them out');
    problems.check(!(props.guardrailAccounts && !props.requireGuardrail), 'guardrailAccounts is given but requireGuardrail is not true: ' +
      'the accounts only widen the guardrail requirement; set requireGuardrail: true or leave guardrailAccounts out');
    routingProblems(props.approvedModels, geographies, profile).forEach(p => problems.add(p));
    if (props.governedRegions) {
      problems.check(props.governedRegions.length > 0, 'governedRegions is empty: name the regions the landing zones govern, or leave it out');
      for (const region of props.governedRegions) {
        if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {problems.add(`governedRegions: '${region}' is not a region name (e.g. eu-central-1)`);} else if (profile.allowedRegions && !profile.allowedRegions.includes(region)) {
          problems.add(`governedRegions: ${region} is outside the regions profile ${profile.name} allows (${oneOf(profile.allowedRegions)})`);
        }
      }
    }
    if (props.cdkBootstrapQualifier !== undefined) {
      problems.check(/^[a-z0-9]{1,10}$/.test(props.cdkBootstrapQualifier), `cdkBootstrapQualifier: '${props.cdkBootstrapQualifier}' is not a CDK ` +
        'bootstrap qualifier (1 to 10 lowercase letters and digits)');
    }
    problems.check(!(props.deploymentPrincipalArnPatterns && props.cdkBootstrapQualifier === undefined), 'deploymentPrincipalArnPatterns is given ' +
      'but cdkBootstrapQualifier is not: only the roles of a named qualifier are fenced; give cdkBootstrapQualifier or leave the patterns out');
    problems.check(props.targetIds.length > 0, 'targetIds is empty: give the root, OU or account IDs to attach the policies to');
    for (const target of props.targetIds) {
      if (Token.isUnresolved(target)) continue;
      problems.check(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(target),
        `targetIds: '${target}' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID`);
    }
    if (props.protectionTargetIds) {
      problems.check(props.protectionTargetIds.length > 0, 'protectionTargetIds is empty: give the root or OU IDs above targetIds, or leave it out ' +
        'to attach every policy to targetIds');
      for (const target of props.protectionTargetIds) {
        if (Token.isUnresolved(target)) continue;
        if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(target)) {
          problems.add(`protectionTargetIds: '${target}' is not a root (r-...) or organizational unit (ou-...-...) ID; ` +
            'an account would need the policies attached to itself, which targetIds already does');
        } else if (props.targetIds.includes(target)) {
          problems.add(`protectionTargetIds: '${target}' is also in targetIds; both sets of policies would count against its five: ` +
            'name a parent of the targets (e.g. the root), or leave protectionTargetIds out');
        }
      }
    }
    for (const name of props.deploymentAssetBucketNames ?? []) {
      problems.check(Token.isUnresolved(name) || /^[a-z0-9*][a-z0-9.*-]{2,62}$/.test(name), `deploymentAssetBucketNames: '${name}' is not an S3 ` +
        'bucket name (lowercase letters, digits, dots and hyphens, 3 to 63 characters; * matches any characters)');
    }
    problems.check(!(props.deploymentAssetBucketNames && props.cdkBootstrapQualifier === undefined), 'deploymentAssetBucketNames is given but ' +
      'cdkBootstrapQualifier is not: the buckets are protected with the CDK asset bucket of a named qualifier; give cdkBootstrapQualifier or leave them out');
    const agentCoreOptIns = (['allowAgentCorePayments', 'allowAgentCoreGatewayTargets'] as const).filter(k => props[k] !== undefined);
    problems.check(props.governAgentCore !== false || agentCoreOptIns.length === 0, `${agentCoreOptIns.join(' and ')} given but governAgentCore is ` +
      'false: AgentCore is not governed at all, so there is nothing to allow; leave them out or govern AgentCore');
    problems.throwIfAny(this, 'BedrockOrganizationPolicies', BedrockLandingZoneErrorCode.ORGANIZATION_POLICIES_PROPS);
    return geographies;
  }
}

/** The statements, for one partition (a token when deployed, the longest name when measured). */
class Partitioned {
  /** @param qualifier the CDK bootstrap qualifier whose roles deploy the landing zones (`*`: any) */
  constructor(private readonly partition: string, private readonly qualifier: string) {}

  private arn(region: string, account: string, resource: string): string {
    return `arn:${this.partition}:bedrock:${region}:${account}:${resource}`;
  }

  private role(pattern: string): string {
    return `arn:${this.partition}:iam::*:role${pattern}`;
  }

  /**
   * The ARNs a model may be reached by. Foundation-model ARNs name the model in any region: which
   * regions a call may reach is decided by the profile (a geography's profile routes only inside it)
   * and, under residency, by the statement that denies requests outside the allowed regions. That
   * keeps the list to two or three ARNs a model, so dozens of models fit one policy.
   */
  approvedArns(model: ApprovedModel, geographies: Geography[]): string[] {
    const id = model.modelId!;
    const anyRegion = this.arn('*', '', `foundation-model/${id}`);
    if (model.isGlobal) return [this.arn('*', '*', `inference-profile/global.${id}`), anyRegion];
    if (model.isInRegion) return [anyRegion];
    return [...geographies.map(g => this.arn('*', '*', `inference-profile/${g.prefix}.${id}`)), anyRegion];
  }

  private allApprovedArns(models: ApprovedModel[], geographies: Geography[]): string[] {
    return [...new Set(models.flatMap(m => this.approvedArns(m, geographies)))];
  }

  /** The approved models' foundation-model ARNs (what provisioned throughput and customization name). */
  private approvedFoundationModelArns(models: ApprovedModel[], geographies: Geography[]): string[] {
    return this.allApprovedArns(models, geographies).filter(a => a.includes(':foundation-model/'));
  }

  /**
   * Every door that names its model as a resource (invoke, streaming, token counting, batch,
   * evaluation and prompt-optimization jobs): only the approved models. Prompt routers, marketplace
   * endpoints, system tools, async invocations and project-scoped (stateful) invocations are not on
   * the list, so they are denied: their model is not a resource the list can name.
   */
  denyUnapprovedModels(models: ApprovedModel[], geographies: Geography[], allowCustomModels: boolean): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyUnapprovedModels',
      effect: iam.Effect.DENY,
      // An application inference profile copies its routes from its source (a resource of the request):
      // only an approved one, whether or not AWS checks the source again at invoke time.
      actions: compactActions([...doorsWith(d => d.modelFence === 'model-resource'), 'bedrock:CreateInferenceProfile']),
      notResources: [
        ...this.allApprovedArns(models, geographies),
        // Account-owned routes: their underlying foundation model is checked in the same request.
        this.arn('*', '*', 'application-inference-profile/*'),
        this.arn('*', '*', 'provisioned-model/*'),
        // Custom and imported models exist only where customization is allowed.
        ...(allowCustomModels ? ['custom-model/*', 'custom-model-deployment/*', 'imported-model/*'].map(r => this.arn('*', '*', r)) : []),
        ...NON_MODEL_RESOURCES.map(r => this.arn('*', '*', r)),
      ],
    });
  }

  denyUnapprovedProvisionedThroughput(models: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyProvisionedThroughputForUnapprovedModels',
      effect: iam.Effect.DENY,
      actions: ['bedrock:CreateProvisionedModelThroughput'],
      notResources: [
        ...this.approvedFoundationModelArns(models, geographies),
        this.arn('*', '*', 'custom-model/*'),
      ],
    });
  }

  /**
   * The OpenAI-compatible endpoint (bedrock-mantle) and Amazon Nova Act are not covered by model
   * invocation logging and have no documented guardrail enforcement: every profile requires both, so
   * their inference is denied whatever model it names, unless the organization governs the
   * OpenAI-compatible endpoint (then Nova Act alone).
   */
  denyUngovernedInference(openAiGoverned: boolean): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyUngovernedInference',
      effect: iam.Effect.DENY,
      // An ungoverned service is denied whole (its other APIs only prepare what its doors run).
      actions: [
        ...doorsWith(d => !openAiGoverned && d.modelFence === 'model-key'),
        ...new Set(INFERENCE_DOORS.filter(d => d.modelFence === 'ungoverned').map(d => `${d.action.split(':')[0]}:*`)),
      ],
      resources: ['*'],
    });
  }

  /**
   * On the OpenAI-compatible endpoint the model is a condition key, not a resource: only the approved
   * model IDs (and their profiles' IDs) pass. A request that names no model, or a spelling the list
   * does not hold, is denied.
   */
  denyUnapprovedModelsOnOpenAiEndpoint(models: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyUnapprovedModelsOnOpenAiEndpoint',
      effect: iam.Effect.DENY,
      actions: doorsWith(d => d.modelFence === 'model-key'),
      resources: ['*'],
      conditions: { StringNotEquals: { [MANTLE_MODEL_KEY]: openAiModelIds(models, geographies) } },
    });
  }

  /**
   * AgentCore inside the network and behind authorization: runtimes, code interpreters and browsers
   * only in VPC mode (their create and update requests carry the subnets), gateways only with an
   * authorizer, memory only on a customer-managed key, and no session on AWS's built-in tools unless
   * allowed. The organization's counterparts of rules AC1 to AC3 of the pack and of Security Hub's
   * BedrockAgentCore.1 and .2.
   */
  governAgentCore(allowBuiltInTools: boolean): iam.PolicyStatement[] {
    return [
      // AWS's built-in tools are AWS's resources (account "aws" in their ARN), run outside the organization's VPCs.
      ...(allowBuiltInTools ? [] : [new iam.PolicyStatement({
        sid: 'DenyAgentCoreBuiltInTools',
        effect: iam.Effect.DENY,
        // Starting a session, and using one (a session started before this policy, or by code AWS runs).
        actions: [
          'bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:UpdateBrowserStream', 'bedrock-agentcore:SaveBrowserSessionProfile',
          'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter',
        ],
        resources: [
          `arn:${this.partition}:bedrock-agentcore:*:aws:browser/*`,
          `arn:${this.partition}:bedrock-agentcore:*:aws:code-interpreter/*`,
        ],
      }), new iam.PolicyStatement({
        // Web search and fetch reach any site outside AWS with what the agent sends: the same egress.
        sid: 'DenyAgentCoreWebAccessTools',
        effect: iam.Effect.DENY,
        actions: [
          'bedrock-agentcore:InvokeWebSearch', 'bedrock-websearch:InvokeSearch', 'bedrock-websearch:InvokeFetch', 'bedrock-websearch:ExternalWebAccess',
        ],
        resources: ['*'],
      })]),
      new iam.PolicyStatement({
        sid: 'DenyAgentCoreOutsideVpc',
        effect: iam.Effect.DENY,
        actions: AGENTCORE_VPC_ACTIONS,
        resources: ['*'],
        conditions: { Null: { 'bedrock-agentcore:subnets': 'true' } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyAgentCoreGatewaysWithoutAuthorizer',
        effect: iam.Effect.DENY,
        actions: ['bedrock-agentcore:CreateGateway', 'bedrock-agentcore:UpdateGateway'],
        resources: ['*'],
        conditions: { StringEqualsIgnoreCase: { 'bedrock-agentcore:GatewayAuthorizerType': 'NONE' } },
      }),
      // A harness's requests carry no network key, so no condition can prove VPC mode: harnesses are denied.
      new iam.PolicyStatement({
        sid: 'DenyAgentCoreHarnesses',
        effect: iam.Effect.DENY,
        actions: ['bedrock-agentcore:CreateHarness', 'bedrock-agentcore:UpdateHarness'],
        resources: ['*'],
      }),
      // No key, or a key of another account (its owner could read or withhold the agent's memory).
      new iam.PolicyStatement({
        sid: 'DenyAgentCoreMemoryWithoutKey',
        effect: iam.Effect.DENY,
        actions: ['bedrock-agentcore:CreateMemory'],
        resources: ['*'],
        conditions: { StringNotLike: { 'bedrock-agentcore:KmsKeyArn': `arn:${this.partition}:kms:*:\${aws:PrincipalAccount}:*` } },
      }),
    ];
  }

  /**
   * Money and request data leave the organization through AgentCore payments (to outside merchants).
   * Gateway targets, which may be servers outside AWS, are left to the deployers in ProtectGovernanceSettings.
   */
  denyAgentCorePayments(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyAgentCorePayments',
      effect: iam.Effect.DENY,
      actions: AGENTCORE_PAYMENT_ACTIONS,
      resources: ['*'],
    });
  }

  /** Every SCP, the organization's guardrail and the StackSets' rollout stop applying to an account that leaves. */
  denyLeavingTheOrganization(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyLeavingTheOrganization',
      effect: iam.Effect.DENY,
      actions: ['organizations:LeaveOrganization'],
      resources: ['*'],
    });
  }

  /**
   * Governed data copied out of the stores: a knowledge base on a vector store outside AWS, and a
   * monitoring link to a sink outside the organization. The log groups' subscriptions and exports and
   * the buckets' replication, policy and notifications are in ProtectGovernanceResources; resource
   * policies that admit other accounts in ProtectGovernanceSettings.
   */
  denyDataLeavingTheStores(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        // Pinecone, MongoDB Atlas, Redis Enterprise Cloud: the chunks are stored outside AWS and the jurisdiction.
        sid: 'DenyKnowledgeBasesOutsideAws',
        effect: iam.Effect.DENY,
        actions: ['bedrock:AssociateThirdPartyKnowledgeBase'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        // A link shares the account's log groups (the invocation logs too) with the sink's monitoring account.
        sid: 'DenyMonitoringLinksOutsideOrganization',
        effect: iam.Effect.DENY,
        actions: ['oam:CreateLink', 'oam:UpdateLink'],
        resources: ['*'],
        conditions: { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      }),
    ];
  }

  /** Other services' generative features, which invoke with service-linked roles no SCP restricts. */
  denyModelsThroughOtherServices(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyModelsThroughOtherServices',
      effect: iam.Effect.DENY,
      actions: SERVICE_MODEL_ACTIONS,
      resources: ['*'],
    });
  }

  /**
   * CloudFormation acting for the developer: it calls through a forward access session, with or
   * without a service role (CloudFormation User Guide, "Forward access sessions (FAS) requests and
   * permission evaluation"), so `aws:ViaAWSService` is true and the guardrail statements would take a
   * stack's call for Bedrock's own. The doors a resource type creates are denied through CloudFormation
   * as they are directly; every other Bedrock resource in a stack stays possible.
   */
  denyGuardrailDoorsThroughCloudFormation(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyGuardrailDoorsThroughCloudFormation',
      effect: iam.Effect.DENY,
      actions: doorsWith(d => d.guardrail === 'cannot-carry' && d.cloudFormationType !== undefined),
      resources: ['*'],
      conditions: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } },
    });
  }

  /**
   * A project of the OpenAI-compatible endpoint can carry its own data retention mode, which wins
   * over the account's: only the settings admins may name one.
   */
  denyProjectDataRetention(extraAdmins: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyProjectDataRetention',
      effect: iam.Effect.DENY,
      actions: ['bedrock-mantle:CreateProject', 'bedrock-mantle:UpdateProject'],
      resources: ['*'],
      conditions: {
        Null: { 'bedrock-mantle:DataRetentionMode': 'false' },
        ArnNotLike: { 'aws:PrincipalArn': this.settingsAdmins(extraAdmins) },
      },
    });
  }

  /**
   * Tiers outside the allowed ones, one statement per endpoint (each has its own key). A request that
   * names no tier runs on the default tier, and IAM reads a missing key as matching StringNotEquals:
   * when the default tier is allowed, only requests that name a tier are judged.
   */
  denyUnapprovedServiceTiers(tiers: ServiceTier[], openAiGoverned: boolean): iam.PolicyStatement[] {
    const sorted = [...tiers].sort();
    const keys: Array<{ sid: string; key: string; actions: string[] }> = [
      { sid: 'DenyUnapprovedServiceTiers', key: 'bedrock:ServiceTier', actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] },
      ...(openAiGoverned ? [{ sid: 'DenyUnapprovedServiceTiersOnOpenAiEndpoint', key: 'bedrock-mantle:ServiceTier', actions: ['bedrock-mantle:CreateInference'] }] : []),
    ];
    const byTier = keys.map(({ sid, key, actions }) => new iam.PolicyStatement({
      sid,
      effect: iam.Effect.DENY,
      actions,
      resources: ['*'],
      conditions: {
        StringNotEquals: { [key]: sorted },
        ...(tiers.includes(ServiceTier.DEFAULT) ? { Null: { [key]: 'false' } } : {}),
      },
    }));
    // Buying reserved capacity is the commitment itself, whichever endpoint it is used through.
    const reservations = tiers.includes(ServiceTier.RESERVED) ? [] : [new iam.PolicyStatement({
      sid: 'DenyReservedCapacity',
      effect: iam.Effect.DENY,
      actions: ['bedrock-mantle:CreateReservation', 'bedrock-mantle:UpdateReservation'],
      resources: ['*'],
    })];
    return [...byTier, ...reservations];
  }

  /**
   * Every API of Bedrock, its OpenAI-compatible endpoint and AgentCore, outside the allowed regions.
   * StringNotEquals also matches the region-less leg of global profiles (`aws:RequestedRegion =
   * unspecified`), and a global profile is not on the approved list under residency: no separate
   * statement is needed for them (the perimeter test removes each statement to prove it carries weight).
   */
  denyOutsideRegions(regions: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyBedrockOutsideAllowedRegions',
      effect: iam.Effect.DENY,
      actions: RESIDENCY_SERVICES.map(service => `${service}:*`),
      resources: ['*'],
      conditions: { StringNotEquals: { 'aws:RequestedRegion': regions } },
    });
  }

  /**
   * Bedrock where no baseline logs and filters it: every API of the residency services in a region
   * that is not governed, except the legs of a cross-region inference profile called from a governed
   * region (they carry `bedrock:InferenceProfileArn`, and AWS authorizes each destination region too)
   * and of a cross-region guardrail (its guardrail profile, whose call is also authorized on the
   * guardrail in its own region); and any invocation through a profile of a region that is not
   * governed, whichever region `aws:RequestedRegion` names for it.
   */
  denyOutsideGovernedRegions(regions: string[]): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'DenyBedrockOutsideGovernedRegions',
        effect: iam.Effect.DENY,
        actions: RESIDENCY_SERVICES.map(service => `${service}:*`),
        // A cross-region guardrail's legs name its guardrail profile in the destination regions.
        notResources: [this.arn('*', '*', 'guardrail-profile/*')],
        conditions: { StringNotEquals: { 'aws:RequestedRegion': regions }, Null: { 'bedrock:InferenceProfileArn': 'true' } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyProfilesOfUngovernedRegions',
        effect: iam.Effect.DENY,
        actions: compactActions(doorsWith(d => d.modelFence === 'model-resource')),
        resources: ['*'],
        conditions: {
          ArnNotLike: { 'bedrock:InferenceProfileArn': regions.map(r => this.arn(r, '*', '*')) },
          Null: { 'bedrock:InferenceProfileArn': 'false' },
        },
      }),
    ];
  }

  /**
   * Invocations must carry a guardrail of the member's own account (or of the accounts named, e.g. the
   * management account of an organization-wide guardrail): a missing identifier, a guardrail ID without
   * its ARN, or another account's guardrail is denied. Calls Bedrock makes itself are not.
   */
  denyWithoutOwnGuardrail(guardrailAccounts: string[], embeddingModels: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    // Embedding calls carry no text to filter (the landing zone exempts them too): a knowledge base's
    // role embeds documents with its own credentials, without a guardrail.
    const exempt = this.allApprovedArns(embeddingModels, geographies);
    return new iam.PolicyStatement({
      sid: 'DenyInvocationWithoutOwnGuardrail',
      effect: iam.Effect.DENY,
      actions: compactActions(doorsWith(d => d.guardrail === 'key')),
      ...(exempt.length > 0 ? { notResources: exempt } : { resources: ['*'] }),
      conditions: {
        StringNotLike: {
          'bedrock:GuardrailIdentifier': ['${aws:PrincipalAccount}', ...guardrailAccounts]
            .map(account => `arn:${this.partition}:bedrock:*:${account}:guardrail/*`),
        },
        Bool: { 'aws:ViaAWSService': 'false' },
      },
    });
  }

  /**
   * Doors that generate from prompts but cannot show IAM a guardrail (batch jobs, inline agents, ...).
   * Ungoverned doors are left out: `DenyUngovernedInference` denies them whoever calls.
   */
  denyDoorsWithoutGuardrail(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyDoorsThatCannotCarryAGuardrail',
      effect: iam.Effect.DENY,
      actions: compactActions(doorsWith(d => d.guardrail === 'cannot-carry' && d.modelFence !== 'ungoverned')),
      resources: ['*'],
      conditions: { Bool: { 'aws:ViaAWSService': 'false' } },
    });
  }

  /** The principals that deploy the landing zone: they may change what everyone else may not. */
  private deployers(extraAdmins: string[]): string[] {
    return [
      this.role(`/cdk-${this.qualifier}-cfn-exec-role-*`),
      // Service-managed StackSets deploy the baseline through this role in each member account.
      this.role('/stacksets-exec-*'),
      ...extraAdmins,
    ];
  }

  /**
   * Roles whose names an exemption trusts besides the admins: the deployment principals, and with a
   * named qualifier every CDK role of it (its publishing roles may write the asset bucket). Nobody but
   * the role admins may create, change or pass them.
   */
  private trustedNames(deploymentPrincipals: string[]): string[] {
    return [...deploymentPrincipals, ...(this.qualifier === '*' ? [] : [this.role(`/cdk-${this.qualifier}-*`)])];
  }

  /** The roles allowed to change the governance settings: the landing zone's own, and the deployers. */
  private settingsAdmins(extraAdmins: string[]): string[] {
    return [this.role(`${LANDING_ZONE_ROLE_PATH}*`), ...this.deployers(extraAdmins)];
  }

  /**
   * Who may manage the exempt roles: the deployers, CDK's deploy role (it passes the execution role
   * to CloudFormation) and the roles AWS Organizations and Control Tower use to bootstrap an account.
   */
  private roleAdmins(extraAdmins: string[]): string[] {
    return [
      ...this.deployers(extraAdmins),
      this.role(`/cdk-${this.qualifier}-deploy-role-*`),
      ...this.bootstrapAdmins(),
    ];
  }

  /** Everyone the governance resources and guardrails are not protected from: the settings admins and the role admins. */
  allAdmins(extraAdmins: string[]): string[] {
    return [...new Set([...this.settingsAdmins(extraAdmins), ...this.roleAdmins(extraAdmins)])];
  }

  /** The roles AWS Organizations and Control Tower create to administer a member account from the management account. */
  private bootstrapAdmins(): string[] {
    return [this.role('/OrganizationAccountAccessRole'), this.role('/AWSControlTowerExecution')];
  }

  /** @param deployerOnly further actions only the settings admins may call, which accept only `*` here */
  protectSettings(extraAdmins: string[], deployerOnly: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectGovernanceSettings',
      effect: iam.Effect.DENY,
      // CloudWatch Logs account policies (transformers, data protection) rewrite every log group's events.
      // CloudWatch Logs resource policies let a service (EventBridge, ...) write to any log group, the invocation logs included.
      actions: [
        ...GOVERNANCE_SETTING_ACTIONS, 'logs:PutAccountPolicy', 'logs:DeleteAccountPolicy', 'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy',
        'logs:PutPipelineRule', ...deployerOnly,
      ],
      // These actions accept only "*": the configuration is an account and region setting.
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.settingsAdmins(extraAdmins) } },
    });
  }

  /**
   * The exemption is by role path and name: without this, anyone allowed iam:CreateRole could make a
   * role with an exempt name and act through it. Every exempt and admin name is protected against
   * creation and change, except by the role admins, and so are the landing zone's managed policies
   * (path `/bedrock-landing-zone/`): a new default version could deny the delivery role its writes.
   */
  protectExemptRoles(extraAdmins: string[], deploymentPrincipals: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectExemptRoles',
      effect: iam.Effect.DENY,
      actions: [
        'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
        'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:TagRole', 'iam:UntagRole',
        // The landing zone's managed policies (the delivery role's) cannot be tagged: they are protected by their path.
        'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy',
      ],
      resources: [
        ...new Set([...this.allAdmins(extraAdmins), ...this.trustedNames(deploymentPrincipals)]), this.role(`${LOG_DELIVERY_ROLE_PATH}*`),
        `arn:${this.partition}:iam::*:policy${LANDING_ZONE_ROLE_PATH}*`,
      ],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.roleAdmins(extraAdmins) } },
    });
  }

  /** An exempt role passed to a new function or stack would lend its exemption: only the role admins pass them. */
  denyPassingExemptRoles(extraAdmins: string[], deploymentPrincipals: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyPassingExemptRoles',
      effect: iam.Effect.DENY,
      actions: ['iam:PassRole'],
      resources: [...new Set([...this.settingsAdmins(extraAdmins), ...this.trustedNames(deploymentPrincipals)])],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.roleAdmins(extraAdmins) } },
    });
  }

  /**
   * What the governance settings depend on, recognized by the tag the landing zone sets: the log key
   * (disabled, scheduled for deletion, re-policied), the log group (deleted, retention cut, key
   * removed), the log buckets (deleted, policy, lifecycle, versioning, encryption, ABAC changed), the
   * delivery role, the control-plane function (code, configuration, invocation), and the landing
   * zone's guardrail and its key. The tag itself cannot be changed or removed.
   */
  protectTaggedResources(extraAdmins: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectGovernanceResources',
      effect: iam.Effect.DENY,
      actions: [
        'kms:Disable*', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:TagResource', 'kms:UntagResource',
        // Copies of the invocation logs: streamed to another account's destination, exported, integrated elsewhere.
        'logs:PutSubscriptionFilter', 'logs:CreateExportTask', 'logs:IntegrateWithS3Table', 'logs:IntegrateWithDataset',
        // The baseline's private endpoints: their policies keep outside credentials and unapproved models off the private path.
        'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:CreateTags', 'ec2:DeleteTags',
        // Deleted (the group, its streams, retention, filters, transformers), retention cut, key changed, fed, re-tagged.
        'logs:Delete*', 'logs:PutRetentionPolicy', 'logs:*KmsKey', 'logs:PutTransformer', 'logs:PutDataProtectionPolicy', 'logs:PutSyslogConfiguration',
        'logs:PutBearerTokenAuthentication', 'logs:Tag*', 'logs:Untag*',
        // Every bucket setting (policy, versioning, ABAC, tags, logging, object lock, notifications, ACLs, ...) and deletion.
        's3:PutBucket*', 's3:DeleteBucket*', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:TagResource', 's3:UntagResource',
        's3:PutReplicationConfiguration',
        'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy',
        // Not iam:PassRole: the stack's tag reaches application roles of the stack too, which their teams pass to functions.
        'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole',
        'bedrock:DeleteGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:PutResourcePolicy', 'bedrock:DeleteResourcePolicy',
        'bedrock:TagResource', 'bedrock:UntagResource',
        // The stack that holds the landing zone: a change set reuses its CloudFormation role, which is exempt.
        'cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack',
        'cloudformation:ContinueUpdateRollback', 'cloudformation:RollbackStack', 'cloudformation:CancelUpdateStack', 'cloudformation:SetStackPolicy',
        'cloudformation:TagResource', 'cloudformation:UntagResource',
        // Refactoring moves resources out of the protected stack without updating it.
        'cloudformation:CreateStackRefactor', 'cloudformation:ExecuteStackRefactor',
        // Code, configuration, concurrency, invocation (a crafted event), URLs and permissions of the control-plane function.
        'lambda:Update*', 'lambda:Put*', 'lambda:Delete*', 'lambda:Invoke*', 'lambda:AddPermission', 'lambda:CreateFunctionUrlConfig',
        'lambda:TagResource', 'lambda:UntagResource',
      ],
      resources: ['*'],
      conditions: {
        StringEquals: { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: PROTECTED_TAG_VALUE },
        ArnNotLike: { 'aws:PrincipalArn': this.allAdmins(extraAdmins) },
      },
    });
  }

  /**
   * Under requireGuardrail, only the deployment roles create or change guardrails: otherwise a
   * developer's own empty guardrail, in the same account, would satisfy the requirement.
   */
  protectGuardrails(extraAdmins: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyGuardrailChangesExceptDeployers',
      effect: iam.Effect.DENY,
      actions: ['bedrock:CreateGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail'],
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.allAdmins(extraAdmins) } },
    });
  }

  /**
   * The landing zone's CDK roles (and the StackSets execution roles) are exempt: a member principal
   * that could assume them would borrow the exemption. CloudFormation and StackSets use them as
   * services, which these policies do not restrict.
   */
  denyAssumingDeploymentRoles(deploymentPrincipals: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyAssumingDeploymentRoles',
      effect: iam.Effect.DENY,
      actions: ['sts:AssumeRole'],
      resources: [this.role(`/cdk-${this.qualifier}-*`), this.role('/stacksets-exec-*')],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': [...this.bootstrapAdmins(), ...deploymentPrincipals] } },
    });
  }

  /**
   * The landing zone's CDK asset bucket and repository hold the code its exempt roles run (the
   * control-plane handler, the templates): a developer who wrote an object under the next asset's
   * hash would have it deployed as is. Only the qualifier's publishing roles and the role admins write there.
   */
  protectDeploymentAssets(extraAdmins: string[], deploymentPrincipals: string[], assetBuckets: string[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectDeploymentAssets',
      effect: iam.Effect.DENY,
      actions: [
        's3:PutObject', 's3:ReplicateObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutEncryptionConfiguration',
        's3:PutReplicationConfiguration',
        // Every bucket setting; emptied by a lifecycle rule; deleted, or its name claimed (here or by another member account).
        's3:PutBucket*', 's3:DeleteBucket*', 's3:PutLifecycleConfiguration', 's3:CreateBucket',
        'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy',
        'ecr:DeleteRepositoryPolicy',
      ],
      resources: [
        `arn:${this.partition}:s3:::cdk-${this.qualifier}-assets-*`,
        // A pattern that ends in * matches its objects too.
        ...assetBuckets.flatMap(name => (name.endsWith('*') ? [name] : [name, `${name}/*`]).map(r => `arn:${this.partition}:s3:::${r}`)),
        `arn:${this.partition}:ecr:*:*:repository/cdk-${this.qualifier}-container-assets-*`,
      ],
      conditions: {
        ArnNotLike: {
          'aws:PrincipalArn': [
            this.role(`/cdk-${this.qualifier}-file-publishing-role-*`), this.role(`/cdk-${this.qualifier}-image-publishing-role-*`),
            ...this.roleAdmins(extraAdmins), ...deploymentPrincipals,
          ],
        },
      },
    });
  }

  /**
   * Only the delivery roles (on the protected path, `ProtectExemptRoles`) write to the landing zone's
   * invocation log groups (`/bedrock-landing-zone/...`): forged log lines would hide what was invoked.
   * By role ARN, not by tag: a principal's tags can come from a session or an identity provider.
   */
  protectInvocationLogStreams(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectInvocationLogStreams',
      effect: iam.Effect.DENY,
      actions: ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:DeleteLogStream'],
      resources: [`arn:${this.partition}:logs:*:*:log-group:${PROTECTED_LOG_GROUP_PREFIX}*`],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.role(`${LOG_DELIVERY_ROLE_PATH}*`) } },
    });
  }

  /** With customization allowed, only approved models (or custom models made from them) may be customized. */
  denyCustomizingUnapprovedModels(models: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyCustomizingUnapprovedModels',
      effect: iam.Effect.DENY,
      actions: ['bedrock:CreateModelCustomizationJob'],
      notResources: [
        ...this.approvedFoundationModelArns(models, geographies),
        this.arn('*', '*', 'custom-model/*'),
      ],
    });
  }

  /** Every way to bring weights or a custom model in, which the approved list cannot name. */
  denyModelImport(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyModelCustomizationAndImport',
      effect: iam.Effect.DENY,
      actions: MODEL_IMPORT_ACTIONS,
      resources: ['*'],
    });
  }
}

const MANTLE_MODEL_KEY = 'bedrock-mantle:Model';

/** Long-term Bedrock API keys: created as IAM service-specific credentials, for either endpoint. */
function denyLongTermApiKeys(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyLongTermBedrockApiKeys',
    effect: iam.Effect.DENY,
    actions: ['iam:CreateServiceSpecificCredential'],
    resources: ['*'],
    conditions: { StringLike: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock*' } },
  });
}

/** Calls with a long-term key, one statement per endpoint (each has its own condition key). */
function denyBearerTokens(): iam.PolicyStatement[] {
  return BEARER_TOKEN_ACTIONS.map(({ action, typeKey }, i) => new iam.PolicyStatement({
    sid: `DenyLongTermBearerTokens${i === 0 ? '' : i + 1}`,
    effect: iam.Effect.DENY,
    actions: [action],
    resources: ['*'],
    conditions: { StringEquals: { [typeKey]: 'LONG_TERM' } },
  }));
}

/** Minified size of a statement with literal values. */
function statementSize(statement: iam.PolicyStatement): number {
  return JSON.stringify(statement.toStatementJson()).length;
}

const ENVELOPE = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;

/** First-fit packing of the statements into policies under the size limit. */
/** The AgentCore requests that carry the subnets of VPC mode (Service Authorization Reference). */
const AGENTCORE_VPC_ACTIONS = ['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime',
  'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:CreateBrowser'];

function packStatements(scope: Construct, statements: iam.PolicyStatement[], sizes: number[]): iam.PolicyStatement[][] {
  const problems = new Problems();
  const groups: Array<{ size: number; statements: iam.PolicyStatement[] }> = [];
  for (const [i, statement] of statements.entries()) {
    const size = sizes[i];
    if (ENVELOPE + size > SCP_MAX_CHARACTERS) {
      problems.add(`statement ${statement.sid} is ${size} characters, more than one service control policy holds (${SCP_MAX_CHARACTERS - ENVELOPE} ` +
        'after the policy envelope); it cannot be split, because a Deny with NotResource must list every approved ARN at once. ' +
        'Approve fewer models or geographies in one policy set: use one BedrockOrganizationPolicies per group of OUs');
      continue;
    }
    const group = groups.find(g => g.size + size + 1 <= SCP_MAX_CHARACTERS);
    if (group) {
      group.statements.push(statement);
      group.size += size + 1;
    } else {
      groups.push({ size: ENVELOPE + size, statements: [statement] });
    }
  }
  problems.check(groups.length <= MAX_POLICIES, `the statements need ${groups.length} policies, more than the ${MAX_POLICIES} a target can hold ` +
    'next to FullAWSAccess (AWS allows 5 per target): approve fewer models or geographies');
  problems.throwIfAny(scope, 'BedrockOrganizationPolicies', BedrockLandingZoneErrorCode.ORGANIZATION_POLICIES_SIZE);
  return groups.map(g => g.statements);
}
