import { aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { GovernanceNotifications, GovernanceNotificationsProps } from '../../monitoring';

/** The topic governance signals go to, and the notifications created for it. */
export interface LandingZoneNotifications {
  readonly topic: sns.ITopic;
  readonly notifications?: GovernanceNotifications;
}

/** The user's own topic, or a `GovernanceNotifications` child `Notifications` of `scope`: never both configured. */
export function landingZoneNotifications(scope: Construct, props: GovernanceNotificationsProps | undefined,
  topic: sns.ITopic | undefined): LandingZoneNotifications {
  if (topic && props) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: notificationsTopic and notifications are both given: notifications ' +
      'configures the topic this construct creates; subscribe to your own topic directly', scope);
  }
  if (topic) return { topic };
  const notifications = new GovernanceNotifications(scope, 'Notifications', props);
  return { topic: notifications.topic, notifications };
}
