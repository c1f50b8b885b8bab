import {
  Annotations, Aws, CustomResource, Duration, RemovalPolicy, Stack, Token,
  aws_iam as iam, aws_kms as kms, aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { declareAccountRegionSingleton } from '../core/account-singleton';
import { customResourceProviderRole } from '../core/framework-children';
import { hardenedKey, hardenedLogGroup } from '../core/hardened-stores';
import { PROTECTED_LOG_GROUP_PREFIX, protectTree } from '../core/protected-resources';
import { warnIfStackUnprotected } from '../core/stack-protection';
import { Problems, booleanProblems, enumProblems, logRetentionProblems } from '../core/validation';
import { controlPlaneProvider } from '../custom-resources/control-plane-provider';
import { recordSettingConfiguration } from '../custom-resources/control-plane-settings';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { allowBedrockLogWrites } from './private/bedrock-log-writes';
import { invocationLogBuckets } from './private/invocation-log-bucket';
import { logDeliveryRole } from './private/log-delivery-role';

/**
 * What deleting the construct (or its stack) does to the account's invocation logging configuration.
 * The logs themselves are never deleted by it: stores are retained.
 */
export enum InvocationLoggingDeletion {
  /** Leave the configuration in place: invocations keep being logged to the retained stores. */
  RETAIN_CONFIGURATION = 'RETAIN',
  /** Put back the configuration that was in place before this construct was created (or none). */
  RESTORE_PREVIOUS = 'RESTORE_PREVIOUS',
  /** Delete the configuration: invocations stop being logged. */
  DISABLE_LOGGING = 'DISABLE',
}

/** Properties of model invocation logging. */
export interface ModelInvocationLoggingProps {
  /**
   * An existing bucket for the logs. Its bucket policy must let Bedrock write under the prefix (the
   * construct adds the statement when the bucket is defined in this app; an imported bucket gets a
   * warning with the statement to add).
   *
   * @default - a bucket encrypted with `encryptionKey`, versioned, TLS-only, public access blocked,
   * BucketOwnerEnforced, with server access logs to a second hardened bucket, retained on deletion
   */
  readonly logBucket?: s3.IBucket;

  /**
   * The customer-managed key for the bucket and log group this construct creates.
   *
   * @default - a key with rotation, retained on deletion
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * An existing log group for the CloudWatch Logs destination (in this account and region).
   *
   * @default - a log group encrypted with `encryptionKey`, with `logRetention`, retained on deletion
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Name of the log group this construct creates.
   *
   * @default '/bedrock-landing-zone/model-invocations'
   */
  readonly logGroupName?: string;

  /**
   * Deliver logs to S3.
   *
   * @default true
   */
  readonly s3Delivery?: boolean;

  /**
   * Deliver logs to CloudWatch Logs. Bodies over 100 KB and binary data go to the bucket.
   *
   * @default true
   */
  readonly cloudWatchDelivery?: boolean;

  /**
   * Key prefix of the logs in the bucket (no leading or trailing slash).
   *
   * @default 'bedrock-invocation-logs'
   */
  readonly keyPrefix?: string;

  /**
   * Retention of the log group this construct creates. Logs hold prompts and answers: PCI DSS asks
   * for at least one year; a shorter retention adds a warning.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Move log objects to S3 Standard-IA after this age (at least 30 days).
   *
   * @default Duration.days(90)
   */
  readonly transitionToInfrequentAccessAfter?: Duration;

  /**
   * Move log objects to S3 Glacier Flexible Retrieval after this age.
   *
   * @default Duration.days(365)
   */
  readonly transitionToGlacierAfter?: Duration;

  /**
   * Delete log objects after this age.
   *
   * @default - never: logs are kept
   */
  readonly expiration?: Duration;

  /**
   * Object Lock on the bucket this construct creates: log objects cannot be changed or deleted
   * during the retention period (WORM).
   *
   * @default - no Object Lock
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;

  /**
   * Log text prompts and outputs.
   *
   * @default true
   */
  readonly textDataDelivery?: boolean;

  /**
   * Log image inputs and outputs.
   *
   * @default true
   */
  readonly imageDataDelivery?: boolean;

  /**
   * Log embedding inputs and outputs.
   *
   * @default true
   */
  readonly embeddingDataDelivery?: boolean;

  /**
   * Log video inputs and outputs.
   *
   * @default true
   */
  readonly videoDataDelivery?: boolean;

  /**
   * Log audio inputs and outputs.
   *
   * @default true
   */
  readonly audioDataDelivery?: boolean;

  /**
   * What deleting this construct does to the account's logging configuration.
   *
   * @default InvocationLoggingDeletion.RETAIN_CONFIGURATION
   */
  readonly onDelete?: InvocationLoggingDeletion;

  /**
   * Removal policy of the bucket, access-log bucket, key and log group this construct creates.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const DEFAULT_PREFIX = 'bedrock-invocation-logs';
/** The data-type flags, in the order messages list them */
const DATA_TYPE_PROPS = ['textDataDelivery', 'imageDataDelivery', 'embeddingDataDelivery', 'videoDataDelivery', 'audioDataDelivery'] as const;
const DEFAULT_LOG_GROUP = `${PROTECTED_LOG_GROUP_PREFIX}model-invocations`;
const LOG_STREAM = 'aws/bedrock/modelinvocations';
const RESOURCE_TYPE = 'Custom::BedrockModelInvocationLogging';
const LOGGING_API = [
  'bedrock:PutModelInvocationLoggingConfiguration',
  'bedrock:GetModelInvocationLoggingConfiguration',
  'bedrock:DeleteModelInvocationLoggingConfiguration',
];

/**
 * The account's invocation logging, as the landing zone checks it against its profile:
 * `ModelInvocationLogging`, or a logging setup of your own that says where and how long it keeps logs.
 */
export interface IModelInvocationLogging extends IConstruct {
  /** The bucket the logs go to; undefined without S3 delivery */
  readonly logBucket?: s3.IBucket;
  /** The name of the CloudWatch Logs destination; undefined without CloudWatch Logs delivery */
  readonly logGroupName?: string;
  /** How long the log group keeps logs; undefined when unknown (a log group the setup did not create) */
  readonly logRetention?: logs.RetentionDays;
  /** When the logs in the bucket expire; undefined when they never do, or when unknown */
  readonly expiration?: Duration;
  /** Whether prompts and answers (text) are delivered */
  readonly textDataDelivery: boolean;
}

/**
 * Amazon Bedrock model invocation logging for the stack's account and region, which CloudFormation
 * has no resource for: encrypted, retained S3 and CloudWatch Logs destinations, the policies Bedrock
 * needs (with confused-deputy conditions), and a custom resource that puts the configuration.
 *
 * One per account and region: a second one in the same app fails synth.
 */
export class ModelInvocationLogging extends Construct implements IModelInvocationLogging {
  /** The bucket the logs go to (also large and binary payloads of the CloudWatch destination) */
  public readonly logBucket?: s3.IBucket;
  /** The bucket that receives the log bucket's server access logs, when this construct created it */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The key of the stores this construct created */
  public readonly encryptionKey?: kms.IKey;
  /** The CloudWatch Logs destination */
  public readonly logGroup?: logs.ILogGroup;
  /** The name of the CloudWatch Logs destination, as configured (a token when it is another resource's attribute) */
  public readonly logGroupName?: string;
  /** The role Bedrock assumes to write to CloudWatch Logs */
  public readonly deliveryRole?: iam.IRole;
  /** The delivery role's permissions (a managed policy: the custom resource waits for it) */
  private readonly deliveryPolicy?: iam.ManagedPolicy;
  /** The key prefix of the logs in the bucket */
  public readonly keyPrefix: string;
  /** The custom resource that holds the configuration */
  public readonly resource: CustomResource;
  /** The retention of the log group this construct created; undefined for a log group given to it, or without CloudWatch delivery */
  public readonly logRetention?: logs.RetentionDays;
  /** When the logs in the bucket this construct created expire; undefined when they never do, or for a bucket given to it */
  public readonly expiration?: Duration;
  /** Whether prompts and answers (text) are delivered */
  public readonly textDataDelivery: boolean;
  /** The data types whose payloads are not delivered (`text`, `image`, `embedding`, `video`, `audio`); empty when all are */
  public readonly undeliveredDataTypes: string[];

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps = {}) {
    super(scope, id);
    declareAccountRegionSingleton(this, 'Model invocation logging');
    // What logging depends on (key, buckets, log group, delivery role) carries the tag the organization
    // policies protect: nobody but the deployment roles can disable, delete or re-point it.
    protectTree(this);
    // The stack too (a change set of it runs as its CloudFormation role), but only when asked: a stack
    // tag reaches every resource in it (LandingZoneStackProtection).
    warnIfStackUnprotected(this, 'model invocation logging');
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const s3Delivery = props.s3Delivery ?? true;
    const cloudWatchDelivery = props.cloudWatchDelivery ?? true;
    this.keyPrefix = props.keyPrefix ?? DEFAULT_PREFIX;
    validate(this, props, this.keyPrefix, s3Delivery, cloudWatchDelivery);

    this.textDataDelivery = props.textDataDelivery ?? true;
    this.undeliveredDataTypes = ([
      ['text', props.textDataDelivery], ['image', props.imageDataDelivery], ['embedding', props.embeddingDataDelivery],
      ['video', props.videoDataDelivery], ['audio', props.audioDataDelivery],
    ] as Array<[string, boolean | undefined]>).filter(([, delivered]) => delivered === false).map(([type]) => type);
    const createsBucket = !props.logBucket;
    const createsLogGroup = cloudWatchDelivery && !props.logGroup;
    const logGroupName = props.logGroup?.logGroupName ?? props.logGroupName ?? DEFAULT_LOG_GROUP;
    this.logGroupName = cloudWatchDelivery ? logGroupName : undefined;
    const bedrockConditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${stack.region}:${stack.account}:*` },
    };

    if (createsBucket || createsLogGroup) {
      this.encryptionKey = props.encryptionKey ?? hardenedKey(this, 'Key', 'Amazon Bedrock model invocation logs', removalPolicy);
    }
    const key = this.encryptionKey;

    // The bucket holds the S3 logs and, for the CloudWatch destination, payloads over 100 KB and binary data.
    if (createsBucket) {
      const buckets = invocationLogBuckets(this, { ...props, encryptionKey: key, removalPolicy });
      this.accessLogsBucket = buckets.accessLogsBucket;
      this.logBucket = buckets.logBucket;
      this.expiration = props.expiration;
    } else {
      this.logBucket = props.logBucket;
    }

    if (s3Delivery || cloudWatchDelivery) {
      const bucketKey = createsBucket ? key : props.logBucket?.encryptionKey;
      allowBedrockLogWrites(this, this.logBucket!, bucketKey, this.keyPrefix, stack.account, bedrockConditions);
    }

    if (cloudWatchDelivery) {
      if (createsLogGroup) {
        this.logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
        const { logGroup: group } = hardenedLogGroup(this, 'LogGroup', {
          encryptionKey: key,
          keyId: 'Key',
          keyDescription: 'Amazon Bedrock model invocation logs',
          keyPolicySid: 'CloudWatchLogsModelInvocationLogs',
          logGroupName,
          retention: this.logRetention,
          removalPolicy,
        });
        group.node.addDependency(key!);
        this.logGroup = group;
      } else {
        this.logGroup = props.logGroup;
      }

      const delivery = logDeliveryRole(this, bedrockConditions,
        `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}:log-stream:${LOG_STREAM}`,
        (props.onDelete ?? InvocationLoggingDeletion.RETAIN_CONFIGURATION) === InvocationLoggingDeletion.RETAIN_CONFIGURATION);
      this.deliveryRole = delivery.role;
      this.deliveryPolicy = delivery.policy;
    }

    const provider = controlPlaneProvider(this);
    provider.addToRolePolicy({ Effect: 'Allow', Action: LOGGING_API, Resource: '*' });
    if (this.deliveryRole) {
      provider.addToRolePolicy({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: this.deliveryRole.roleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      });
    }
    const loggingConfig = {
      s3Config: s3Delivery ? { bucketName: this.logBucket!.bucketName, keyPrefix: this.keyPrefix } : undefined,
      cloudWatchConfig: cloudWatchDelivery ? {
        logGroupName,
        roleArn: this.deliveryRole!.roleArn,
        largeDataDeliveryS3Config: { bucketName: this.logBucket!.bucketName, keyPrefix: this.keyPrefix },
      } : undefined,
      textDataDeliveryEnabled: props.textDataDelivery ?? true,
      imageDataDeliveryEnabled: props.imageDataDelivery ?? true,
      embeddingDataDeliveryEnabled: props.embeddingDataDelivery ?? true,
      videoDataDeliveryEnabled: props.videoDataDelivery ?? true,
      audioDataDeliveryEnabled: props.audioDataDelivery ?? true,
    };
    // The opt-in restore (BedrockSettingRestore) writes back this same configuration.
    recordSettingConfiguration(this, { configuration: loggingConfig, passedRole: this.deliveryRole });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: RESOURCE_TYPE,
      properties: {
        LoggingConfig: loggingConfig,
        OnDelete: props.onDelete ?? InvocationLoggingDeletion.RETAIN_CONFIGURATION,
      },
    });
    // Bedrock checks access to every destination when the configuration is put.
    for (const dependency of [this.logBucket, this.logGroup, this.deliveryRole, this.deliveryPolicy, key]) {
      if (dependency instanceof Construct) this.resource.node.addDependency(dependency);
    }
    const bucketPolicy = (this.logBucket as s3.Bucket | undefined)?.policy;
    if (bucketPolicy) this.resource.node.addDependency(bucketPolicy);
    this.resource.node.addDependency(customResourceProviderRole(provider));
  }
}

function validate(scope: Construct, props: ModelInvocationLoggingProps, keyPrefix: string, s3Delivery: boolean, cloudWatchDelivery: boolean) {
  const problems = new Problems();
  booleanProblems(props, ['s3Delivery', 'cloudWatchDelivery', ...DATA_TYPE_PROPS]).forEach(p => problems.add(p));
  problems.check(s3Delivery || cloudWatchDelivery, 's3Delivery and cloudWatchDelivery are both false: at least one destination is needed');
  // Bedrock accepts a configuration with every data type off, and then logs nothing at all.
  problems.check(DATA_TYPE_PROPS.some(name => props[name] !== false),
    `${DATA_TYPE_PROPS.slice(0, -1).join(', ')} and ${DATA_TYPE_PROPS[DATA_TYPE_PROPS.length - 1]} are all false: Bedrock would log no request or ` +
    'response; allowed: at least one of them true (textDataDelivery logs prompts and answers)');
  enumProblems('onDelete', props.onDelete, 'InvocationLoggingDeletion', InvocationLoggingDeletion).forEach(p => problems.add(p));
  logRetentionProblems('logRetention', props.logRetention).forEach(p => problems.add(p));
  if (props.logGroupName !== undefined && !Token.isUnresolved(props.logGroupName)) {
    problems.check(/^[.\-_/#A-Za-z0-9]{1,512}$/.test(props.logGroupName),
      `logGroupName '${props.logGroupName}' is not allowed: use 1 to 512 letters, digits and . - _ / # (CloudWatch Logs' log group names)`);
  }
  if (!Token.isUnresolved(keyPrefix)) {
    problems.check(/^[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$/.test(keyPrefix) && keyPrefix.length <= 900,
      `keyPrefix '${keyPrefix}' is not allowed: use letters, digits and !_.*'()- separated by single '/', with no leading or trailing '/', at most 900 characters`);
  }
  if (props.logBucket) {
    for (const name of ['objectLockRetention', 'transitionToInfrequentAccessAfter', 'transitionToGlacierAfter', 'expiration'] as const) {
      problems.check(props[name] === undefined, `${name} configures the bucket this construct creates, but logBucket is given: set it on your bucket instead`);
    }
  }
  if (props.logGroup) {
    problems.check(props.logRetention === undefined, 'logRetention configures the log group this construct creates, but logGroup is given: set it on your log group');
    problems.check(props.logGroupName === undefined, `logGroupName '${props.logGroupName}' names the log group this construct creates, but logGroup is given`);
  }
  if (props.encryptionKey && props.logBucket && (props.logGroup || !cloudWatchDelivery)) {
    problems.add('encryptionKey encrypts the stores this construct creates, but it creates none (logBucket and logGroup are given)');
  }
  const ia = (props.transitionToInfrequentAccessAfter ?? Duration.days(90)).toDays();
  const glacier = (props.transitionToGlacierAfter ?? Duration.days(365)).toDays();
  problems.check(ia >= 30, `transitionToInfrequentAccessAfter is ${ia} days; S3 allows Standard-IA from 30 days`);
  problems.check(glacier > ia, `transitionToGlacierAfter (${glacier} days) must be later than transitionToInfrequentAccessAfter (${ia} days)`);
  if (props.expiration) {
    const expiry = props.expiration.toDays();
    problems.check(expiry > glacier, `expiration (${expiry} days) must be later than transitionToGlacierAfter (${glacier} days)`);
  }
  problems.throwIfAny(scope, 'ModelInvocationLogging', BedrockLandingZoneErrorCode.INVOCATION_LOGGING_PROPS);
  const retention = props.logRetention;
  if (retention !== undefined && retention !== logs.RetentionDays.INFINITE && retention < logs.RetentionDays.ONE_YEAR) {
    Annotations.of(scope).addWarningV2('cdk-bedrock-landing-zone:logRetention',
      `logRetention is ${retention} days: invocation logs hold prompts and answers, and PCI DSS asks for at least one year (365 days).`);
  }
}
