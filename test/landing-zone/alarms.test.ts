import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone, GovernanceProfile } from '../../src/landing-zone';
import { OpenAiCompatibleProject } from '../../src/models';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { unverifiedAlarmMetrics } from '../monitoring/alarm-metrics';

describe('BedrockLandingZone governance alarms', () => {
  const sonnet = ApprovedModel.throughGeography(SONNET_45);
  const haiku = ApprovedModel.inRegion(TITAN_EMBED_V2);

  function synth(props: Partial<ConstructorParameters<typeof BedrockLandingZone>[2]> = {}) {
    const stack = stackIn('eu-central-1');
    // The detective controls add rules of their own (test/detective/landing-zone-detective-controls.test.ts).
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [sonnet, haiku], detectiveControls: false, ...props });
    return { lz, template: Template.fromStack(stack) };
  }

  test('by default: log delivery alarms, the logging change rule, throttle and server-error alarms per model, the guardrail intervention alarm', () => {
    const { lz, template } = synth({ modelLimits: [{ model: sonnet, tokensPerMinuteQuota: 1_000_000 }] });
    const alarms = lz.alarms!;
    expect(alarms.logging.alarms.map(a => a.node.id)).toEqual(['S3DeliveryFailures', 'CloudWatchLogsDeliveryFailures', 'LargeDataDeliveryFailures']);
    expect(alarms.models.map(m => [m.node.id, m.alarms.map(a => a.node.id)])).toEqual([
      [`Model-eu.${SONNET_45}`, ['Throttles', 'ServerErrors', 'QuotaUsage']],
      [`Model-${TITAN_EMBED_V2}`, ['Throttles', 'ServerErrors']],
    ]);
    expect(alarms.guardrails).toHaveLength(1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 + 3 + 2 + 1);
    template.resourceCountIs('AWS::Events::Rule', 1);
    expect(unverifiedAlarmMetrics(template.toJSON())).toEqual([]);
  });

  test('every alarm and the rule publish to the landing zone topic', () => {
    const { template } = synth();
    const topicRef = { Ref: expect.stringMatching(/^LzNotificationsTopic/) };
    for (const p of Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties)) {
      expect([p.AlarmActions, p.OKActions]).toEqual([[topicRef], [topicRef]]);
    }
    const [rule] = Object.values(template.findResources('AWS::Events::Rule')).map(r => r.Properties);
    expect(rule.Targets.map((t: any) => t.Arn)).toEqual([topicRef]);
  });

  test('the guardrail alarm watches the guardrail the landing zone enforces', () => {
    const { lz, template } = synth();
    const p = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(r => r.Properties)
      .find(x => x.Metrics?.some((m: any) => m.MetricStat?.Metric.Namespace === 'AWS/Bedrock/Guardrails'));
    const dims = p.Metrics.find((m: any) => m.Id === 'hit').MetricStat.Metric.Dimensions;
    const stack = lz.node.scope as any;
    expect(stack.resolve(dims)).toEqual(stack.resolve([
      { Name: 'GuardrailArn', Value: lz.guardrail.guardrailArn },
      { Name: 'GuardrailVersion', Value: lz.guardrail.guardrailVersion },
    ]));
  });

  test('a dashboard by default, with the approved models and the guardrail; opt-out with dashboard: false', () => {
    const { lz, template } = synth();
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(lz.dashboard!.unpricedModels).toEqual([]);
    const off = synth({ dashboard: false });
    expect(off.lz.dashboard).toBeUndefined();
    off.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('opt-out under the baseline: no alarms, no rule', () => {
    const { lz, template } = synth({ alarms: false });
    expect(lz.alarms).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test.each([
    ['hipaa', GovernanceProfile.HIPAA],
    ['pci-dss', GovernanceProfile.PCI_DSS],
    ['fedramp-moderate', GovernanceProfile.FEDRAMP_MODERATE],
  ])('the regulated profile %s requires the logging alarms: turning them off is an error', (name, profile) => {
    expect(GovernanceProfile.combine([GovernanceProfile.EU_RESIDENCY, profile]).requiresLoggingAlarms).toBe(true);
    expect(() => synth({ profiles: [profile], alarms: false, approvedModels: [haiku] })).toThrow(expect.objectContaining({
      code: Code.LANDING_ZONE_PROPS,
      message: `BedrockLandingZone: alarms is false, but profile ${name} requires the invocation log delivery alarms: an operator must show ` +
        'the logging works; leave alarms out or set it to true',
    }));
  });

  test('the baseline and residency profiles do not require them', () => {
    expect([GovernanceProfile.BASELINE, GovernanceProfile.EU_RESIDENCY, GovernanceProfile.EU_ADEQUACY_RESIDENCY].map(p => p.requiresLoggingAlarms))
      .toEqual([false, false, false]);
  });

  test('limits for a model that is not approved, or without alarms, are errors', () => {
    expect(() => synth({ modelLimits: [{ model: ApprovedModel.inRegion(SONNET_45), tokensPerMinuteQuota: 10 }] })).toThrow(expect.objectContaining({
      code: Code.LANDING_ZONE_PROPS,
      message: `BedrockLandingZone: modelLimits[0].model is ${SONNET_45} (in region), which is not one of approvedModels (the same object): ` +
        'limits apply to approved models only',
    }));
    expect(() => synth({ alarms: false, modelLimits: [{ model: sonnet, tokensPerMinuteQuota: 10 }] })).toThrow(
      'BedrockLandingZone: modelLimits is given but alarms is false: the limits are alarm thresholds; turn alarms on or leave modelLimits out');
  });

  test('the OpenAI-compatible projects named get their client-error alarm on the landing zone topic; none without them', () => {
    expect(synth().lz.alarms!.openAiCompatibleProjects).toEqual([]);
    const stack = stackIn('eu-central-1');
    const project = new OpenAiCompatibleProject(stack, 'Support', { projectName: 'support' });
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [sonnet], detectiveControls: false, openAiCompatibleProjects: [project] });
    expect(lz.alarms!.openAiCompatibleProjects.map(a => a.node.path)).toEqual(['Stack/Lz/Alarms/OpenAiCompatible-Support']);
    const alarm = Object.entries(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))
      .find(([id]) => id.startsWith('LzAlarmsOpenAiCompatibleSupport'))![1].Properties;
    expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^LzNotificationsTopic/) }]);
    expect(alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Namespace)).toEqual(['AWS/BedrockMantle', 'AWS/BedrockMantle']);
  });

  test('OpenAI-compatible projects without alarms are an error', () => {
    const stack = stackIn('eu-central-1');
    const project = new OpenAiCompatibleProject(stack, 'Support', { projectName: 'support' });
    expect(() => new BedrockLandingZone(stack, 'Lz', { approvedModels: [sonnet], alarms: false, openAiCompatibleProjects: [project] })).toThrow(
      expect.objectContaining({
        code: Code.LANDING_ZONE_PROPS,
        message: 'BedrockLandingZone: openAiCompatibleProjects is given but alarms is false: the projects are given for their alarms; ' +
          'turn alarms on or leave openAiCompatibleProjects out',
      }));
  });
});
