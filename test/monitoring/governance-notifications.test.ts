import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { GovernanceNotifications, GovernanceSignalSource } from '../../src/monitoring';
import { TemplatePolicies, evaluate } from '../support/iam';

const ACCOUNT = '111111111111';
const OTHER_ACCOUNT = '222222222222';
const REGION = 'eu-central-1';
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:governance`;

function synth(props: ConstructorParameters<typeof GovernanceNotifications>[2] = {}) {
  const stack = new Stack(new App(), 'Ops', { env: { account: ACCOUNT, region: REGION } });
  const notifications = new GovernanceNotifications(stack, 'Notifications', props);
  const template = Template.fromStack(stack);
  const json = template.toJSON();
  const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
  const policyId = Object.keys(template.findResources('AWS::SNS::TopicPolicy'))[0];
  const policies = new TemplatePolicies(json, { region: REGION, accountId: ACCOUNT, refs: { [topicId]: TOPIC_ARN } });
  return { stack, notifications, template, topicPolicy: policies.documentOf(policyId, 'PolicyDocument') };
}

describe('GovernanceNotifications', () => {
  const { template, topicPolicy } = synth({ emails: ['security@example.com'], httpsEndpoints: ['https://chat.example.com/hooks/governance'] });

  test('the topic is encrypted with the created customer-managed key, which rotates and is retained', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(1);
    const [keyId] = Object.keys(keys);
    expect(keys[keyId].Properties.EnableKeyRotation).toBe(true);
    expect(keys[keyId].DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  test('subscriptions: the emails and the HTTPS endpoints, nothing else', () => {
    const subs = Object.values(template.findResources('AWS::SNS::Subscription')).map(r => [r.Properties.Protocol, r.Properties.Endpoint]);
    expect(subs).toEqual([['email', 'security@example.com'], ['https', 'https://chat.example.com/hooks/governance']]);
  });

  test('the topic and its key carry the protection tag the organization policies lock', () => {
    for (const type of ['AWS::SNS::Topic', 'AWS::KMS::Key']) {
      const [resource] = Object.values(template.findResources(type));
      expect(resource.Properties.Tags).toEqual(expect.arrayContaining([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]));
    }
  });

  test.each(Object.values(GovernanceSignalSource))('%s may publish for this account, over TLS', async (service) => {
    expect(await evaluate({ identity: [], resourcePolicy: topicPolicy }, {
      action: 'sns:Publish',
      resource: TOPIC_ARN,
      principal: service,
      context: { 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'true' },
    })).toBe('Allowed');
  });

  test.each(Object.values(GovernanceSignalSource))('%s may not publish for another account (confused deputy)', async (service) => {
    expect(await evaluate({ identity: [], resourcePolicy: topicPolicy }, {
      action: 'sns:Publish',
      resource: TOPIC_ARN,
      principal: service,
      context: { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SecureTransport': 'true' },
    })).not.toBe('Allowed');
  });

  test('a publish without TLS is denied, even from an admitted service', async () => {
    expect(await evaluate({ identity: [], resourcePolicy: topicPolicy }, {
      action: 'sns:Publish',
      resource: TOPIC_ARN,
      principal: 'budgets.amazonaws.com',
      context: { 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'false' },
    })).toBe('ExplicitlyDenied');
  });

  test('a service that is not a governance source, and a principal of another account, may not publish', async () => {
    expect(await evaluate({ identity: [], resourcePolicy: topicPolicy }, {
      action: 'sns:Publish',
      resource: TOPIC_ARN,
      principal: 's3.amazonaws.com',
      context: { 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'true' },
    })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: [{ Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: '*' }] }], resourcePolicy: topicPolicy }, {
      action: 'sns:Publish',
      resource: TOPIC_ARN,
      principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/outsider`,
      resourceAccount: ACCOUNT,
      context: { 'aws:SecureTransport': 'true' },
    })).toBe('ImplicitlyDenied');
  });

  test('sources narrow who may publish: only the listed services', async () => {
    const narrow = synth({ sources: [GovernanceSignalSource.BUDGETS] }).topicPolicy;
    const publish = (principal: string) => evaluate({ identity: [], resourcePolicy: narrow }, {
      action: 'sns:Publish', resource: TOPIC_ARN, principal, context: { 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'true' },
    });
    expect(await publish('budgets.amazonaws.com')).toBe('Allowed');
    expect(await publish('events.amazonaws.com')).toBe('ImplicitlyDenied');
  });

  test('the created key lets exactly the admitted services encrypt for the topic', () => {
    const [key] = Object.values(synth({ sources: [GovernanceSignalSource.CLOUDWATCH_ALARMS, GovernanceSignalSource.EVENTBRIDGE] })
      .template.findResources('AWS::KMS::Key'));
    const publishers = key.Properties.KeyPolicy.Statement
      .filter((s: any) => typeof s.Principal?.Service === 'string')
      .map((s: any) => [s.Principal.Service, s.Action]);
    expect(publishers).toEqual([
      ['cloudwatch.amazonaws.com', ['kms:GenerateDataKey*', 'kms:Decrypt']],
      ['events.amazonaws.com', ['kms:GenerateDataKey*', 'kms:Decrypt']],
    ]);
  });

  test('removalPolicy DESTROY deletes the created key with the stack', () => {
    const [key] = Object.values(synth({ removalPolicy: RemovalPolicy.DESTROY }).template.findResources('AWS::KMS::Key'));
    expect(key.DeletionPolicy).toBe('Delete');
  });

  test('bad input is an error at synth naming the prop, the value and what is allowed', () => {
    expect(() => synth({ emails: ['not-an-address'], httpsEndpoints: ['http://chat.example.com/hook'], sources: ['sns.amazonaws.com' as any] }))
      .toThrow(expect.objectContaining({
        code: Code.GOVERNANCE_NOTIFICATIONS_PROPS,
        message: 'GovernanceNotifications:\n' +
          "  - emails[0] is 'not-an-address'; expected an email address such as security-team@example.com\n" +
          "  - httpsEndpoints[0] is 'http://chat.example.com/hook'; expected an https:// URL (signals never travel in clear text)\n" +
          "  - sources[0] is 'sns.amazonaws.com'; expected one of cloudwatch.amazonaws.com, events.amazonaws.com, budgets.amazonaws.com, costalerts.amazonaws.com",
      }));
    expect(() => synth({ sources: [] })).toThrow(
      'GovernanceNotifications: sources is empty: nothing could publish to the topic; leave sources out to admit every governance signal source');
  });
});
