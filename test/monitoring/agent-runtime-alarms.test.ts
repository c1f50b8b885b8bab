import { App, Stack, aws_bedrockagentcore as agentcore, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { AgentRuntimeAlarms, AgentRuntimeAlarmsProps } from '../../src/monitoring';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';
const RUNTIME_ARN = 'arn:aws:bedrock-agentcore:eu-central-1:111111111111:runtime/support_agent-abc123';

function synth(props: Partial<AgentRuntimeAlarmsProps> = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const runtime = agentcore.Runtime.fromAgentRuntimeAttributes(stack, 'Runtime', {
    agentRuntimeArn: RUNTIME_ARN,
    agentRuntimeId: 'support_agent-abc123',
    agentRuntimeName: 'support_agent',
    roleArn: 'arn:aws:iam::111111111111:role/agent',
  });
  new AgentRuntimeAlarms(stack, 'Agent', { topic, runtime, ...props });
  return { stack, template: Template.fromStack(stack) };
}

describe('AgentRuntimeAlarms', () => {
  const { stack, template } = synth();
  const dims = [
    { Name: 'Name', Value: 'support_agent::DEFAULT' },
    { Name: 'Operation', Value: 'InvokeAgentRuntime' },
    { Name: 'Resource', Value: RUNTIME_ARN },
  ];

  test.each([['AgentSystemErrors', 'SystemErrors'], ['AgentThrottles', 'Throttles']])('%s: more than 5%% of invocations %s in 3 consecutive 5-minute periods', (prefix, metric) => {
    const [, resource] = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([id]) => id.startsWith(prefix))!;
    const p = resource.Properties;
    expect(p.Metrics.map((m: any) => m.MetricStat
      ? [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions, m.MetricStat.Stat, m.MetricStat.Period]
      : [m.Id, m.Expression])).toEqual([
      ['expr_1', 'IF(inv > 0, 100 * bad / inv, IF(bad > 0, 100, 0))'],
      ['inv', 'AWS/Bedrock-AgentCore', 'Invocations', dims, 'Sum', 300],
      ['bad', 'AWS/Bedrock-AgentCore', metric, dims, 'Sum', 300],
    ]);
    expect([p.Threshold, p.ComparisonOperator, p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData, p.AlarmActions, p.OKActions])
      .toEqual([5, 'GreaterThanThreshold', 3, 3, 'notBreaching', [TOPIC_ARN], [TOPIC_ARN]]);
  });

  test('every alarm watches a verified metric', () => {
    expect(unverifiedAlarmMetrics(template.toJSON())).toEqual([]);
  });

  test('bad thresholds are an error naming the prop, the value and what is allowed', () => {
    expect(() => synth({ systemErrorPercent: -1 })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'AgentRuntimeAlarms: systemErrorPercent is -1; expected a percentage above 0 and at most 100',
    }));
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
