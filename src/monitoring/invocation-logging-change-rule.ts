import { aws_events as events, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { protectTree } from '../core/protected-resources';

/**
 * Properties of the rule that reports changes of the invocation logging configuration.
 */
export interface InvocationLoggingChangeRuleProps {
  /** The governance notifications topic (one per account and region) the rule publishes to */
  readonly topic: sns.ITopic;
}

/**
 * Tells the governance topic whenever the account's model invocation logging configuration is
 * changed or deleted in this region, from the CloudTrail management event of the call. EventBridge
 * receives "AWS API Call via CloudTrail" events only where a trail logs management (write) events: the
 * organization trail of a regulated landing zone does. A deployment of the landing zone itself changes it too, and is
 * reported like any other change: who changed the evidence trail, and when, is what an auditor asks.
 *
 * The organization policies deny these calls to everyone but the deployment roles; this rule is the
 * detective backstop that shows they did their job.
 */
export class InvocationLoggingChangeRule extends Construct {
  /** The CloudTrail event names of the calls that change or delete the invocation logging configuration */
  public static readonly EVENT_NAMES: string[] = [
    'PutModelInvocationLoggingConfiguration',
    'DeleteModelInvocationLoggingConfiguration',
  ];

  /** The EventBridge rule */
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: InvocationLoggingChangeRuleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: 'Model invocation logging configuration changed or deleted (Amazon Bedrock landing zone)',
      eventPattern: {
        source: ['aws.bedrock'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['bedrock.amazonaws.com'],
          eventName: InvocationLoggingChangeRule.EVENT_NAMES,
        },
      },
    });
    // The topic policy already admits EventBridge for this account only; the SnsTopic target would add a
    // second statement without that condition, so the target is bound to the topic as it is.
    this.rule.addTarget({ bind: () => ({ arn: props.topic.topicArn }) });
    protectTree(this);
  }
}
