import { Aws, Duration, RemovalPolicy, Stack, Validations, aws_iam as iam, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { inEachPack } from './pack-acknowledgements';

/**
 * The library's stateful stores, hardened the same way everywhere: customer-managed keys with
 * rotation, buckets that block public access, enforce TLS and BucketOwnerEnforced, keep versions and
 * log access; everything retained on stack deletion unless the caller says otherwise.
 */

export function hardenedKey(scope: Construct, id: string, description: string, removalPolicy: RemovalPolicy): kms.Key {
  const key = new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy,
    pendingWindow: Duration.days(30),
  });
  limitGrantsToAwsServices(key);
  return key;
}

/** How a hardened log group is made: the key it is encrypted with, its name, retention and removal. */
export interface HardenedLogGroupOptions {
  /** The key to encrypt with; when absent, a hardened key is created with `keyId` and `keyDescription` */
  readonly encryptionKey?: kms.IKey;
  /** The construct ID of the key created when none is given */
  readonly keyId: string;
  /** The description of the key created when none is given */
  readonly keyDescription: string;
  /** The Sid of the key-policy statement that lets CloudWatch Logs use the key for this log group */
  readonly keyPolicySid: string;
  /** The log group's name; when absent, CloudFormation names it (and the key admits any log group of the account and region) */
  readonly logGroupName?: string;
  /** How long events are kept (default one year) */
  readonly retention?: logs.RetentionDays;
  /** What deleting the stack does to the log group and the key it creates */
  readonly removalPolicy: RemovalPolicy;
}

/** A hardened log group, the key it is encrypted with, and that key again when it was created here. */
export interface HardenedLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly key: kms.IKey;
  readonly createdKey?: kms.Key;
}

/**
 * A log group encrypted with a customer-managed key (created with rotation on, or given) that admits
 * CloudWatch Logs of this account and region for this log group only, kept one year unless told.
 */
export function hardenedLogGroup(scope: Construct, id: string, options: HardenedLogGroupOptions): HardenedLogGroup {
  const createdKey = options.encryptionKey ? undefined : hardenedKey(scope, options.keyId, options.keyDescription, options.removalPolicy);
  const key = options.encryptionKey ?? createdKey!;
  allowCloudWatchLogs(key, options.keyPolicySid, options.logGroupName ?? '*');
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: options.logGroupName,
    encryptionKey: key,
    retention: options.retention ?? logs.RetentionDays.ONE_YEAR,
    removalPolicy: options.removalPolicy,
  });
  return { logGroup, key, createdKey };
}

/**
 * Lets CloudWatch Logs of the key's region use it, only for the named log group(s) of the key's
 * account (`logGroupName` may be a pattern such as `*`).
 */
export function allowCloudWatchLogs(key: kms.IKey, sid: string, logGroupName: string): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}` } },
  }));
}

/**
 * Grants let a principal hand the key's use to another; only AWS services acting for a resource
 * (S3, CloudWatch Logs, Bedrock) need them. Denies every other CreateGrant (AWS Control Tower
 * CT.KMS.PR.3).
 */
export function limitGrantsToAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.StarPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
}

/**
 * A bucket that receives S3 server access logs. S3 delivers access logs only to buckets encrypted with
 * SSE-S3: that finding is acknowledged here. (cdk-nag does not ask a log-target bucket to log itself.)
 */
export function accessLogsBucket(scope: Construct, id: string, removalPolicy: RemovalPolicy): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{
      id: 'access-logs',
      transitions: [
        { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
        { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(365) },
      ],
    }],
    removalPolicy,
  });
  publishEventsToEventBridge(bucket);
  const sseS3 = 'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3 (AES-256); SSE-KMS is not supported for the log target.';
  Validations.of(bucket).acknowledge(
    ...inEachPack('S3DefaultEncryptionKMS', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'], sseS3),
    { id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', reason: sseS3 },
    {
      id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check',
      reason: 'This bucket is the target of S3 server access logs; logging its own access would write a log record for every log record.',
    },
  );
  acknowledgeNoReplication(bucket);
  return bucket;
}

/**
 * Replicating a bucket that holds prompts and model output to another region would move that data
 * out of the region it must stay in; replication within a region is a choice the caller can add.
 */
export function acknowledgeNoReplication(bucket: Construct): void {
  const reason = 'Cross-region replication would copy prompts and model output out of the governed region and break data residency; ' +
    'durability comes from S3 (eleven nines within the region), versioning and retention on stack deletion.';
  Validations.of(bucket).acknowledge(...inEachPack('S3BucketReplicationEnabled', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'], reason));
}

/**
 * Sends a bucket's server access logs to the access-logs bucket through a bucket policy for the S3
 * logging service (never ACLs), whatever the app's feature flags say.
 */
export function logAccessTo(source: s3.Bucket, target: s3.Bucket, prefix: string): void {
  (source.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
  target.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'S3ServerAccessLogs',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: {
      ArnLike: { 'aws:SourceArn': source.bucketArn },
      StringEquals: { 'aws:SourceAccount': Stack.of(source).account },
    },
  }));
}

/**
 * Object events to EventBridge, natively (no notification Lambda), so object writes and deletions in
 * the library's buckets can be watched (AWS Control Tower CT.S3.PR.4).
 */
export function publishEventsToEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
}

/**
 * Object Lock is offered as a choice (objectLockRetention), not forced: WORM storage makes deletion
 * impossible even where law requires it (a GDPR erasure request), so it is the data owner's decision.
 */
export function acknowledgeOptionalObjectLock(bucket: Construct): void {
  Validations.of(bucket).acknowledge({
    id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
    reason: 'Object Lock (WORM) is a per-organization retention decision: it makes deletion impossible even when the law requires it ' +
      '(for example a GDPR erasure request). It is available with objectLockRetention on the log bucket.',
  });
}
