import { Duration, aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Problems } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';

/**
 * One CloudWatch metric that AWS documents, exactly as it is published: the namespace, the metric
 * name, the full set of dimension names (a metric is found only by its complete dimension set) and the
 * statistic that makes sense for it. Every alarm and dashboard widget of the library draws from
 * `VERIFIED_METRICS`, so a metric that is not in the table cannot be alarmed on.
 */
export interface VerifiedMetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  /** The dimension names, sorted; empty for a metric published for the whole account and region */
  readonly dimensions: readonly string[];
  readonly statistic: string;
  /** Where the name, namespace, dimensions and statistic were read */
  readonly source: string;
}

const RUNTIME = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html';
const LOG_DELIVERY = 'https://docs.aws.amazon.com/ko_kr/bedrock/latest/userguide/monitoring.html (section "CloudWatch metrics for Amazon Bedrock": emitted under AWS/Bedrock, "Across all model IDs")';
const QUOTA = 'https://aws.amazon.com/blogs/machine-learning/improve-operational-visibility-for-inference-workloads-on-amazon-bedrock-with-new-cloudwatch-metrics-for-ttft-and-estimated-quota-consumption';
const GUARDRAILS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-guardrails-cw-metrics.html; dimensions and statistic: aws-cdk-lib 2.276 aws-bedrock/lib/bedrock-canned-metrics.generated (BedrockGuardrailsMetrics)';
const AGENTCORE = 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/observability-runtime-metrics.html; namespace and dimensions: aws-cdk-lib 2.276 aws-bedrockagentcore/lib/runtime/runtime-base (RuntimeBase.metric)';

// The page lists the names, the unit Count and the four levels (Account, Project, Model, Project+Model); the
// project level's dimension name `Project` (valued with the project ID, proj_...) is how public dashboards and
// cost tools query it: the page's dimension table was not in the stored copy read on 2026-12-06.
const MANTLE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-mantle-metrics.html; dimension name Project: as queried by public code reading AWS/BedrockMantle per project (reported)';

function spec(namespace: string, metricName: string, dimensions: string[], statistic: string, source: string): VerifiedMetricSpec {
  return { namespace, metricName, dimensions: [...dimensions].sort(), statistic, source };
}

/** The metrics the library alarms on and draws, each verified against its source. */
export const VERIFIED_METRICS = {
  // bedrock-runtime, per model (the identifier the client passes as modelId)
  modelInvocations: spec('AWS/Bedrock', 'Invocations', ['ModelId'], 'Sum', RUNTIME),
  modelServerErrors: spec('AWS/Bedrock', 'InvocationServerErrors', ['ModelId'], 'Sum', RUNTIME),
  modelClientErrors: spec('AWS/Bedrock', 'InvocationClientErrors', ['ModelId'], 'Sum', RUNTIME),
  modelThrottles: spec('AWS/Bedrock', 'InvocationThrottles', ['ModelId'], 'Sum', RUNTIME),
  modelInputTokens: spec('AWS/Bedrock', 'InputTokenCount', ['ModelId'], 'Sum', RUNTIME),
  modelOutputTokens: spec('AWS/Bedrock', 'OutputTokenCount', ['ModelId'], 'Sum', RUNTIME),
  modelLatency: spec('AWS/Bedrock', 'InvocationLatency', ['ModelId'], 'p90', RUNTIME),
  // Absolute tokens per minute counted against the model's TPM quota (burndown and cache writes included).
  modelEstimatedQuotaUsage: spec('AWS/Bedrock', 'EstimatedTPMQuotaUsage', ['ModelId'], 'Sum', QUOTA),
  // invocation log delivery, for the whole account and region
  logS3DeliveryFailures: spec('AWS/Bedrock', 'ModelInvocationLogsS3DeliveryFailure', [], 'Sum', LOG_DELIVERY),
  logS3DeliverySuccesses: spec('AWS/Bedrock', 'ModelInvocationLogsS3DeliverySuccess', [], 'Sum', LOG_DELIVERY),
  logCloudWatchDeliveryFailures: spec('AWS/Bedrock', 'ModelInvocationLogsCloudWatchDeliveryFailure', [], 'Sum', LOG_DELIVERY),
  logCloudWatchDeliverySuccesses: spec('AWS/Bedrock', 'ModelInvocationLogsCloudWatchDeliverySuccess', [], 'Sum', LOG_DELIVERY),
  logLargeDataS3DeliveryFailures: spec('AWS/Bedrock', 'ModelInvocationLargeDataS3DeliveryFailure', [], 'Sum', LOG_DELIVERY),
  // guardrails, per guardrail version
  guardrailInvocations: spec('AWS/Bedrock/Guardrails', 'Invocations', ['GuardrailArn', 'GuardrailVersion'], 'Sum', GUARDRAILS),
  guardrailInterventions: spec('AWS/Bedrock/Guardrails', 'InvocationsIntervened', ['GuardrailArn', 'GuardrailVersion'], 'Sum', GUARDRAILS),
  // AgentCore runtime, per runtime endpoint
  agentRuntimeInvocations: spec('AWS/Bedrock-AgentCore', 'Invocations', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE),
  agentRuntimeSystemErrors: spec('AWS/Bedrock-AgentCore', 'SystemErrors', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE),
  agentRuntimeThrottles: spec('AWS/Bedrock-AgentCore', 'Throttles', ['Name', 'Operation', 'Resource'], 'Sum', AGENTCORE),
  // OpenAI-compatible endpoint (bedrock-mantle), per project: it publishes client (4xx) errors only
  openAiProjectInferences: spec('AWS/BedrockMantle', 'Inferences', ['Project'], 'Sum', MANTLE),
  openAiProjectClientErrors: spec('AWS/BedrockMantle', 'InferenceClientErrors', ['Project'], 'Sum', MANTLE),
};

/** The name of a verified metric */
export type VerifiedMetricKey = keyof typeof VERIFIED_METRICS;

/**
 * A CloudWatch metric from the verified table. The dimensions given must be exactly the metric's
 * documented set: a metric queried with a partial or extra dimension has no data, so an alarm on it
 * would never fire.
 */
export function verifiedMetric(key: VerifiedMetricKey, dimensionsMap: Record<string, string>, period: Duration, label?: string): cloudwatch.Metric {
  const metric = VERIFIED_METRICS[key];
  const given = Object.keys(dimensionsMap).sort();
  const problems = new Problems();
  problems.check(given.join(',') === metric.dimensions.join(','),
    `metric ${metric.namespace} ${metric.metricName} is published with dimensions [${metric.dimensions.join(', ')}], not [${given.join(', ')}]`);
  problems.throwIfAny(undefined, 'verifiedMetric', BedrockLandingZoneErrorCode.INTERNAL);
  return new cloudwatch.Metric({
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensionsMap: Object.keys(dimensionsMap).length > 0 ? dimensionsMap : undefined,
    statistic: metric.statistic,
    period,
    label,
  });
}
