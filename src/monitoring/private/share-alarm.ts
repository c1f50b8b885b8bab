import { Duration, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { governanceAlarm } from './governance-alarm';

/** A percentage computed from two or more metrics, and when it is too high. */
export interface ShareAlarmSpec {
  /** The metric math that yields the percentage, 0 when nothing was counted */
  readonly expression: string;
  readonly usingMetrics: Record<string, cloudwatch.IMetric>;
  readonly period: Duration;
  /** The expression's label, ending in `(%)` */
  readonly label: string;
  /** The alarm fires above this percentage */
  readonly percent: number;
  readonly description: string;
  readonly topic: sns.ITopic;
}

/**
 * A governance alarm on a share of requests (throttled, failed, blocked) above a percentage in each
 * of three consecutive periods: one bad period is noise, three are a trend. A period without data
 * is not breaching: nothing was called, so nothing is broken.
 */
export function shareAlarm(scope: Construct, id: string, spec: ShareAlarmSpec): cloudwatch.Alarm {
  return governanceAlarm(scope, id, {
    metric: new cloudwatch.MathExpression({
      expression: spec.expression,
      usingMetrics: spec.usingMetrics,
      period: spec.period,
      label: spec.label,
    }),
    threshold: spec.percent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    description: spec.description,
    topic: spec.topic,
  });
}
