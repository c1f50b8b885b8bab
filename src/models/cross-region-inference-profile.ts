import { aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Geography } from './geography';
import { IInferenceProfileSource, InvokeGrantOptions } from './invokable';
import {
  INFERENCE_PROFILE_ARN_KEY, allowInvoke, environmentAgnosticProblem, grantStatements, granteeScope, knownGeographyPrefixes,
  modelRegions, resolvedRegion, throwProblems, warnUnlisted, withInvokeOptions, geographyConstant, profilePrefixOf,
} from './invoke-statements';
import { bedrockArn, foundationModelArn } from '../core/arns';
import { Problems, describeValue, modelIdProblems, oneOf } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Options for a system-defined cross-region inference profile.
 */
export interface CrossRegionInferenceProfileOptions {
  /**
   * Use a model the library's region data does not list for this geography (a model newer than the
   * data). The grant then names the geography's destination regions and a warning says so.
   *
   * @default false
   */
  readonly allowUnlistedModel?: boolean;
}

/**
 * A system-defined inference profile (`eu.anthropic.claude-...`, `global.anthropic.claude-...`):
 * Bedrock routes each request to one of the geography's destination regions.
 *
 * A geographic profile's grant has two statements: the profile ARN in the caller's region, and the
 * model ARN in each destination region that the caller's region routes to (never a region wildcard),
 * fenced by `bedrock:InferenceProfileArn` so the model is reachable only through the profile.
 *
 * A global profile's grant has three statements: the profile ARN with `aws:RequestedRegion = <caller's
 * region>`; the model ARN in the caller's region and the region-less model ARN (with
 * `aws:RequestedRegion = unspecified`), both fenced by the profile ARN. A global profile may route to
 * any commercial region: it does not keep data in a geography.
 */
export class CrossRegionInferenceProfile implements IInferenceProfileSource {
  /**
   * The system-defined profile of a model in a geography.
   *
   * @param geography the geography whose profile is used (`Geography.EU`, `Geography.GLOBAL`, ...)
   * @param modelId the model ID without the geography prefix, e.g. `anthropic.claude-sonnet-4-5-20250929-v1:0`
   * @param options whether the model must be in the library's data
   */
  public static of(geography: Geography, modelId: string, options: CrossRegionInferenceProfileOptions = {}): CrossRegionInferenceProfile {
    const kind = new Problems();
    kind.check(geography instanceof Geography,
      `geography is ${describeValue(geography)}; expected a Geography: Geography.EU, Geography.US, ... or Geography.of(...)`);
    kind.throwIfAny(undefined, 'CrossRegionInferenceProfile.of', BedrockLandingZoneErrorCode.MODEL_REFERENCE_KIND);
    const problems = new Problems();
    modelIdProblems('modelId', modelId).forEach(p => problems.add(p));
    problems.throwIfAny(undefined, 'CrossRegionInferenceProfile.of', BedrockLandingZoneErrorCode.MODEL_ID);
    return new CrossRegionInferenceProfile(geography, modelId, options);
  }

  /** The geography whose profile this is */
  public readonly geography: Geography;
  /** The model ID, without the geography prefix */
  public readonly modelId: string;
  /** The profile ID: `<prefix>.<modelId>` */
  public readonly inferenceProfileId: string;
  private readonly allowUnlistedModel: boolean;

  private constructor(geography: Geography, modelId: string, options: CrossRegionInferenceProfileOptions) {
    this.geography = geography;
    this.modelId = modelId;
    this.inferenceProfileId = `${geography.prefix}.${modelId}`;
    this.allowUnlistedModel = options.allowUnlistedModel ?? false;
  }

  /** The profile ARN in the scope's region and account. */
  public inferenceProfileArn(scope: IConstruct): string {
    return bedrockArn(scope, this.sourceRegion(scope), 'inference-profile', this.inferenceProfileId);
  }

  /** The profile ID: the identifier clients pass. */
  public invocationIdentifier(_scope: IConstruct): string {
    return this.inferenceProfileId;
  }

  /** The profile ARN, for an application inference profile to copy. */
  public sourceArn(scope: IConstruct): string {
    return this.inferenceProfileArn(scope);
  }

  /**
   * The regions a call from the scope's region may be routed to: the model's own routing when the
   * data has it, otherwise the geography's.
   */
  public destinationRegions(scope: IConstruct): string[] {
    const source = this.sourceRegion(scope);
    const routing = modelRegions(this.modelId)?.profiles[this.geography.prefix]?.routing[source];
    return [...(routing ?? this.geography.destinationRegions)].sort();
  }

