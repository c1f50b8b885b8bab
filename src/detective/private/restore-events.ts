import { IResolvable } from 'aws-cdk-lib';

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
 * Successful calls of those names to Bedrock, made by anyone but the roles that write the setting for
 * this stack's landing zone.
 * - `errorCode` absent: a call that failed (denied by the organization policies) changed nothing, and
 *   restoring after it would let anyone trigger the restore at will.
 * - Not one of `ownRoleArns` (the stack's control-plane role and the restore's own role): the landing
 *   zone's deployments and the restore itself write the setting through them; reacting to them would
 *   fight a deployment or loop. Exact ARNs, not the landing zone's path: a role admin of the organization
 *   policies (OrganizationAccountAccessRole) may create a role on that path, which would then change the
 *   setting unrestored (rt4 R4-2). CloudTrail names the role (with its path) only in
 *   `sessionContext.sessionIssuer.arn` of an assumed role: callers of any other identity type (root, IAM
 *   users, federated users) are matched by their type, because a field the event lacks never matches
 *   `anything-but`.
 */
export function restoreEventPattern(events: RestoredSettingEvents, ownRoleArns: IResolvable): { [key: string]: unknown } {
  return {
    'detail-type': ['AWS API Call via CloudTrail'],
    'detail': {
      eventSource: ['bedrock.amazonaws.com'],
      eventName: [...events.eventNames],
      errorCode: [{ exists: false }],
      userIdentity: {
        $or: [
          { type: [{ 'anything-but': 'AssumedRole' }] },
          { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': ownRoleArns }] } } },
        ],
      },
    },
  };
}
