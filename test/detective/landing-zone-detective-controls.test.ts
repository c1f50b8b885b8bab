import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockLandingZone, GovernanceProfile } from '../../src/landing-zone';
import { SONNET_45, stackIn } from '../models/fixtures';

describe('BedrockLandingZone detective controls', () => {
  test('on by default: setting-change alerts to the landing zone topic, Config rules, and the parsing rule from the approved list', () => {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], profiles: [GovernanceProfile.EU_RESIDENCY] });
    const controls = lz.detectiveControls!;
    expect(controls.settingChangeRules).toHaveLength(6);
    expect(Object.keys(controls.managedRules)).toHaveLength(9);
    expect(controls.guardRules.map(g => g.node.id)).toEqual(['DataSourceParsingModelApproved']);
    const template = Template.fromStack(stack);
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: topicId });
    // The approved model, through the profile's geography only (EU residency allows EU).
    const guard = Object.values(template.findResources('AWS::Config::ConfigRule', { Properties: { Source: { Owner: 'CUSTOM_POLICY' } } }))[0];
    expect(guard.Properties.Source.CustomPolicyDetails.PolicyText).toContain('inference-profile\\/(eu)\\.(anthropic\\.claude\\-sonnet\\-4\\-5\\-20250929\\-v1:0)');
  });

  // alarms: false: the governance alarms add a rule of their own (test/landing-zone/alarms.test.ts).
  test('detectiveConfigRules: false keeps the alerts and leaves AWS Config alone', () => {
    const stack = stackIn('eu-central-1');
    new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], detectiveConfigRules: false, alarms: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Events::Rule', 6);
  });

  test('detectiveControls: false creates none', () => {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], detectiveControls: false, alarms: false });
    expect(lz.detectiveControls).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });
});
