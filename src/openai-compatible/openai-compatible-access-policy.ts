import { Validations, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SealedManagedPolicy } from '../access/sealed-managed-policy';
import { doorsWith } from '../catalogue/inference-doors';
import { governedRegion } from '../core/governed-region';
import { Problems, approvedModelProblems, oneOf } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { ApprovedModel } from '../landing-zone/approved-model';
import { GovernanceProfile } from '../landing-zone/governance-profile';
import { geographyOf } from '../landing-zone/private/geography-preference';
import { Geography, ServiceTier } from '../models';
import { denyOutsideEndpoints, endpointRegionProblems, serviceTierProblems, tierValues } from '../models/invoke-statements';
import { openAiModelIds } from './private/openai-model-ids';
import { recordRoute } from '../models/grants/residency-records';
import { IOpenAiCompatibleProject } from '../models/openai-compatible-project';

/**
 * Properties of the access policy for the OpenAI-compatible endpoint.
 */
export interface OpenAiCompatibleAccessPolicyProps {
  /** The project inference is allowed on. */
  readonly project: IOpenAiCompatibleProject;

  /** The approved models: requests naming any other model (`bedrock-mantle:Model`) are not allowed. */
  readonly approvedModels: ApprovedModel[];

  /**
   * Governance profiles, as in the landing zone: under residency the project's region must be inside
   * the profile's regions, and no global model is allowed.
   *
   * @default [GovernanceProfile.BASELINE]
   */
  readonly profiles?: GovernanceProfile[];

  /**
   * The geography whose profiles the models are reached through.
   *
   * @default - the profiles' allowed geography the region belongs to, else the region's own
   */
  readonly geography?: Geography;

  /**
   * Allow only these service tiers (`bedrock-mantle:ServiceTier`); a request without a tier runs on
   * `ServiceTier.DEFAULT`. `ServiceTier.RESERVED` needs `acknowledgeReservedCapacity`.
   *
   * @default - the profiles' tiers; without any, any tier the request names
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
   * Require direct calls to come through one of these VPC endpoints (the OpenAI-compatible endpoint's
   * PrivateLink endpoint, `BedrockEndpointService.OPENAI_COMPATIBLE`): inference, its responses,
   * files and fine-tuning on any project are explicitly denied when `aws:SourceVpce` is none of them, whatever else
   * the principal is allowed.
   *
   * @default - calls are allowed from any network path
   */
  readonly requireVpcEndpoints?: ec2.IVpcEndpoint[];

  /**
   * Roles to attach the policy to.
   *
   * @default - none; use `attachToRole` later
   */
  readonly roles?: iam.IRole[];

  /**
   * A description of the policy.
   *
   * @default - a description naming the project's models
   */
  readonly description?: string;
}

/** The statement IDs, which the acknowledgements name. */
const INFERENCE_SID = 'OpenAiCompatibleInference';
const INFERENCE_ACTIONS = ['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens'];
const RESPONSE_ACTIONS = ['bedrock-mantle:GetInference', 'bedrock-mantle:CancelInference', 'bedrock-mantle:DeleteInference'];
/** What carries prompts, answers or documents on the endpoint: held to the endpoints when they are required. */
const DATA_ACTIONS = [
  ...doorsWith(d => d.endpoint === 'bedrock-mantle'), ...RESPONSE_ACTIONS,
  'bedrock-mantle:CreateFile', 'bedrock-mantle:GetFile', 'bedrock-mantle:DeleteFile', 'bedrock-mantle:ListFiles',
  // Fine-tuning trains on the project's files and returns result files.
  'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:GetFineTuningJob', 'bedrock-mantle:ListFineTuningJobs', 'bedrock-mantle:CancelFineTuningJob',
  'bedrock-mantle:CreateCustomizedModel', 'bedrock-mantle:AssociateCustomizedModel',
];

/**
 * The least-privilege grant for Amazon Bedrock's OpenAI-compatible endpoint: inference and token
 * counting on one project, only with the approved models (`bedrock-mantle:Model`, as the
 * geography's profile IDs, or the model ID for in-region models), only on the allowed service tiers,
 * and the project's own responses (get, cancel, delete).
 *
 * What it cannot promise: invocation logging does not cover this endpoint (CloudTrail records each
 * call, not its prompt), and no guardrail is known to apply on it. Its cdk-nag finding for that
 * (`Bedrock-LG1`) is acknowledged here with that reason; the organization must allow the endpoint
 * (`BedrockOrganizationPolicies` `allowOpenAiCompatibleEndpoint`).
 */
export class OpenAiCompatibleAccessPolicy extends SealedManagedPolicy {
  /** The model IDs requests may name */
  public readonly modelIds: string[];

