import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { asArray, referencedResource } from '../private/values';

/** SP2: budget, budget action and cost anomaly notifications go to an encrypted topic. */
export const SpendNotificationsEncrypted = defineRule({
  id: 'SP2',
  name: 'SpendNotificationsEncrypted',
  info: 'A budget, budget action or cost anomaly subscription publishes to an SNS topic of the app that is not encrypted with a KMS key.',
  explanation: 'Spend signals name accounts, budgets, amounts and the principals a stop acts on. The rule follows every SNS subscriber of an ' +
    '`AWS::Budgets::Budget` (`NotificationsWithSubscribers`), an `AWS::Budgets::BudgetsAction` (`Subscribers`) and an `AWS::CE::AnomalySubscription` ' +
    '(`Subscribers`) that references a topic of the same stack, and reports the topic when it has no `KmsMasterKeyId` ' +
    '(`Bedrock-SP2[Topic::<logical ID>]`). A topic given by ARN is the owner\'s to check. Send spend signals to the landing zone\'s governance ' +
    'notifications topic, which is encrypted with a customer-managed key whose policy admits these services of the account only.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Budgets::Budget', 'AWS::Budgets::BudgetsAction', 'AWS::CE::AnomalySubscription'],
  controls: { nist80053r5: ['SC-28', 'SC-28(1)'], hipaa: ['164.312(a)(2)(iv)'], pciDss: ['3.4'], securityHub: ['SNS.1'], wellArchitectedGenAi: ['GENSEC03'] },
  judge(res) {
    const p = res.properties;
    const subscribers = res.type === 'AWS::Budgets::Budget'
      ? asArray(p.NotificationsWithSubscribers).flatMap((n: any) => asArray(n?.Subscribers)).filter((s: any) => s?.SubscriptionType === 'SNS').map((s: any) => s.Address)
      : asArray(p.Subscribers).filter((s: any) => s?.Type === 'SNS').map((s: any) => s.Address);
    const topics = subscribers.map(address => referencedResource(address, res.stack)).filter(t => t?.type === 'AWS::SNS::Topic');
    if (topics.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const clear = [...new Set(topics.filter(t => t!.properties.KmsMasterKeyId === undefined).map(t => `Topic::${t!.logicalId}`))].sort();
    return clear.length > 0 ? clear : NagRuleCompliance.COMPLIANT;
  },
});
