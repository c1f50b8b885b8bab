import { Annotations, Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OPENSEARCH_METADATA_FIELD, OPENSEARCH_TEXT_FIELD, OPENSEARCH_VECTOR_FIELD } from './opensearch-serverless-vector-store';
import { IVectorStore, VectorStoreBindOptions, VectorStoreBinding } from './vector-store';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

const S3_VECTORS_INDEX_ARN = /^arn:aws[a-z-]*:s3vectors:[a-z0-9-]+:\d{12}:bucket\/[a-z0-9-]{3,63}\/index\/[a-z0-9.-]{3,63}$/;
const AOSS_COLLECTION_ARN = /^arn:aws[a-z-]*:aoss:[a-z0-9-]+:\d{12}:collection\/[a-z0-9]{3,40}$/;

/**
 * An existing S3 Vectors index.
 */
export interface ExistingS3VectorsIndexAttributes {
  /** The index ARN: `arn:<partition>:s3vectors:<region>:<account>:bucket/<bucket>/index/<index>` */
  readonly indexArn: string;

  /**
   * The customer-managed key the index is encrypted with: the knowledge-base role may use it.
   *
   * @default - the index uses SSE-S3 and no key permission is granted
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * An existing OpenSearch Serverless vector index.
 */
export interface ExistingOpenSearchServerlessIndexAttributes {
  /** The collection ARN: `arn:<partition>:aoss:<region>:<account>:collection/<id>` */
  readonly collectionArn: string;
  /** The name of the vector index in the collection */
  readonly vectorIndexName: string;
  /**
   * The knn_vector field.
   *
   * @default 'bedrock-knowledge-base-default-vector'
   */
  readonly vectorField?: string;
  /**
   * The text field.
   *
   * @default 'AMAZON_BEDROCK_TEXT_CHUNK'
   */
  readonly textField?: string;
  /**
   * The metadata field.
   *
   * @default 'AMAZON_BEDROCK_METADATA'
   */
  readonly metadataField?: string;
}

/**
 * A vector store created outside this construct tree (another stack, another tool). The library
 * cannot check its dimensions, encryption or network policy: the knowledge base gets a warning that
 * says what to check.
 */
export class ExistingVectorStore implements IVectorStore {
  /**
   * An existing S3 Vectors index.
   *
   * @param attrs its ARN and key
   */
  public static fromS3VectorsIndex(attrs: ExistingS3VectorsIndexAttributes): ExistingVectorStore {
    return new ExistingVectorStore('S3_VECTORS', attrs, undefined);
  }

  /**
   * An existing OpenSearch Serverless vector index. Its collection's data access policy must name
   * the knowledge-base role (`knowledgeBase.role.roleArn`).
   *
   * @param attrs its collection, index and field names
   */
  public static fromOpenSearchServerlessIndex(attrs: ExistingOpenSearchServerlessIndexAttributes): ExistingVectorStore {
    return new ExistingVectorStore('OPENSEARCH_SERVERLESS', undefined, attrs);
  }

  /** The storage type */
  public readonly storageType: string;
  private readonly s3?: ExistingS3VectorsIndexAttributes;
  private readonly aoss?: ExistingOpenSearchServerlessIndexAttributes;

  private constructor(storageType: string, s3?: ExistingS3VectorsIndexAttributes, aoss?: ExistingOpenSearchServerlessIndexAttributes) {
    this.storageType = storageType;
    this.s3 = s3;
    this.aoss = aoss;
  }

  /** Grants the role access to the existing index and returns its storage configuration. */
  public bind(knowledgeBase: Construct, options: VectorStoreBindOptions): VectorStoreBinding {
    const problems = new Problems();
    if (this.s3) {
      const arn = this.s3.indexArn;
      if (!Token.isUnresolved(arn)) {
        problems.check(S3_VECTORS_INDEX_ARN.test(arn), `indexArn '${arn}' is not an S3 Vectors index ARN (arn:<partition>:s3vectors:<region>:<account>:bucket/<bucket>/index/<index>)`);
      }
      problems.throwIfAny(knowledgeBase, 'ExistingVectorStore.fromS3VectorsIndex', BedrockLandingZoneErrorCode.EXISTING_VECTOR_STORE_INDEX);
      Annotations.of(knowledgeBase).addWarningV2('cdk-bedrock-landing-zone:existingVectorStore',
        `The S3 Vectors index is not created here: check that it holds ${options.dimensions}-dimension float32 vectors with the ${options.distanceMetric} metric, ` +
        'that AMAZON_BEDROCK_TEXT and AMAZON_BEDROCK_METADATA are non-filterable, and that its bucket is encrypted with a customer-managed key.');
      const statements = [new iam.PolicyStatement({
        sid: 'VectorIndex',
        actions: ['s3vectors:GetIndex', 's3vectors:QueryVectors', 's3vectors:PutVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors'],
        resources: [arn],
      })];
      if (this.s3.encryptionKey) {
        statements.push(new iam.PolicyStatement({ sid: 'VectorIndexKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.s3.encryptionKey.keyArn] }));
      }
      return { storageConfiguration: { type: this.storageType, s3VectorsConfiguration: { indexArn: arn } }, statements, dependencies: [] };
    }
    const attrs = this.aoss!;
    if (!Token.isUnresolved(attrs.collectionArn)) {
      problems.check(AOSS_COLLECTION_ARN.test(attrs.collectionArn),
        `collectionArn '${attrs.collectionArn}' is not an OpenSearch Serverless collection ARN (arn:<partition>:aoss:<region>:<account>:collection/<id>)`);
    }
    problems.check(Token.isUnresolved(attrs.vectorIndexName) || attrs.vectorIndexName.length > 0, 'vectorIndexName is empty');
    problems.throwIfAny(knowledgeBase, 'ExistingVectorStore.fromOpenSearchServerlessIndex', BedrockLandingZoneErrorCode.EXISTING_VECTOR_STORE_INDEX);
    Annotations.of(knowledgeBase).addWarningV2('cdk-bedrock-landing-zone:existingVectorStore',
      `The OpenSearch Serverless index '${attrs.vectorIndexName}' is not created here: check that its vector field holds ${options.dimensions} dimensions, ` +
      'that the collection\'s data access policy names the knowledge-base role, and that its network policy is not public.');
    return {
      storageConfiguration: {
        type: this.storageType,
        opensearchServerlessConfiguration: {
          collectionArn: attrs.collectionArn,
          vectorIndexName: attrs.vectorIndexName,
          fieldMapping: {
            vectorField: attrs.vectorField ?? OPENSEARCH_VECTOR_FIELD,
            textField: attrs.textField ?? OPENSEARCH_TEXT_FIELD,
            metadataField: attrs.metadataField ?? OPENSEARCH_METADATA_FIELD,
          },
        },
      },
      statements: [new iam.PolicyStatement({ sid: 'VectorCollection', actions: ['aoss:APIAccessAll'], resources: [attrs.collectionArn] })],
      dependencies: [],
    };
  }
}