  constructor(scope: Construct, id: string, props: OpenAiCompatibleAccessPolicyProps) {
    const wrongKind = new Problems();
    approvedModelProblems('approvedModels', props.approvedModels, v => v instanceof ApprovedModel).forEach(p => wrongKind.add(p));
    wrongKind.throwIfAny(scope, 'OpenAiCompatibleAccessPolicy', BedrockLandingZoneErrorCode.OPENAI_COMPATIBLE_ACCESS_PROPS);
    super(scope, id, { description: props.description, roles: props.roles });
    const profile = GovernanceProfile.combine(props.profiles ?? [GovernanceProfile.BASELINE]);
    const problems = new Problems();
    problems.check(props.approvedModels.length > 0, 'approvedModels is empty: give at least one approved model');
    props.approvedModels.filter(m => m.modelId === undefined).forEach(() => problems.add(
      'approvedModels: ApprovedModel.of(invokable) names no model ID, which is what the OpenAI-compatible endpoint is called with; ' +
      'list the model with throughGeography or inRegion'));
    if (!profile.allowsGlobalProfiles) {
      props.approvedModels.filter(m => m.isGlobal).forEach(m => problems.add(
        `approvedModels: ${m} may route to any commercial region, which profile ${profile.name} does not allow; use ApprovedModel.throughGeography(modelId)`));
    }
    const region = governedRegion(this);
    const geography = props.geography ?? (region ? geographyOf(region, profile.allowedGeographies) : undefined);
    if (region === undefined) {
      problems.add('the stack is environment-agnostic: the project and its models belong to one region; give the stack an env with a region');
    } else {
      const allowedRegions = profile.allowedRegions;
      problems.check(allowedRegions === undefined || allowedRegions.includes(region),
        `region ${region} is outside the regions profile ${profile.name} allows: deploy the project in one of ${oneOf(allowedRegions ?? [])}`);
      problems.check(geography !== undefined || props.approvedModels.every(m => !(m.modelId && !m.isInRegion && !m.isGlobal)),
        `region ${region} is a source region of no allowed geography, so the models routed through a geography have no profile here`);
    }
    if (props.geography && profile.allowedGeographies) {
      problems.check(profile.allowedGeographies.some(g => g.prefix === props.geography!.prefix),
        `geography '${props.geography.prefix}' is not allowed by profile ${profile.name}; allowed: ${oneOf(profile.allowedGeographies.map(g => g.prefix))}`);
    }
    const tiers = props.allowedServiceTiers ?? profile.allowedServiceTiers;
    const acknowledged = props.acknowledgeReservedCapacity ?? (props.allowedServiceTiers === undefined && tiers?.includes(ServiceTier.RESERVED));
    serviceTierProblems(tiers, acknowledged).forEach(p => problems.add(p));
    if (props.requireVpcEndpoints !== undefined) {
      problems.check(props.requireVpcEndpoints.length > 0, 'requireVpcEndpoints is empty: give at least one endpoint, or leave it undefined');
      endpointRegionProblems(props.requireVpcEndpoints, this).forEach(p => problems.add(p));
    }
    problems.throwIfAny(this, 'OpenAiCompatibleAccessPolicy', BedrockLandingZoneErrorCode.OPENAI_COMPATIBLE_ACCESS_PROPS);

    this.modelIds = openAiModelIds(props.approvedModels, geography ? [geography] : []);
    // On the residency map: each model through this door, processed where its profile routes, never in the invocation logs.
    for (const approved of props.approvedModels.filter(m => m.modelId !== undefined && (geography !== undefined || m.isInRegion || m.isGlobal))) {
      const model = approved.resolve(this, geography ?? Geography.GLOBAL);
      recordRoute({
        target: this.policy,
        model,
        options: { requireVpcEndpoints: props.requireVpcEndpoints },
        // A model the region data does not place here: its regions are unknown, and the map says so.
        statements: model.problemsFor(this).length === 0 ? model.invokeStatements(this) : [],
        door: `OpenAI-compatible endpoint (bedrock-mantle), project ${props.project.node.path}`,
        unloggedBecause: 'invocation logging does not cover the OpenAI-compatible endpoint (CloudTrail records the calls, not their prompts)',
      });
    }
    const project = props.project.projectArn;
    this.policy.addStatements(
      new iam.PolicyStatement({
        sid: INFERENCE_SID,
        actions: INFERENCE_ACTIONS,
        resources: [project],
        conditions: { StringEquals: { 'bedrock-mantle:Model': this.modelIds } },
      }),
      new iam.PolicyStatement({
        sid: 'OpenAiCompatibleResponses',
        actions: RESPONSE_ACTIONS,
        resources: [project],
      }),
    );
    if (tiers !== undefined) {
      this.policy.addStatements(new iam.PolicyStatement({
        sid: 'DenyOtherServiceTiers',
        effect: iam.Effect.DENY,
        actions: ['bedrock-mantle:CreateInference'],
        resources: [project],
        conditions: {
          StringNotEquals: { 'bedrock-mantle:ServiceTier': tierValues(tiers) },
          ...(tiers.includes(ServiceTier.DEFAULT) ? { Null: { 'bedrock-mantle:ServiceTier': 'false' } } : {}),
        },
      }));
    }
    if (props.requireVpcEndpoints && props.requireVpcEndpoints.length > 0) {
      const deny = denyOutsideEndpoints(DATA_ACTIONS, props.requireVpcEndpoints);
      deny.sid = 'DenyOutsideVpcEndpoints';
      this.policy.addStatements(deny);
    }
    const governed = 'The platform team chose to govern this endpoint (approved models only, allowed tiers only, one project, the account\'s ' +
      'data retention mode) rather than deny it.';
    Validations.of(this).acknowledge(
      ...INFERENCE_ACTIONS.map(action => ({
        id: `Bedrock::Bedrock-LG1[Sid::${INFERENCE_SID}::Action::${action}]`,
        reason: 'Invocation logging covers only the bedrock-runtime endpoint: calls to the OpenAI-compatible endpoint are recorded by CloudTrail ' +
          `(eventSource bedrock-mantle.amazonaws.com) without their prompts. ${governed}`,
      })),
      {
        id: `Bedrock::Bedrock-IAM3[Sid::${INFERENCE_SID}::Action::bedrock-mantle:CreateInference]`,
        reason: 'No guardrail is known to apply on the OpenAI-compatible endpoint, and IAM sees none on its requests: a guardrail cannot be ' +
          `required here. ${governed}`,
      },
    );
  }
}