  /** Problems: an unknown region, a region outside the geography, a model the geography does not offer. */
  public problemsFor(scope: IConstruct): string[] {
    const region = resolvedRegion(scope);
    const subject = `inference profile ${this.inferenceProfileId}`;
    if (region === undefined) return [environmentAgnosticProblem(subject)];
    const problems: string[] = [];
    const doubled = profilePrefixOf(this.modelId);
    if (doubled) {
      return [`modelId '${this.modelId}' already carries the geography prefix '${doubled.prefix}.' (the profile would be '${this.inferenceProfileId}'): ` +
        `give the model ID without it: CrossRegionInferenceProfile.of(Geography.${geographyConstant(this.geography.prefix)}, '${doubled.modelId}')`];
    }
    if (!this.geography.isSourceRegion(region)) {
      problems.push(`the stack region ${region} is not a source region of geography '${this.geography.prefix}', so ${subject} cannot be called from it; ` +
        `source regions: ${oneOf(this.geography.sourceRegions)}`);
    }
    const data = modelRegions(this.modelId);
    const profile = data?.profiles[this.geography.prefix];
    const knownGeography = knownGeographyPrefixes().includes(this.geography.prefix);
    if (profile) {
      if (this.geography.isSourceRegion(region) && !profile.sourceRegions.includes(region)) {
        problems.push(`${subject} is not offered in ${region}; it is offered in: ${oneOf(profile.sourceRegions)}`);
      }
    } else if (this.allowUnlistedModel || (data && !knownGeography)) {
      warnUnlisted(scope, this.inferenceProfileId, `is not in the library's region data for geography '${this.geography.prefix}'`);
    } else if (data) {
      const offered = Object.keys(data.profiles);
      problems.push(`model '${this.modelId}' has no '${this.geography.prefix}' inference profile; ` +
        `it is offered through the profiles of: ${oneOf(offered)}` + (data.inRegion.length > 0 ? `; and on demand in: ${oneOf(data.inRegion)}` : ''));
    } else {
      problems.push(`modelId '${this.modelId}' is not in the library's region data: use a listed model ID, or pass allowUnlistedModel: true for a model newer than the data`);
    }
    return problems;
  }

  /** The statements of the geographic or global pattern, plus what the options require. */
  public invokeStatements(scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    throwProblems(scope, `CrossRegionInferenceProfile ${this.inferenceProfileId}`, BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(scope));
    return withInvokeOptions(scope, this.statements(scope), options);
  }

  /** The same statements, every one fenced by the application inference profile instead. */
  public invokeStatementsThrough(scope: IConstruct, applicationInferenceProfileArn: string): iam.PolicyStatement[] {
    throwProblems(scope, `CrossRegionInferenceProfile ${this.inferenceProfileId}`, BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(scope));
    return this.statements(scope, applicationInferenceProfileArn);
  }

  /** Grants invoking through this profile from the grantee's region to a role, user or group (its default policy) or a managed policy (its document). */
  public grantInvoke(grantee: iam.IGrantable, options: InvokeGrantOptions = {}): iam.Grant {
    return grantStatements(grantee, this.invokeStatements(granteeScope(grantee, 'CrossRegionInferenceProfile'), options), { model: this, options });
  }

  private statements(scope: IConstruct, fence?: string): iam.PolicyStatement[] {
    const source = this.sourceRegion(scope);
    const profileArn = this.inferenceProfileArn(scope);
    const throughProfile = { [INFERENCE_PROFILE_ARN_KEY]: fence ?? profileArn };
    const fenced = fence ? { StringEquals: { [INFERENCE_PROFILE_ARN_KEY]: fence } } : undefined;
    if (this.geography.isGlobal) {
      return [
        allowInvoke([profileArn], { StringEquals: { 'aws:RequestedRegion': source, ...(fence ? { [INFERENCE_PROFILE_ARN_KEY]: fence } : {}) } }),
        allowInvoke([foundationModelArn(source, this.modelId)], { StringEquals: { ...throughProfile, 'aws:RequestedRegion': source } }),
        allowInvoke([foundationModelArn('', this.modelId)], { StringEquals: { ...throughProfile, 'aws:RequestedRegion': 'unspecified' } }),
      ];
    }
    return [
      allowInvoke([profileArn], fenced),
      allowInvoke(this.destinationRegions(scope).map(r => foundationModelArn(r, this.modelId)), { StringEquals: throughProfile }),
    ];
  }

  private sourceRegion(scope: IConstruct): string {
    const region = resolvedRegion(scope);
    if (region === undefined) throwProblems(scope, `CrossRegionInferenceProfile ${this.inferenceProfileId}`, BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(scope));
    return region!;
  }
}
