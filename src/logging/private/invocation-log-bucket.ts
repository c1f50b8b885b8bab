import { Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  accessLogsBucket, acknowledgeNoReplication, acknowledgeOptionalObjectLock, logAccessTo, publishEventsToEventBridge,
} from '../../core/hardened-stores';

/** How the invocation log bucket keeps its objects. */
export interface InvocationLogBucketSettings {
  readonly encryptionKey?: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
  readonly objectLockRetention?: s3.ObjectLockRetention;
  readonly transitionToInfrequentAccessAfter?: Duration;
  readonly transitionToGlacierAfter?: Duration;
  readonly expiration?: Duration;
}

/** The log bucket and the bucket of its server access logs. */
export interface InvocationLogBuckets {
  readonly logBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
}

/**
 * The bucket of the S3 logs and, for the CloudWatch destination, of payloads over 100 KB and binary
 * data (child `LogBucket` of `scope`), with its server access logs bucket (`AccessLogsBucket`). Both
 * deny deleting or rewriting logs, and writes by anyone but the service that delivers them.
 */
export function invocationLogBuckets(scope: Construct, settings: InvocationLogBucketSettings): InvocationLogBuckets {
  const accessLogs = accessLogsBucket(scope, 'AccessLogsBucket', settings.removalPolicy);
  const bucket = new s3.Bucket(scope, 'LogBucket', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: settings.encryptionKey,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    objectLockEnabled: settings.objectLockRetention !== undefined ? true : undefined,
    objectLockDefaultRetention: settings.objectLockRetention,
    lifecycleRules: [{
      id: 'invocation-logs',
      transitions: [
        { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: settings.transitionToInfrequentAccessAfter ?? Duration.days(90) },
        { storageClass: s3.StorageClass.GLACIER, transitionAfter: settings.transitionToGlacierAfter ?? Duration.days(365) },
      ],
      expiration: settings.expiration,
      noncurrentVersionExpiration: settings.expiration,
    }],
    removalPolicy: settings.removalPolicy,
  });
  acknowledgeNoReplication(bucket);
  publishEventsToEventBridge(bucket);
  logAccessTo(bucket, accessLogs, 'log-bucket/');
  acknowledgeOptionalObjectLock(accessLogs);
  if (settings.objectLockRetention === undefined) acknowledgeOptionalObjectLock(bucket);
  for (const [b, writer] of [[bucket, 'bedrock.amazonaws.com'], [accessLogs, 'logging.s3.amazonaws.com']] as const) {
    // Tags decide access only on buckets with ABAC on: the organization policies protect these two by tag.
    (b.node.defaultChild as s3.CfnBucket).abacStatus = 'Enabled';
    // Logs are evidence: nobody deletes them, shortens their retention or shares them; expiry is the lifecycle rule's.
    b.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyLogDeletion',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectAcl',
        's3:PutObjectVersionAcl'],
      resources: [b.arnForObjects('*')],
    }));
    // Only the service that delivers the logs writes them: a forged or overwritten log line is no evidence.
    b.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyWritesByOthers',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [b.arnForObjects('*')],
      conditions: { StringNotEquals: { 'aws:PrincipalServiceName': writer } },
    }));
  }
  return { logBucket: bucket, accessLogsBucket: accessLogs };
}
