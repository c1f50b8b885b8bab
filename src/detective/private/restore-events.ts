/**
 * The CloudTrail events on which the opt-in restore (BedrockSettingRestore) writes a setting back, and
 * the EventBridge pattern that selects them. Each setting is one the control-plane handler writes
 * (`Custom::BedrockModelInvocationLogging`, `Custom::BedrockDataRetention`); the enforced guardrail is
 * a CloudFormation resource, which the handler does not own, so it is alerted on, never restored.
 */
export interface RestoredSettingEvents {
  /** The name the handler's `restore` entry point takes (`RestoreSetting`) */
  readonly setting: 'InvocationLogging' | 'DataRetention';
  /** The construct ID of the EventBridge rule */
  readonly ruleId: string;
  /** The calls that change or delete the setting: the event name of a management event is its API operation */
  readonly eventNames: string[];
}

export const INVOCATION_LOGGING_EVENTS: RestoredSettingEvents = {
  setting: 'InvocationLogging',
  ruleId: 'RestoreInvocationLogging',
  eventNames: ['PutModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration'],
};

export const DATA_RETENTION_EVENTS: RestoredSettingEvents = {
  setting: 'DataRetention',
  ruleId: 'RestoreDataRetention',
  eventNames: ['PutAccountDataRetention'],
};

/**
 * Successful calls of those names to Bedrock, made by anyone but the landing zone's own roles.
 * - `errorCode` absent: a call that failed (denied by the organization policies) changed nothing, and
 *   restoring after it would let anyone trigger the restore at will.
 * - Not a role on the landing zone's path (`landingZoneRolePrefix`, the role ARN up to and including
 *   the path): the landing zone's deployments (the control-plane function) and the restore itself
 *   write the setting through those roles; reacting to them would fight a deployment or loop. The
 *   organization policies let nobody else create or change a role on that path. CloudTrail names
 *   the role (with its path) only in `sessionContext.sessionIssuer.arn` of an assumed role: callers of
 *   any other identity type (root, IAM users, federated users) are matched by their type, because a
 *   field the event lacks never matches `anything-but`.
 */
export function restoreEventPattern(events: RestoredSettingEvents, landingZoneRolePrefix: string): { [key: string]: unknown } {
  return {
    'detail-type': ['AWS API Call via CloudTrail'],
    'detail': {
      eventSource: ['bedrock.amazonaws.com'],
      eventName: [...events.eventNames],
      errorCode: [{ exists: false }],
      userIdentity: {
        $or: [
          { type: [{ 'anything-but': 'AssumedRole' }] },
          { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': { prefix: landingZoneRolePrefix } }] } } },
        ],
      },
    },
  };
}
