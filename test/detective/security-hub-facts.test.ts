import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, cloudTrailEvent } from './cloudtrail-events';
import { BedrockDetectiveControls, BedrockOrganizationDetectiveControls, SecurityHubControls } from '../../src/detective';
import { CONFIG_MANAGED_RULES } from '../../src/detective/private/config-managed-rules';
import { SETTING_EVENT_GROUPS, settingEventPattern } from '../../src/detective/private/governance-setting-events';
import { AI_SECURITY_STANDARD_PATH, SECURITY_HUB_CONTROLS } from '../../src/detective/private/security-hub-controls';
import { matchesEventPattern } from '../support/event-pattern';

// What the Security Hub CSPM user guide says, read 2026-12-06:
// - https://docs.aws.amazon.com/securityhub/latest/userguide/bedrock-controls.html and
//   https://docs.aws.amazon.com/securityhub/latest/userguide/bedrockagentcore-controls.html: each control's ID, resource type and
//   AWS Config rule ("Resource type:", "AWS Config rule:");
// - "AI Security Best Practices standard in Security Hub CSPM" (standards-ai-security): the standard's ARN,
//   arn:aws:securityhub:<region>::standards/ai-security-best-practices/v/1.0.0, and that all eight controls apply to it.
const FACTS: Array<[string, string, string]> = [
  ['Bedrock.1', 'AWS::Bedrock::DataSource', 'bedrock-data-source-encryption-enabled'],
  ['BedrockAgentCore.1', 'AWS::BedrockAgentCore::Runtime', 'bedrockagentcore-runtime-private-network-required'],
  ['BedrockAgentCore.2', 'AWS::BedrockAgentCore::Gateway', 'bedrockagentcore-gateway-authorizer-enabled'],
  ['BedrockAgentCore.3', 'AWS::BedrockAgentCore::Memory', 'bedrock-agentcore-memory-encryption-enabled'],
  ['BedrockAgentCore.4', 'AWS::BedrockAgentCore::Gateway', 'bedrockagentcore-gateway-encryption-enabled'],
  ['BedrockAgentCore.5', 'AWS::BedrockAgentCore::BrowserCustom', 'bedrockagentcore-browsercustom-network-mode-not-public'],
  ['BedrockAgentCore.6', 'AWS::BedrockAgentCore::BrowserCustom', 'bedrockagentcore-browsercustom-recording-enabled'],
  ['BedrockAgentCore.7', 'AWS::BedrockAgentCore::CodeInterpreterCustom', 'bedrockagentcore-codeinterpreter-networkmode-check'],
];

describe('the Security Hub control catalogue matches the Security Hub user guide', () => {
  test('exactly Bedrock.1 and BedrockAgentCore.1 to .7, in this order', () => {
    expect(SECURITY_HUB_CONTROLS.map(c => c.controlId)).toEqual(FACTS.map(f => f[0]));
  });

  test.each(FACTS)('%s evaluates %s through the Config rule %s', (controlId, resourceType, configRule) => {
    const control = SECURITY_HUB_CONTROLS.find(c => c.controlId === controlId)!;
    expect([control.resourceType, control.configRule]).toEqual([resourceType, configRule]);
  });

  test('each control runs a Config managed rule of the construct\'s own catalogue, on the same resource type', () => {
    for (const control of SECURITY_HUB_CONTROLS) {
      const rule = CONFIG_MANAGED_RULES.find(r => r.docName === control.configRule);
      expect([control.controlId, rule?.resourceType]).toEqual([control.controlId, control.resourceType]);
    }
  });

  test('the standard that holds all eight', () => {
    expect(AI_SECURITY_STANDARD_PATH).toBe('standards/ai-security-best-practices/v/1.0.0');
  });
});

/**
 * The three facts the Security Hub part of the design relies on, each verified (2026-12-07) and pinned
 * here by the behaviour that follows from it.
 */
