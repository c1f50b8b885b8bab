import { Aws, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { hardenedLogGroup } from '../../core/hardened-stores';
import { CrossRegionInferenceProfile, FoundationModel, IBedrockInvokable } from '../../models';
import { KnowledgeBaseOptions } from '../knowledge-base';

/**
 * The knowledge-base service role: trusted by Bedrock for this account's knowledge bases in this
 * region only (the confused-deputy conditions), with one managed policy that the knowledge base, its
 * store and its data sources add their statements to.
 */
export function knowledgeBaseRole(scope: Construct, description: string): { role: iam.Role; policy: iam.ManagedPolicy } {
  const stack = Stack.of(scope);
  const role = new iam.Role(scope, 'Role', {
    description,
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${stack.region}:${stack.account}:knowledge-base/*` },
      },
    }),
  });
  const policy = new iam.ManagedPolicy(scope, 'RolePolicy', {
    description: 'What the knowledge base needs: its embedding model, its data sources, its vector store; nothing else',
    roles: [role],
  });
  return { role, policy };
}

/** The ARN the knowledge base names as its embedding model (a model or an inference profile). */
export function embeddingModelArnOf(scope: Construct, model: IBedrockInvokable): string {
  if (model instanceof FoundationModel) return model.modelArn(scope);
  if (model instanceof CrossRegionInferenceProfile) return model.inferenceProfileArn(scope);
  // Imported profiles and models are not instances of one class: their interfaces name the ARN.
  const arns = model as { applicationInferenceProfileArn?: unknown; provisionedModelArn?: unknown; customModelArn?: unknown };
  for (const arn of [arns.applicationInferenceProfileArn, arns.provisionedModelArn, arns.customModelArn]) {
    if (typeof arn === 'string') return arn;
  }
  return model.invocationIdentifier(scope);
}

/** The model ID behind an invokable, when it has one (foundation model, inference profile). */
export function modelIdOf(model: IBedrockInvokable): string | undefined {
  const ids = model as { modelId?: unknown; modelSource?: { modelId?: unknown } };
  if (typeof ids.modelId === 'string') return ids.modelId;
  if (typeof ids.modelSource?.modelId === 'string') return ids.modelSource.modelId;
  return undefined;
}

/** What the application logs of a knowledge base are made of. */
export interface ApplicationLogs {
  readonly logGroup: logs.ILogGroup;
  readonly encryptionKey?: kms.IKey;
  readonly deliverySource: CfnDeliverySource;
  readonly deliveryDestination: CfnDeliveryDestination;
  readonly delivery: CfnDelivery;
}

/**
 * Knowledge-base application logs through CloudWatch vended logs: a delivery source on the knowledge
 * base (`APPLICATION_LOGS`), a delivery destination on a log group encrypted with a customer-managed
 * key (one year, retained), and the delivery between them.
 */
export function applicationLogs(scope: Construct, knowledgeBaseArn: string, logGroupName: string, deliveryName: string,
  removalPolicy: RemovalPolicy, existing?: logs.ILogGroup): ApplicationLogs {
  const stack = Stack.of(scope);
  let logGroup: logs.ILogGroup;
  let key: kms.IKey | undefined;
  let destinationArn: string;
  if (existing) {
    logGroup = existing;
    destinationArn = `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${existing.logGroupName}`;
  } else {
    destinationArn = `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}`;
    const created = hardenedLogGroup(scope, 'LogGroup', {
      keyId: 'LogsKey',
      keyDescription: 'Application logs of an Amazon Bedrock knowledge base',
      keyPolicySid: 'CloudWatchLogsKnowledgeBaseLogs',
      logGroupName,
      removalPolicy,
    });
    const group = created.logGroup;
    key = created.key;
    group.node.addDependency(key);
    logGroup = group;
  }
  const deliverySource = new CfnDeliverySource(scope, 'LogDeliverySource', {
    name: `${deliveryName}-source`,
    logType: 'APPLICATION_LOGS',
    resourceArn: knowledgeBaseArn,
  });
  const deliveryDestination = new CfnDeliveryDestination(scope, 'LogDeliveryDestination', {
    name: `${deliveryName}-logs`,
    destinationResourceArn: destinationArn,
  });
  if (logGroup instanceof Construct) deliveryDestination.node.addDependency(logGroup);
  const delivery = new CfnDelivery(scope, 'LogDelivery', {
    deliverySourceName: deliverySource.ref,
    deliveryDestinationArn: deliveryDestination.attrArn,
  });
  delivery.addResourceDependency(deliverySource);
  return { logGroup, encryptionKey: key, deliverySource, deliveryDestination, delivery };
}

/** A log group of your own needs the application logs on. */
export function applicationLogsProblems(settings: KnowledgeBaseOptions): string[] {
  return settings.logGroup && settings.applicationLogs === false ? ['logGroup is given, but applicationLogs is false'] : [];
}

/**
 * The application logs of a knowledge base created here (on unless `applicationLogs` is false), in the
 * log group given or one named after the knowledge base.
 */
export function knowledgeBaseApplicationLogs(scope: Construct, knowledgeBaseArn: string, knowledgeBaseName: string,
  removalPolicy: RemovalPolicy, settings: KnowledgeBaseOptions): ApplicationLogs | undefined {
  if (!(settings.applicationLogs ?? true)) return undefined;
  return applicationLogs(scope, knowledgeBaseArn, `/aws/vendedlogs/bedrock/knowledge-bases/${knowledgeBaseName}`,
    knowledgeBaseName.slice(0, 50), removalPolicy, settings.logGroup);
}
