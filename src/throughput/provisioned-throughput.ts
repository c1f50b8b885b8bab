import * as crypto from 'crypto';
import {
  Annotations, Aws, CustomResource, Names, RemovalPolicy, Stack, Token, aws_iam as iam,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { declareUniqueName } from '../core/account-singleton';
import { parseBedrockArn } from '../core/arns';
import { Problems, describeValue, enumProblems, tagProblems } from '../core/validation';
import { WaiterProvider } from '../custom-resources/waiter-provider';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { CrossRegionInferenceProfile, FoundationModel, IProvisionedModel } from '../models';
import { ArnInvokableBase } from '../models/arn-invokable-base';
import { modelRegions, profilePrefixOf } from '../models/invoke-statements';

/**
 * A commitment term for provisioned throughput. A term is billed every hour until it ends, used or not.
 */
export enum CommitmentTerm {
  /** No commitment: billed hourly, deletable at any time */
  NONE = 'None',
  /** One month */
  ONE_MONTH = 'OneMonth',
  /** Six months */
  SIX_MONTHS = 'SixMonths',
}

const TERM_MONTHS: Record<CommitmentTerm, number> = { [CommitmentTerm.NONE]: 0, [CommitmentTerm.ONE_MONTH]: 1, [CommitmentTerm.SIX_MONTHS]: 6 };
const HOURS_PER_MONTH = 730;

/**
 * The model whose throughput is reserved: a base foundation model or a model customized in Bedrock.
 */
export class ProvisionedThroughputModel {
  /**
   * A foundation model, by its ID (the region is the stack's).
   *
   * @param model the foundation model
   */
  public static foundationModel(model: FoundationModel): ProvisionedThroughputModel {
    // jsii does not check types for JavaScript callers: a profile would pass as its bare model.
    const problems = new Problems();
    if (!(model instanceof FoundationModel)) problems.add(foundationModelKindProblem(model));
    problems.throwIfAny(undefined, 'ProvisionedThroughputModel.foundationModel', BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_MODEL_KIND);
    return new ProvisionedThroughputModel(model.modelId, model.modelId, model.region);
  }

  /**
   * A model customized in Bedrock (fine-tuned, distilled): custom models are served only through
   * provisioned throughput.
   *
   * @param customModelArn `arn:<partition>:bedrock:<region>:<account>:custom-model/...`
   */
  public static customModel(customModelArn: string): ProvisionedThroughputModel {
    const problems = new Problems();
    const allowed = 'arn:<partition>:bedrock:<region>:<account>:custom-model/<id>';
    let where: { region: string; account: string } | undefined;
    if (typeof customModelArn !== 'string') {
      problems.add(`customModelArn is ${describeValue(customModelArn)}; allowed: a custom model ARN string, ${allowed}`);
    } else if (!Token.isUnresolved(customModelArn)) {
      const parsed = parseBedrockArn(customModelArn);
      if (!parsed || parsed.resourceType !== 'custom-model' || !parsed.region || !parsed.account) {
        problems.add(`customModelArn '${customModelArn}' is not a custom model ARN; allowed: ${allowed}`);
      } else {
        where = { region: parsed.region, account: parsed.account };
      }
    }
    problems.throwIfAny(undefined, 'ProvisionedThroughputModel.customModel', BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_MODEL_KIND);
    return new ProvisionedThroughputModel(customModelArn, customModelArn, where?.region, where?.account);
  }

  /** The model ID or ARN passed to CreateProvisionedModelThroughput */
  public readonly modelId: string;
  /**
   * The region the model is in, when known: a foundation model fixed to a region, a custom model's ARN.
   * @internal
   */
  public readonly _region?: string;
  /**
   * The account of a custom model, when known.
   * @internal
   */
  public readonly _account?: string;
  private readonly description: string;

  private constructor(modelId: string, description: string, region?: string, account?: string) {
    this.modelId = modelId;
    this.description = description;
    this._region = region;
    this._account = account;
  }

  /** The model, for messages. */
  public toString(): string {
    return this.description;
  }
}

/**
 * Properties of provisioned throughput.
 */
export interface ProvisionedThroughputProps {
  /** The model whose throughput is reserved */
  readonly model: ProvisionedThroughputModel;

  /**
   * Model units to reserve (a whole number, at least 1). Changing it creates a new reservation and
   * then deletes the old one: the API cannot change units in place.
   */
  readonly modelUnits: number;

  /**
   * Commitment term. A term is money spent whether the reservation is used or not: it is accepted only
   * with `acknowledgeCommitmentCost: true`.
   *
   * @default CommitmentTerm.NONE
   */
  readonly commitment?: CommitmentTerm;

  /**
   * Acknowledges the cost of the commitment term. Required with a commitment.
   *
   * @default false
   */
  readonly acknowledgeCommitmentCost?: boolean;

  /**
   * The price of one model unit per hour for this model, in US dollars, from the Amazon Bedrock
   * pricing page for the region and term. Used for the cost estimate shown at synth.
   *
   * @default - no estimate; the synth message explains how to get one
   */
  readonly hourlyPricePerModelUnit?: number;

  /**
   * Name of the reservation. The deployed name is `<name>-<modelUnits>mu-<digest of model and term>`,
   * so that a replacement (new units, model or term) never collides with the reservation it replaces.
   *
   * @default - a name derived from the construct path
   */
  readonly provisionedModelName?: string;

  /**
   * Cost-allocation tags of the reservation.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;

  /**
   * What deleting the construct does to the reservation.
   *
   * @default - RemovalPolicy.RETAIN with a commitment (a committed reservation cannot be deleted
   * before its term ends), RemovalPolicy.DESTROY without
   */
  readonly removalPolicy?: RemovalPolicy;
}

const NAME_PATTERN = /^([0-9a-zA-Z][_-]?)+$/;

/**
 * Provisioned throughput (reserved model units) for a foundation or custom model, which CloudFormation
 * has no resource for. Deploying waits until the reservation is InService, through the Provider
 * framework's waiter (up to two hours), and fails with Bedrock's failure message when it fails.
 *
 * The reservation is an invokable: `grantInvoke` allows both invoke actions on its ARN only.
 */
export class ProvisionedThroughput extends ArnInvokableBase implements IProvisionedModel {
  /** The provisioned model's ARN (known once deployed) */
  public readonly provisionedModelArn: string;
  /** The deployed reservation name */
  public readonly provisionedModelName: string;
  /** The commitment term */
  public readonly commitment: CommitmentTerm;
  /** Model units reserved */
  public readonly modelUnits: number;
  /** The custom resource */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ProvisionedThroughputProps) {
    super(scope, id, 'provisioned-model');
    const commitment = props.commitment ?? CommitmentTerm.NONE;
    const baseName = props.provisionedModelName ?? Names.uniqueResourceName(this, { maxLength: 45, separator: '-' });
    validate(this, props, commitment, baseName);

    this.commitment = commitment;
    this.modelUnits = props.modelUnits;
    // What the API cannot update replaces the reservation, and the new one must not take the name of
    // the one it replaces (deleted only afterwards): the name carries the units and a digest of the
    // model and the term.
    const digest = crypto.createHash('sha256').update(`${props.model.modelId}|${commitment}`).digest('hex').slice(0, 6);
    this.provisionedModelName = `${baseName}-${props.modelUnits}mu-${digest}`;
    declareUniqueName(this, 'provisioned throughput', 'provisionedModelName (deployed as)', this.provisionedModelName);

    const stack = Stack.of(this);
    const waiter = WaiterProvider.of(this);
    waiter.addToRolePolicy(new iam.PolicyStatement({
      actions: ['bedrock:CreateProvisionedModelThroughput', 'bedrock:UpdateProvisionedModelThroughput'],
      // Create and Update authorize on the model that is reserved (IAM service authorization data).
      resources: [modelArn(props.model)],
    }));
    waiter.addToRolePolicy(new iam.PolicyStatement({
      actions: [
        'bedrock:GetProvisionedModelThroughput', 'bedrock:UpdateProvisionedModelThroughput',
        'bedrock:DeleteProvisionedModelThroughput', 'bedrock:TagResource',
      ],
      resources: [`arn:${Aws.PARTITION}:bedrock:${stack.region}:${stack.account}:provisioned-model/*`],
    }));

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: waiter.serviceToken,
      resourceType: 'Custom::BedrockProvisionedThroughput',
      properties: {
        ProvisionedModelName: this.provisionedModelName,
        ModelId: props.model.modelId,
        ModelUnits: props.modelUnits,
        CommitmentDuration: commitment === CommitmentTerm.NONE ? undefined : commitment,
        CommitmentAcknowledged: props.acknowledgeCommitmentCost === true ? 'true' : undefined,
        Tags: Object.entries(props.tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value })),
      },
      removalPolicy: props.removalPolicy ?? (commitment === CommitmentTerm.NONE ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN),
    });
    this.provisionedModelArn = this.resource.getAttString('ProvisionedModelArn');
    Annotations.of(this).addInfo(costEstimate(this.provisionedModelName, props, commitment));
  }

  protected get invokedArn(): string {
    return this.provisionedModelArn;
  }
}

