import { aws_sns as sns } from 'aws-cdk-lib';
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
});
