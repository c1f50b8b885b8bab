import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockLandingZone, BedrockLandingZoneProps } from '../../src/landing-zone';
import { cloudTrailEvent } from '../detective/cloudtrail-events';
import { SONNET_45, stackIn } from '../models/fixtures';
import { matchesEventPattern } from '../support/event-pattern';

/**
 * Issue 32/33: with the alarms and the detective controls both on, a change of the invocation logging
 * configuration reached the topic twice (the alarms' LoggingChanges rule and the detective controls'
 * BedrockSettingChanges rule). Every EventBridge rule of the synthesized stack is matched against the
 * CloudTrail events as EventBridge delivers them: exactly one rule may match each.
 */
describe('BedrockLandingZone notifies a change of the invocation logging configuration once', () => {
  function rulesMatching(props: Partial<BedrockLandingZoneProps>, event: unknown): { ids: string[]; targets: unknown[] } {
    const stack = stackIn('eu-central-1');
    new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], ...props });
    const rules = Object.entries(Template.fromStack(stack).findResources('AWS::Events::Rule'))
      .filter(([, r]) => matchesEventPattern(r.Properties.EventPattern, event));
    return { ids: rules.map(([id]) => id), targets: rules.flatMap(([, r]) => r.Properties.Targets.map((t: { Arn: unknown }) => t.Arn)) };
  }
  const topic = { Ref: expect.stringMatching(/^LzNotificationsTopic[0-9A-F]{8}$/) };
  const alarmsRule = expect.stringMatching(/^LzAlarmsLoggingChangesRule[0-9A-F]{8}$/);
  const detectiveRule = expect.stringMatching(/^LzDetectiveControlsBedrockSettingChanges[0-9A-F]{8}$/);

  describe.each(['PutModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration'])('%s', eventName => {
    const event = cloudTrailEvent('bedrock.amazonaws.com', eventName);

    test('alarms only: the alarms\' rule reports it, to the landing zone topic', () => {
      expect(rulesMatching({ detectiveControls: false }, event)).toEqual({ ids: [alarmsRule], targets: [topic] });
    });

    test('alarms and detective controls (the default): the detective controls\' setting rule alone reports it', () => {
      expect(rulesMatching({}, event)).toEqual({ ids: [detectiveRule], targets: [topic] });
    });

    test('detective controls only: their setting rule reports it', () => {
      expect(rulesMatching({ alarms: false }, event)).toEqual({ ids: [detectiveRule], targets: [topic] });
    });

    test('a call the organization policies denied is reported once too: an attempt to switch logging off', () => {
      const denied = cloudTrailEvent('bedrock.amazonaws.com', eventName, { denied: true });
      expect(rulesMatching({}, denied)).toEqual({ ids: [detectiveRule], targets: [topic] });
      expect(rulesMatching({ detectiveControls: false }, denied)).toEqual({ ids: [alarmsRule], targets: [topic] });
    });
  });

  test('a read of the configuration is reported by no rule, in either configuration', () => {
    const read = cloudTrailEvent('bedrock.amazonaws.com', 'GetModelInvocationLoggingConfiguration', { readOnly: true });
    expect(rulesMatching({}, read)).toEqual({ ids: [], targets: [] });
    expect(rulesMatching({ detectiveControls: false }, read)).toEqual({ ids: [], targets: [] });
  });
});
