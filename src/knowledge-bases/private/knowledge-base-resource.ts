import { RemovalPolicy, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import { applicationLogsProblems } from './knowledge-base-role';
import { knowledgeBaseNameProblems } from './names';
import { KnowledgeBaseOptions } from '../knowledge-base';

/** The problems of the props every knowledge base created here takes: its name and its log settings. */
export function knowledgeBaseOptionsProblems(knowledgeBaseName: string, options: KnowledgeBaseOptions): string[] {
  return [...knowledgeBaseNameProblems(knowledgeBaseName), ...applicationLogsProblems(options)];
}

/** What a knowledge base created here is made of, besides its type's own configuration. */
export interface KnowledgeBaseResourceSpec {
  readonly knowledgeBaseName: string;
  readonly description?: string;
  readonly role: iam.IRole;
  readonly rolePolicy: iam.ManagedPolicy;
  readonly removalPolicy: RemovalPolicy;
  readonly knowledgeBaseConfiguration: bedrock.CfnKnowledgeBase.KnowledgeBaseConfigurationProperty;
  readonly storageConfiguration?: bedrock.CfnKnowledgeBase.StorageConfigurationProperty;
  /** What Bedrock checks, besides the role's policy, when it creates the knowledge base */
  readonly dependencies?: IDependable[];
}

/**
 * The `AWS::Bedrock::KnowledgeBase` (construct ID `Resource`), created after its role's policy:
 * Bedrock checks the role's access to the model and the store when it creates the knowledge base.
 */
export function knowledgeBaseResource(scope: Construct, spec: KnowledgeBaseResourceSpec): bedrock.CfnKnowledgeBase {
  const resource = new bedrock.CfnKnowledgeBase(scope, 'Resource', {
    name: spec.knowledgeBaseName,
    description: spec.description,
    roleArn: spec.role.roleArn,
    knowledgeBaseConfiguration: spec.knowledgeBaseConfiguration,
    storageConfiguration: spec.storageConfiguration,
  });
  resource.applyRemovalPolicy(spec.removalPolicy);
  resource.node.addDependency(spec.rolePolicy, ...spec.dependencies ?? []);
  return resource;
}
