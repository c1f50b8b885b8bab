import { App, Duration, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { ModelAlarms, ModelAlarmsProps } from '../../src/monitoring';
import { SONNET_45 } from '../models/fixtures';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';

function synth(props: Partial<ModelAlarmsProps> = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const alarms = new ModelAlarms(stack, 'Sonnet', { topic, model: FoundationModel.of(SONNET_45), ...props });
  const template = Template.fromStack(stack);
  const byId = (prefix: string) => Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([id]) => id.startsWith(prefix))?.[1].Properties;
  return { stack, alarms, template, byId };
}

const metricsOf = (p: any) => p.Metrics.map((m: any) => m.MetricStat
  ? [m.Id, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions, m.MetricStat.Stat, m.MetricStat.Period]
  : [m.Id, m.Expression]);

describe('ModelAlarms', () => {
  const full = synth({ tokensPerMinuteQuota: 2_000_000, tokensPerPeriod: 50_000_000 });
  const dims = [{ Name: 'ModelId', Value: SONNET_45 }];

  test('throttles: more than 5% of all requests (throttled ones are not invocations) in 3 consecutive 5-minute periods; zero without requests', () => {
    const p = full.byId('SonnetThrottles');
    expect(metricsOf(p)).toEqual([
      ['expr_1', 'IF(inv + thr > 0, 100 * thr / (inv + thr), 0)'],
      ['inv', 'Invocations', dims, 'Sum', 300],
      ['thr', 'InvocationThrottles', dims, 'Sum', 300],
    ]);
    expect([p.Threshold, p.ComparisonOperator, p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData])
      .toEqual([5, 'GreaterThanThreshold', 3, 3, 'notBreaching']);
  });

  test('server errors: more than 5% of invocations in 3 consecutive 5-minute periods', () => {
    const p = full.byId('SonnetServerErrors');
    expect(metricsOf(p)).toEqual([
      ['expr_1', 'IF(inv > 0, 100 * err / inv, IF(err > 0, 100, 0))'],
      ['inv', 'Invocations', dims, 'Sum', 300],
      ['err', 'InvocationServerErrors', dims, 'Sum', 300],
    ]);
    expect([p.Threshold, p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData]).toEqual([5, 3, 3, 'notBreaching']);
  });

  test('quota: estimated TPM usage above 80% of the declared quota in 3 of 5 minutes', () => {
    const p = full.byId('SonnetQuotaUsage');
    expect([p.Namespace, p.MetricName, p.Dimensions, p.Statistic, p.Period, p.Threshold, p.ComparisonOperator, p.EvaluationPeriods,
      p.DatapointsToAlarm, p.TreatMissingData]).toEqual(['AWS/Bedrock', 'EstimatedTPMQuotaUsage', dims, 'Sum', 60, 1_600_000,
      'GreaterThanThreshold', 5, 3, 'notBreaching']);
  });

  test('token burn: input plus output tokens above the declared level in one hour', () => {
    const p = full.byId('SonnetTokenBurn');
    expect(metricsOf(p)).toEqual([
      ['expr_1', 'input + output'],
      ['input', 'InputTokenCount', dims, 'Sum', 3600],
      ['output', 'OutputTokenCount', dims, 'Sum', 3600],
    ]);
    expect([p.Threshold, p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData]).toEqual([50_000_000, 1, 1, 'notBreaching']);
  });

  test('without a declared quota or level there is no quota or burn alarm', () => {
    const { alarms, template } = synth();
    expect([alarms.quotaUsage, alarms.tokenBurn]).toEqual([undefined, undefined]);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  test('the ModelId dimension is what clients pass: the inference profile id for a profile', () => {
    const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
    const alarms = new ModelAlarms(stack, 'Eu', { topic, model: CrossRegionInferenceProfile.of(Geography.EU, SONNET_45) });
    expect(alarms.invocationIdentifier).toBe(`eu.${SONNET_45}`);
  });

  test('every alarm watches a verified metric and notifies the topic on alarm and on recovery', () => {
    expect(unverifiedAlarmMetrics(full.template.toJSON())).toEqual([]);
    for (const p of Object.values(full.template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties)) {
      expect([p.AlarmActions, p.OKActions]).toEqual([[TOPIC_ARN], [TOPIC_ARN]]);
    }
  });

  test('bad thresholds are one error naming each prop, the value and what is allowed', () => {
    const bad = { throttlePercent: 0, serverErrorPercent: 150, quotaUsagePercent: 90, tokensPerPeriod: 1.5, tokenPeriod: Duration.seconds(90) };
    expect(() => synth(bad))
      .toThrow(expect.objectContaining({
        code: Code.MONITORING_PROPS,
        message: 'ModelAlarms:\n' +
          '  - throttlePercent is 0; expected a percentage above 0 and at most 100\n' +
          '  - serverErrorPercent is 150; expected a percentage above 0 and at most 100\n' +
          '  - tokensPerPeriod is 1.5; expected a whole number of tokens above 0\n' +
          '  - quotaUsagePercent is 90 but tokensPerMinuteQuota is not given: the percentage is of the quota you declare; declare it\n' +
          '  - tokenPeriod is 1 minute 30 seconds; expected whole minutes from 1 minute to 1 day (a CloudWatch alarm period)',
      }));
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(full.stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
