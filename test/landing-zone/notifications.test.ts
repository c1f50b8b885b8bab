import { Stack, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone } from '../../src/landing-zone';
import { SONNET_45, stackIn } from '../models/fixtures';

describe('BedrockLandingZone governance notifications', () => {
  test('creates one encrypted governance topic with the subscriptions given, and exposes it', () => {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      notifications: { emails: ['platform@example.com'] },
    });
    const template = Template.fromStack(stack);
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(1);
    expect(lz.notificationsTopic).toBe(lz.notifications!.topic);
    expect(Object.values(topics)[0].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LzNotificationsKey/), 'Arn'] });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'platform@example.com' });
  });

  test('a topic of your own replaces the created one', () => {
    const stack = stackIn('eu-central-1');
    const own = sns.Topic.fromTopicArn(stack, 'Own', 'arn:aws:sns:eu-central-1:111111111111:governance');
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], notificationsTopic: own });
    expect(lz.notificationsTopic).toBe(own);
    expect(lz.notifications).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('a topic of your own and settings for the created one: an error naming both', () => {
    const stack = stackIn('eu-central-1');
    const own = sns.Topic.fromTopicArn(stack, 'Own', 'arn:aws:sns:eu-central-1:111111111111:governance');
    expect(() => new BedrockLandingZone(stack, 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)], notificationsTopic: own, notifications: { emails: ['platform@example.com'] },
    })).toThrow(expect.objectContaining({
      code: Code.LANDING_ZONE_PROPS,
      message: 'BedrockLandingZone: notificationsTopic and notifications are both given: notifications configures the topic this construct creates; ' +
        'subscribe to your own topic directly',
    }));
  });

  describe('the topic exists only when something publishes to it', () => {
    type Props = Partial<ConstructorParameters<typeof BedrockLandingZone>[2]>;
    /** Every publisher off: the detective controls and the alarms (the dashboard publishes nothing), and no spend. */
    const QUIET: Props = { detectiveControls: false, alarms: false, dashboard: false };

    function synth(props: Props | ((stack: Stack) => Props)) {
      const stack = stackIn('eu-central-1');
      const given = typeof props === 'function' ? props(stack) : props;
      const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], ...given });
      const resources: Record<string, { Type: string }> = Template.fromStack(stack).toJSON().Resources;
      const ids = Object.keys(resources);
      return {
        lz,
        ids,
        notifications: ids.filter(id => id.startsWith('LzNotifications')).map(id => resources[id].Type).sort(),
      };
    }
    const TOPIC = ['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy'];
    const role = (stack: Stack) => iam.Role.fromRoleArn(stack, 'App', 'arn:aws:iam::111111111111:role/app', { mutable: false });

    test.each<[string, Props | ((stack: Stack) => Props), string[]]>([
      ['nothing publishes: no topic', QUIET, []],
      ['the dashboard alone publishes nothing: no topic', { ...QUIET, dashboard: true }, []],
      ['a budget named elsewhere, without a stop, publishes nothing here: no topic', { ...QUIET, spend: { existingBudgetName: 'bedrock-account' } }, []],
      ['the detective controls publish setting changes: the topic', { ...QUIET, detectiveControls: true }, TOPIC],
      ['the alarms publish: the topic', { ...QUIET, alarms: true }, TOPIC],
      ['a budget created here publishes its thresholds: the topic', { ...QUIET, spend: { monthlyLimitUsd: 1000, anomalyDetection: false } }, TOPIC],
      ['a spend stop on a budget named elsewhere publishes when it fires: the topic', stack => ({
        ...QUIET, applicationRoles: [role(stack)], spend: { existingBudgetName: 'bedrock-account', stopAtPercentage: 100 },
      }), TOPIC],
    ])('%s', (_name, props, expected) => {
      const { lz, notifications } = synth(props);
      expect(notifications).toEqual(expected);
      expect(lz.notificationsTopic).toBe(lz.notifications?.topic);
      expect(lz.notifications === undefined).toBe(expected.length === 0);
    });

    test('without a publisher exactly the topic, its policy and its key are gone, nothing else', () => {
      const alarmsOnly = synth({ ...QUIET, alarms: true });
      const quiet = synth(QUIET);
      expect(quiet.ids).toEqual(alarmsOnly.ids.filter(id => !id.startsWith('LzNotifications') && !id.startsWith('LzAlarms')));
      expect(alarmsOnly.ids.filter(id => id.startsWith('LzNotifications'))).toHaveLength(3);
    });

    test('subscribers given for a topic nothing publishes to: an error naming the prop and what would publish', () => {
      expect(() => synth({ ...QUIET, notifications: { emails: ['platform@example.com'] } })).toThrow(expect.objectContaining({
        code: Code.LANDING_ZONE_PROPS,
        message: 'BedrockLandingZone: notifications is given but nothing publishes to the governance topic (detectiveControls is false, ' +
          'alarms is false, spend is not given): its subscribers would never be told anything; turn on the detective controls, the alarms ' +
          'or a budget (spend.monthlyLimitUsd), or leave notifications out',
      }));
    });

    test('a topic of your own given when nothing publishes: an error naming the prop', () => {
      const stack = stackIn('eu-central-1');
      const own = sns.Topic.fromTopicArn(stack, 'Own', 'arn:aws:sns:eu-central-1:111111111111:governance');
      expect(() => new BedrockLandingZone(stack, 'Lz', {
        approvedModels: [ApprovedModel.throughGeography(SONNET_45)], ...QUIET, spend: { existingBudgetName: 'bedrock-account' }, notificationsTopic: own,
      })).toThrow(expect.objectContaining({
        code: Code.LANDING_ZONE_PROPS,
        message: 'BedrockLandingZone: notificationsTopic is given but nothing publishes to the governance topic (detectiveControls is false, ' +
          'alarms is false, spend creates no budget and no spend stop): its subscribers would never be told anything; turn on the detective ' +
          'controls, the alarms or a budget (spend.monthlyLimitUsd), or leave notificationsTopic out',
      }));
    });

    test('a topic of your own with a publisher is used as it is', () => {
      const stack = stackIn('eu-central-1');
      const own = sns.Topic.fromTopicArn(stack, 'Own', 'arn:aws:sns:eu-central-1:111111111111:governance');
      const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], ...QUIET, alarms: true, notificationsTopic: own });
      expect(lz.notificationsTopic).toBe(own);
      expect(lz.notifications).toBeUndefined();
    });
  });
});
