import {
  Annotations, DefaultStackSynthesizer, Fn, Lazy, RemovalPolicy, Stack, Token,
  aws_iam as iam, aws_kms as kms, aws_opensearchserverless as aoss,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DistanceMetric, VectorDataType } from './embedding-model';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { lowercaseName } from './private/names';
import { IVectorStore, VectorStoreBindOptions, VectorStoreBinding } from './vector-store';
import { hardenedKey } from '../core/hardened-stores';
import { Problems } from '../core/validation';

/** Field names Bedrock's own quick-create uses, so tools that expect them work unchanged. */
export const OPENSEARCH_VECTOR_FIELD = 'bedrock-knowledge-base-default-vector';
/** The text field of the index */
export const OPENSEARCH_TEXT_FIELD = 'AMAZON_BEDROCK_TEXT_CHUNK';
/** The metadata field of the index (stored, not indexed) */
export const OPENSEARCH_METADATA_FIELD = 'AMAZON_BEDROCK_METADATA';

const COLLECTION_NAME = /^[a-z][a-z0-9-]{2,31}$/;
const INDEX_NAME = /^[a-z0-9][a-z0-9_-]{0,254}$/;
const VPC_ENDPOINT_ID = /^vpce-[0-9a-z]{1,32}$/;

/**
 * Who may reach an OpenSearch Serverless collection over the network (its network policy).
 */
export class OpenSearchNetworkAccess {
  /** Amazon Bedrock only (`SourceServices: [bedrock.amazonaws.com]`), never the internet. */
  public static readonly BEDROCK_ONLY = new OpenSearchNetworkAccess(false, []);

  /**
   * Public endpoint: reachable from the internet (still subject to the data access policy). Refused
   * at synth unless the store also sets `allowPublicNetworkAccess: true`.
   */
  public static readonly PUBLIC = new OpenSearchNetworkAccess(true, []);

  /**
   * Amazon Bedrock, and these OpenSearch Serverless VPC endpoints (`AWS::OpenSearchServerless::VpcEndpoint`
   * IDs, `vpce-...`) for your own applications in a VPC.
   *
   * @param vpcEndpointIds the OpenSearch Serverless VPC endpoint IDs
   */
  public static fromVpcEndpoints(vpcEndpointIds: string[]): OpenSearchNetworkAccess {
    return new OpenSearchNetworkAccess(false, vpcEndpointIds);
  }

  /** Whether the collection is reachable from the internet */
  public readonly isPublic: boolean;
  /** The OpenSearch Serverless VPC endpoints that may reach the collection */
  public readonly vpcEndpointIds: string[];

  private constructor(isPublic: boolean, vpcEndpointIds: string[]) {
    this.isPublic = isPublic;
    this.vpcEndpointIds = [...vpcEndpointIds];
  }
}

/**
 * Properties of an OpenSearch Serverless vector store.
 */
export interface OpenSearchServerlessVectorStoreProps {
  /**
   * Name of the collection, also used for its encryption, network and data access policies:
   * 3 to 32 characters, lowercase letters, digits and hyphens, starting with a letter.
   *
   * @default - derived from the construct path
   */
  readonly collectionName?: string;

  /**
   * The customer-managed key the collection is encrypted with (its encryption policy). Collections
   * with different keys each keep their own capacity floor: share one key between the collections
   * of an account to share the floor.
   *
   * @default - a key with rotation, retained on deletion
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Standby replicas in a second availability zone. They double the idle capacity floor (about $350
   * instead of $175 a month in us-east-1); turn them on for production.
   *
   * @default false
   */
  readonly standbyReplicas?: boolean;

  /**
   * Who may reach the collection over the network.
   *
   * @default OpenSearchNetworkAccess.BEDROCK_ONLY
   */
  readonly networkAccess?: OpenSearchNetworkAccess;

