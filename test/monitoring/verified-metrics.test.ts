import { App, Duration, Stack, aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { VERIFIED_METRICS, verifiedMetric } from '../../src/monitoring/private/verified-metrics';

// Each metric the library alarms on or draws, pinned against the page it was read on (2026-12-06).
// The runtime page lists the names with the ModelId dimension; the log delivery metrics are published
// "Across all model IDs", i.e. with no dimension at all.
const RUNTIME = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html';
const LOG = 'https://docs.aws.amazon.com/ko_kr/bedrock/latest/userguide/monitoring.html';
const QUOTA_BLOG = 'https://aws.amazon.com/blogs/machine-learning/improve-operational-visibility-for-inference-workloads-on-amazon-bedrock-with-new-cloudwatch-metrics-for-ttft-and-estimated-quota-consumption';
const GUARDRAILS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-guardrails-cw-metrics.html';
const AGENTCORE = 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/observability-runtime-metrics.html';
// Namespace, names, unit Count and the per-project level read there; the dimension name Project is reported (see the table).
const MANTLE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-mantle-metrics.html';

const PINNED: Array<[string, string, string, string[], string, string]> = [
  ['modelInvocations', 'AWS/Bedrock', 'Invocations', ['ModelId'], 'Sum', RUNTIME],
  ['modelServerErrors', 'AWS/Bedrock', 'InvocationServerErrors', ['ModelId'], 'Sum', RUNTIME],
  ['modelClientErrors', 'AWS/Bedrock', 'InvocationClientErrors', ['ModelId'], 'Sum', RUNTIME],
  ['modelThrottles', 'AWS/Bedrock', 'InvocationThrottles', ['ModelId'], 'Sum', RUNTIME],
  ['modelInputTokens', 'AWS/Bedrock', 'InputTokenCount', ['ModelId'], 'Sum', RUNTIME],
  ['modelOutputTokens', 'AWS/Bedrock', 'OutputTokenCount', ['ModelId'], 'Sum', RUNTIME],
  ['modelLatency', 'AWS/Bedrock', 'InvocationLatency', ['ModelId'], 'p90', RUNTIME],
  ['modelEstimatedQuotaUsage', 'AWS/Bedrock', 'EstimatedTPMQuotaUsage', ['ModelId'], 'Sum', QUOTA_BLOG],
  ['logS3DeliveryFailures', 'AWS/Bedrock', 'ModelInvocationLogsS3DeliveryFailure', [], 'Sum', LOG],
  ['logS3DeliverySuccesses', 'AWS/Bedrock', 'ModelInvocationLogsS3DeliverySuccess', [], 'Sum', LOG],
  ['logCloudWatchDeliveryFailures', 'AWS/Bedrock', 'ModelInvocationLogsCloudWatchDeliveryFailure', [], 'Sum', LOG],
  ['logCloudWatchDeliverySuccesses', 'AWS/Bedrock', 'ModelInvocationLogsCloudWatchDeliverySuccess', [], 'Sum', LOG],
  ['logLargeDataS3DeliveryFailures', 'AWS/Bedrock', 'ModelInvocationLargeDataS3DeliveryFailure', [], 'Sum', LOG],
  // Dimensions and statistic also in aws-cdk-lib's generated BedrockGuardrailsMetrics.
  ['guardrailInvocations', 'AWS/Bedrock/Guardrails', 'Invocations', ['GuardrailArn', 'GuardrailVersion'], 'Sum', GUARDRAILS],
  ['guardrailInterventions', 'AWS/Bedrock/Guardrails', 'InvocationsIntervened', ['GuardrailArn', 'GuardrailVersion'], 'Sum', GUARDRAILS],
  // Namespace and dimensions as aws-cdk-lib's RuntimeBase.metric publishes them.
  ['agentRuntimeInvocations', 'AWS/Bedrock-AgentCore', 'Invocations', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE],
  ['agentRuntimeSystemErrors', 'AWS/Bedrock-AgentCore', 'SystemErrors', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE],
  ['agentRuntimeThrottles', 'AWS/Bedrock-AgentCore', 'Throttles', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE],
  ['openAiProjectInferences', 'AWS/BedrockMantle', 'Inferences', ['Project'], 'Sum', MANTLE],
  ['openAiProjectClientErrors', 'AWS/BedrockMantle', 'InferenceClientErrors', ['Project'], 'Sum', MANTLE],
];

describe('the verified metric table', () => {
  test('holds exactly the pinned metrics', () => {
    expect(Object.keys(VERIFIED_METRICS).sort()).toEqual(PINNED.map(p => p[0]).sort());
  });

  test.each(PINNED)('%s is %s %s with dimensions %j and statistic %s, read on its source', (key, namespace, name, dims, statistic, source) => {
    const metric = VERIFIED_METRICS[key as keyof typeof VERIFIED_METRICS];
    expect([metric.namespace, metric.metricName, [...metric.dimensions], metric.statistic]).toEqual([namespace, name, dims, statistic]);
    expect(metric.source.startsWith(source)).toBe(true);
  });

  test('a metric asked for with another dimension set than it is published with is an error', () => {
    expect(() => verifiedMetric('modelThrottles', { ModelId: 'm', Region: 'eu-central-1' }, Duration.minutes(5)))
      .toThrow('verifiedMetric: metric AWS/Bedrock InvocationThrottles is published with dimensions [ModelId], not [ModelId, Region]');
    expect(() => verifiedMetric('logS3DeliveryFailures', { ModelId: 'm' }, Duration.minutes(5)))
      .toThrow('verifiedMetric: metric AWS/Bedrock ModelInvocationLogsS3DeliveryFailure is published with dimensions [], not [ModelId]');
  });
});

describe('the check every alarm test runs', () => {
  function templateWith(metric: cloudwatch.IMetric) {
    const stack = new Stack(new App(), 'S');
    new cloudwatch.Alarm(stack, 'A', { metric, threshold: 1, evaluationPeriods: 1 });
    return Template.fromStack(stack).toJSON();
  }

  test('an alarm on a metric name that does not exist is caught (control: the real name passes)', () => {
    const typo = new cloudwatch.Metric({ namespace: 'AWS/Bedrock', metricName: 'InvocationThrottle', dimensionsMap: { ModelId: 'm' }, statistic: 'Sum' });
    expect(unverifiedAlarmMetrics(templateWith(typo)).map(m => m.metricName)).toEqual(['InvocationThrottle']);
    expect(unverifiedAlarmMetrics(templateWith(verifiedMetric('modelThrottles', { ModelId: 'm' }, Duration.minutes(5))))).toEqual([]);
  });

  test('the OpenAI-compatible endpoint has no server-error or throttle metric of its own: the names of AWS/Bedrock are caught there', () => {
    const borrowed = ['InvocationServerErrors', 'InvocationThrottles', 'InferenceServerErrors'].map(metricName =>
      new cloudwatch.Metric({ namespace: 'AWS/BedrockMantle', metricName, dimensionsMap: { Project: 'proj_a' }, statistic: 'Sum' }));
    for (const metric of borrowed) expect(unverifiedAlarmMetrics(templateWith(metric))).toHaveLength(1);
    expect(unverifiedAlarmMetrics(templateWith(verifiedMetric('openAiProjectClientErrors', { Project: 'proj_a' }, Duration.minutes(5))))).toEqual([]);
  });

  test('a real name in the wrong namespace, with a dimension it does not have, or with another statistic is caught', () => {
    const wrong = [
      new cloudwatch.Metric({ namespace: 'AWS/Bedrock/Guardrails', metricName: 'InvocationThrottles', dimensionsMap: { ModelId: 'm' }, statistic: 'Sum' }),
      new cloudwatch.Metric({ namespace: 'AWS/Bedrock', metricName: 'ModelInvocationLogsS3DeliveryFailure', dimensionsMap: { ModelId: 'm' }, statistic: 'Sum' }),
      new cloudwatch.Metric({ namespace: 'AWS/Bedrock', metricName: 'InvocationThrottles', dimensionsMap: { ModelId: 'm' }, statistic: 'Average' }),
    ];
    for (const metric of wrong) expect(unverifiedAlarmMetrics(templateWith(metric))).toHaveLength(1);
  });

  test('each metric of a math alarm is checked', () => {
    const math = new cloudwatch.MathExpression({
      expression: 'a + b',
      usingMetrics: {
        a: verifiedMetric('modelInputTokens', { ModelId: 'm' }, Duration.hours(1)),
        b: new cloudwatch.Metric({ namespace: 'AWS/Bedrock', metricName: 'OutputTokens', dimensionsMap: { ModelId: 'm' }, statistic: 'Sum', period: Duration.hours(1) }),
      },
    });
    expect(unverifiedAlarmMetrics(templateWith(math)).map(m => m.metricName)).toEqual(['OutputTokens']);
  });
});
