import { Annotations, Aws, Tags, Token, aws_iam as iam, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { EmbeddingModel } from '../knowledge-bases';
import { BedrockOrganizationPoliciesProps } from './bedrock-organization-policies-props';
import { ORGANIZATION_POLICY_STATEMENTS } from './statements';
import { PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from '../core/protected-resources';
import { Problems, approvedModelProblems, describeValue, oneOf } from '../core/validation';
import { ApprovedModel } from '../landing-zone/approved-model';
import { GovernanceProfile } from '../landing-zone/governance-profile';
import { routingProblems } from '../landing-zone/private/jurisdiction';
import { Geography, ServiceTier } from '../models';
import { serviceTierProblems } from '../models/invoke-statements';
import { packStatements, statementSize } from './private/pack-statements';
import { PolicySettings, StatementContext, renderStatement } from './private/statement-record';

/** The longest partition the policies may be deployed in: sizes are checked for it. */
const LONGEST_PARTITION = 'aws-us-gov';

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

  /** The policies, in the order their statements were packed: those of `targetIds`, then those of `protectionTargetIds` */
  public readonly policies: organizations.CfnPolicy[];
  /** The statements, as policy documents, one per policy */
  public readonly documents: iam.PolicyDocument[];

  constructor(scope: Construct, id: string, props: BedrockOrganizationPoliciesProps) {
    super(scope, id);
    const profile = GovernanceProfile.combine(props.profiles ?? [GovernanceProfile.BASELINE]);
    const geographies = this.validate(props, profile);
    const settings = policySettings(props, profile, geographies);
    if (!settings.protectLogStreams) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:invocationLogStreamsUnprotected',
        'protectInvocationLogStreams is false: any principal of the target accounts can write to and delete the invocation log streams. ' +
        'It is for upgrades from a release before 1.0.0; remove it once every baseline is deployed.');
    }
    // Sizes are measured with the longest partition name; the policies themselves use AWS::Partition.
    const statementsIn = (partition: string) => {
      const context = new StatementContext(settings, partition);
      return ORGANIZATION_POLICY_STATEMENTS.filter(record => record.applies(settings)).map(record => renderStatement(record, context));
    };
    const deployed = statementsIn(Aws.PARTITION);
    const sizes = statementsIn(LONGEST_PARTITION).map(statementSize);
    // With protectionTargetIds, the tag-scoped statements are packed and attached apart, on a parent of the targets.
    const tagScoped = new Set(ORGANIZATION_POLICY_STATEMENTS.filter(r => r.tagScoped).map(r => r.sid));
    const packed = (apart: boolean) => {
      const at = deployed.map((_, i) => i).filter(i => (props.protectionTargetIds !== undefined && tagScoped.has(deployed[i].sid!)) === apart);
      return packStatements(this, at.map(i => deployed[i]), at.map(i => sizes[i])).map(group => new iam.PolicyDocument({ statements: group }));
    };
    const documents = packed(false);
    const protectionDocuments = props.protectionTargetIds ? packed(true) : [];
    const prefix = props.policyNamePrefix ?? 'bedrock-landing-zone';
    const policiesOf = (docs: iam.PolicyDocument[], idPrefix: string, name: string, what: string, targetIds: string[]) =>
      docs.map((document, i) => new organizations.CfnPolicy(this, `${idPrefix}${i + 1}`, {
        name: `${prefix}-${name}-${i + 1}`,
        description: `${what} (${profile.name}), part ${i + 1} of ${docs.length}`,
        type: 'SERVICE_CONTROL_POLICY',
        content: document,
        targetIds,
      }));
    this.documents = [...documents, ...protectionDocuments];
    const targetPolicies = policiesOf(documents, 'Policy', 'bedrock', 'Amazon Bedrock governance', props.targetIds);
    const protectionPolicies = policiesOf(protectionDocuments, 'ProtectionPolicy', 'protection', 'Amazon Bedrock landing zone resource protection',
      props.protectionTargetIds ?? []);
    // A statement moving to the parent's policy is attached there before the targets' policies drop it: never neither.
    targetPolicies.forEach(policy => protectionPolicies.forEach(protection => policy.addResourceDependency(protection)));
    this.policies = [...targetPolicies, ...protectionPolicies];
  }

  /**
   * Deploys `baselines` only after the policies: a StackSet of the baseline in this stack (CloudFormation
   * updates it once every policy is in place) or a baseline stack of the same app (the CDK CLI and CDK
   * Pipelines deploy it after this stack). A control a release adds is then protected from the moment it
   * exists: the policies that protect it name it by tag or path and deny nothing before it does, while a
   * baseline rolled out first would leave the new control open to the workload administrator until the
   * policies arrive, and the change would survive them (docs/adr/0031-policies-before-the-controls-they-protect.md).
   * A baseline that fails in one account no longer holds the organization's policies back.
   *
   * The upgrade from a release before 1.0.0 deploys the policies once with `protectInvocationLogStreams: false`
   * (that release's delivery roles are on the root path) and again without it once every baseline is
   * current (docs/upgrading/1.0.0.md).
   *
   * @param baselines the StackSets or baseline stacks deployed after the policies
   */
  public deployBefore(...baselines: IConstruct[]): void {
    const problems = new Problems();
    baselines.forEach((b, i) => problems.check(Construct.isConstruct(b),
      `baselines[${i}] is ${describeValue(b)}; allowed: a construct (a StackSet or a stack of this app)`));
    problems.throwIfAny(this, 'BedrockOrganizationPolicies.deployBefore', BedrockLandingZoneErrorCode.ORGANIZATION_POLICIES_PROPS);
    for (const baseline of baselines) baseline.node.addDependency(this);
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
      problems.check(outside.length === 0, `allowedServiceTiers ${oneOf(outside.map(t => t.value))} are not allowed by profile ${profile.name}; ` +
        `allowed: ${oneOf(profile.allowedServiceTiers.map(t => t.value))}`);
    }
    problems.check(!(props.allowOpenAiCompatibleEndpoint && props.requireGuardrail), 'allowOpenAiCompatibleEndpoint and requireGuardrail are both true: ' +
      'no guardrail is known to apply on the OpenAI-compatible endpoint, so requireGuardrail denies it anyway; leave one of them out');
    problems.check(!(props.guardrailAccounts && !props.requireGuardrail), 'guardrailAccounts is given but requireGuardrail is not true: ' +
      'the accounts only widen the guardrail requirement; set requireGuardrail: true or leave guardrailAccounts out');
    routingProblems(props.approvedModels, geographies, profile).forEach(p => problems.add(p));
    if (props.governedRegions) {
      problems.check(props.governedRegions.length > 0, 'governedRegions is empty: name the regions the landing zones govern, or leave it out');
      for (const region of props.governedRegions) {
        if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
          problems.add(`governedRegions: '${region}' is not a region name (e.g. eu-central-1)`);
        } else if (profile.allowedRegions && !profile.allowedRegions.includes(region)) {
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
    const agentCoreOptIns = (['allowAgentCorePayments', 'allowAgentCoreGatewayTargets', 'allowAgentCoreJwtAuthorizers'] as const).filter(k => props[k] !== undefined);
    problems.check(props.governAgentCore !== false || agentCoreOptIns.length === 0, `${agentCoreOptIns.join(' and ')} given but governAgentCore is ` +
      'false: AgentCore is not governed at all, so there is nothing to allow; leave them out or govern AgentCore');
    problems.throwIfAny(this, 'BedrockOrganizationPolicies', BedrockLandingZoneErrorCode.ORGANIZATION_POLICIES_PROPS);
    return geographies;
  }
}

/** What the statements read, worked out once from the props. */
function policySettings(props: BedrockOrganizationPoliciesProps, profile: GovernanceProfile, geographies: Geography[]): PolicySettings {
  // Under residency: the regions of the geographies the policies name, inside the profile's jurisdiction.
  const inGeographies = (r: string) => geographies.some(g => g.sourceRegions.includes(r) || g.destinationRegions.includes(r));
  return {
    props,
    geographies,
    residencyRegions: profile.allowedRegions?.filter(inGeographies),
    governedRegions: props.governedRegions ? [...new Set(props.governedRegions)].sort() : undefined,
    qualifier: props.cdkBootstrapQualifier ?? '*',
    tiers: props.allowedServiceTiers ?? profile.allowedServiceTiers ?? [ServiceTier.PRIORITY, ServiceTier.DEFAULT, ServiceTier.FLEX],
    embeddingModels: props.approvedModels.filter(m => m.modelId !== undefined && EmbeddingModel.fromModelId(m.modelId) !== undefined),
    openAiGoverned: props.allowOpenAiCompatibleEndpoint ?? false,
    governAgentCore: props.governAgentCore ?? true,
    protectLogStreams: props.protectInvocationLogStreams ?? true,
  };
}
