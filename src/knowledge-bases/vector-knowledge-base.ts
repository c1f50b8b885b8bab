import { Arn, ArnFormat, RemovalPolicy, Token, aws_bedrock as bedrock, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EmbeddingModel, VectorDataType } from './embedding-model';
import { IKnowledgeBase, IVectorKnowledgeBase, KnowledgeBaseAttributes, KnowledgeBaseBase, KnowledgeBaseOptions, VectorKnowledgeBaseAttributes } from './knowledge-base';
import { knowledgeBaseOptionsProblems, knowledgeBaseResource } from './private/knowledge-base-resource';
import { ApplicationLogs, embeddingModelArnOf, knowledgeBaseApplicationLogs, knowledgeBaseRole, modelIdOf } from './private/knowledge-base-role';
import { bedrockName } from './private/names';
import { S3DataSource, S3DataSourceOptions } from './s3-data-source';
import { S3VectorStore } from './s3-vector-store';
import { IVectorStore } from './vector-store';
import { declareUniqueName } from '../core/account-singleton';
import { Problems, oneOf } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IBedrockInvokable } from '../models';
import { recordKnowledgeBaseEmbedding } from '../models/grants/residency-records';

/**
 * Properties of a vector knowledge base.
 */
export interface VectorKnowledgeBaseProps extends KnowledgeBaseOptions {
  /**
   * The embedding model, as an invokable: `EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable()`,
   * `FoundationModel.of(...)`, `CrossRegionInferenceProfile.of(...)`. The role may invoke it through
   * its own grant, so inference profiles get the right regions and fences.
   */
  readonly embeddingModel: IBedrockInvokable;

  /**
   * What the library needs to know about the embedding model (allowed dimensions and data types).
   *
   * @default - looked up from the invokable's model ID among `EmbeddingModel.listed()`; required for
   * a model the library does not list
   */
  readonly embeddingModelSpec?: EmbeddingModel;

  /**
   * The vector dimensions: one the model can produce.
   *
   * @default - the model's default dimensions (1024 for Titan Text Embeddings V2)
   */
  readonly dimensions?: number;

  /**
   * The vector data type: one the model and the store support.
   *
   * @default VectorDataType.FLOAT32
   */
  readonly vectorDataType?: VectorDataType;

  /**
   * Where the vectors are kept.
   *
   * @default - a new `S3VectorStore` (construct ID `VectorStore`): a vector bucket encrypted with a
   * customer-managed key, retained on deletion
   */
  readonly vectorStore?: IVectorStore;
}

/**
 * An Amazon Bedrock knowledge base of type VECTOR with a private, encrypted vector store (S3 Vectors
 * by default) and no Lambda function.
 *
 * Its service role is trusted by Bedrock for this account's knowledge bases in this region only, and
 * holds one managed policy: invoke the embedding model, read the data-source prefixes and decrypt
 * their keys, use the vector store. Nothing else.
 */
