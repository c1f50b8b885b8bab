import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { BedrockDetectiveControls, BedrockDetectiveControlsProps, DetectiveCounterparts } from '../../src/detective';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { BedrockLandingZone } from '../../src/landing-zone';
import { GovernanceNotifications } from '../../src/monitoring';
import { errorOf } from '../support/errors';
import { checkCompliance } from '../support/nag';

const ACCOUNT = '111111111111';
const AGENTCORE_RULES = [
  'BEDROCKAGENTCORE_RUNTIME_PRIVATE_NETWORK_REQUIRED', 'BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED', 'BEDROCKAGENTCORE_GATEWAY_ENCRYPTION_ENABLED',
  'BEDROCKAGENTCORE_BROWSERCUSTOM_NETWORK_MODE_NOT_PUBLIC', 'BEDROCKAGENTCORE_BROWSERCUSTOM_RECORDING_ENABLED', 'BEDROCKAGENTCORE_CODEINTERPRETER_NETWORKMODE_CHECK',
];

function synth(region: string | undefined, props: Partial<BedrockDetectiveControlsProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Detective', region ? { env: { account: ACCOUNT, region } } : {});
  const notifications = new GovernanceNotifications(stack, 'Notifications');
  const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: notifications.topic, ...props });
  return { app, stack, controls, notifications, template: Template.fromStack(stack) };
}

/** Managed rules as synthesized: identifier -> resource types in scope. */
function managedRules(template: Template): Record<string, string[]> {
  const rules = Object.values(template.findResources('AWS::Config::ConfigRule', { Properties: { Source: { Owner: 'AWS' } } }));
  return Object.fromEntries(rules.map(r => [r.Properties.Source.SourceIdentifier, r.Properties.Scope.ComplianceResourceTypes]));
}

