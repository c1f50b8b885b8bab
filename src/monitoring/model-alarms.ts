import { Duration, Token, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MonitoredModel } from './model-limits';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { governanceAlarm } from './private/governance-alarm';
import { Problems } from '../core/validation';
import { percentProblems } from './private/percent-problems';
import { shareAlarm } from './private/share-alarm';
import { verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the alarms for one approved model in one region.
 */
export interface ModelAlarmsProps extends MonitoredModel {
  /** The governance notifications topic (one per account and region) the alarms publish to */
  readonly topic: sns.ITopic;

  /**
   * Alarm when more than this percentage of the model's requests are throttled, in each of three
   * consecutive five-minute periods.
   *
   * @default 5
   */
  readonly throttlePercent?: number;

  /**
   * Alarm when more than this percentage of the model's invocations end in a server error, in each of
   * three consecutive five-minute periods.
   *
   * @default 5
   */
  readonly serverErrorPercent?: number;
}

/**
 * Alarms for one approved model in the stack's region: throttles and server errors above a share of
 * requests, estimated quota usage above a share of the quota you declare, and token burn above a level
 * you declare. Each publishes to the governance topic when it fires and when it clears.
 *
 * A quiet model is not broken: every alarm here treats a period without data as not breaching, and
 * the shares are zero when there were no requests.
 */
export class ModelAlarms extends Construct {
  /** Throttled share of requests above `throttlePercent` */
  public readonly throttles: cloudwatch.Alarm;
  /** Server-error share of invocations above `serverErrorPercent` */
  public readonly serverErrors: cloudwatch.Alarm;
  /** Estimated quota usage above `quotaUsagePercent` of the declared quota; undefined without one */
  public readonly quotaUsage?: cloudwatch.Alarm;
  /** Tokens per `tokenPeriod` above `tokensPerPeriod`; undefined without a declared level */
  public readonly tokenBurn?: cloudwatch.Alarm;
  /** Every alarm created here */
  public readonly alarms: cloudwatch.Alarm[];
  /** The value of the `ModelId` dimension the alarms watch: the model's invocation identifier */
  public readonly invocationIdentifier: string;

  constructor(scope: Construct, id: string, props: ModelAlarmsProps) {
    super(scope, id);
    validate(this, props);
    this.invocationIdentifier = props.model.invocationIdentifier(this);
    const dims = { ModelId: this.invocationIdentifier };
    const five = Duration.minutes(5);
    const invocations = verifiedMetric('modelInvocations', dims, five);
    const throttles = verifiedMetric('modelThrottles', dims, five);
    const serverErrors = verifiedMetric('modelServerErrors', dims, five);
    const notBroken = cloudwatch.TreatMissingData.NOT_BREACHING;
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;

    const share = (alarmId: string, expression: string, usingMetrics: Record<string, cloudwatch.IMetric>, label: string, percent: number,
      description: string) => shareAlarm(this, alarmId, { expression, usingMetrics, period: five, label, percent, description, topic: props.topic });

    const throttlePercent = props.throttlePercent ?? 5;
    // Throttled requests are counted in neither Invocations nor errors: the share is of all requests.
    this.throttles = share('Throttles', 'IF(inv + thr > 0, 100 * thr / (inv + thr), 0)', { inv: invocations, thr: throttles },
      'Throttled requests (%)', throttlePercent,
      `More than ${throttlePercent}% of requests to ${this.invocationIdentifier} were throttled for 15 minutes: callers are failing. ` +
      'Check the estimated quota usage; request a quota increase or spread the load across the geography.');

    const serverErrorPercent = props.serverErrorPercent ?? 5;
    this.serverErrors = share('ServerErrors', 'IF(inv > 0, 100 * err / inv, IF(err > 0, 100, 0))', { inv: invocations, err: serverErrors },
      'Server errors (%)', serverErrorPercent,
      `More than ${serverErrorPercent}% of invocations of ${this.invocationIdentifier} ended in a server error for 15 minutes. ` +
      'Check the AWS Health Dashboard for Amazon Bedrock in this region.');

    if (props.tokensPerMinuteQuota !== undefined) {
      const quotaPercent = props.quotaUsagePercent ?? 80;
      const threshold = Math.floor(props.tokensPerMinuteQuota * quotaPercent / 100);
      this.quotaUsage = governanceAlarm(this, 'QuotaUsage', {
        metric: verifiedMetric('modelEstimatedQuotaUsage', dims, Duration.minutes(1)),
        threshold,
        comparisonOperator: above,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: notBroken,
        description: `The estimated tokens-per-minute quota usage of ${this.invocationIdentifier} was above ${quotaPercent}% of the declared quota ` +
          `(${threshold} of ${props.tokensPerMinuteQuota} tokens per minute) in 3 of 5 minutes: throttling is next. ` +
          'Request a quota increase in Service Quotas, or lower max_tokens (the quota reserves it up front).',
        topic: props.topic,
      });
    }

    if (props.tokensPerPeriod !== undefined) {
      const period = props.tokenPeriod ?? Duration.hours(1);
      this.tokenBurn = governanceAlarm(this, 'TokenBurn', {
        metric: new cloudwatch.MathExpression({
          expression: 'input + output',
          usingMetrics: {
            input: verifiedMetric('modelInputTokens', dims, period),
            output: verifiedMetric('modelOutputTokens', dims, period),
          },
          period,
          label: 'Input and output tokens',
        }),
        threshold: props.tokensPerPeriod,
        comparisonOperator: above,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: notBroken,
        description: `${this.invocationIdentifier} used more than the declared ${props.tokensPerPeriod} tokens in ${period.toHumanString()}: ` +
          'find the team in the cost attribution and confirm the use is intended.',
        topic: props.topic,
      });
    }

    this.alarms = [this.throttles, this.serverErrors, this.quotaUsage, this.tokenBurn].filter((a): a is cloudwatch.Alarm => a !== undefined);
  }
}

function validate(scope: Construct, props: ModelAlarmsProps): void {
  const problems = new Problems();
  percentProblems({
    throttlePercent: props.throttlePercent, serverErrorPercent: props.serverErrorPercent, quotaUsagePercent: props.quotaUsagePercent,
  }).forEach(p => problems.add(p));
  const isPositiveInteger = (value: number | undefined) => value === undefined || Token.isUnresolved(value) || (Number.isInteger(value) && value > 0);
  const positive = (name: string, value: number | undefined) => problems.check(isPositiveInteger(value),
    `${name} is ${value}; expected a whole number of tokens above 0`);
  positive('tokensPerMinuteQuota', props.tokensPerMinuteQuota);
  positive('tokensPerPeriod', props.tokensPerPeriod);
  problems.check(props.quotaUsagePercent === undefined || props.tokensPerMinuteQuota !== undefined,
    `quotaUsagePercent is ${props.quotaUsagePercent} but tokensPerMinuteQuota is not given: the percentage is of the quota you declare; declare it`);
  if (props.tokenPeriod !== undefined && !Token.isUnresolved(props.tokenPeriod.toSeconds())) {
    const seconds = props.tokenPeriod.toSeconds();
    problems.check(seconds >= 60 && seconds % 60 === 0 && seconds <= 86400,
      `tokenPeriod is ${props.tokenPeriod.toHumanString()}; expected whole minutes from 1 minute to 1 day (a CloudWatch alarm period)`);
    problems.check(props.tokensPerPeriod !== undefined,
      `tokenPeriod is ${props.tokenPeriod.toHumanString()} but tokensPerPeriod is not given: declare the level to alarm above`);
  }
  problems.throwIfAny(scope, 'ModelAlarms', BedrockLandingZoneErrorCode.MONITORING_PROPS);
}
