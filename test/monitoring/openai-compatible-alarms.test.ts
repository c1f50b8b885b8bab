import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { OpenAiCompatibleProject } from '../../src/models';
import { GovernanceAlarms, OpenAiCompatibleAlarms, OpenAiCompatibleAlarmsProps } from '../../src/monitoring';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';

function synth(props: Partial<OpenAiCompatibleAlarmsProps> = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const project = new OpenAiCompatibleProject(stack, 'Support', { projectName: 'support' });
  new OpenAiCompatibleAlarms(stack, 'OpenAi', { topic, project, ...props });
  return { stack, template: Template.fromStack(stack) };
}

function alarmOf(template: Template) {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  expect(alarms).toHaveLength(1);
  return alarms[0].Properties;
}

describe('OpenAiCompatibleAlarms', () => {
  const { stack, template } = synth();
  const dims = [{ Name: 'Project', Value: { 'Fn::GetAtt': [expect.stringMatching(/^Support/), 'Id'] } }];

  test('more than 10% of the project\'s requests failing with a client error in 3 consecutive 5-minute periods', () => {
    const p = alarmOf(template);
    expect(p.Metrics.map((m: any) => m.MetricStat
      ? [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions, m.MetricStat.Stat, m.MetricStat.Period]
      : [m.Id, m.Expression])).toEqual([
      ['expr_1', 'IF(done + failed > 0, 100 * failed / (done + failed), 0)'],
      ['done', 'AWS/BedrockMantle', 'Inferences', dims, 'Sum', 300],
      ['failed', 'AWS/BedrockMantle', 'InferenceClientErrors', dims, 'Sum', 300],
    ]);
    expect([p.Threshold, p.ComparisonOperator, p.EvaluationPeriods, p.DatapointsToAlarm, p.AlarmActions, p.OKActions])
      .toEqual([10, 'GreaterThanThreshold', 3, 3, [TOPIC_ARN], [TOPIC_ARN]]);
  });

  test('a project nobody calls publishes nothing and is not broken: missing data is not breaching', () => {
    expect(alarmOf(template).TreatMissingData).toBe('notBreaching');
  });

  test('the threshold is the one declared', () => {
    expect(alarmOf(synth({ clientErrorPercent: 2.5 }).template).Threshold).toBe(2.5);
  });

  test('every alarm watches a verified metric', () => {
    expect(unverifiedAlarmMetrics(template.toJSON())).toEqual([]);
  });

  test.each([0, -1, 101])('clientErrorPercent %p is an error naming the prop, the value and what is allowed', (value) => {
    expect(() => synth({ clientErrorPercent: value })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: `OpenAiCompatibleAlarms: clientErrorPercent is ${value}; expected a percentage above 0 and at most 100`,
    }));
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});

describe('GovernanceAlarms with OpenAI-compatible projects', () => {
  test('one alarm per project, named by the project so reordering keeps the others', () => {
    const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
    const a = new OpenAiCompatibleProject(stack, 'Support', { projectName: 'support' });
    const b = new OpenAiCompatibleProject(stack, 'Search', { projectName: 'search' });
    const alarms = new GovernanceAlarms(stack, 'Alarms', { topic, openAiCompatibleProjects: [b, a] });
    expect(alarms.openAiCompatibleProjects.map(x => x.node.id)).toEqual(['OpenAiCompatible-Search', 'OpenAiCompatible-Support']);
    const ids = Object.keys(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(ids.filter(id => id.includes('OpenAiCompatible')).map(id => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['AlarmsOpenAiCompatibleSearchClientErrors', 'AlarmsOpenAiCompatibleSupportClientErrors']);
  });

  test('two projects with the same construct ID (in different scopes) are an error, not a construct clash', () => {
    const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
    const a = new OpenAiCompatibleProject(new Construct(stack, 'TeamA'), 'Project', { projectName: 'a' });
    const b = new OpenAiCompatibleProject(new Construct(stack, 'TeamB'), 'Project', { projectName: 'b' });
    expect(() => new GovernanceAlarms(stack, 'Alarms', { topic, openAiCompatibleProjects: [a, b] })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'GovernanceAlarms: openAiCompatibleProjects has two projects with the construct ID Project; their alarms are named by it: ' +
        'give each project a distinct ID',
    }));
  });
});