function modelArn(model: ProvisionedThroughputModel): string {
  return model.modelId.startsWith('arn:') ? model.modelId : `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${model.modelId}`;
}

function costEstimate(name: string, props: ProvisionedThroughputProps, commitment: CommitmentTerm): string {
  const price = props.hourlyPricePerModelUnit;
  if (price === undefined) {
    return `Provisioned throughput ${name}: ${props.modelUnits} model unit(s) billed every hour while it exists; ` +
      'pass hourlyPricePerModelUnit (Amazon Bedrock pricing page) for a cost estimate.';
  }
  const hourly = price * props.modelUnits;
  const months = TERM_MONTHS[commitment];
  return `Provisioned throughput ${name}: ${props.modelUnits} model unit(s) x $${price}/hour = $${hourly.toFixed(2)}/hour, ` +
    `about $${(hourly * HOURS_PER_MONTH).toFixed(2)} a month` +
    (months > 0 ? `; the ${commitment} commitment is about $${(hourly * HOURS_PER_MONTH * months).toFixed(2)}, spent whether used or not.` : '.');
}

function foundationModelKindProblem(model: unknown): string {
  if (model instanceof CrossRegionInferenceProfile) {
    return 'model is a CrossRegionInferenceProfile; expected a FoundationModel: provisioned throughput reserves a model in the stack\'s region, ' +
      `not an inference profile: ProvisionedThroughputModel.foundationModel(FoundationModel.of('${model.modelId}'))`;
  }
  return `model is ${describeValue(model)}; expected a FoundationModel: ` + (typeof model === 'string' ? `FoundationModel.of('${model}')` : 'FoundationModel.of(modelId)');
}

