import { IResource, Resource, aws_iam as iam } from 'aws-cdk-lib';
import { IBedrockInvokable, InvokeGrantOptions } from '../models';
import { denyDoorsOutsideEndpoints, grantStatements } from '../models/invoke-statements';

/**
 * An Amazon Bedrock knowledge base, created here or imported.
 */
export interface IKnowledgeBase extends IResource {
  /** The knowledge base ID */
  readonly knowledgeBaseId: string;
  /** The knowledge base ARN: `arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>` */
  readonly knowledgeBaseArn: string;

  /** Allows `bedrock:Retrieve` on this knowledge base. */
  grantRetrieve(grantee: iam.IGrantable): iam.Grant;

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
 * An existing knowledge base.
 */
export interface KnowledgeBaseAttributes {
  /** The knowledge base ARN: `arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>` */
  readonly knowledgeBaseArn: string;
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

  /** Allows `bedrock:Retrieve` on this knowledge base. */
  public grantRetrieve(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['bedrock:Retrieve'], resourceArns: [this.knowledgeBaseArn] });
  }

  /**
   * Allows `bedrock:Retrieve` on this knowledge base and `bedrock:RetrieveAndGenerate`, plus what
   * invoking the generation model needs (through its own grant, so inference profiles are handled).
   *
   * `bedrock:RetrieveAndGenerate` has no resource type: it can only be allowed on `*`. What it
   * reaches is still limited: Bedrock authorizes the `bedrock:Retrieve` on the knowledge base and
   * the model invocation against the caller's identity policy.
   */
  public grantRetrieveAndGenerate(grantee: iam.IGrantable, generationModel: IBedrockInvokable, options: InvokeGrantOptions = {}): iam.Grant {
    const grant = this.grantRetrieve(grantee)
      .combine(iam.Grant.addToPrincipal({ grantee, actions: [RETRIEVE_AND_GENERATE], resourceArns: ['*'] }))
      .combine(generationModel.grantInvoke(grantee, options));
    const endpoints = options.requireVpcEndpoints ?? [];
    // The generation call is Bedrock's (aws:ViaAWSService), so the model's endpoint Deny does not stop it.
    if (endpoints.length > 0) grantStatements(grantee, [denyDoorsOutsideEndpoints('bedrock-agent-runtime', endpoints)]);
    return grant;
  }

  /** Allows `bedrock:StartIngestionJob`, `GetIngestionJob` and `ListIngestionJobs` on this knowledge base. */
  public grantIngest(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: INGEST_ACTIONS, resourceArns: [this.knowledgeBaseArn] });
  }
}