// Identifiers, resource types and regions from each rule's page in the AWS Config Developer Guide
// (https://docs.aws.amazon.com/config/latest/developerguide/<rule-name>.html), read 2026-12.
describe('AWS Config managed rules, each scoped to its resource type, where AWS offers it', () => {
  test('eu-central-1 (Frankfurt) has all nine', () => {
    expect(managedRules(synth('eu-central-1').template)).toEqual({
      BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED: ['AWS::Bedrock::DataSource'],
      BEDROCKAGENTCORE_RUNTIME_PRIVATE_NETWORK_REQUIRED: ['AWS::BedrockAgentCore::Runtime'],
      BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED: ['AWS::BedrockAgentCore::Gateway'],
      BEDROCKAGENTCORE_GATEWAY_ENCRYPTION_ENABLED: ['AWS::BedrockAgentCore::Gateway'],
      BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED: ['AWS::BedrockAgentCore::Memory'],
      BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION: ['AWS::BedrockAgentCore::Memory'],
      BEDROCKAGENTCORE_BROWSERCUSTOM_NETWORK_MODE_NOT_PUBLIC: ['AWS::BedrockAgentCore::BrowserCustom'],
      BEDROCKAGENTCORE_BROWSERCUSTOM_RECORDING_ENABLED: ['AWS::BedrockAgentCore::BrowserCustom'],
      BEDROCKAGENTCORE_CODEINTERPRETER_NETWORKMODE_CHECK: ['AWS::BedrockAgentCore::CodeInterpreterCustom'],
    });
  });

  test('eu-west-3 (Paris): no memory encryption rule there, so the Guard rule checks the key instead', () => {
    const { template, controls } = synth('eu-west-3');
    expect(Object.keys(managedRules(template)).sort()).toEqual([
      'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION', 'BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED', ...AGENTCORE_RULES,
    ].sort());
    expect(controls.skippedManagedRules).toEqual(['BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED']);
    expect(controls.guardRules.map(g => g.node.id)).toEqual(['MemoryCustomerManagedKey']);
  });

  test('sa-east-1 (Sao Paulo): only the data source, memory expiry rules and the memory key Guard rule', () => {
    const { template, controls } = synth('sa-east-1');
    expect(Object.keys(managedRules(template)).sort()).toEqual(['BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION', 'BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED']);
    expect(controls.guardRules.map(g => g.node.id)).toEqual(['MemoryCustomerManagedKey']);
  });

  test('us-west-1 (N. California): none of the nine exists; the skip is reported, not an error', () => {
    const { template, controls, stack } = synth('us-west-1', { approvedModels: ['amazon.nova-pro-v1:0'] });
    expect(managedRules(template)).toEqual({});
    expect(controls.skippedManagedRules).toHaveLength(9);
    expect(controls.guardRules).toEqual([]);
    Annotations.fromStack(stack).hasInfo('/Detective/Detective', `AWS does not offer these AWS Config managed rules in us-west-1, so they are not created: ${controls.skippedManagedRules.join(', ')}`);
  });

  test('the memory expiry rule carries the minimum, 7 days by default', () => {
    const expiry = (props: Partial<BedrockDetectiveControlsProps>) => Object.values(synth('eu-central-1', props).template.findResources('AWS::Config::ConfigRule', {
      Properties: { Source: { SourceIdentifier: 'BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION' } },
    }))[0].Properties.InputParameters;
    expect(expiry({})).toEqual({ minEventExpiryDuration: 7 });
    expect(expiry({ minimumMemoryEventExpiryDays: 30 })).toEqual({ minEventExpiryDuration: 30 });
  });

  test('the parsing-model Guard rule exists only with approvedModels', () => {
    expect(synth('eu-central-1').controls.guardRules).toEqual([]);
    expect(synth('eu-central-1', { approvedModels: ['amazon.nova-pro-v1:0'] }).controls.guardRules.map(g => g.node.id)).toEqual(['DataSourceParsingModelApproved']);
  });

  test('configRules: false creates no Config rule (an account without a recorder)', () => {
    const { template } = synth('eu-central-1', { configRules: false, approvedModels: ['amazon.nova-pro-v1:0'] });
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Events::Rule', 6);
  });

  test('it never creates a recorder, delivery channel or Security Hub resource of its own (no fight with Control Tower)', () => {
    const { template } = synth('eu-central-1', { approvedModels: ['amazon.nova-pro-v1:0'] });
    const types = new Set(Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map(r => r.Type));
    for (const type of ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel', 'AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard']) expect(types.has(type)).toBe(false);
  });
});

describe('setting-change alerts go to the governance topic', () => {
  test('every rule targets the topic, and adds nothing to its policy', () => {
    const { template } = synth('eu-central-1');
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(6);
    for (const r of rules) {
      expect(r.Properties.State).toBe('ENABLED');
      expect(r.Properties.Targets).toEqual([{ Id: 'GovernanceNotifications', Arn: { Ref: topicId } }]);
    }
    // The topic policy is GovernanceNotifications' own: exactly the statements it writes, one per source.
    const withControls = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;
    const stack = new Stack(new App(), 'Alone', { env: { account: ACCOUNT, region: 'eu-central-1' } });
    new GovernanceNotifications(stack, 'Notifications');
    const alone = Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;
    expect(withControls).toEqual(alone);
  });

  test('every rule carries the protection tag the organization policies lock', () => {
    for (const r of Object.values(synth('eu-central-1').template.findResources('AWS::Events::Rule'))) {
      expect(r.Properties.Tags).toEqual([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]);
    }
  });

  test('settingChangeAlerts: false creates no EventBridge rule', () => {
    synth('eu-central-1', { settingChangeAlerts: false }).template.resourceCountIs('AWS::Events::Rule', 0);
  });
});

describe('bad input fails at synth', () => {
  test('an environment-agnostic stack without a governed region', () => {
    const e = errorOf(() => synth(undefined));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe('BedrockDetectiveControls: the stack is environment-agnostic: which AWS Config rules exist depends on the region; give the stack ' +
      'an env with a region, or declare the region of a StackSet template with BedrockLandingZone.governRegion(stack, region)');
  });

  test('a StackSet template that declares its region synthesizes for that region', () => {
    const stack = new Stack(new App(), 'StackSet');
    BedrockLandingZone.governRegion(stack, 'eu-west-3');
    const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: new sns.Topic(stack, 'Topic') });
    expect(controls.region).toBe('eu-west-3');
    expect(controls.skippedManagedRules).toEqual(['BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED']);
  });

  test.each([
    [{ minimumMemoryEventExpiryDays: 6 }, 'minimumMemoryEventExpiryDays is 6; allowed: a whole number of days from 7 to 365 (AgentCore\'s limits)'],
    [{ minimumMemoryEventExpiryDays: 366 }, 'minimumMemoryEventExpiryDays is 366; allowed: a whole number of days from 7 to 365 (AgentCore\'s limits)'],
    [{ approvedModels: [] }, 'approvedModels is empty: every data source that parses with a model would be reported; leave approvedModels out to skip the rule'],
    [{ approvedModels: ['claude'] }, 'approvedModels[0] is \'claude\'; expected a literal model ID such as anthropic.claude-sonnet-4-5-20250929-v1:0'],
  ])('%j', (props, message) => {
    const e = errorOf(() => synth('eu-central-1', props as Partial<BedrockDetectiveControlsProps>));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe(`BedrockDetectiveControls: ${message}`);
  });
});

test('the controls pass the four cdk-nag packs with no acknowledgement', () => {
  const { controls } = synth('eu-central-1', { approvedModels: ['amazon.nova-pro-v1:0'] });
  expect(checkCompliance(controls)).toEqual({ violations: [], acknowledgements: [] });
});

describe('every synth-time rule of the Bedrock pack names its detective counterpart or says none exists', () => {
  test('the table covers exactly the pack, in its order', () => {
    expect(DetectiveCounterparts.all().map(c => c.ruleId)).toEqual(BedrockGovernanceChecks.allRuleIds());
  });

  test.each([
    ['KB1', 'AWS Config BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED; Security Hub Bedrock.1'],
    ['Bedrock-AC2', 'AWS Config BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED; Security Hub BedrockAgentCore.2'],
    ['GR1', DetectiveCounterparts.NONE],
  ])('%s', (id, counterpart) => {
    expect(DetectiveCounterparts.of(id)).toBe(counterpart);
  });

  test('every managed rule the construct creates is named as a counterpart', () => {
    const named = DetectiveCounterparts.all().map(c => c.counterpart).join(' ');
    for (const identifier of Object.keys(synth('eu-central-1').controls.managedRules)) {
      // No pack rule checks memory event expiry or browser session recording.
      if (['BEDROCK_AGENTCORE_MEMORY_EVENT_EXPIRY_DURATION', 'BEDROCKAGENTCORE_BROWSERCUSTOM_RECORDING_ENABLED'].includes(identifier)) continue;
      expect([identifier, named.includes(identifier)]).toEqual([identifier, true]);
    }
  });
});
