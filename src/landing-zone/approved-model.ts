import { IConstruct } from 'constructs';
import { Problems, modelIdProblems, modelReferenceProblem } from '../core/validation';
import { DataRetentionMode } from '../data-retention/data-retention-mode';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { CrossRegionInferenceProfile, FoundationModel, Geography, IBedrockInvokable } from '../models';

enum Route { GEOGRAPHY, IN_REGION, GLOBAL, FIXED }

/**
 * A model on the landing zone's one approved list, described independently of any region: each
 * governed region resolves it to the exact invokable (profile of the region's geography, in-region
 * model, ...), so the same list feeds every account and region, its IAM and its endpoint policies.
 */
export class ApprovedModel {
  /**
   * Called through the system inference profile of the governed region's geography
   * (`eu.` in eu-central-1 under EU residency, `us.` in us-east-1): data stays in that geography.
   *
   * @param modelId the model ID without a geography prefix
   */
  public static throughGeography(modelId: string): ApprovedModel {
    return new ApprovedModel(Route.GEOGRAPHY, checkedModelId(modelId));
  }

  /**
   * Called on demand in the governed region itself, without a profile.
   *
   * @param modelId the model ID
   */
  public static inRegion(modelId: string): ApprovedModel {
    return new ApprovedModel(Route.IN_REGION, checkedModelId(modelId));
  }

  /**
   * Called through its global profile, which may route to any commercial region. Refused by
   * profiles that restrict geographies (EU residency).
   *
   * @param modelId the model ID without the `global.` prefix
   */
  public static global(modelId: string): ApprovedModel {
    return new ApprovedModel(Route.GLOBAL, checkedModelId(modelId));
  }

  /**
   * A specific invokable, used as it is in every region (e.g. a provisioned model).
   *
   * @param invokable the model reference
   */
  public static of(invokable: IBedrockInvokable): ApprovedModel {
    const problems = new Problems();
    modelReferenceProblem('invokable', invokable).forEach(p => problems.add(p));
    problems.throwIfAny(undefined, 'ApprovedModel.of', BedrockLandingZoneErrorCode.MODEL_REFERENCE_KIND);
    return new ApprovedModel(Route.FIXED, '', invokable);
  }

  /** The model ID, for models given by ID */
  public readonly modelId?: string;
  /** The data retention mode the model's terms require of the account; undefined when it requires none */
  public readonly requiredDataRetention?: DataRetentionMode;
  private readonly route: Route;
  private readonly fixed?: IBedrockInvokable;

  private constructor(route: Route, modelId: string, fixed?: IBedrockInvokable, requiredDataRetention?: DataRetentionMode) {
    this.route = route;
    this.modelId = modelId || undefined;
    this.fixed = fixed;
    this.requiredDataRetention = requiredDataRetention;
  }

  /**
   * The same model, declared to require a data retention mode of the account (some models are
   * offered only with `provider_data_share`). The landing zone then sets at least that mode, and
   * fails synth when its profile forbids it. The library carries no list of such models: declare
   * what the model's terms in the Bedrock console say.
   *
   * @param mode the mode the model requires
   */
  public requiringDataRetention(mode: DataRetentionMode): ApprovedModel {
    return new ApprovedModel(this.route, this.modelId ?? '', this.fixed, mode);
  }

  /** Whether this model is called on demand in the governed region, without a profile. */
  public get isInRegion(): boolean {
    return this.route === Route.IN_REGION;
  }

  /** Whether this model is called through a global profile. */
  public get isGlobal(): boolean {
    return this.route === Route.GLOBAL;
  }

  /**
   * The invokable for a governed region.
   *
   * @param _scope a construct in the governed stack
   * @param geography the geography the region's data stays in
   */
  public resolve(_scope: IConstruct, geography: Geography): IBedrockInvokable {
    switch (this.route) {
      case Route.GEOGRAPHY: return CrossRegionInferenceProfile.of(geography, this.modelId!);
      case Route.IN_REGION: return FoundationModel.of(this.modelId!);
      case Route.GLOBAL: return CrossRegionInferenceProfile.of(Geography.GLOBAL, this.modelId!);
      case Route.FIXED: return this.fixed!;
    }
  }

  /** How the model is routed, for messages. */
  public toString(): string {
    switch (this.route) {
      case Route.GEOGRAPHY: return `${this.modelId} (through the geography's profile)`;
      case Route.IN_REGION: return `${this.modelId} (in region)`;
      case Route.GLOBAL: return `global.${this.modelId}`;
      case Route.FIXED: return 'a fixed invokable';
    }
  }
}

/** The model ID, when it is one a Bedrock model can have: the list feeds IAM, endpoint and organization policies. */
function checkedModelId(modelId: string): string {
  const problems = new Problems();
  modelIdProblems('modelId', modelId).forEach(p => problems.add(p));
  problems.throwIfAny(undefined, 'ApprovedModel', BedrockLandingZoneErrorCode.MODEL_ID);
  return modelId;
}
