import { Duration, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { governanceAlarm } from './private/governance-alarm';
import { Problems } from '../core/validation';
import { VerifiedMetricKey, verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the invocation log delivery alarms.
 */
export interface InvocationLoggingAlarmsProps {
  /** The governance notifications topic (one per account and region) the alarms publish to */
  readonly topic: sns.ITopic;

  /**
   * Whether invocation logs are delivered to Amazon S3 (alarm on failed S3 deliveries).
   *
   * @default true
   */
  readonly s3Delivery?: boolean;

  /**
   * Whether invocation logs are delivered to CloudWatch Logs (alarm on failed CloudWatch Logs
   * deliveries; with S3 delivery too, also on failed deliveries of large payloads to the bucket).
   *
   * @default true
   */
  readonly cloudWatchLogsDelivery?: boolean;
}

/**
 * Alarms that prove invocation logging works: any failed delivery of an invocation log, to S3 or to
 * CloudWatch Logs, within five minutes, is an alarm. A log that is not delivered is lost evidence;
 * there is no rate below which that is acceptable.
 *
 * The delivery metrics are published for the whole account and region. A period without any is not
 * a failure (no invocations, or none failed): missing data counts as not breaching.
 */
export class InvocationLoggingAlarms extends Construct {
  /** Fires on any failed delivery to S3; undefined without S3 delivery */
  public readonly s3DeliveryFailures?: cloudwatch.Alarm;
  /** Fires on any failed delivery to CloudWatch Logs; undefined without CloudWatch Logs delivery */
  public readonly cloudWatchLogsDeliveryFailures?: cloudwatch.Alarm;
  /** Fires on any failed delivery of a large payload to S3; only with both destinations */
  public readonly largeDataDeliveryFailures?: cloudwatch.Alarm;
  /** Every alarm created here */
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: InvocationLoggingAlarmsProps) {
    super(scope, id);
    const s3 = props.s3Delivery ?? true;
    const cloudWatchLogs = props.cloudWatchLogsDelivery ?? true;
    const problems = new Problems();
    problems.check(s3 || cloudWatchLogs, 's3Delivery and cloudWatchLogsDelivery are both false: invocation logging delivers somewhere, ' +
      'and that destination must be watched; set the one your logging uses to true');
    problems.throwIfAny(this, 'InvocationLoggingAlarms', BedrockLandingZoneErrorCode.MONITORING_PROPS);

    const failureAlarm = (alarmId: string, key: VerifiedMetricKey, destination: string) => governanceAlarm(this, alarmId, {
      metric: verifiedMetric(key, {}, Duration.minutes(5)),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      // Failures are published only when they happen: no data is no failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      description: `Amazon Bedrock failed to deliver model invocation logs to ${destination} in this account and region. ` +
        'Invocation logs are audit evidence: check the destination, its key policy and the delivery role now.',
      topic: props.topic,
    });
    if (s3) this.s3DeliveryFailures = failureAlarm('S3DeliveryFailures', 'logS3DeliveryFailures', 'Amazon S3');
    if (cloudWatchLogs) this.cloudWatchLogsDeliveryFailures = failureAlarm('CloudWatchLogsDeliveryFailures', 'logCloudWatchDeliveryFailures', 'CloudWatch Logs');
    if (s3 && cloudWatchLogs) {
      this.largeDataDeliveryFailures = failureAlarm('LargeDataDeliveryFailures', 'logLargeDataS3DeliveryFailures', 'Amazon S3 (large payloads)');
    }
    this.alarms = [this.s3DeliveryFailures, this.cloudWatchLogsDeliveryFailures, this.largeDataDeliveryFailures]
      .filter((a): a is cloudwatch.Alarm => a !== undefined);
  }
}
