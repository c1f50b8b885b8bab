import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { enabledAlarmActions, metricsRead, topicOfAction } from '../private/governance-alarms';
import { defineRule } from '../private/rule-definition';
import { asArray, referenceOf } from '../private/values';

/** MN2: an alarm on Bedrock metrics tells somebody, through an encrypted topic with a subscriber. */
export const GovernanceAlarmNotifies = defineRule({
  id: 'MN2',
  name: 'GovernanceAlarmNotifies',
  info: 'An alarm on Amazon Bedrock metrics notifies nobody, or notifies through an unencrypted topic.',
  explanation: 'An alarm that tells nobody proves nothing. The rule reads each `AWS::CloudWatch::Alarm` that reads a metric of an ' +
    '`AWS/Bedrock*` namespace (runtime, guardrails, AgentCore, the OpenAI-compatible endpoint): without enabled alarm actions ' +
    '(`ActionsEnabled: false`, or only OK or insufficient-data actions) it is `Bedrock-MN2[NoAction]`. An action that is an SNS topic of the ' +
    'same stack must be encrypted (`KmsMasterKeyId`; `Bedrock-MN2[UnencryptedTopic]`: alarm states name models and guardrails) and have a ' +
    'subscriber (an unconditional `AWS::SNS::Subscription` of the same stack or an inline `Subscription`; `Bedrock-MN2[NoSubscriber]`). Topics of other stacks ' +
    'or accounts are not judged. `GovernanceNotifications` with an email or HTTPS subscription complies.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::CloudWatch::Alarm'],
  controls: { nist80053r5: ['AU-5', 'IR-6', 'SI-4(5)', 'SC-28'], hipaa: ['164.308(a)(6)(ii)'], pciDss: ['10.6', '12.10'], securityHub: ['SNS.1'], wellArchitectedGenAi: ['GENOPS03'] },
  appliesTo: alarm => metricsRead(alarm).some(m => typeof m.namespace === 'string' && m.namespace.startsWith('AWS/Bedrock')),
  judge(alarm) {
    const actions = enabledAlarmActions(alarm);
    if (actions.length === 0) return ['NoAction'];
    const findings = new Set<string>();
    for (const action of actions) {
      const topic = topicOfAction(alarm, action);
      if (!topic) continue;
      if (topic.properties.KmsMasterKeyId === undefined) findings.add('UnencryptedTopic');
      const inline = asArray(topic.properties.Subscription).length > 0;
      const subscribed = inline || topic.stack.ofType('AWS::SNS::Subscription')
        .some(sub => sub.condition === undefined && referenceOf(sub.properties.TopicArn)?.logicalId === topic.logicalId);
      if (!subscribed) findings.add('NoSubscriber');
    }
    return findings.size === 0 ? NagRuleCompliance.COMPLIANT : [...findings].sort();
  },
});
