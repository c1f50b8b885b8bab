import { Names, Stack, Token, aws_ce as ce, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of a spend anomaly monitor.
 */
export interface BedrockSpendAnomalyMonitorProps {
  /** The topic anomalies are published to, as they are found (the governance notifications topic). */
  readonly topic: sns.ITopic;

  /**
   * An anomaly is told when its total cost impact reaches this many US dollars (and the percentage).
   *
   * @default 100
   */
  readonly absoluteThresholdUsd?: number;

  /**
   * An anomaly is told when its total cost impact reaches this percentage of the expected spend (and
   * the absolute threshold).
   *
   * @default 20
   */
  readonly percentageThreshold?: number;

  /**
   * Watch the spend per value of this principal tag (an AWS managed monitor on the cost allocation tag
   * `iamPrincipal/<key>`, which the payer account must activate) instead of per service.
   *
   * @default - per service: Amazon Bedrock, AgentCore and each Marketplace-billed model are services of their own
   */
  readonly principalTagKey?: string;
}

/**
 * Cost Anomaly Detection for Bedrock spend: an AWS managed monitor (per service, or per principal
 * tag) and an immediate subscription to the governance topic when an anomaly's impact reaches both the
 * absolute and the percentage threshold.
 *
 * Anomaly detection works on the same billing data as budgets, so it lags by hours too.
 */
export class BedrockSpendAnomalyMonitor extends Construct {
  /** The monitor */
  public readonly monitor: ce.CfnAnomalyMonitor;
  /** The subscription that tells the topic */
  public readonly subscription: ce.CfnAnomalySubscription;

  constructor(scope: Construct, id: string, props: BedrockSpendAnomalyMonitorProps) {
    super(scope, id);
    const absolute = props.absoluteThresholdUsd ?? 100;
    const percentage = props.percentageThreshold ?? 20;
    const problems = new Problems();
    problems.check(Token.isUnresolved(absolute) || (Number.isFinite(absolute) && absolute > 0),
      `absoluteThresholdUsd is ${absolute}; expected an amount in US dollars greater than 0`);
    problems.check(Token.isUnresolved(percentage) || (Number.isFinite(percentage) && percentage > 0),
      `percentageThreshold is ${percentage}; expected a percentage greater than 0`);
    const tagKey = props.principalTagKey;
    problems.check(tagKey === undefined || /^[\w.:/=+\-@ ]{1,128}$/.test(tagKey),
      `principalTagKey is '${tagKey}'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@`);
    problems.throwIfAny(this, 'BedrockSpendAnomalyMonitor', BedrockLandingZoneErrorCode.SPEND_ANOMALY_PROPS);

    const name = Names.uniqueResourceName(this, { maxLength: 100 });
    this.monitor = new ce.CfnAnomalyMonitor(this, 'Resource', {
      monitorName: `bedrock-${name}`,
      monitorType: 'DIMENSIONAL',
      monitorDimension: tagKey ? 'TAG' : 'SERVICE',
      monitorSpecification: tagKey ? Stack.of(this).toJsonString({ Tags: { Key: `iamPrincipal/${tagKey}` } }) : undefined,
    });
    const impact = (key: string, value: number) => ({
      Dimensions: { Key: key, MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(value)] },
    });
    this.subscription = new ce.CfnAnomalySubscription(this, 'Subscription', {
      subscriptionName: `bedrock-${name}`,
      monitorArnList: [this.monitor.attrMonitorArn],
      // IMMEDIATE goes to SNS only, which is where the governance signals are.
      frequency: 'IMMEDIATE',
      subscribers: [{ type: 'SNS', address: props.topic.topicArn }],
      thresholdExpression: JSON.stringify({
        And: [impact('ANOMALY_TOTAL_IMPACT_ABSOLUTE', absolute), impact('ANOMALY_TOTAL_IMPACT_PERCENTAGE', percentage)],
      }),
    });
  }
}
