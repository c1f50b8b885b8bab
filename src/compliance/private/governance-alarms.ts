import { RenderedResource } from './context';
import { asArray, isFalse, numberOf, referenceOf } from './values';

/**
 * How the monitoring rules (MN1, MN2) read a CloudWatch alarm: by what it watches and whom it tells,
 * whether it is written as one metric or as metric math.
 */

/** One metric an alarm evaluates: the single metric, or the metric a math alarm returns */
export interface WatchedMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensionCount: number;
  readonly statistic?: string;
}

/** Every metric the alarm reads (single-metric form, or each MetricStat of a math alarm). */
export function metricsRead(alarm: RenderedResource): WatchedMetric[] {
  const p = alarm.properties;
  if (p.MetricName !== undefined) {
    return [{
      namespace: p.Namespace,
      metricName: p.MetricName,
      dimensionCount: asArray(p.Dimensions).length,
      statistic: p.Statistic ?? p.ExtendedStatistic,
    }];
  }
  return asArray<any>(p.Metrics).filter(m => m.MetricStat).map(m => ({
    namespace: m.MetricStat.Metric?.Namespace,
    metricName: m.MetricStat.Metric?.MetricName,
    dimensionCount: asArray(m.MetricStat.Metric?.Dimensions).length,
    statistic: m.MetricStat.Stat,
  }));
}

/**
 * The metric the alarm's state follows, when that is one metric as published: the single-metric form,
 * or a math alarm whose returned item is a MetricStat. Undefined for an expression (its meaning is
 * not judged).
 */
export function metricAlarmedOn(alarm: RenderedResource): WatchedMetric | undefined {
  const p = alarm.properties;
  if (p.MetricName !== undefined) return metricsRead(alarm)[0];
  const items = asArray<any>(p.Metrics);
  const returned = items.filter(m => m.ReturnData !== false);
  if (returned.length !== 1 || !returned[0].MetricStat) return undefined;
  const m = returned[0].MetricStat;
  return {
    namespace: m.Metric?.Namespace,
    metricName: m.Metric?.MetricName,
    dimensionCount: asArray(m.Metric?.Dimensions).length,
    statistic: m.Stat,
  };
}

/** Whether the alarm goes into ALARM on one occurrence counted in one period. */
export function firesOnFirstOccurrence(alarm: RenderedResource): boolean {
  const p = alarm.properties;
  const threshold = numberOf(p.Threshold);
  if (threshold === undefined) return false;
  const op = p.ComparisonOperator;
  const crosses = (op === 'GreaterThanOrEqualToThreshold' && threshold <= 1) || (op === 'GreaterThanThreshold' && threshold < 1);
  const datapoints = numberOf(p.DatapointsToAlarm) ?? numberOf(p.EvaluationPeriods);
  return crosses && datapoints === 1;
}

/** The alarm's ALARM-state actions, when its actions are enabled. */
export function enabledAlarmActions(alarm: RenderedResource): unknown[] {
  const p = alarm.properties;
  if (isFalse(p.ActionsEnabled)) return [];
  return asArray(p.AlarmActions);
}

/** The SNS topics of the app an action refers to (by `Ref` in the same stack); undefined when it cannot be told. */
export function topicOfAction(alarm: RenderedResource, action: unknown): RenderedResource | undefined {
  const ref = referenceOf(action);
  if (!ref) return undefined;
  const target = alarm.stack.byId(ref.logicalId);
  return target?.type === 'AWS::SNS::Topic' ? target : undefined;
}