  /**
   * The explicit opt-in that `OpenSearchNetworkAccess.PUBLIC` needs.
   *
   * @default false
   */
  readonly allowPublicNetworkAccess?: boolean;

  /**
   * The principal CloudFormation deploys with: the data access policy lets it create the indexes
   * (`AWS::OpenSearchServerless::Index`) and nothing else.
   *
   * @default - the CloudFormation execution role of the stack's `DefaultStackSynthesizer`; required
   * with any other synthesizer
   */
  readonly deploymentRoleArn?: string;

  /**
   * What deleting the stack does to the collection, its indexes and the key this store creates.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An Amazon OpenSearch Serverless `VECTORSEARCH` collection for knowledge-base indexes: encrypted
 * with a customer-managed key, reachable only by Amazon Bedrock (and the VPC endpoints you name),
 * with a data access policy that names each bound knowledge base's role and the deploying role.
 *
 * Each knowledge base that binds to it gets its own index, created natively with
 * `AWS::OpenSearchServerless::Index` (no Lambda function). Billed per OCU-hour with an idle floor.
 */
export class OpenSearchServerlessVectorStore extends Construct implements IVectorStore {
  /** `OPENSEARCH_SERVERLESS` */
  public readonly storageType: string = 'OPENSEARCH_SERVERLESS';
  /** The collection */
  public readonly collection: aoss.CfnCollection;
  /** The collection's name */
  public readonly collectionName: string;
  /** The collection's ARN */
  public readonly collectionArn: string;
  /** The collection's key */
  public readonly encryptionKey: kms.IKey;
  /** The encryption policy */
  public readonly encryptionPolicy: aoss.CfnSecurityPolicy;
  /** The network policy */
  public readonly networkPolicy: aoss.CfnSecurityPolicy;
  /** The data access policy */
  public readonly dataAccessPolicy: aoss.CfnAccessPolicy;
  private readonly removalPolicy: RemovalPolicy;
  private readonly readerRoleArns: string[] = [];
  private readonly deploymentRoleArn: string;

  constructor(scope: Construct, id: string, props: OpenSearchServerlessVectorStoreProps = {}) {
    super(scope, id);
    const network = props.networkAccess ?? OpenSearchNetworkAccess.BEDROCK_ONLY;
    this.collectionName = props.collectionName ?? lowercaseName(this, 32);
    const deploymentRoleArn = props.deploymentRoleArn ?? deploymentRole(this);
    validate(this, props, this.collectionName, network, deploymentRoleArn);
    this.deploymentRoleArn = deploymentRoleArn!;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const stack = Stack.of(this);
    const name = this.collectionName;
    const collectionResource = [`collection/${name}`];

    this.encryptionKey = props.encryptionKey ?? hardenedKey(this, 'Key', 'Amazon OpenSearch Serverless collection of Amazon Bedrock knowledge bases', this.removalPolicy);
    this.encryptionPolicy = new aoss.CfnSecurityPolicy(this, 'EncryptionPolicy', {
      name,
      type: 'encryption',
      description: 'Customer-managed key for the knowledge-base collection',
      policy: stack.toJsonString({
        Rules: [{ ResourceType: 'collection', Resource: collectionResource }],
        AWSOwnedKey: false,
        KmsARN: this.encryptionKey.keyArn,
      }),
    });

    const rule: Record<string, unknown> = {
      Description: network.isPublic ? 'Public access (explicit opt-in)' : 'Amazon Bedrock and the given VPC endpoints only',
      Rules: [{ ResourceType: 'collection', Resource: collectionResource }],
      AllowFromPublic: network.isPublic,
    };
    if (!network.isPublic) {
      rule.SourceServices = ['bedrock.amazonaws.com'];
      if (network.vpcEndpointIds.length > 0) rule.SourceVPCEs = network.vpcEndpointIds;
    }
    this.networkPolicy = new aoss.CfnSecurityPolicy(this, 'NetworkPolicy', {
      name,
      type: 'network',
      description: 'Network access to the knowledge-base collection',
      policy: stack.toJsonString([rule]),
    });
    if (network.isPublic) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:publicCollection',
        `The OpenSearch Serverless collection '${name}' is reachable from the internet (allowPublicNetworkAccess is set); only its data access policy protects it.`);
    }

