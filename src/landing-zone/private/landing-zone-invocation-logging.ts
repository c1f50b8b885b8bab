import { Construct } from 'constructs';
import { Problems } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { IModelInvocationLogging, InvocationLoggingDeletion, ModelInvocationLogging } from '../../logging';
import { GovernanceProfile } from '../governance-profile';

/**
 * The invocation logging of the landing zone: the user's own, checked against the profile, or a
 * `ModelInvocationLogging` child `InvocationLogging` of `scope` with the profile's retention.
 */
export function landingZoneInvocationLogging(scope: Construct, profile: GovernanceProfile,
  own: IModelInvocationLogging | undefined): IModelInvocationLogging {
  if (own) {
    checkReplacedLogging(scope, profile, own);
    return own;
  }
  return new ModelInvocationLogging(scope, 'InvocationLogging', {
    logRetention: profile.minimumLogRetention,
    onDelete: InvocationLoggingDeletion.RETAIN_CONFIGURATION,
  });
}

/** A logging part of your own must still meet the profile: its retention, and text delivery on. */
function checkReplacedLogging(scope: Construct, profile: GovernanceProfile, logging: IModelInvocationLogging): void {
  const problems = new Problems();
  const minimum = profile.minimumLogRetention;
  if (logging.logRetention !== undefined && logging.logRetention < minimum) {
    problems.add(`invocationLogging keeps its log group ${logging.logRetention} days, but profile ${profile.name} requires at least ${minimum} days: ` +
      `set its logRetention to at least logs.RetentionDays with ${minimum} days`);
  }
  const expiryDays = logging.expiration?.toDays();
  if (expiryDays !== undefined && expiryDays < minimum) {
    problems.add(`invocationLogging expires its logs in the bucket after ${expiryDays} days, but profile ${profile.name} requires at least ` +
      `${minimum} days: set its expiration to at least Duration.days(${minimum}), or leave it out`);
  }
  problems.check(logging.textDataDelivery, `invocationLogging does not deliver text (textDataDelivery: false), but profile ${profile.name} ` +
    'requires prompts and answers to be logged: set textDataDelivery to true');
  problems.throwIfAny(scope, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_INVOCATION_LOGGING);
}
