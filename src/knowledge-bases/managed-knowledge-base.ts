import { RemovalPolicy, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EmbeddingModel } from './embedding-model';
import { KnowledgeBaseBase, KnowledgeBaseOptions } from './knowledge-base';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IBedrockInvokable } from '../models';
import { knowledgeBaseOptionsProblems, knowledgeBaseResource } from './private/knowledge-base-resource';
import { embeddingModelArnOf, knowledgeBaseApplicationLogs, knowledgeBaseRole, modelIdOf } from './private/knowledge-base-role';
import { bedrockName } from './private/names';
import { hardenedKey } from '../core/hardened-stores';
import { Problems, oneOf } from '../core/validation';
import { recordKnowledgeBaseEmbedding } from '../models/grants/residency-records';

/**
 * Properties of a managed knowledge base.
 */
export interface ManagedKnowledgeBaseProps extends KnowledgeBaseOptions {
  /**
   * Your own embedding model (`embeddingModelType: CUSTOM`). The role may invoke it.
   *
   * @default - the service-managed embedding model (`MANAGED`): no model access is needed
   */
  readonly embeddingModel?: IBedrockInvokable;

  /**
   * The dimensions of `embeddingModel`: one the model can produce. Only with `embeddingModel`.
   *
   * @default - the model's default dimensions
   */
  readonly dimensions?: number;

  /**
   * What the library needs to know about `embeddingModel`.
   *
   * @default - looked up from its model ID
   */
  readonly embeddingModelSpec?: EmbeddingModel;

  /**
   * The customer-managed key Bedrock encrypts the managed vector store with.
   *
   * @default - a key with rotation, retained on deletion
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * An Amazon Bedrock knowledge base of type MANAGED: Bedrock holds the vector store (encrypted with
 * your customer-managed key) and, by default, the embedding model. Connect data sources through
 * Bedrock's managed connectors (`AWS::Bedrock::DataSource` of type `MANAGED_KNOWLEDGE_BASE_CONNECTOR`).
 */
export class ManagedKnowledgeBase extends KnowledgeBaseBase {
  /** The knowledge base ID */
  public readonly knowledgeBaseId: string;
  /** The knowledge base ARN */
  public readonly knowledgeBaseArn: string;
  /** The knowledge base name */
  public readonly knowledgeBaseName: string;
  /** The `AWS::Bedrock::KnowledgeBase` */
  public readonly resource: bedrock.CfnKnowledgeBase;
  /** The service role */
  public readonly role: iam.IRole;
  /** The role's one managed policy */
  public readonly rolePolicy: iam.ManagedPolicy;
  /** The key of the managed store */
  public readonly encryptionKey: kms.IKey;
  /** The application log group, when logs are delivered */
  public readonly logGroup?: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: ManagedKnowledgeBaseProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.knowledgeBaseName = props.knowledgeBaseName ?? bedrockName(this);

    const problems = new Problems();
    let dimensions: number | undefined;
    if (props.embeddingModel) {
      const modelId = modelIdOf(props.embeddingModel);
      const spec = props.embeddingModelSpec ?? (modelId ? EmbeddingModel.fromModelId(modelId) : undefined);
      if (!spec) {
        problems.add(`embeddingModel ${modelId ?? props.embeddingModel.invocationIdentifier(this)} is not an embedding model the library lists: pass embeddingModelSpec`);
      } else {
        dimensions = props.dimensions ?? spec.defaultDimensions;
        problems.check(spec.dimensions.includes(dimensions),
          `dimensions is ${dimensions}, but ${spec.modelId} produces ${oneOf(spec.dimensions.map(String))} dimensions`);
      }
    } else {
      problems.check(props.dimensions === undefined, 'dimensions is given without embeddingModel: the managed embedding model has fixed dimensions');
      problems.check(props.embeddingModelSpec === undefined, 'embeddingModelSpec is given without embeddingModel');
    }
    knowledgeBaseOptionsProblems(this.knowledgeBaseName, props).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'ManagedKnowledgeBase', BedrockLandingZoneErrorCode.MANAGED_KNOWLEDGE_BASE_PROPS);

    this.encryptionKey = props.encryptionKey ?? hardenedKey(this, 'Key', 'Managed vector store of an Amazon Bedrock knowledge base', removalPolicy);
    const { role, policy } = knowledgeBaseRole(this, `Amazon Bedrock managed knowledge base ${this.knowledgeBaseName}`);
    this.role = role;
    this.rolePolicy = policy;
    policy.addStatements(new iam.PolicyStatement({ sid: 'ManagedStoreKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.encryptionKey.keyArn] }));
    if (props.embeddingModel) {
      const embedding = props.embeddingModel.invokeStatements(this);
      policy.addStatements(...embedding);
      recordKnowledgeBaseEmbedding(this, policy, props.embeddingModel, embedding);
    }

    this.resource = knowledgeBaseResource(this, {
      knowledgeBaseName: this.knowledgeBaseName,
      description: props.description,
      role,
      rolePolicy: policy,
      removalPolicy,
      knowledgeBaseConfiguration: {
        type: 'MANAGED',
        managedKnowledgeBaseConfiguration: {
          embeddingModelType: props.embeddingModel ? 'CUSTOM' : 'MANAGED',
          embeddingModelArn: props.embeddingModel ? embeddingModelArnOf(this, props.embeddingModel) : undefined,
          embeddingModelConfiguration: dimensions !== undefined ? { bedrockEmbeddingModelConfiguration: { dimensions } } : undefined,
          serverSideEncryptionConfiguration: { kmsKeyArn: this.encryptionKey.keyArn },
        },
      },
    });
    this.knowledgeBaseId = this.resource.attrKnowledgeBaseId;
    this.knowledgeBaseArn = this.resource.attrKnowledgeBaseArn;

    this.logGroup = knowledgeBaseApplicationLogs(this, this.knowledgeBaseArn, this.knowledgeBaseName, removalPolicy, props)?.logGroup;
  }
}
