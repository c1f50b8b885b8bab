import { aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import { DistanceMetric, VectorDataType } from './embedding-model';

/**
 * What a knowledge base tells its vector store when it binds to it.
 */
export interface VectorStoreBindOptions {
  /** The knowledge base's service role: the store lets it read and write vectors */
  readonly role: iam.IRole;
  /** The vector dimensions of the embedding model */
  readonly dimensions: number;
  /** The vector data type of the embedding model */
  readonly dataType: VectorDataType;
  /** The distance metric of the embedding model */
  readonly distanceMetric: DistanceMetric;
}

/**
 * What a vector store gives a knowledge base that binds to it.
 */
export interface VectorStoreBinding {
  /** The knowledge base's `StorageConfiguration` */
  readonly storageConfiguration: bedrock.CfnKnowledgeBase.StorageConfigurationProperty;
  /** What the knowledge-base role needs to use the store, and nothing else */
  readonly statements: iam.PolicyStatement[];
  /** Resources the knowledge base must be created after (the index, the access policy) */
  readonly dependencies: IDependable[];
}

/**
 * A vector store a `VectorKnowledgeBase` keeps its embeddings in: `S3VectorStore` (the default),
 * `OpenSearchServerlessVectorStore`, or an existing store (`ExistingVectorStore`).
 */
export interface IVectorStore {
  /** The storage type Bedrock knows the store by (`S3_VECTORS`, `OPENSEARCH_SERVERLESS`) */
  readonly storageType: string;

  /**
   * Binds a knowledge base to the store: creates what the knowledge base needs in it (an index sized
   * for its embedding model, access for its role) and returns the storage configuration.
   *
   * @param knowledgeBase the knowledge base construct; per-knowledge-base resources are created in it
   * @param options the role and the embedding model's vector facts
   */
  bind(knowledgeBase: Construct, options: VectorStoreBindOptions): VectorStoreBinding;
}
