import { aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { GovernanceNotifications } from '../../monitoring';
import { BedrockLandingZoneProps } from '../bedrock-landing-zone-props';

/** The topic governance signals go to, and the notifications created for it; neither when nothing publishes. */
export interface LandingZoneNotifications {
  readonly topic?: sns.ITopic;
  readonly notifications?: GovernanceNotifications;
  /** The topic for a part that publishes to it: only the parts `governancePublishers` names may ask. */
  readonly topicFor: (publisher: string) => sns.ITopic;
}

/**
 * The parts of a landing zone that publish to the governance topic, by the props that create them:
 * the detective controls' setting-change alerts, the governance alarms, and the spend controls (a
 * budget's thresholds, its anomaly monitor, a spend stop). The dashboard publishes nothing.
 */
export function governancePublishers(props: BedrockLandingZoneProps): string[] {
  const spend = props.spend;
  return [
    ...(props.detectiveControls ?? true) ? ['detectiveControls'] : [],
    ...props.alarms !== false ? ['alarms'] : [],
    ...spend?.monthlyLimitUsd !== undefined ? ['spend.monthlyLimitUsd'] : [],
    ...spend?.stopAtPercentage !== undefined && (spend.monthlyLimitUsd ?? spend.existingBudgetName) !== undefined ? ['spend.stopAtPercentage'] : [],
  ];
}

/**
 * The user's own topic, or a `GovernanceNotifications` child `Notifications` of `scope`, only when a part
 * of the landing zone publishes to it: subscribers of a topic nothing publishes to would take silence
 * for good news. Neither both configured, nor either without a publisher.
 */
export function landingZoneNotifications(scope: Construct, props: BedrockLandingZoneProps): LandingZoneNotifications {
  const given = props.notificationsTopic;
  if (given && props.notifications) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: notificationsTopic and notifications are both given: notifications ' +
      'configures the topic this construct creates; subscribe to your own topic directly', scope);
  }
  const publishers = governancePublishers(props);
  const named = given ? 'notificationsTopic' : props.notifications ? 'notifications' : undefined;
  if (named && publishers.length === 0) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, `BedrockLandingZone: ${named} is given but nothing publishes to the governance ` +
      `topic (detectiveControls is ${props.detectiveControls}, alarms is ${props.alarms}, spend ${props.spend === undefined ? 'is not given'
        : 'creates no budget and no spend stop'}): its subscribers would never be told anything; turn on the detective controls, the alarms ` +
      `or a budget (spend.monthlyLimitUsd), or leave ${named} out`, scope);
  }

  const notifications = given || publishers.length === 0 ? undefined : new GovernanceNotifications(scope, 'Notifications', props.notifications);
  const topic = given ?? notifications?.topic;
  const topicFor = (publisher: string) => topic !== undefined && publishers.includes(publisher) ? topic
    : fail(BedrockLandingZoneErrorCode.INTERNAL, `BedrockLandingZone: ${publisher} publishes to the governance topic but is not one of its ` +
      `publishers (${publishers.join(', ') || 'none'})`, scope);
  return { topic, notifications, topicFor };
}
