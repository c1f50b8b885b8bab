import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { BedrockOrganizationDetectiveControls, BedrockOrganizationDetectiveControlsProps } from '../../src/detective';
import { CONFIG_MANAGED_RULES } from '../../src/detective/private/config-managed-rules';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { checkCompliance } from '../support/nag';

const SECURITY_ACCOUNT = '222222222222';

function synth(region: string | undefined, props: BedrockOrganizationDetectiveControlsProps = {}) {
  const stack = new Stack(new App(), 'OrgDetective', region ? { env: { account: SECURITY_ACCOUNT, region } } : {});
  const controls = new BedrockOrganizationDetectiveControls(stack, 'Detective', props);
  return { stack, controls, template: Template.fromStack(stack) };
}

function orgRules(template: Template) {
  return Object.values(template.findResources('AWS::Config::OrganizationConfigRule')).map(r => r.Properties);
}

describe('organization Config rules, in the regions where AWS offers each', () => {
  test('eu-central-1: the nine managed rules, each scoped to its resource type, named by its page, memory expiry at 7 days', () => {
    const rules = orgRules(synth('eu-central-1').template);
    const metadata = rules.map(r => r.OrganizationManagedRuleMetadata);
    expect(rules.map((r, i) => [r.OrganizationConfigRuleName, metadata[i].RuleIdentifier, metadata[i].ResourceTypesScope]))
      .toEqual(CONFIG_MANAGED_RULES.map(r => [`lz-${r.docName}`, r.identifier, [r.resourceType]]));
    expect(rules.filter(r => r.OrganizationManagedRuleMetadata.InputParameters !== undefined)
      .map(r => [r.OrganizationManagedRuleMetadata.RuleIdentifier, r.OrganizationManagedRuleMetadata.InputParameters]))
      .toEqual([['BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION', '{"minEventExpiryDuration":7}']]);
  });

  test('every rule name fits the 64 characters AWS Config allows', () => {
    for (const r of orgRules(synth('eu-west-3').template)) expect([r.OrganizationConfigRuleName, r.OrganizationConfigRuleName.length <= 64]).toEqual([r.OrganizationConfigRuleName, true]);
  });

  test('eu-west-3 (Paris): no memory encryption rule, so the memory key Guard rule, change-triggered, on memories', () => {
    const { template, controls } = synth('eu-west-3');
    expect(controls.skippedManagedRules).toEqual(['BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED']);
    const guard = orgRules(template).filter(r => r.OrganizationCustomPolicyRuleMetadata);
    const custom = guard.map(r => r.OrganizationCustomPolicyRuleMetadata);
    expect(guard.map((r, i) => [r.OrganizationConfigRuleName, custom[i].Runtime, custom[i].ResourceTypesScope,
      custom[i].OrganizationConfigRuleTriggerTypes])).toEqual([[
      'lz-memory-customer-managed-key', 'guard-2.x.x', ['AWS::BedrockAgentCore::Memory'],
      ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification'],
    ]]);
    expect(guard[0].OrganizationCustomPolicyRuleMetadata.PolicyText).toContain('configuration.EncryptionKeyArn exists');
  });

  test('us-west-1 (N. California): none of the nine exists; the skip is reported, not an error', () => {
    const { template, controls, stack } = synth('us-west-1');
    template.resourceCountIs('AWS::Config::OrganizationConfigRule', 0);
    expect(controls.skippedManagedRules).toEqual(CONFIG_MANAGED_RULES.map(r => r.identifier));
    const message = `AWS does not offer these AWS Config managed rules in us-west-1, so they are not created: ${CONFIG_MANAGED_RULES.map(r => r.identifier).join(', ')}`;
    expect(Annotations.fromStack(stack).findInfo('*', message)).toHaveLength(1);
  });

  test('excludedAccounts reach every rule; configRules: false creates none', () => {
    for (const r of orgRules(synth('eu-west-3', { excludedAccounts: ['333333333333'] }).template)) expect(r.ExcludedAccounts).toEqual(['333333333333']);
    synth('eu-central-1', { configRules: false }).template.resourceCountIs('AWS::Config::OrganizationConfigRule', 0);
  });

  test('no recorder, delivery channel or Security Hub resource without securityHubPolicy (no fight with Control Tower)', () => {
    const types = new Set(Object.values(synth('eu-central-1').template.toJSON().Resources as Record<string, { Type: string }>).map(r => r.Type));
    expect([...types]).toEqual(['AWS::Config::OrganizationConfigRule']);
  });
});

