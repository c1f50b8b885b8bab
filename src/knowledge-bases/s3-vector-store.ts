import { Aws, RemovalPolicy, Stack, Token, aws_iam as iam, aws_kms as kms, aws_s3vectors as s3vectors } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { VectorDataType } from './embedding-model';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { s3VectorsMetric } from './private/names';
import { IVectorStore, VectorStoreBindOptions, VectorStoreBinding } from './vector-store';
import { hardenedKey } from '../core/hardened-stores';
import { Problems } from '../core/validation';

/**
 * Metadata keys Bedrock writes into every vector of an S3 Vectors index: the text chunk and its
 * metadata. They are stored non-filterable, so they do not count against the 2 KB of filterable
 * metadata a vector may carry (Bedrock user guide, "Prerequisites for using a vector store ... S3 Vectors").
 */
export const BEDROCK_NON_FILTERABLE_METADATA_KEYS = ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'];

/** What the knowledge-base role may do on its index: read, write and query vectors. */
const INDEX_ACTIONS = ['s3vectors:GetIndex', 's3vectors:QueryVectors', 's3vectors:PutVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors'];

const VECTOR_BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Properties of an S3 Vectors store.
 */
export interface S3VectorStoreProps {
  /**
   * Name of the vector bucket: 3 to 63 lowercase letters, digits and hyphens, unique in the account
   * and region. A named bucket cannot be replaced by an update.
   *
   * @default - CloudFormation generates a name
   */
  readonly vectorBucketName?: string;

  /**
   * The customer-managed key the vector bucket (and so every index in it) is encrypted with. Its
   * policy must let `indexing.s3vectors.amazonaws.com` decrypt for this account's vector buckets
   * (added here when the key is defined in this app).
   *
   * @default - a key with rotation, retained on deletion
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What deleting the stack does to the bucket, the indexes and the key this store creates.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An Amazon S3 Vectors vector bucket, encrypted with a customer-managed key (SSE-KMS), for
 * knowledge-base indexes. Each knowledge base that binds to it gets its own index in the bucket,
 * sized and measured for its embedding model; the index sets no encryption of its own and so
 * inherits the bucket's key (never a silent downgrade to SSE-S3).
 *
 * No cluster, no idle cost: storage, writes and queries are billed by use.
 */
export class S3VectorStore extends Construct implements IVectorStore {
  /** `S3_VECTORS` */
  public readonly storageType: string = 'S3_VECTORS';
  /** The vector bucket */
  public readonly vectorBucket: s3vectors.CfnVectorBucket;
  /** The vector bucket's ARN */
  public readonly vectorBucketArn: string;
  /** The key the bucket and its indexes are encrypted with */
  public readonly encryptionKey: kms.IKey;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: S3VectorStoreProps = {}) {
    super(scope, id);
    const problems = new Problems();
    const name = props.vectorBucketName;
    if (name !== undefined && !Token.isUnresolved(name)) {
      problems.check(VECTOR_BUCKET_NAME.test(name),
        `vectorBucketName '${name}' is not allowed: use 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
    }
    problems.throwIfAny(this, 'S3VectorStore', BedrockLandingZoneErrorCode.S3_VECTOR_STORE_PROPS);

    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const stack = Stack.of(this);
    this.encryptionKey = props.encryptionKey ?? hardenedKey(this, 'Key', 'Amazon S3 Vectors bucket of Amazon Bedrock knowledge bases', this.removalPolicy);
    // S3 Vectors maintains indexes in the background as indexing.s3vectors.amazonaws.com: it must be
    // able to decrypt, for this account's vector buckets only (S3 user guide, "Data protection and
    // encryption in S3 Vectors").
    this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AmazonS3VectorsIndexing',
      principals: [new iam.ServicePrincipal('indexing.s3vectors.amazonaws.com')],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3vectors:${stack.region}:${stack.account}:bucket/*` },
      },
    }));

    this.vectorBucket = new s3vectors.CfnVectorBucket(this, 'Resource', {
      vectorBucketName: name,
      encryptionConfiguration: { sseType: 'aws:kms', kmsKeyArn: this.encryptionKey.keyArn },
    });
    this.vectorBucket.applyRemovalPolicy(this.removalPolicy);
    if (this.encryptionKey instanceof Construct) this.vectorBucket.node.addDependency(this.encryptionKey);
    this.vectorBucketArn = this.vectorBucket.attrVectorBucketArn;
  }

  /**
   * Creates the knowledge base's index in the bucket (construct ID `VectorIndex` under the knowledge
   * base): float32, the model's dimensions and distance metric, Bedrock's text and metadata keys
   * non-filterable, no encryption setting of its own (it inherits the bucket's key).
   */
  public bind(knowledgeBase: Construct, options: VectorStoreBindOptions): VectorStoreBinding {
    const problems = new Problems();
    problems.check(options.dataType === VectorDataType.FLOAT32,
      `the embedding data type is ${options.dataType}, but S3 Vectors stores only FLOAT32 vectors: use VectorDataType.FLOAT32, or an OpenSearchServerlessVectorStore for BINARY`);
    problems.check(options.dimensions >= 1 && options.dimensions <= 4096,
      `the embedding dimensions are ${options.dimensions}; an S3 Vectors index holds 1 to 4096 dimensions`);
    problems.throwIfAny(knowledgeBase, 'S3VectorStore', BedrockLandingZoneErrorCode.VECTOR_STORE_BINDING);

    const index = new s3vectors.CfnIndex(knowledgeBase, 'VectorIndex', {
      vectorBucketArn: this.vectorBucketArn,
      dataType: 'float32',
      dimension: options.dimensions,
      distanceMetric: s3VectorsMetric(options.distanceMetric),
      metadataConfiguration: { nonFilterableMetadataKeys: [...BEDROCK_NON_FILTERABLE_METADATA_KEYS] },
    });
    index.applyRemovalPolicy(this.removalPolicy);
    return {
      storageConfiguration: { type: this.storageType, s3VectorsConfiguration: { indexArn: index.attrIndexArn } },
      statements: [
        new iam.PolicyStatement({ sid: 'VectorIndex', actions: INDEX_ACTIONS, resources: [index.attrIndexArn] }),
        new iam.PolicyStatement({ sid: 'VectorIndexKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.encryptionKey.keyArn] }),
      ],
      dependencies: [index],
    };
  }
}
