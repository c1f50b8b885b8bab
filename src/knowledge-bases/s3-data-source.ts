import { CfnResource, RemovalPolicy, Stack, Token, Validations, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChunkingStrategy } from './chunking-strategy';
import { IVectorKnowledgeBase } from './knowledge-base';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IBedrockInvokable } from '../models';
import { embeddingModelArnOf } from './private/knowledge-base-role';
import { BEDROCK_NAME, bedrockName } from './private/names';
import { hardenedKey } from '../core/hardened-stores';
import { Problems } from '../core/validation';
import { recordRoute } from '../models/grants/residency-records';

/**
 * What happens to the vectors of a data source when the data source or knowledge base is deleted.
 */
export enum DataDeletionPolicy {
  /** Keep the vectors in the store */
  RETAIN = 'RETAIN',
  /** Delete the data source's vectors from the store */
  DELETE = 'DELETE',
}

/**
 * Options of an S3 data source (for `VectorKnowledgeBase.addS3DataSource`).
 */
export interface S3DataSourceOptions {
  /** The bucket that holds the documents */
  readonly bucket: s3.IBucket;

  /**
   * The one key prefix to ingest, e.g. `policies/` (no leading `/`, no wildcard, 1 to 300 characters).
   * Bedrock accepts at most one inclusion prefix per data source: add a data source per prefix.
   *
   * @default - the whole bucket
   */
  readonly inclusionPrefixes?: string[];

  /**
   * How documents are split into chunks.
   *
   * @default ChunkingStrategy.DEFAULT (fixed size, 300 tokens, 20% overlap)
   */
  readonly chunkingStrategy?: ChunkingStrategy;

  /**
   * Parse documents (tables, figures, scans) with this foundation model. The knowledge-base role may
   * invoke it.
   *
   * @default - Bedrock's default text parser
   */
  readonly parsingModel?: IBedrockInvokable;

  /**
   * The instructions given to `parsingModel`.
   *
   * @default - Bedrock's default parsing prompt
   */
  readonly parsingPrompt?: string;

  /**
   * The customer-managed key for the data Bedrock keeps transiently while it ingests (Security Hub
   * control Bedrock.1).
   *
   * @default - a key with rotation, retained on deletion
   */
  readonly transientDataKey?: kms.IKey;

  /**
   * What happens to the data source's vectors when it is deleted.
   *
   * @default DataDeletionPolicy.RETAIN
   */
  readonly dataDeletionPolicy?: DataDeletionPolicy;

  /**
   * Name of the data source: 1 to 100 letters, digits, and single `-` or `_` between them.
   *
   * @default - derived from the construct path
   */
  readonly dataSourceName?: string;

  /**
   * Description of the data source.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Properties of an S3 data source.
 */
export interface S3DataSourceProps extends S3DataSourceOptions {
  /** The knowledge base the documents are ingested into (a `VectorKnowledgeBase`, or your own) */
  readonly knowledgeBase: IVectorKnowledgeBase;
}

const MAX_PREFIX_LENGTH = 300;

/**
 * An Amazon S3 data source of a vector knowledge base: one bucket prefix, validated chunking,
 * optional foundation-model parsing, a customer-managed key for transient data, vectors retained
 * when it is deleted.
 *
 * The knowledge-base role gets `s3:GetObject` on `<bucket>/<prefix>*`, `s3:ListBucket` conditioned
 * on the same prefix, and `kms:Decrypt` on the bucket's key (through S3 only).
 */
export class S3DataSource extends Construct {
  /** The data source ID */
  public readonly dataSourceId: string;
  /** The `AWS::Bedrock::DataSource` */
  public readonly resource: bedrock.CfnDataSource;
  /** The key of the transient ingestion data */
  public readonly transientDataKey: kms.IKey;

