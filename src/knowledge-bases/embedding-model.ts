import { CrossRegionInferenceProfile, FoundationModel, Geography, IBedrockInvokable } from '../models';

/**
 * The data type of the vectors an embedding model produces and a vector index stores.
 */
export enum VectorDataType {
  /** 32-bit floating-point numbers: every model and every store */
  FLOAT32 = 'FLOAT32',
  /** One bit per dimension: smaller and cheaper, only some models, OpenSearch Serverless only */
  BINARY = 'BINARY',
}

/**
 * How a vector index measures similarity.
 */
export enum DistanceMetric {
  /** The cosine of the angle between two vectors (`cosine`; OpenSearch `cosinesimil`) */
  COSINE = 'COSINE',
  /** The straight-line distance (`euclidean`; OpenSearch `l2`) */
  EUCLIDEAN = 'EUCLIDEAN',
}

/**
 * What a knowledge base must know about an embedding model to size and configure its vector index.
 */
export interface EmbeddingModelSpec {
  /** The model ID as Bedrock spells it, e.g. `amazon.titan-embed-text-v2:0` */
  readonly modelId: string;

  /** The vector dimensions the model can produce (at least one) */
  readonly dimensions: number[];

  /**
   * The dimensions used when none are asked for.
   *
   * @default - the largest of `dimensions`
   */
  readonly defaultDimensions?: number;

  /**
   * The vector data types the model can produce for a knowledge base.
   *
   * @default [VectorDataType.FLOAT32]
   */
  readonly dataTypes?: VectorDataType[];

  /**
   * The distance metric the model is trained for.
   *
   * @default DistanceMetric.COSINE
   */
  readonly distanceMetric?: DistanceMetric;
}

/**
 * Options for the invokable of an embedding model.
 */
export interface EmbeddingModelInvokableOptions {
  /**
   * Call the model through the system-defined inference profile of this geography instead of in
   * the stack's region.
   *
   * @default - the model is called in the stack's region (`FoundationModel`)
   */
  readonly geography?: Geography;
}

/**
 * An embedding model a knowledge base can use, with the dimensions and vector data types Bedrock
 * accepts for it.
 *
 * The listed models carry the values of the Bedrock user guide ("Supported models and Regions for
 * Amazon Bedrock Knowledge Bases"); `EmbeddingModel.custom(...)` describes one the library does not list.
 */
export class EmbeddingModel {
  /** Amazon Titan Text Embeddings V2: 256, 512 or 1024 dimensions (default 1024), float32 or binary */
  public static readonly TITAN_EMBED_TEXT_V2 = new EmbeddingModel({
    modelId: 'amazon.titan-embed-text-v2:0',
    dimensions: [256, 512, 1024],
    defaultDimensions: 1024,
    dataTypes: [VectorDataType.FLOAT32, VectorDataType.BINARY],
  });

  /** Amazon Titan Embeddings G1 - Text: 1536 dimensions, float32 */
  public static readonly TITAN_EMBED_TEXT_V1 = new EmbeddingModel({
    modelId: 'amazon.titan-embed-text-v1',
    dimensions: [1536],
  });

  /** Amazon Titan Multimodal Embeddings G1: 256, 384 or 1024 dimensions (default 1024), float32 */
  public static readonly TITAN_EMBED_IMAGE_V1 = new EmbeddingModel({
    modelId: 'amazon.titan-embed-image-v1',
    dimensions: [256, 384, 1024],
    defaultDimensions: 1024,
  });

  /** Cohere Embed English v3: 1024 dimensions, float32 or binary */
  public static readonly COHERE_EMBED_ENGLISH_V3 = new EmbeddingModel({
    modelId: 'cohere.embed-english-v3',
    dimensions: [1024],
    dataTypes: [VectorDataType.FLOAT32, VectorDataType.BINARY],
  });

  /** Cohere Embed Multilingual v3: 1024 dimensions, float32 or binary */
  public static readonly COHERE_EMBED_MULTILINGUAL_V3 = new EmbeddingModel({
    modelId: 'cohere.embed-multilingual-v3',
    dimensions: [1024],
    dataTypes: [VectorDataType.FLOAT32, VectorDataType.BINARY],
  });

  /** Cohere Embed v4: 256, 512, 1024 or 1536 dimensions (default 1536), float32 or binary */
  public static readonly COHERE_EMBED_V4 = new EmbeddingModel({
    modelId: 'cohere.embed-v4:0',
    dimensions: [256, 512, 1024, 1536],
    defaultDimensions: 1536,
    dataTypes: [VectorDataType.FLOAT32, VectorDataType.BINARY],
  });

  /**
   * An embedding model the library does not list (a model newer than the library).
   *
   * @param spec its model ID, dimensions, data types and distance metric
   */
  public static custom(spec: EmbeddingModelSpec): EmbeddingModel {
    return new EmbeddingModel(spec);
  }

  /**
   * The listed model with this ID, or undefined when the library does not list it.
   *
   * @param modelId the model ID without a geography prefix, e.g. `amazon.titan-embed-text-v2:0`
   */
  public static fromModelId(modelId: string): EmbeddingModel | undefined {
    return EmbeddingModel.listed().find(m => m.modelId === modelId);
  }

  /** Every model the library lists. */
  public static listed(): EmbeddingModel[] {
    return [
      EmbeddingModel.TITAN_EMBED_TEXT_V2, EmbeddingModel.TITAN_EMBED_TEXT_V1, EmbeddingModel.TITAN_EMBED_IMAGE_V1,
      EmbeddingModel.COHERE_EMBED_ENGLISH_V3, EmbeddingModel.COHERE_EMBED_MULTILINGUAL_V3, EmbeddingModel.COHERE_EMBED_V4,
    ];
  }

  /** The model ID */
  public readonly modelId: string;
  /** The dimensions the model can produce */
  public readonly dimensions: number[];
  /** The dimensions used when none are asked for */
  public readonly defaultDimensions: number;
  /** The vector data types the model can produce */
  public readonly dataTypes: VectorDataType[];
  /** The distance metric the model is trained for */
  public readonly distanceMetric: DistanceMetric;

  private constructor(spec: EmbeddingModelSpec) {
    this.modelId = spec.modelId;
    this.dimensions = [...spec.dimensions];
    this.defaultDimensions = spec.defaultDimensions ?? Math.max(...spec.dimensions);
    this.dataTypes = [...(spec.dataTypes ?? [VectorDataType.FLOAT32])];
    this.distanceMetric = spec.distanceMetric ?? DistanceMetric.COSINE;
  }

  /**
   * The model as an invokable, for `VectorKnowledgeBase({ embeddingModel })`: called in the stack's
   * region, or through a geography's inference profile.
   *
   * @param options the geography whose profile to call it through, if any
   */
  public invokable(options: EmbeddingModelInvokableOptions = {}): IBedrockInvokable {
    return options.geography
      ? CrossRegionInferenceProfile.of(options.geography, this.modelId)
      : FoundationModel.of(this.modelId);
  }
}