    this.dataAccessPolicy = new aoss.CfnAccessPolicy(this, 'DataAccessPolicy', {
      name,
      type: 'data',
      description: 'Knowledge-base roles read and write documents; the deployment role manages indexes',
      policy: Lazy.string({ produce: () => stack.toJsonString(this.dataAccessDocument()) }),
    });

    this.collection = new aoss.CfnCollection(this, 'Resource', {
      name,
      type: 'VECTORSEARCH',
      standbyReplicas: props.standbyReplicas ? 'ENABLED' : 'DISABLED',
      description: 'Vector store of Amazon Bedrock knowledge bases',
    });
    this.collection.applyRemovalPolicy(this.removalPolicy);
    // A kept collection is only usable with its policies: they are kept with it.
    for (const policy of [this.encryptionPolicy, this.networkPolicy, this.dataAccessPolicy]) policy.applyRemovalPolicy(this.removalPolicy);
    this.collection.addResourceDependency(this.encryptionPolicy);
    this.collection.addResourceDependency(this.networkPolicy);
    this.collectionArn = this.collection.attrArn;
  }

  /**
   * Creates the knowledge base's index in the collection (construct ID `VectorIndex` under the
   * knowledge base, index name derived from its path), adds its role to the data access policy and
   * returns the storage configuration.
   */
  public bind(knowledgeBase: Construct, options: VectorStoreBindOptions): VectorStoreBinding {
    const problems = new Problems();
    problems.check(options.dimensions >= 1 && options.dimensions <= 16000,
      `the embedding dimensions are ${options.dimensions}; an OpenSearch knn_vector field holds 1 to 16000 dimensions`);
    problems.throwIfAny(knowledgeBase, 'OpenSearchServerlessVectorStore', BedrockLandingZoneErrorCode.VECTOR_STORE_BINDING);
    this.readerRoleArns.push(options.role.roleArn);

    const indexName = lowercaseName(knowledgeBase, 64);
    if (!INDEX_NAME.test(indexName)) fail(BedrockLandingZoneErrorCode.INTERNAL, `internal: index name ${indexName}`, knowledgeBase);
    const binary = options.dataType === VectorDataType.BINARY;
    const index = new aoss.CfnIndex(knowledgeBase, 'VectorIndex', {
      collectionEndpoint: this.collection.attrCollectionEndpoint,
      indexName,
      settings: { index: { knn: true } },
      mappings: {
        properties: {
          [OPENSEARCH_VECTOR_FIELD]: {
            type: 'knn_vector',
            dimension: options.dimensions,
            dataType: binary ? 'binary' : undefined,
            method: {
              name: 'hnsw',
              engine: 'faiss',
              // faiss has no cosinesimil: the inner product of unit vectors (Titan and Cohere
              // embeddings are normalized) is their cosine.
              spaceType: binary ? 'hamming' : options.distanceMetric === DistanceMetric.EUCLIDEAN ? 'l2' : 'innerproduct',
            },
          },
          [OPENSEARCH_TEXT_FIELD]: { type: 'text', index: true },
          [OPENSEARCH_METADATA_FIELD]: { type: 'text', index: false },
        },
      },
    });
    index.applyRemovalPolicy(this.removalPolicy);
    index.addResourceDependency(this.collection);
    index.addResourceDependency(this.dataAccessPolicy);
    return {
      storageConfiguration: {
        type: this.storageType,
        opensearchServerlessConfiguration: {
          collectionArn: this.collectionArn,
          vectorIndexName: indexName,
          fieldMapping: { vectorField: OPENSEARCH_VECTOR_FIELD, textField: OPENSEARCH_TEXT_FIELD, metadataField: OPENSEARCH_METADATA_FIELD },
        },
      },
      statements: [
        // aoss:APIAccessAll is the one IAM action of the data plane; what the role may do inside
        // the collection is decided by the data access policy.
        new iam.PolicyStatement({ sid: 'VectorCollection', actions: ['aoss:APIAccessAll'], resources: [this.collectionArn] }),
      ],
      dependencies: [index, this.dataAccessPolicy],
    };
  }

  private dataAccessDocument(): unknown[] {
    const name = this.collectionName;
    const statements: unknown[] = [];
    if (this.readerRoleArns.length > 0) {
      statements.push({
        Description: 'Knowledge-base roles: read and write documents',
        Rules: [
          { ResourceType: 'collection', Resource: [`collection/${name}`], Permission: ['aoss:DescribeCollectionItems'] },
          { ResourceType: 'index', Resource: [`index/${name}/*`], Permission: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'] },
        ],
        Principal: [...this.readerRoleArns],
      });
    }
    statements.push({
      Description: 'Deployment role: manage indexes, no document access',
      Rules: [
        { ResourceType: 'collection', Resource: [`collection/${name}`], Permission: ['aoss:DescribeCollectionItems', 'aoss:CreateCollectionItems', 'aoss:UpdateCollectionItems'] },
        { ResourceType: 'index', Resource: [`index/${name}/*`], Permission: ['aoss:CreateIndex', 'aoss:DescribeIndex', 'aoss:UpdateIndex', 'aoss:DeleteIndex'] },
      ],
      Principal: [this.deploymentRoleArn],
    });
    return statements;
  }
}

