import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { InvocationLoggingAlarms } from '../../src/monitoring';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';

function synth(props: Partial<ConstructorParameters<typeof InvocationLoggingAlarms>[2]> = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const alarms = new InvocationLoggingAlarms(stack, 'LoggingAlarms', { topic, ...props });
  return { stack, alarms, template: Template.fromStack(stack) };
}

describe('InvocationLoggingAlarms', () => {
  const { stack, alarms, template } = synth();

  test('any failed delivery within five minutes, to S3, to CloudWatch Logs or of a large payload, is an alarm; no data is no failure', () => {
    const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties);
    expect(found.map(p => [p.Namespace, p.MetricName, p.Dimensions, p.Statistic, p.Period, p.Threshold, p.ComparisonOperator,
      p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData])).toEqual([
      ['AWS/Bedrock', 'ModelInvocationLogsS3DeliveryFailure', undefined, 'Sum', 300, 1, 'GreaterThanOrEqualToThreshold', 1, 1, 'notBreaching'],
      ['AWS/Bedrock', 'ModelInvocationLogsCloudWatchDeliveryFailure', undefined, 'Sum', 300, 1, 'GreaterThanOrEqualToThreshold', 1, 1, 'notBreaching'],
      ['AWS/Bedrock', 'ModelInvocationLargeDataS3DeliveryFailure', undefined, 'Sum', 300, 1, 'GreaterThanOrEqualToThreshold', 1, 1, 'notBreaching'],
    ]);
    expect(alarms.alarms).toHaveLength(3);
  });

  test('every alarm tells the topic when it fires and when it clears, and carries the protection tag', () => {
    for (const p of Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties)) {
      expect([p.ActionsEnabled, p.AlarmActions, p.OKActions]).toEqual([true, [TOPIC_ARN], [TOPIC_ARN]]);
      expect(p.Tags).toEqual([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]);
    }
  });

  test('every alarm watches a verified metric', () => {
    expect(unverifiedAlarmMetrics(template.toJSON())).toEqual([]);
  });

  test('only the destinations in use are watched', () => {
    const names = (t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties.MetricName);
    expect(names(synth({ cloudWatchLogsDelivery: false }).template)).toEqual(['ModelInvocationLogsS3DeliveryFailure']);
    expect(names(synth({ s3Delivery: false }).template)).toEqual(['ModelInvocationLogsCloudWatchDeliveryFailure']);
  });

  test('watching no destination is an error naming both props', () => {
    expect(() => synth({ s3Delivery: false, cloudWatchLogsDelivery: false })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'InvocationLoggingAlarms: s3Delivery and cloudWatchLogsDelivery are both false: invocation logging delivers somewhere, ' +
        'and that destination must be watched; set the one your logging uses to true',
    }));
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
