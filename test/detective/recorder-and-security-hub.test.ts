import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockDetectiveControls, BedrockDetectiveControlsProps, ConfigRecorder, SecurityHubControls } from '../../src/detective';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone } from '../../src/landing-zone';
import { GovernanceNotifications } from '../../src/monitoring';
import { SONNET_45, stackIn } from '../models/fixtures';
import { checkCompliance } from '../support/nag';

function synth(props: Partial<BedrockDetectiveControlsProps> = {}) {
  const stack = new Stack(new App(), 'Detective', { env: { account: '111111111111', region: 'eu-central-1' } });
  const notifications = new GovernanceNotifications(stack, 'Notifications');
  const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: notifications.topic, ...props });
  return { controls, template: Template.fromStack(stack) };
}

describe('the configuration recorder question', () => {
  test('ConfigRecorder.EXISTING (the default): the nine managed rules of Frankfurt', () => {
    expect(Object.keys(synth().controls.managedRules)).toHaveLength(9);
    expect(Object.keys(synth({ configRecorder: ConfigRecorder.EXISTING }).controls.managedRules)).toHaveLength(9);
  });

  test('ConfigRecorder.NONE: no Config rule (creating one would fail the deployment); the setting-change alerts stay', () => {
    const { template } = synth({ configRecorder: ConfigRecorder.NONE, approvedModels: ['amazon.nova-pro-v1:0'] });
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Events::Rule', 6);
  });

  test('ConfigRecorder.NONE with configRules: true is an error naming both and what to do', () => {
    expect(() => synth({ configRecorder: ConfigRecorder.NONE, configRules: true })).toThrow(expect.objectContaining({
      code: Code.DETECTIVE_CONTROLS_PROPS,
      message: 'BedrockDetectiveControls: configRules is true but configRecorder is ConfigRecorder.NONE: AWS Config rules need a ' +
        'configuration recorder, and creating one without it fails the deployment; set up AWS Config (or enroll the account in ' +
        'Control Tower) and use ConfigRecorder.EXISTING, or leave configRules out',
    }));
  });

  test('the landing zone names its own props in the same error, and passes NONE through', () => {
    const sonnet = ApprovedModel.throughGeography(SONNET_45);
    expect(() => new BedrockLandingZone(stackIn('eu-central-1'), 'Lz', {
      approvedModels: [sonnet], configRecorder: ConfigRecorder.NONE, detectiveConfigRules: true,
    })).toThrow(expect.objectContaining({
      code: Code.LANDING_ZONE_PROPS,
      message: 'BedrockLandingZone: detectiveConfigRules is true but configRecorder is ConfigRecorder.NONE: AWS Config rules need a ' +
        'configuration recorder, and creating one without it fails the deployment; set up AWS Config (or enroll the account in ' +
        'Control Tower) and use ConfigRecorder.EXISTING, or leave detectiveConfigRules out',
    }));
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [sonnet], configRecorder: ConfigRecorder.NONE });
    expect(Object.keys(lz.detectiveControls!.managedRules)).toEqual([]);
    Template.fromStack(stack).resourceCountIs('AWS::Config::ConfigRule', 0);
  });
});

describe('Security Hub controls in the account', () => {
  test('SecurityHubControls.MANAGED_ELSEWHERE (the default): no Security Hub resource, so nothing fights central configuration', () => {
    for (const securityHub of [undefined, SecurityHubControls.MANAGED_ELSEWHERE]) {
      const types = Object.values(synth({ securityHub }).template.toJSON().Resources as Record<string, { Type: string }>).map(r => r.Type);
      expect(types.filter(t => t.startsWith('AWS::SecurityHub::'))).toEqual([]);
    }
  });

  test('SecurityHubControls.ENABLE_STANDARD_HERE: the AI Security Best Practices standard of this region, retained on stack deletion', () => {
    const { template, controls } = synth({ securityHub: SecurityHubControls.ENABLE_STANDARD_HERE });
    const standards = template.findResources('AWS::SecurityHub::Standard');
    expect(Object.values(standards).map(r => [r.Properties, r.DeletionPolicy, r.UpdateReplacePolicy])).toEqual([[
      { StandardsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:eu-central-1::standards/ai-security-best-practices/v/1.0.0']] } },
      'Retain', 'Retain',
    ]]);
    expect(controls.securityHubStandard).toBeDefined();
    expect(checkCompliance(controls)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('the landing zone passes the choice through', () => {
    const stack = stackIn('eu-central-1');
    new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], securityHubControls: SecurityHubControls.ENABLE_STANDARD_HERE });
    Template.fromStack(stack).resourceCountIs('AWS::SecurityHub::Standard', 1);
  });
});
