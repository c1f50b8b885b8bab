import { Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IInferenceProfileSource, InvokeGrantOptions } from './invokable';
import {
  INFERENCE_PROFILE_ARN_KEY, allowInvoke, environmentAgnosticProblem, grantStatements, granteeScope, modelRegions,
  resolvedRegion, throwProblems, warnUnlisted, withInvokeOptions, geographyConstant, profilePrefixOf,
} from './invoke-statements';
import { foundationModelArn } from '../core/arns';
import { Problems, modelIdProblems, oneOf } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Options for a foundation model called in one region.
 */
export interface FoundationModelOptions {
  /**
   * The region the model is called in.
   *
   * @default - the region of the stack that uses it
   */
  readonly region?: string;

  /**
   * Use a model the library's region data does not list (a model newer than the data). Its region
   * cannot be checked; a warning says so.
   *
   * @default false
   */
  readonly allowUnlistedModel?: boolean;
}

/**
 * A foundation model called on demand in one region, without an inference profile.
 *
 * Grants allow both invoke actions on `arn:<partition>:bedrock:<region>::foundation-model/<modelId>`
 * in that region only.
 */
export class FoundationModel implements IInferenceProfileSource {
  /**
   * A foundation model by its ID, e.g. `amazon.titan-embed-text-v2:0`.
   *
   * @param modelId the model ID as Bedrock spells it
   * @param options where it is called and whether it must be in the library's data
   */
  public static of(modelId: string, options: FoundationModelOptions = {}): FoundationModel {
    const problems = new Problems();
    modelIdProblems('modelId', modelId).forEach(p => problems.add(p));
    problems.throwIfAny(undefined, 'FoundationModel.of', BedrockLandingZoneErrorCode.MODEL_ID);
    return new FoundationModel(modelId, options);
  }

  /** The model ID */
  public readonly modelId: string;
  /** The region it is called in, when fixed; otherwise the stack's region */
  public readonly region?: string;
  private readonly allowUnlistedModel: boolean;

  private constructor(modelId: string, options: FoundationModelOptions) {
    this.modelId = modelId;
    this.region = options.region;
    this.allowUnlistedModel = options.allowUnlistedModel ?? false;
  }

  /** The model ARN in the region it is called in. */
  public modelArn(scope: IConstruct): string {
    return foundationModelArn(this.region ?? resolvedRegion(scope) ?? Stack.of(scope).region, this.modelId);
  }

  /** The model ID: the identifier clients pass. */
  public invocationIdentifier(_scope: IConstruct): string {
    return this.modelId;
  }

  /** The model ARN, for an application inference profile to copy. */
  public sourceArn(scope: IConstruct): string {
    return this.modelArn(scope);
  }

  /** Problems: an unknown region, a model the data does not list, a region that does not serve it. */
  public problemsFor(scope: IConstruct): string[] {
    const region = this.region ?? resolvedRegion(scope);
    if (region === undefined || Token.isUnresolved(region)) {
      return [environmentAgnosticProblem(`foundation model ${this.modelId}`)];
    }
    const profileId = profilePrefixOf(this.modelId);
    if (profileId) {
      return [`modelId '${this.modelId}' is the ID of the '${profileId.prefix}' inference profile of ${profileId.modelId}, not a foundation model ID: ` +
        `use CrossRegionInferenceProfile.of(Geography.${geographyConstant(profileId.prefix)}, '${profileId.modelId}'), or FoundationModel.of('${profileId.modelId}') for the model in region`];
    }
    const data = modelRegions(this.modelId);
    if (!data) {
      if (this.allowUnlistedModel) {
        warnUnlisted(scope, this.modelId, 'is not in the library\'s region data');
        return [];
      }
      return [`modelId '${this.modelId}' is not in the library's region data: use a listed model ID, or pass allowUnlistedModel: true for a model newer than the data`];
    }
    if (!data.inRegion.includes(region)) {
      const profiles = Object.keys(data.profiles);
      return [`foundation model '${this.modelId}' is not offered on demand in ${region}; ` +
        `it is offered in: ${oneOf(data.inRegion)}` +
        (profiles.length > 0 ? `; or through the inference profiles of: ${oneOf(profiles)} (use CrossRegionInferenceProfile.of(Geography.X, modelId))` : '')];
    }
    return [];
  }

  /** Both invoke actions on the model ARN in its region, plus what the options require. */
  public invokeStatements(scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    throwProblems(scope, `FoundationModel ${this.modelId}`, BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(scope));
    return withInvokeOptions(scope, [allowInvoke([this.modelArn(scope)])], options);
  }

  /** The model ARN, fenced: callable only through the given application inference profile. */
  public invokeStatementsThrough(scope: IConstruct, applicationInferenceProfileArn: string): iam.PolicyStatement[] {
    throwProblems(scope, `FoundationModel ${this.modelId}`, BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(scope));
    return [allowInvoke([this.modelArn(scope)], { StringEquals: { [INFERENCE_PROFILE_ARN_KEY]: applicationInferenceProfileArn } })];
  }

  /** Grants invoking the model in its region to a role, user or group (its default policy) or a managed policy (its document). */
  public grantInvoke(grantee: iam.IGrantable, options: InvokeGrantOptions = {}): iam.Grant {
    return grantStatements(grantee, this.invokeStatements(granteeScope(grantee, 'FoundationModel'), options), { model: this, options });
  }
}