describe('facts about Security Hub the design relies on', () => {
  const controlsIn = (stack: Stack, securityHub?: SecurityHubControls) =>
    new BedrockDetectiveControls(stack, 'Detective', {
      notificationsTopic: sns.Topic.fromTopicArn(stack, 'Topic', `arn:aws:sns:${stack.region}:${ACCOUNT}:governance`), configRules: false, securityHub,
    });

  // AWS::SecurityHub::Standard fails to create when the standard is already enabled in the account and region:
  // "ResourceConflictException: Standards is already enabled", the stack rolled back (a stack whose Hub had
  // enabled the default standards, then declared one of them: RoboFinSystems/robosystems pull request #813,
  // https://github.com/RoboFinSystems/robosystems/pull/813). So: nothing by default, and one per account and region.
  test('AWS::SecurityHub::Standard fails on an enabled standard: none by default, and a second one in an account and region is a synth error', () => {
    const one = new Stack(new App(), 'A', { env: { account: ACCOUNT, region: REGION } });
    controlsIn(one);
    Template.fromStack(one).resourceCountIs('AWS::SecurityHub::Standard', 0);
    const app = new App();
    const two = new Stack(app, 'B', { env: { account: ACCOUNT, region: REGION } });
    const three = new Stack(app, 'C', { env: { account: ACCOUNT, region: REGION } });
    controlsIn(two, SecurityHubControls.ENABLE_STANDARD_HERE);
    controlsIn(three, SecurityHubControls.ENABLE_STANDARD_HERE);
    expect(() => app.synth()).toThrow('The AI Security Best Practices standard (SecurityHubControls.ENABLE_STANDARD_HERE) is one per account and ' +
      `region, but 2 constructs configure it for account ${ACCOUNT} region ${REGION}: B/Detective/AiSecurityStandard, C/Detective/AiSecurityStandard.`);
  });

  test('one ENABLE_STANDARD_HERE per account and region synthesizes, in other regions too', () => {
    const app = new App();
    controlsIn(new Stack(app, 'A', { env: { account: ACCOUNT, region: REGION } }), SecurityHubControls.ENABLE_STANDARD_HERE);
    controlsIn(new Stack(app, 'B', { env: { account: ACCOUNT, region: 'eu-west-1' } }), SecurityHubControls.ENABLE_STANDARD_HERE);
    expect(() => app.synth()).not.toThrow();
  });

  // A target has one configuration at a time, and associating a policy replaces what it had: "If you associate a
  // configuration policy with a self-managed account, the policy overrides the self-managed designation" (Security
  // Hub user guide, "Choosing the management type of accounts and OUs",
  // https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-management-type.html; self-managed
  // is itself an association, SELF_MANAGED_SECURITY_HUB, of StartConfigurationPolicyAssociation); the CloudFormation
  // resource's identifier is the target, `TargetType/TargetId` (AWS::SecurityHub::PolicyAssociation,
  // AssociationIdentifier). Targets of a deleted policy "inherit the configuration policy of the closest parent"
  // ("Deleting and disassociating configuration policies"). So: one association per target, never two.
  test('a target holds one configuration policy: one association per target, and a target named twice is a synth error', () => {
    const stack = new Stack(new App(), 'Org', { env: { account: '999999999999', region: REGION } });
    const org = new BedrockOrganizationDetectiveControls(stack, 'Org', { configRules: false, securityHubPolicy: { targets: ['ou-ab12-cdef3456', 'r-ab12'] } });
    expect(org.securityHubPolicyAssociations.map(a => `${a.targetType}/${a.targetId}`)).toEqual(['ORGANIZATIONAL_UNIT/ou-ab12-cdef3456', 'ROOT/r-ab12']);
    const twice = new Stack(new App(), 'Org', { env: { account: '999999999999', region: REGION } });
    expect(() => new BedrockOrganizationDetectiveControls(twice, 'Org', { configRules: false, securityHubPolicy: { targets: ['444444444444', '444444444444'] } }))
      .toThrow('securityHubPolicy.targets names 444444444444 more than once; a target has one policy');
  });

  // Security Hub API calls reach EventBridge through CloudTrail with source aws.securityhub and eventSource
  // securityhub.amazonaws.com (EventBridge events reference, "AWS Security Hub events", "Security Hub events delivered
  // via AWS CloudTrail", https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-securityhub.html).
  test('the SecurityHubTampering rule watches the event source CloudTrail gives Security Hub', () => {
    const group = SETTING_EVENT_GROUPS.find(g => g.id === 'SecurityHubTampering')!;
    expect(group.eventSource).toBe('securityhub.amazonaws.com');
    const event = cloudTrailEvent('securityhub.amazonaws.com', 'BatchDisableStandards');
    expect(event.source).toBe('aws.securityhub');
    expect(matchesEventPattern(settingEventPattern(group), event)).toBe(true);
  });
});
