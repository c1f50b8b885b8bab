import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { GovernanceAlarms, GovernanceNotifications } from '../../src/monitoring';

describe('GovernanceAlarms reportLoggingChanges', () => {
  function synth(props: { reportLoggingChanges?: unknown } = {}) {
    const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
    const notifications = new GovernanceNotifications(stack, 'Notifications');
    const alarms = new GovernanceAlarms(stack, 'Alarms', { topic: notifications.topic, ...props as { reportLoggingChanges?: boolean } });
    return { alarms, template: Template.fromStack(stack) };
  }

  test('by default, the logging configuration change rule is created', () => {
    const { alarms, template } = synth();
    expect(alarms.loggingChanges?.node.path).toBe('Ops/Alarms/LoggingChanges');
    expect(Object.keys(template.findResources('AWS::Events::Rule'))).toEqual([expect.stringMatching(/^AlarmsLoggingChangesRule[0-9A-F]{8}$/)]);
  });

  test('false: no rule (the detective controls report the same calls), the delivery alarms stay', () => {
    const { alarms, template } = synth({ reportLoggingChanges: false });
    expect(alarms.loggingChanges).toBeUndefined();
    template.resourceCountIs('AWS::Events::Rule', 0);
    expect(alarms.logging.alarms.map(a => a.node.id)).toEqual(['S3DeliveryFailures', 'CloudWatchLogsDeliveryFailures', 'LargeDataDeliveryFailures']);
  });

  test('a value that is not a boolean (a jsii caller) fails at synth, naming the prop and the value', () => {
    expect(() => synth({ reportLoggingChanges: 'no' })).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'GovernanceAlarms: reportLoggingChanges is the string \'no\'; allowed: true or false',
    }));
  });
});