/** The CloudFormation execution role of a DefaultStackSynthesizer, with its placeholders resolved. */
function deploymentRole(scope: Construct): string | undefined {
  const synthesizer = Stack.of(scope).synthesizer;
  if (!(synthesizer instanceof DefaultStackSynthesizer)) return undefined;
  const arn = synthesizer.cloudFormationExecutionRoleArn;
  return arn.includes('${') ? Fn.sub(arn) : arn;
}

function validate(scope: Construct, props: OpenSearchServerlessVectorStoreProps, name: string, network: OpenSearchNetworkAccess,
  deploymentRoleArn: string | undefined): void {
  const problems = new Problems();
  if (!Token.isUnresolved(name)) {
    problems.check(COLLECTION_NAME.test(name),
      `collectionName '${name}' is not allowed: use 3 to 32 lowercase letters, digits and hyphens, starting with a letter`);
  }
  if (network.isPublic && props.allowPublicNetworkAccess !== true) {
    problems.add('networkAccess is OpenSearchNetworkAccess.PUBLIC, which makes the collection reachable from the internet: ' +
      'use OpenSearchNetworkAccess.BEDROCK_ONLY or fromVpcEndpoints([...]), or set allowPublicNetworkAccess: true to opt in explicitly');
  }
  if (props.allowPublicNetworkAccess && !network.isPublic) {
    problems.add('allowPublicNetworkAccess is true, but networkAccess is not OpenSearchNetworkAccess.PUBLIC: remove it');
  }
  for (const id of network.vpcEndpointIds) {
    if (!Token.isUnresolved(id)) {
      problems.check(VPC_ENDPOINT_ID.test(id), `networkAccess VPC endpoint '${id}' is not an OpenSearch Serverless VPC endpoint ID (vpce-...)`);
    }
  }
  problems.check(deploymentRoleArn !== undefined,
    'the stack does not use DefaultStackSynthesizer, so the role CloudFormation deploys with is unknown: pass deploymentRoleArn (the data access policy lets it create the index)');
  problems.throwIfAny(scope, 'OpenSearchServerlessVectorStore', BedrockLandingZoneErrorCode.OPENSEARCH_VECTOR_STORE_PROPS);
}
