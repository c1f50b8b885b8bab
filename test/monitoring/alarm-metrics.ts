import { VERIFIED_METRICS } from '../../src/monitoring/private/verified-metrics';

/** A metric an alarm of a template watches, as CloudFormation has it */
export interface AlarmMetric {
  readonly alarm: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: string[];
  readonly statistic: string;
}

/** Every metric every alarm of the template watches: single-metric alarms and each metric of a math alarm. */
export function alarmMetrics(template: { Resources?: Record<string, any> }): AlarmMetric[] {
  const found: AlarmMetric[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm') continue;
    const p = resource.Properties;
    const dimNames = (dims: any[] | undefined) => (dims ?? []).map(d => d.Name).sort();
    if (p.MetricName !== undefined) {
      found.push({
        alarm: id,
        namespace: p.Namespace,
        metricName: p.MetricName,
        dimensions: dimNames(p.Dimensions),
        statistic: p.Statistic ?? p.ExtendedStatistic,
      });
    }
    for (const m of p.Metrics ?? []) {
      if (!m.MetricStat) continue;
      found.push({
        alarm: id,
        namespace: m.MetricStat.Metric.Namespace,
        metricName: m.MetricStat.Metric.MetricName,
        dimensions: dimNames(m.MetricStat.Metric.Dimensions),
        statistic: m.MetricStat.Stat,
      });
    }
  }
  return found;
}

/** The metrics of the template's alarms that are not in the verified table, exactly as published. */
export function unverifiedAlarmMetrics(template: { Resources?: Record<string, any> }): AlarmMetric[] {
  const known = Object.values(VERIFIED_METRICS);
  return alarmMetrics(template).filter(m => !known.some(k => k.namespace === m.namespace && k.metricName === m.metricName &&
    k.dimensions.join(',') === m.dimensions.join(',') && k.statistic === m.statistic));
}