export class VectorKnowledgeBase extends KnowledgeBaseBase implements IVectorKnowledgeBase {
  /**
   * An existing knowledge base, for grants.
   *
   * @param scope the scope of the import
   * @param id its construct ID
   * @param attrs its ARN
   */
  public static fromKnowledgeBaseAttributes(scope: Construct, id: string, attrs: KnowledgeBaseAttributes): IKnowledgeBase {
    checkKnowledgeBaseArn(scope, 'VectorKnowledgeBase.fromKnowledgeBaseAttributes', attrs.knowledgeBaseArn);
    class Import extends KnowledgeBaseBase {
      public readonly knowledgeBaseArn = attrs.knowledgeBaseArn;
      public readonly knowledgeBaseId = Arn.split(attrs.knowledgeBaseArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    }
    return new Import(scope, id);
  }

  /**
   * An existing vector knowledge base that this app adds data sources to (`new S3DataSource(...)`):
   * their statements go to a managed policy created here for the knowledge base's role.
   *
   * @param scope the scope of the import
   * @param id its construct ID
   * @param attrs its ARN and service role
   */
  public static fromVectorKnowledgeBaseAttributes(scope: Construct, id: string, attrs: VectorKnowledgeBaseAttributes): IVectorKnowledgeBase {
    checkKnowledgeBaseArn(scope, 'VectorKnowledgeBase.fromVectorKnowledgeBaseAttributes', attrs.knowledgeBaseArn);
    class Import extends KnowledgeBaseBase implements IVectorKnowledgeBase {
      public readonly knowledgeBaseArn = attrs.knowledgeBaseArn;
      public readonly knowledgeBaseId = Arn.split(attrs.knowledgeBaseArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
      public readonly removalPolicy = attrs.removalPolicy ?? RemovalPolicy.RETAIN;
      public readonly rolePolicy = new iam.ManagedPolicy(this, 'RolePolicy', {
        description: `What the data sources added in this app need from the knowledge base ${attrs.knowledgeBaseArn}`,
        roles: [attrs.role],
      });
    }
    return new Import(scope, id);
  }

  /** The knowledge base ID */
  public readonly knowledgeBaseId: string;
  /** The knowledge base ARN */
  public readonly knowledgeBaseArn: string;
  /** The knowledge base name */
  public readonly knowledgeBaseName: string;
  /** The `AWS::Bedrock::KnowledgeBase` */
  public readonly resource: bedrock.CfnKnowledgeBase;
  /** The service role Bedrock assumes for this knowledge base */
  public readonly role: iam.IRole;
  /** The role's one managed policy: data sources add their statements to it */
  public readonly rolePolicy: iam.ManagedPolicy;
  /** The vector store */
  public readonly vectorStore: IVectorStore;
  /** The vector dimensions */
  public readonly dimensions: number;
  /** The vector data type */
  public readonly vectorDataType: VectorDataType;
  /** The embedding model */
  public readonly embeddingModel: IBedrockInvokable;
  /** The application log group, when logs are delivered */
  public readonly logGroup?: logs.ILogGroup;
  /** The removal policy of the knowledge base and its data sources */
  public readonly removalPolicy: RemovalPolicy;
  private readonly logs?: ApplicationLogs;

  constructor(scope: Construct, id: string, props: VectorKnowledgeBaseProps) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.embeddingModel = props.embeddingModel;
    this.knowledgeBaseName = props.knowledgeBaseName ?? bedrockName(this);
    if (props.knowledgeBaseName !== undefined) declareUniqueName(this, 'knowledge base', 'knowledgeBaseName', this.knowledgeBaseName);

    const problems = new Problems();
    const modelId = modelIdOf(props.embeddingModel);
    const spec = props.embeddingModelSpec ?? (modelId ? EmbeddingModel.fromModelId(modelId) : undefined);
    if (!spec) {
      problems.add(`embeddingModel ${modelId ?? props.embeddingModel.invocationIdentifier(this)} is not an embedding model the library lists ` +
        `(${oneOf(EmbeddingModel.listed().map(m => m.modelId))}): pass embeddingModelSpec: EmbeddingModel.custom({ modelId, dimensions, ... })`);
    } else if (modelId && spec.modelId !== modelId) {
      problems.add(`embeddingModelSpec describes ${spec.modelId}, but embeddingModel is ${modelId}`);
    }
    this.dimensions = props.dimensions ?? spec?.defaultDimensions ?? 0;
    this.vectorDataType = props.vectorDataType ?? VectorDataType.FLOAT32;
    if (spec) {
      problems.check(spec.dimensions.includes(this.dimensions),
        `dimensions is ${this.dimensions}, but ${spec.modelId} produces ${oneOf(spec.dimensions.map(String))} dimensions`);
      problems.check(spec.dataTypes.includes(this.vectorDataType),
        `vectorDataType is ${this.vectorDataType}, but ${spec.modelId} produces ${oneOf(spec.dataTypes)} vectors`);
    }
    knowledgeBaseOptionsProblems(this.knowledgeBaseName, props).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'VectorKnowledgeBase', BedrockLandingZoneErrorCode.VECTOR_KNOWLEDGE_BASE_PROPS);

    const { role, policy } = knowledgeBaseRole(this, `Amazon Bedrock knowledge base ${this.knowledgeBaseName}`);
    this.role = role;
    this.rolePolicy = policy;
    const embedding = props.embeddingModel.invokeStatements(this);
    policy.addStatements(...embedding);
    recordKnowledgeBaseEmbedding(this, policy, props.embeddingModel, embedding);

    this.vectorStore = props.vectorStore ?? new S3VectorStore(this, 'VectorStore', { removalPolicy: this.removalPolicy });
    const binding = this.vectorStore.bind(this, {
      role,
      dimensions: this.dimensions,
      dataType: this.vectorDataType,
      distanceMetric: spec!.distanceMetric,
    });
    policy.addStatements(...binding.statements);

    this.resource = knowledgeBaseResource(this, {
      knowledgeBaseName: this.knowledgeBaseName,
      description: props.description,
      role,
      rolePolicy: policy,
      removalPolicy: this.removalPolicy,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn: embeddingModelArnOf(this, props.embeddingModel),
          embeddingModelConfiguration: {
            bedrockEmbeddingModelConfiguration: { dimensions: this.dimensions, embeddingDataType: this.vectorDataType },
          },
        },
      },
      storageConfiguration: binding.storageConfiguration,
      dependencies: binding.dependencies,
    });
    this.knowledgeBaseId = this.resource.attrKnowledgeBaseId;
    this.knowledgeBaseArn = this.resource.attrKnowledgeBaseArn;

    this.logs = knowledgeBaseApplicationLogs(this, this.knowledgeBaseArn, this.knowledgeBaseName, this.removalPolicy, props);
    this.logGroup = this.logs?.logGroup;
  }

  /**
   * Adds an S3 data source: the role may read its prefixes and decrypt its keys.
   *
   * @param id the data source's construct ID (under this knowledge base)
   * @param options the bucket, prefixes, chunking, parsing and keys
   */
  public addS3DataSource(id: string, options: S3DataSourceOptions): S3DataSource {
    return new S3DataSource(this, id, { ...options, knowledgeBase: this });
  }
}

function checkKnowledgeBaseArn(scope: Construct, subject: string, arn: string): void {
  const problems = new Problems();
  if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:knowledge-base\/[0-9a-zA-Z]{10}$/.test(arn)) {
    problems.add(`knowledgeBaseArn '${arn}' is not a knowledge base ARN (arn:<partition>:bedrock:<region>:<account>:knowledge-base/<10-character id>)`);
  }
  problems.throwIfAny(scope, subject, BedrockLandingZoneErrorCode.KNOWLEDGE_BASE_ATTRIBUTES);
}
