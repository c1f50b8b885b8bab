import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { LOGGING_TYPE } from '../private/app-facts';
import { RenderedResource, RuleContext } from '../private/context';
import { enabledAlarmActions, firesOnFirstOccurrence, metricAlarmedOn } from '../private/governance-alarms';
import { defineRule } from '../private/rule-definition';

// Published by Bedrock under AWS/Bedrock "Across all model IDs" (no dimension):
// https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring.html
const FAILURE_METRICS: Array<[string, string]> = [
  ['S3', 'ModelInvocationLogsS3DeliveryFailure'],
  ['CloudWatchLogs', 'ModelInvocationLogsCloudWatchDeliveryFailure'],
];
const COUNTING_STATISTICS = ['Sum', 'SampleCount', 'Maximum'];

/** MN1: every destination of invocation logging has an alarm on its delivery failures that tells somebody. */
export const InvocationLoggingAlarmed = defineRule({
  id: 'MN1',
  name: 'InvocationLoggingAlarmed',
  info: 'The model invocation logging configuration delivers to a destination whose delivery failures no alarm of the app reports.',
  explanation: 'A failed delivery of an invocation log is lost evidence, and nothing else says it happened. For each destination of the ' +
    'configuration (`s3Config`, `cloudWatchConfig`) the rule looks, in the same account and region, for an `AWS::CloudWatch::Alarm` that ' +
    'follows `AWS/Bedrock` `ModelInvocationLogsS3DeliveryFailure` / `ModelInvocationLogsCloudWatchDeliveryFailure` with no dimension (as ' +
    'Bedrock publishes them), counted with Sum, SampleCount or Maximum, goes into ALARM on one failure in one period, and has enabled alarm ' +
    'actions. An alarm under a CloudFormation condition, on a dimension the metric does not have, with a threshold above one failure or ' +
    'actions disabled does not count. Findings name the destination (`Bedrock-MN1[S3]`). `InvocationLoggingAlarms` (created by ' +
    '`BedrockLandingZone`) complies.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [LOGGING_TYPE],
  controls: { nist80053r5: ['AU-5', 'AU-6', 'SI-4'], hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], pciDss: ['10.6', '10.7'], securityHub: [], wellArchitectedGenAi: ['GENOPS03'] },
  judge(res, context) {
    const config = res.properties.LoggingConfig ?? {};
    const destinations = FAILURE_METRICS.filter(([destination]) =>
      destination === 'S3' ? config.s3Config?.bucketName !== undefined : config.cloudWatchConfig?.logGroupName !== undefined);
    if (destinations.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const alarms = watchingAlarms(context, res);
    const missing = destinations.filter(([, metricName]) => !alarms.some(a => {
      const m = metricAlarmedOn(a);
      return m !== undefined && m.namespace === 'AWS/Bedrock' && m.metricName === metricName && m.dimensionCount === 0 &&
        COUNTING_STATISTICS.includes(m.statistic ?? '') && firesOnFirstOccurrence(a) && enabledAlarmActions(a).length > 0;
    })).map(([destination]) => destination);
    return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing;
  },
});

/** The unconditional alarms of the app that can watch the logging's account and region. */
function watchingAlarms(context: RuleContext, logging: RenderedResource): RenderedResource[] {
  const environment = logging.stack.environment;
  return context.appStacks()
    .filter(s => environment === undefined || s.environment === undefined || s.environment === environment)
    .flatMap(s => s.ofType('AWS::CloudWatch::Alarm'))
    .filter(a => a.condition === undefined);
}
