import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { BedrockSpendAnomalyMonitor } from '../../src/spend';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';

function synth(props: Partial<ConstructorParameters<typeof BedrockSpendAnomalyMonitor>[2]> = {}) {
  const stack = new Stack(new App(), 'Workload', { env: { account: '111111111111', region: 'eu-central-1' } });
  new BedrockSpendAnomalyMonitor(stack, 'Anomalies', { topic: sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN), ...props });
  const template = Template.fromStack(stack);
  const one = (type: string) => Object.values(template.findResources(type))[0].Properties;
  return { stack, monitor: one('AWS::CE::AnomalyMonitor'), subscription: one('AWS::CE::AnomalySubscription') };
}

describe('BedrockSpendAnomalyMonitor', () => {
  test('an AWS managed monitor per service, told to the topic immediately when an anomaly reaches $100 and 20%', () => {
    const { monitor, subscription } = synth();
    expect(monitor).toEqual({ MonitorName: expect.stringMatching(/^bedrock-/), MonitorType: 'DIMENSIONAL', MonitorDimension: 'SERVICE' });
    expect(subscription.Frequency).toBe('IMMEDIATE');
    expect(subscription.Subscribers).toEqual([{ Type: 'SNS', Address: TOPIC_ARN }]);
    expect(JSON.parse(subscription.ThresholdExpression)).toEqual({
      And: [
        { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['100'] } },
        { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['20'] } },
      ],
    });
    expect(subscription.Threshold).toBeUndefined();
  });

  test('per principal tag: a managed TAG monitor on iamPrincipal/<key>, thresholds as given', () => {
    const { monitor, subscription } = synth({ principalTagKey: 'team', absoluteThresholdUsd: 250, percentageThreshold: 50 });
    expect(monitor.MonitorDimension).toBe('TAG');
    expect(JSON.parse(monitor.MonitorSpecification)).toEqual({ Tags: { Key: 'iamPrincipal/team' } });
    expect(JSON.parse(subscription.ThresholdExpression).And.map((d: any) => d.Dimensions.Values[0])).toEqual(['250', '50']);
  });

  test('cdk-nag: no violation and no acknowledgement', () => {
    expect(checkCompliance(synth().stack)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('bad input is an error at synth naming the prop, the value and what is allowed', () => {
    expect(() => synth({ absoluteThresholdUsd: -1, percentageThreshold: 0, principalTagKey: '' })).toThrow(expect.objectContaining({
      code: Code.SPEND_ANOMALY_PROPS,
      message: 'BedrockSpendAnomalyMonitor:\n' +
        '  - absoluteThresholdUsd is -1; expected an amount in US dollars greater than 0\n' +
        '  - percentageThreshold is 0; expected a percentage greater than 0\n' +
        "  - principalTagKey is ''; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@",
    }));
  });
});
