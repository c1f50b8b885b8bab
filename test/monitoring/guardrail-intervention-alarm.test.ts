import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { unverifiedAlarmMetrics } from './alarm-metrics';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { Guardrail } from '../../src/guardrails';
import { GuardrailInterventionAlarm, GuardrailInterventionAlarmProps } from '../../src/monitoring';
import { checkCompliance } from '../support/nag';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:111111111111:governance';
const GUARDRAIL_ARN = 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc123';

function synth(props: Partial<GuardrailInterventionAlarmProps> = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' });
  new GuardrailInterventionAlarm(stack, 'Interventions', { topic, guardrail, ...props });
  return { stack, template: Template.fromStack(stack) };
}

describe('GuardrailInterventionAlarm', () => {
  const { stack, template } = synth();

  test('more than 20% of evaluations intervened in 3 consecutive 15-minute periods; fewer than 20 evaluations count as none; no data is not breaching', () => {
    const [p] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties);
    const dims = [{ Name: 'GuardrailArn', Value: GUARDRAIL_ARN }, { Name: 'GuardrailVersion', Value: '3' }];
    expect(p.Metrics.map((m: any) => m.MetricStat
      ? [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions, m.MetricStat.Stat, m.MetricStat.Period]
      : [m.Id, m.Expression])).toEqual([
      ['expr_1', 'IF(inv >= 20, 100 * hit / inv, 0)'],
      ['inv', 'AWS/Bedrock/Guardrails', 'Invocations', dims, 'Sum', 900],
      ['hit', 'AWS/Bedrock/Guardrails', 'InvocationsIntervened', dims, 'Sum', 900],
    ]);
    expect([p.Threshold, p.ComparisonOperator, p.EvaluationPeriods, p.DatapointsToAlarm, p.TreatMissingData, p.AlarmActions, p.OKActions])
      .toEqual([20, 'GreaterThanThreshold', 3, 3, 'notBreaching', [TOPIC_ARN], [TOPIC_ARN]]);
    expect(unverifiedAlarmMetrics(template.toJSON())).toEqual([]);
  });

  test('bad thresholds are an error naming the prop, the value and what is allowed', () => {
    expect(() => synth({ interventionPercent: 120, minimumEvaluations: 0 })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'GuardrailInterventionAlarm:\n' +
        '  - interventionPercent is 120; expected a percentage above 0 and at most 100\n' +
        '  - minimumEvaluations is 0; expected a whole number of at least 1',
    }));
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