describe('the Security Hub central configuration policy', () => {
  const targets = ['ou-ab12-cdef3456', '444444444444'];
  const { template, controls } = synth('eu-central-1', { securityHubPolicy: { targets, disabledControls: ['IAM.6'] } });

  test('Security Hub on, the AI Security Best Practices standard of the region, every control on but the ones listed off', () => {
    const [policy] = Object.values(template.findResources('AWS::SecurityHub::ConfigurationPolicy')).map(r => r.Properties);
    expect(policy.Name).toBe('bedrock-landing-zone');
    expect(policy.ConfigurationPolicy.SecurityHub).toEqual({
      ServiceEnabled: true,
      EnabledStandardIdentifiers: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:eu-central-1::standards/ai-security-best-practices/v/1.0.0']] }],
      SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['IAM.6'] },
    });
  });

  test('never an enabled-control list, which would switch off every control it does not name', () => {
    const [policy] = Object.values(template.findResources('AWS::SecurityHub::ConfigurationPolicy')).map(r => r.Properties);
    expect(policy.ConfigurationPolicy.SecurityHub.SecurityControlsConfiguration.EnabledSecurityControlIdentifiers).toBeUndefined();
  });

  test('one association per target, with its type', () => {
    expect(Object.values(template.findResources('AWS::SecurityHub::PolicyAssociation')).map(r => [r.Properties.TargetId, r.Properties.TargetType,
      r.Properties.ConfigurationPolicyId])).toEqual([
      ['ou-ab12-cdef3456', 'ORGANIZATIONAL_UNIT', { 'Fn::GetAtt': [expect.stringMatching(/^DetectiveSecurityHubPolicy/), 'Id'] }],
      ['444444444444', 'ACCOUNT', { 'Fn::GetAtt': [expect.stringMatching(/^DetectiveSecurityHubPolicy/), 'Id'] }],
    ]);
    expect(controls.securityHubPolicyAssociations).toHaveLength(2);
  });

  test('the control IDs a policy of your own must keep on', () => {
    expect(BedrockOrganizationDetectiveControls.SECURITY_HUB_CONTROL_IDS).toEqual(['Bedrock.1', ...[1, 2, 3, 4, 5, 6, 7].map(n => `BedrockAgentCore.${n}`)]);
  });
});

test('the template passes the CloudFormation schema validator and the four cdk-nag packs with no acknowledgement', () => {
  const { controls } = synth('eu-west-3', { excludedAccounts: ['333333333333'], securityHubPolicy: { targets: ['r-ab12'] } });
  expectValidCloudFormation(controls);
  expect(checkCompliance(controls)).toEqual({ violations: [], acknowledgements: [] });
});

describe('bad input is an error at synth naming the prop, the value and what is allowed', () => {
  test.each<[string, string | undefined, BedrockOrganizationDetectiveControlsProps, string]>([
    ['no region', undefined, {}, 'the stack is environment-agnostic: which AWS Config rules exist depends on the region, and organization Config rules ' +
      'are regional; give the stack an env with a region (one stack per governed region), or declare the region of a StackSet template with ' +
      'BedrockLandingZone.governRegion(stack, region)'],
    ['a Bedrock control disabled', 'eu-central-1', { securityHubPolicy: { targets: ['r-ab12'], disabledControls: ['IAM.6', 'BedrockAgentCore.1'] } },
      'securityHubPolicy.disabledControls lists BedrockAgentCore.1: the policy exists to turn the Bedrock and AgentCore controls on; allowed: any control ' +
      'but Bedrock.1, BedrockAgentCore.1, BedrockAgentCore.2, BedrockAgentCore.3, BedrockAgentCore.4, BedrockAgentCore.5, BedrockAgentCore.6, BedrockAgentCore.7'],
    ['no target', 'eu-central-1', { securityHubPolicy: { targets: [] } }, 'securityHubPolicy.targets is empty: name the root, OUs or accounts the policy applies to'],
    ['a target that is no ID', 'eu-central-1', { securityHubPolicy: { targets: ['Workloads'] } },
      'securityHubPolicy.targets[0] is \'Workloads\'; expected a literal root ID (r-...), OU ID (ou-...-...) or account ID (12 digits)'],
    ['a target twice', 'eu-central-1', { securityHubPolicy: { targets: ['r-ab12', 'r-ab12'] } }, 'securityHubPolicy.targets names r-ab12 more than once; a target has one policy'],
    ['a standard that is no ARN', 'eu-central-1', { securityHubPolicy: { targets: ['r-ab12'], additionalStandardArns: ['fsbp'] } },
      'securityHubPolicy.additionalStandardArns[0] is \'fsbp\'; expected a Security Hub standard ARN (arn:aws:securityhub:<region>::standards/...)'],
    ['an account that is no ID', 'eu-central-1', { excludedAccounts: ['sandbox'] }, 'excludedAccounts[0] is \'sandbox\'; expected an account ID (12 digits)'],
    ['exclusions without rules', 'eu-central-1', { configRules: false, excludedAccounts: ['333333333333'] },
      'excludedAccounts is given but configRules is false: the exclusions apply to the organization Config rules; leave one out'],
  ])('%s', (_, region, props, message) => {
    expect(() => synth(region, props)).toThrow(expect.objectContaining({
      code: Code.ORGANIZATION_DETECTIVE_CONTROLS_PROPS,
      message: `BedrockOrganizationDetectiveControls: ${message}`,
    }));
  });
});
