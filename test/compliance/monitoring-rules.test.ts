import { CfnCondition, CfnResource, Fn, Stack, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { ModelInvocationLogging } from '../../src/logging';
import { FoundationModel } from '../../src/models';
import { GovernanceNotifications, InvocationLoggingAlarms, ModelAlarms } from '../../src/monitoring';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';

function logging(stack: Stack, config: Record<string, unknown> = { s3Config: { bucketName: 'b' }, cloudWatchConfig: { logGroupName: 'g', roleArn: 'r' }, textDataDeliveryEnabled: true }) {
  return new CfnResource(stack, 'Logging', { type: 'Custom::BedrockModelInvocationLogging', properties: { ServiceToken: 'arn', LoggingConfig: config } });
}

/** A topic of the stack, encrypted and subscribed unless told otherwise. */
function topic(stack: Stack, id: string, opts: { encrypted?: boolean; subscribed?: boolean } = {}): sns.CfnTopic {
  const t = new sns.CfnTopic(stack, id, { kmsMasterKeyId: opts.encrypted === false ? undefined : 'alias/governance' });
  if (opts.subscribed !== false) new sns.CfnSubscription(stack, `${id}Email`, { topicArn: t.ref, protocol: 'email', endpoint: 'sec@example.com' });
  return t;
}

function failureAlarm(
  stack: Stack, id: string, metricName: string, action: string, overrides: Partial<cloudwatch.CfnAlarmProps> = {},
): cloudwatch.CfnAlarm {
  return new cloudwatch.CfnAlarm(stack, id, {
    namespace: 'AWS/Bedrock',
    metricName,
    statistic: 'Sum',
    period: 300,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    alarmActions: [action],
    ...overrides,
  });
}

describe('Bedrock-MN1 InvocationLoggingAlarmed', () => {
  test('an alarm on each destination\'s delivery failures, firing on one failure, with actions: compliant (also from another stack of the account and region)', () => {
    const stack = stackIn(REGION);
    logging(stack);
    const ops = new Stack(stack.node.root, 'Ops', { env: { account: ACCOUNT, region: REGION } });
    const t = topic(ops, 'Topic');
    failureAlarm(ops, 'S3', 'ModelInvocationLogsS3DeliveryFailure', t.ref);
    failureAlarm(ops, 'Cw', 'ModelInvocationLogsCloudWatchDeliveryFailure', t.ref, { threshold: 0, comparisonOperator: 'GreaterThanThreshold', statistic: 'Maximum' });
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual([]);
  });

  test('no alarm at all: each destination reported', () => {
    const stack = stackIn(REGION);
    logging(stack);
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual(['Bedrock-MN1[CloudWatchLogs] @ Stack/Logging', 'Bedrock-MN1[S3] @ Stack/Logging']);
  });

  test.each([
    ['with a dimension the metric does not have (never any data)', { dimensions: [{ name: 'ModelId', value: SONNET_45 }] }],
    ['in another namespace', { namespace: 'AWS/Bedrock/Guardrails' }],
    ['averaged instead of counted', { statistic: 'Average' }],
    ['with a threshold above one failure', { threshold: 5 }],
    ['firing only after 3 of 3 failing periods', { evaluationPeriods: 3, datapointsToAlarm: 3 }],
    ['with actions disabled', { actionsEnabled: false }],
    ['with only an OK action', { alarmActions: undefined, okActions: ['arn:aws:sns:eu-central-1:111111111111:t'] }],
  ])('evasion: an alarm on S3 delivery failures %s does not count', (_, overrides) => {
    const stack = stackIn(REGION);
    logging(stack, { s3Config: { bucketName: 'b' }, textDataDeliveryEnabled: true });
    failureAlarm(stack, 'S3', 'ModelInvocationLogsS3DeliveryFailure', topic(stack, 'Topic').ref, overrides as Partial<cloudwatch.CfnAlarmProps>);
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual(['Bedrock-MN1[S3] @ Stack/Logging']);
  });

  test('evasion: the alarm is in another region, or created under a condition', () => {
    const stack = stackIn(REGION);
    logging(stack, { s3Config: { bucketName: 'b' }, textDataDeliveryEnabled: true });
    const ireland = new Stack(stack.node.root, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    failureAlarm(ireland, 'S3', 'ModelInvocationLogsS3DeliveryFailure', 'arn:aws:sns:eu-west-1:111111111111:t');
    const conditional = failureAlarm(stack, 'S3', 'ModelInvocationLogsS3DeliveryFailure', 'arn:aws:sns:eu-central-1:111111111111:t');
    conditional.cfnOptions.condition = new CfnCondition(stack, 'Never', { expression: Fn.conditionEquals('a', 'b') });
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual(['Bedrock-MN1[S3] @ Stack/Logging']);
  });

  test('the math form counts when the alarm returns the metric itself', () => {
    const stack = stackIn(REGION);
    logging(stack, { cloudWatchConfig: { logGroupName: 'g', roleArn: 'r' }, textDataDeliveryEnabled: true });
    new cloudwatch.CfnAlarm(stack, 'Cw', {
      metrics: [{ id: 'm', returnData: true, metricStat: { metric: { namespace: 'AWS/Bedrock', metricName: 'ModelInvocationLogsCloudWatchDeliveryFailure' }, period: 300, stat: 'Sum' } }],
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      alarmActions: ['arn:aws:sns:eu-central-1:111111111111:t'],
    });
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual([]);
  });

  test('the library: ModelInvocationLogging with InvocationLoggingAlarms on GovernanceNotifications: no finding of MN1 or MN2', () => {
    const stack = stackIn(REGION);
    new ModelInvocationLogging(stack, 'InvocationLogging');
    const notifications = new GovernanceNotifications(stack, 'Notifications', { emails: ['sec@example.com'] });
    new InvocationLoggingAlarms(stack, 'LoggingAlarms', { topic: notifications.topic });
    new ModelAlarms(stack, 'Titan', { topic: notifications.topic, model: FoundationModel.of(TITAN_EMBED_V2) });
    expect(bedrockFindings(stack, {}, 'MN1')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'MN2')).toEqual([]);
  });
});

describe('Bedrock-MN2 GovernanceAlarmNotifies', () => {
  test('an alarm on a Bedrock metric that tells an encrypted, subscribed topic: compliant; alarms on other namespaces: not checked', () => {
    const stack = stackIn(REGION);
    failureAlarm(stack, 'Ok', 'InvocationThrottles', topic(stack, 'Topic').ref, { dimensions: [{ name: 'ModelId', value: SONNET_45 }] });
    new cloudwatch.CfnAlarm(stack, 'Cpu', { namespace: 'AWS/EC2', metricName: 'CPUUtilization', threshold: 90, comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1 });
    expect(bedrockFindings(stack, {}, 'MN2')).toEqual([]);
  });

  test('evasion: actions disabled, only OK or insufficient-data actions, no action: reported as NoAction', () => {
    const stack = stackIn(REGION);
    const t = topic(stack, 'Topic').ref;
    failureAlarm(stack, 'Disabled', 'InvocationThrottles', t, { actionsEnabled: false });
    failureAlarm(stack, 'OkOnly', 'InvocationThrottles', t, { alarmActions: undefined, okActions: [t] });
    failureAlarm(stack, 'InsufficientOnly', 'InvocationThrottles', t, { alarmActions: undefined, insufficientDataActions: [t] });
    failureAlarm(stack, 'None', 'InvocationThrottles', t, { alarmActions: [] });
    expect(bedrockFindings(stack, {}, 'MN2')).toEqual([
      'Bedrock-MN2[NoAction] @ Stack/Disabled', 'Bedrock-MN2[NoAction] @ Stack/InsufficientOnly',
      'Bedrock-MN2[NoAction] @ Stack/None', 'Bedrock-MN2[NoAction] @ Stack/OkOnly',
    ]);
  });

  test('a topic without encryption, or without any subscriber: reported; a math alarm on a Bedrock metric is read too', () => {
    const stack = stackIn(REGION);
    failureAlarm(stack, 'Plain', 'InvocationThrottles', topic(stack, 'PlainTopic', { encrypted: false }).ref);
    const silent = topic(stack, 'SilentTopic', { subscribed: false });
    new cloudwatch.CfnAlarm(stack, 'Math', {
      metrics: [
        { id: 'e', expression: 'm * 2', returnData: true },
        { id: 'm', returnData: false, metricStat: { metric: { namespace: 'AWS/Bedrock/Guardrails', metricName: 'InvocationsIntervened' }, period: 900, stat: 'Sum' } },
      ],
      threshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      alarmActions: [silent.ref],
    });
    expect(bedrockFindings(stack, {}, 'MN2')).toEqual(['Bedrock-MN2[NoSubscriber] @ Stack/Math', 'Bedrock-MN2[UnencryptedTopic] @ Stack/Plain']);
  });

  test('the landing zone\'s own topic without a subscription is reported (with an email it is not: the library test above)', () => {
    const stack = stackIn(REGION);
    const silent = new GovernanceNotifications(stack, 'Silent');
    new InvocationLoggingAlarms(stack, 'LoggingAlarms', { topic: silent.topic, cloudWatchLogsDelivery: false });
    expect(bedrockFindings(stack, {}, 'MN2')).toEqual(['Bedrock-MN2[NoSubscriber] @ Stack/LoggingAlarms/S3DeliveryFailures/Resource']);
  });
});