/**
 * A reservation is made in the stack's account and region, of a model there: a foundation model
 * fixed to another region, or a custom model of another region or account (a shared custom model is
 * copied into the account and region before use), cannot be reserved.
 */
function placeProblems(scope: Construct, model: ProvisionedThroughputModel): string[] {
  const stack = Stack.of(scope);
  const problems: string[] = [];
  const custom = model.modelId.startsWith('arn:');
  if (model._region !== undefined && !Token.isUnresolved(stack.region) && model._region !== stack.region) {
    problems.push(custom
      ? `model ${model.modelId} is in ${model._region}, but provisioned throughput is reserved in the stack region ${stack.region}; ` +
        `allowed: a custom model of ${stack.region}`
      : `model ${model.modelId} is fixed to ${model._region}, but provisioned throughput is reserved in the stack region ${stack.region}; ` +
        `allowed: FoundationModel.of('${model.modelId}') or a model fixed to ${stack.region}`);
  }
  if (model._account !== undefined && !Token.isUnresolved(stack.account) && model._account !== stack.account) {
    problems.push(`model ${model.modelId} is of account ${model._account}, but the stack account is ${stack.account}; allowed: a custom model of account ${stack.account}`);
  }
  return problems;
}

function validate(scope: Construct, props: ProvisionedThroughputProps, commitment: CommitmentTerm, name: string): void {
  const problems = new Problems();
  if (!(props.model instanceof ProvisionedThroughputModel)) {
    problems.add(`model is ${describeValue(props.model)}; expected a ProvisionedThroughputModel: ` +
      'ProvisionedThroughputModel.foundationModel(FoundationModel.of(modelId)) or ProvisionedThroughputModel.customModel(customModelArn)');
    problems.throwIfAny(scope, 'ProvisionedThroughput', BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_MODEL_KIND);
  }
  placeProblems(scope, props.model).forEach(p => problems.add(p));
  enumProblems('commitment', props.commitment, 'CommitmentTerm', CommitmentTerm).forEach(p => problems.add(p));
  tagProblems('tags', props.tags).forEach(p => problems.add(p));
  const modelId = props.model.modelId;
  const profile = Token.isUnresolved(modelId) || modelId.startsWith('arn:') ? undefined : profilePrefixOf(modelId);
  if (profile) {
    problems.add(`model '${modelId}' is the ID of the '${profile.prefix}' inference profile of ${profile.modelId}; provisioned throughput reserves a ` +
      `foundation model or a custom model, in the stack's region: use ProvisionedThroughputModel.foundationModel(FoundationModel.of('${profile.modelId}'))`);
  } else if (!Token.isUnresolved(modelId) && !modelId.startsWith('arn:') && modelRegions(modelId) === undefined) {
    Annotations.of(scope).addWarningV2('cdk-bedrock-landing-zone:unlistedProvisionedModel',
      `model '${modelId}' is not in the library's region data: check the model ID and that provisioned throughput is offered for it ` +
      'in this region before buying model units (Bedrock lists them with ListFoundationModels, byInferenceType PROVISIONED)');
  }
  if (!Token.isUnresolved(props.modelUnits)) {
    problems.check(Number.isInteger(props.modelUnits) && props.modelUnits >= 1,
      `modelUnits is ${props.modelUnits}; a whole number of at least 1 is required`);
  }
  if (!Token.isUnresolved(name)) {
    problems.check(NAME_PATTERN.test(name) && name.length <= 50,
      `provisionedModelName '${name}' is not allowed: letters, digits, '_' and '-' (not two in a row), at most 50 characters (the deployed name adds -<units>mu-<digest>)`);
  }
  if (props.hourlyPricePerModelUnit !== undefined) {
    problems.check(props.hourlyPricePerModelUnit > 0, `hourlyPricePerModelUnit is ${props.hourlyPricePerModelUnit}; a positive price in US dollars is required`);
  }
  const months = TERM_MONTHS[commitment];
  if (months > 0 && props.acknowledgeCommitmentCost !== true) {
    const hours = months * HOURS_PER_MONTH;
    const estimate = props.hourlyPricePerModelUnit !== undefined
      ? `about $${(props.hourlyPricePerModelUnit * props.modelUnits * hours).toFixed(2)} (${props.modelUnits} unit(s) x $${props.hourlyPricePerModelUnit}/hour x ${hours} hours)`
      : `${props.modelUnits} unit(s) x the hourly price x ${hours} hours (pass hourlyPricePerModelUnit for the amount)`;
    problems.add(`commitment ${commitment} is billed whether the reservation is used or not: ${estimate}. ` +
      'Set acknowledgeCommitmentCost: true to buy it, or remove commitment for hourly billing');
  }
  if (months === 0 && props.acknowledgeCommitmentCost === true) {
    problems.add('acknowledgeCommitmentCost is true but there is no commitment: remove it, or set commitment');
  }
  problems.throwIfAny(scope, 'ProvisionedThroughput', BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_PROPS);
}
