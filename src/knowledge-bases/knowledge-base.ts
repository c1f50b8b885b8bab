import { IResource, RemovalPolicy, Resource, aws_ec2 as ec2, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { IBedrockInvokable, InvokeGrantOptions } from '../models';
import { knowledgeBaseModelOf } from '../models/grants/residency-records';
import { denyDoorsOutsideEndpoints, grantStatements } from '../models/invoke-statements';

/**
 * Conditions a retrieval grant can require.
 */
export interface RetrieveGrantOptions {
  /**
   * Require calls to come through one of these VPC endpoints (the bedrock-agent-runtime endpoints the
   * caller uses): every bedrock-agent-runtime door (retrieval, agents, flows, ...) whose
   * `aws:SourceVpce` is none of them is explicitly denied. Calls Bedrock makes on the principal's
   * behalf are not affected.
   *
   * @default - calls are allowed from any network path
   */
  readonly requireVpcEndpoints?: ec2.IVpcEndpoint[];
}

/**
 * An Amazon Bedrock knowledge base, created here or imported. Its grants write into the grantee's
 * default policy (a role, user or group) or into an `iam.ManagedPolicy` given as the grantee.
 */
export interface IKnowledgeBase extends IResource {
  /** The knowledge base ID */
  readonly knowledgeBaseId: string;
  /** The knowledge base ARN: `arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>` */
  readonly knowledgeBaseArn: string;

  /** Allows `bedrock:Retrieve` on this knowledge base, optionally only through VPC endpoints. */
  grantRetrieve(grantee: iam.IGrantable, options?: RetrieveGrantOptions): iam.Grant;

  /**
   * Allows `bedrock:Retrieve` on this knowledge base, `bedrock:RetrieveAndGenerate` (which IAM
   * gives no resource type, so it is allowed on `*`), and invoking the generation model, with the
   * guardrail and endpoint requirements of `grantInvoke`. With `requireVpcEndpoints` (the
   * bedrock-agent-runtime endpoints the caller uses), every bedrock-agent-runtime door (retrieval,
   * agents, flows) is denied outside them.
   */
  grantRetrieveAndGenerate(grantee: iam.IGrantable, generationModel: IBedrockInvokable, options?: InvokeGrantOptions): iam.Grant;

  /** Allows starting, reading and listing ingestion jobs of this knowledge base's data sources. */
  grantIngest(grantee: iam.IGrantable): iam.Grant;
}

/**
 * A vector knowledge base as its data sources need it: where they add the statements their
 * ingestion needs, and the removal policy they follow.
 */
export interface IVectorKnowledgeBase extends IKnowledgeBase {
  /**
   * The one managed policy of the knowledge base's service role: each data source adds the
   * statements for its documents (and the keys and parsing model they need) to it.
   */
  readonly rolePolicy: iam.ManagedPolicy;
  /** What deleting the stack does to the knowledge base and its data sources */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * An existing knowledge base.
 */
export interface KnowledgeBaseAttributes {
  /** The knowledge base ARN: `arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>` */
  readonly knowledgeBaseArn: string;
}

/**
 * An existing vector knowledge base that this app adds data sources to.
 */
export interface VectorKnowledgeBaseAttributes extends KnowledgeBaseAttributes {
  /**
   * The knowledge base's service role. Data sources add the statements for their documents to a
   * managed policy created for it in this stack (the role must be in this account).
   */
  readonly role: iam.IRole;
  /**
   * What deleting the stack does to the data sources added here and their keys.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * What every knowledge base this library creates takes: its name and description, its application
 * logs, and what deleting the stack does to it.
 */
export interface KnowledgeBaseOptions {
  /**
   * Name of the knowledge base: 1 to 100 letters, digits, and single `-` or `_` between them.
   *
   * @default - derived from the construct path
   */
  readonly knowledgeBaseName?: string;

  /**
   * Description of the knowledge base.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Deliver the knowledge base's application logs (for a vector knowledge base, the ingestion events
   * of each document) to CloudWatch Logs.
   *
   * @default true
   */
  readonly applicationLogs?: boolean;

  /**
   * The log group for the application logs.
   *
   * @default - `/aws/vendedlogs/bedrock/knowledge-bases/<name>`, encrypted with a customer-managed
   * key (rotation on), kept one year, retained on deletion
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * What deleting the stack does to the knowledge base and what it creates for it: its keys, and for
   * a vector knowledge base its data sources and index.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** `RetrieveAndGenerate` has no resource type in the Service Authorization Reference. */
export const RETRIEVE_AND_GENERATE = 'bedrock:RetrieveAndGenerate';
/** The ingestion-job actions, all on the knowledge-base resource type. */
export const INGEST_ACTIONS = ['bedrock:StartIngestionJob', 'bedrock:GetIngestionJob', 'bedrock:ListIngestionJobs'];

/**
 * The grants every knowledge base has. Extend it for a knowledge base of your own.
 */
export abstract class KnowledgeBaseBase extends Resource implements IKnowledgeBase {
  /** The knowledge base ID */
  public abstract readonly knowledgeBaseId: string;
  /** The knowledge base ARN */
  public abstract readonly knowledgeBaseArn: string;

  /** Allows `bedrock:Retrieve` on this knowledge base, optionally only through VPC endpoints. */
  public grantRetrieve(grantee: iam.IGrantable, options: RetrieveGrantOptions = {}): iam.Grant {
    const endpoints = options.requireVpcEndpoints ?? [];
    // On the residency map: the caller's queries are embedded by the knowledge base's model, where it runs.
    const embedding = knowledgeBaseModelOf(this);
    return grantStatements(grantee, [
      new iam.PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [this.knowledgeBaseArn] }),
      ...(endpoints.length > 0 ? [denyDoorsOutsideEndpoints('bedrock-agent-runtime', endpoints)] : []),
    ], embedding && {
      ...embedding,
      options: { requireVpcEndpoints: options.requireVpcEndpoints },
      door: `knowledge base ${this.node.path} (Retrieve: the query is embedded there)`,
      processedBy: this,
    });
  }

  /**
   * Allows `bedrock:Retrieve` on this knowledge base and `bedrock:RetrieveAndGenerate`, plus what
   * invoking the generation model needs (through its own grant, so inference profiles are handled),
   * with the options' guardrail and endpoint requirements.
   *
   * `bedrock:RetrieveAndGenerate` has no resource type: it can only be allowed on `*`. What it
   * reaches is still limited: Bedrock authorizes the `bedrock:Retrieve` on the knowledge base and
   * the model invocation against the caller's identity policy.
   */
  public grantRetrieveAndGenerate(grantee: iam.IGrantable, generationModel: IBedrockInvokable, options: InvokeGrantOptions = {}): iam.Grant {
    return this.grantRetrieve(grantee, { requireVpcEndpoints: options.requireVpcEndpoints })
      .combine(grantStatements(grantee, [new iam.PolicyStatement({ actions: [RETRIEVE_AND_GENERATE], resources: ['*'] })]))
      .combine(generationModel.grantInvoke(grantee, options));
  }

  /** Allows `bedrock:StartIngestionJob`, `GetIngestionJob` and `ListIngestionJobs` on this knowledge base. */
  public grantIngest(grantee: iam.IGrantable): iam.Grant {
    return grantStatements(grantee, [new iam.PolicyStatement({ actions: INGEST_ACTIONS, resources: [this.knowledgeBaseArn] })]);
  }
}