  constructor(scope: Construct, id: string, props: S3DataSourceProps) {
    super(scope, id);
    const kb = props.knowledgeBase;
    const chunking = props.chunkingStrategy ?? ChunkingStrategy.DEFAULT;
    const prefixes = props.inclusionPrefixes ?? [];
    const name = props.dataSourceName ?? bedrockName(this);

    const problems = new Problems();
    chunking.problems().forEach(p => problems.add(`chunkingStrategy: ${p}`));
    problems.check(prefixes.length <= 1,
      `inclusionPrefixes has ${prefixes.length} prefixes (${prefixes.join(', ')}); Bedrock accepts one per data source: add a data source per prefix`);
    for (const prefix of prefixes) {
      if (Token.isUnresolved(prefix)) continue;
      if (prefix.length === 0) {
        problems.add('inclusionPrefixes has an empty prefix: give a key prefix such as \'documents/\', or omit inclusionPrefixes for the whole bucket');
      } else if (prefix.startsWith('/') || prefix.includes('//') || /[*?]/.test(prefix) || prefix.length > MAX_PREFIX_LENGTH || /\s$|^\s/.test(prefix)) {
        problems.add(`inclusion prefix '${prefix}' is malformed: a key prefix has no leading '/', no '//', no wildcard (* or ?), ` +
          `no surrounding spaces, and 1 to ${MAX_PREFIX_LENGTH} characters`);
      }
    }
    if (!Token.isUnresolved(name)) {
      problems.check(BEDROCK_NAME.test(name), `dataSourceName '${name}' is not allowed: use 1 to 100 letters and digits, with single '-' or '_' between them`);
    }
    problems.check(!(props.parsingPrompt !== undefined && !props.parsingModel), 'parsingPrompt is given without parsingModel');
    problems.throwIfAny(this, 'S3DataSource', BedrockLandingZoneErrorCode.S3_DATA_SOURCE_PROPS);

    const stack = Stack.of(this);
    this.transientDataKey = props.transientDataKey
      ?? hardenedKey(this, 'TransientDataKey', 'Transient ingestion data of an Amazon Bedrock knowledge base data source', kb.removalPolicy);

    // What the knowledge-base role needs for this data source, and nothing else.
    const readPrefixes = prefixes.length > 0 ? prefixes : [''];
    const objectArns = readPrefixes.map(p => props.bucket.arnForObjects(`${p}*`));
    const statements = [
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: objectArns,
        conditions: { StringEquals: { 'aws:ResourceAccount': stack.account } },
      }),
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
        conditions: {
          StringEquals: { 'aws:ResourceAccount': stack.account },
          ...(prefixes.length > 0 ? { StringLike: { 's3:prefix': prefixes.map(p => `${p}*`) } } : {}),
        },
      }),
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.transientDataKey.keyArn] }),
    ];
    if (props.bucket.encryptionKey) {
      statements.push(new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.bucket.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
      }));
    }
    if (props.parsingModel) {
      const parsing = props.parsingModel.invokeStatements(this);
      statements.push(...parsing);
      recordRoute({ target: kb.rolePolicy, model: props.parsingModel, options: {}, statements: parsing, purpose: `document parsing of ${this.node.path}` });
    }
    kb.rolePolicy.addStatements(...statements);

    // The object-prefix wildcard is the narrowest resource S3 has for "every document under the prefix".
    const policyResource = kb.rolePolicy.node.defaultChild as CfnResource;
    for (const arn of objectArns) {
      const finding = nagResource(Stack.of(policyResource).resolve(arn));
      Validations.of(kb.rolePolicy).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${finding}]`,
        reason: prefixes.length > 0
          ? 'The knowledge base reads every document under its data-source prefix and nothing outside it: an object-prefix wildcard is the narrowest ' +
            'resource S3 offers for that, and s3:ListBucket is conditioned on the same prefix.'
          : 'The data source ingests the whole bucket (no inclusion prefix): the knowledge base reads every object of that one bucket, read-only, ' +
            'in this account (aws:ResourceAccount).',
      });
    }

    this.resource = new bedrock.CfnDataSource(this, 'Resource', {
      knowledgeBaseId: kb.knowledgeBaseId,
      name,
      description: props.description,
      dataDeletionPolicy: props.dataDeletionPolicy ?? DataDeletionPolicy.RETAIN,
      dataSourceConfiguration: {
        type: 'S3',
        s3Configuration: {
          bucketArn: props.bucket.bucketArn,
          inclusionPrefixes: prefixes.length > 0 ? prefixes : undefined,
        },
      },
      serverSideEncryptionConfiguration: { kmsKeyArn: this.transientDataKey.keyArn },
      vectorIngestionConfiguration: {
        chunkingConfiguration: chunking.toChunkingConfiguration(),
        parsingConfiguration: props.parsingModel ? {
          parsingStrategy: 'BEDROCK_FOUNDATION_MODEL',
          bedrockFoundationModelConfiguration: {
            modelArn: embeddingModelArnOf(this, props.parsingModel),
            parsingPrompt: props.parsingPrompt !== undefined ? { parsingPromptText: props.parsingPrompt } : undefined,
          },
        } : undefined,
      },
    });
    this.resource.applyRemovalPolicy(kb.removalPolicy ?? RemovalPolicy.RETAIN);
    this.resource.node.addDependency(kb.rolePolicy);
    this.dataSourceId = this.resource.attrDataSourceId;
  }
}

/** A resolved resource as cdk-nag writes it in a finding: `<LogicalId.Attr>`, `<Ref>`, literal text. */
function nagResource(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref !== undefined) return `<${value.Ref}>`;
  if (Array.isArray(value?.['Fn::GetAtt'])) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (Array.isArray(value?.['Fn::Join'])) return (value['Fn::Join'][1] as unknown[]).map(nagResource).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
}
