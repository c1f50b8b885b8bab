import { App, Stack, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, GovernanceProfile } from '../../src';
import { ModelAccessPolicy } from '../../src/access';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { EmbeddingModel, VectorKnowledgeBase } from '../../src/knowledge-bases';
import { CrossRegionInferenceProfile, Geography } from '../../src/models';
import { BedrockBudget, BedrockOrganizationSpendStop, BedrockSpendStop } from '../../src/spend';
import { SONNET_45 } from '../models/fixtures';

/**
 * What keeps a spend stop working once it is deployed (rt3 F1, F20): its schedules in a group of its own
 * that carries the protection tag, its roles on the landing zone's path, and every role the library
 * grants model access in the account named by a stop of that account. The organization policies' side
 * (what they deny on the tagged group and the path) is test/organization/red-team-round.test.ts, round 4.
 */

const ACCOUNT = '111111111111';
const OTHER_ACCOUNT = '222222222222';
const REGION = 'eu-central-1';
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:governance`;

function accountStop(stack: Stack, roles: iam.IRole[], id = 'Stop'): BedrockSpendStop {
  const topic = sns.Topic.fromTopicArn(stack, `${id}Topic`, TOPIC_ARN);
  return new BedrockSpendStop(stack, id, { budget: BedrockBudget.fromBudgetName('bedrock-dev'), roles, topic });
}

const roleIn = (stack: Stack, id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const modelAccess = (stack: Stack, id: string, roles: iam.IRole[]) => new ModelAccessPolicy(stack, id, {
  models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
  roles,
});

describe.each([
  ['the account stop', (stack: Stack) => accountStop(stack, [iam.Role.fromRoleName(stack, 'App', 'payments-app')])],
  ['the organization stop', (stack: Stack) => new BedrockOrganizationSpendStop(stack, 'Stop', {
    budget: BedrockBudget.fromBudgetName('bedrock-org'),
    organizationId: 'o-exampleorg1',
    targetIds: [OTHER_ACCOUNT],
    topic: sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN),
  })],
])('%s: its schedules and roles', (_name, build) => {
  const stack = new Stack(new App(), 'Stops', { env: { account: ACCOUNT, region: REGION } });
  build(stack);
  const template = Template.fromStack(stack).toJSON();
  const ofType = (type: string) => Object.entries<any>(template.Resources).filter(([, r]) => r.Type === type);

  test('rt3 F1: both schedules are in one schedule group of the stop\'s own, which carries the protection tag in the template', () => {
    const groups = ofType('AWS::Scheduler::ScheduleGroup');
    expect(groups.length).toBe(1);
    const [groupId, group] = groups[0];
    expect(group.Properties.Tags).toEqual([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]);
    expect(ofType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties.GroupName)).toEqual([{ Ref: groupId }, { Ref: groupId }]);
  });

  test('rt3 F1: the execution and reset roles are on the landing zone\'s path (DenyPassingExemptRoles, ProtectExemptRoles)', () => {
    const roles = ofType('AWS::IAM::Role').map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties.Path]);
    expect(roles).toEqual([['StopExecutionRole', '/bedrock-landing-zone/'], ['StopResetRole', '/bedrock-landing-zone/']]);
  });
});

describe('rt3 F20: every role the library grants model access in an account with a stop is named by a stop of that account', () => {
  const synthErrors = (app: App) => {
    try {
      app.synth();
      return [];
    } catch (e) {
      const lines = (e as Error).message.split('\n').filter(l => l.includes('holds a model grant'));
      if (lines.length === 0) throw e;
      return lines;
    }
  };

  test('a role given a ModelAccessPolicy in another stack of the account, named by no stop, fails synth naming the role', () => {
    const app = new App();
    const baseline = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    const application = roleIn(baseline, 'ApplicationRole');
    modelAccess(baseline, 'Access', [application]);
    accountStop(baseline, [application]);
    const agent = new Stack(app, 'Agent', { env: { account: ACCOUNT, region: REGION } });
    modelAccess(agent, 'AgentAccess', [roleIn(agent, 'AgentRole')]);
    expect(synthErrors(app)).toEqual([expect.stringContaining(
      'the role Agent/AgentRole holds a model grant of the landing zone in account 111111111111, and no BedrockSpendStop of that account names it: ' +
      'it would keep invoking after the account\'s spend stop fires. Name it in the roles of a BedrockSpendStop of the account ' +
      '(in its own stack, or one deployed after it, with budget: BedrockBudget.fromBudgetName(<the account\'s budget>))')]);
  });

  test('a second stop on the same budget in the later stack names it: synth passes, and the baseline does not depend on the later stack', () => {
    const app = new App();
    const baseline = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    const application = roleIn(baseline, 'ApplicationRole');
    modelAccess(baseline, 'Access', [application]);
    accountStop(baseline, [application]);
    const agent = new Stack(app, 'Agent', { env: { account: ACCOUNT, region: REGION } });
    const agentRole = roleIn(agent, 'AgentRole');
    modelAccess(agent, 'AgentAccess', [agentRole]);
    accountStop(agent, [agentRole], 'AgentStop');
    expect(synthErrors(app)).toEqual([]);
    expect(baseline.dependencies).toEqual([]);
  });

  test('a policy of a later stack attached to the baseline\'s stopped role (an import there) is covered by the baseline\'s stop', () => {
    const app = new App();
    const baseline = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    const application = roleIn(baseline, 'ApplicationRole');
    accountStop(baseline, [application]);
    modelAccess(new Stack(app, 'Workload', { env: { account: ACCOUNT, region: REGION } }), 'Access', [application]);
    expect(synthErrors(app)).toEqual([]);
  });

  test('roles of the same logical ID in two stacks are told apart: stopping one region\'s agent role does not cover the other\'s', () => {
    const app = new App();
    const agentStack = (region: string) => {
      const stack = new Stack(app, `Agent-${region}`, { env: { account: ACCOUNT, region } });
      const role = roleIn(stack, 'AgentRole');
      modelAccess(stack, 'AgentAccess', [role]);
      return role;
    };
    const eu = agentStack('eu-central-1');
    agentStack('eu-west-1');
    accountStop(Stack.of(eu), [eu]);
    expect(synthErrors(app)).toEqual([expect.stringContaining('the role Agent-eu-west-1/AgentRole holds a model grant')]);
  });

  test('a grant written into a role\'s own policy (grantInvoke) counts like a ModelAccessPolicy', () => {
    const app = new App();
    const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    const stopped = roleIn(stack, 'Stopped');
    accountStop(stack, [stopped]);
    CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(roleIn(stack, 'Granted'));
    expect(synthErrors(app)).toEqual([expect.stringContaining('the role Baseline/Granted holds a model grant')]);
  });

  test('a knowledge base\'s service role, which embeds with the model, counts too', () => {
    const app = new App();
    const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    accountStop(stack, [roleIn(stack, 'Stopped')]);
    const kb = new VectorKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
    expect(synthErrors(app)).toEqual([expect.stringContaining(`the role ${kb.role.node.path} holds a model grant`)]);
  });

  test('an imported role is recognized by its name; roles of another account, or of an account without a stop, are not checked', () => {
    const app = new App();
    const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    modelAccess(stack, 'Access', [iam.Role.fromRoleName(stack, 'Imported', 'claims-app')]);
    accountStop(stack, [iam.Role.fromRoleName(stack, 'SameImported', 'claims-app')]);
    const other = new Stack(app, 'Other', { env: { account: OTHER_ACCOUNT, region: REGION } });
    modelAccess(other, 'Access', [roleIn(other, 'Unstopped')]);
    expect(synthErrors(app)).toEqual([]);
  });

  test('rt4 R4-7: a user or group granted model access in an account with a stop fails synth: a stop denies roles only', () => {
    const app = new App();
    const stack = new Stack(app, 'Workload', { env: { account: ACCOUNT, region: REGION } });
    const role = roleIn(stack, 'AppRole');
    accountStop(stack, [role]);
    new ModelAccessPolicy(stack, 'Access', {
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
      roles: [role],
      users: [new iam.User(stack, 'AnalystUser')],
      groups: [new iam.Group(stack, 'Analysts')],
    });
    CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(new iam.User(stack, 'BatchUser'));
    const errors = synthErrors(app);
    expect(errors.map(e => e.replace(/ holds a model grant.*$/, ''))).toEqual([
      '  [Workload/Stop] the user Workload/AnalystUser', '  [Workload/Stop] the group Workload/Analysts', '  [Workload/Stop] the user Workload/BatchUser',
    ]);
    expect(errors[0]).toContain('which has a BedrockSpendStop: a stop denies roles only, so it would keep invoking after the stop fires. ' +
      'Grant model access to roles, which a stop of the account names');
  });

  test('users and groups granted model access in an account without a stop are not checked', () => {
    const app = new App();
    const stack = new Stack(app, 'Workload', { env: { account: ACCOUNT, region: REGION } });
    new ModelAccessPolicy(stack, 'Access', { models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], users: [new iam.User(stack, 'AnalystUser')] });
    expect(synthErrors(app)).toEqual([]);
  });

  test('an account with several stops reports each unnamed role once', () => {
    const app = new App();
    const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    accountStop(stack, [roleIn(stack, 'A')], 'StopA');
    accountStop(stack, [roleIn(stack, 'B')], 'StopB');
    modelAccess(stack, 'Access', [roleIn(stack, 'Unstopped')]);
    expect(synthErrors(app)).toEqual([expect.stringMatching(/^ {2}\[Baseline\/StopA\] the role Baseline\/Unstopped holds a model grant/)]);
  });
});

describe('the organization stop needs a free slot of the five SCPs on each target when it fires', () => {
  const OU = 'ou-ab12-cd34ef56';
  const many = (n: number) => Array.from({ length: n }, (_, i) => ApprovedModel.throughGeography(`vendor.model-number-${i}-v1:0`));
  const build = (extraModels: number, targetIds: string[], protectionTargetIds?: string[]) => {
    const app = new App();
    const stack = new Stack(app, 'Management', { env: { account: '999999999999', region: 'us-east-1' } });
    const policies = new BedrockOrganizationPolicies(stack, 'Scps', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45), ...many(extraModels)],
      profiles: [GovernanceProfile.EU_RESIDENCY],
      targetIds: [OU],
      protectionTargetIds,
    });
    new BedrockOrganizationSpendStop(stack, 'Stop', {
      budget: BedrockBudget.fromBudgetName('bedrock-org'), organizationId: 'o-exampleorg1', targetIds, topic: sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN),
    });
    return { app, count: policies.policies.filter(p => (p.targetIds ?? []).includes(OU)).length };
  };
  const synthError = (app: App) => {
    try {
      app.synth();
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('an OU that receives four of the app\'s SCPs (five with FullAWSAccess) fails synth, naming the prop, the value and what to do', () => {
    const { app, count } = build(20, [OTHER_ACCOUNT, OU]);
    expect(count).toBe(4);
    expect(synthError(app)).toContain(`[Management/Stop] targetIds[1] is '${OU}', which already receives 4 service control policies of this app ` +
      '(Management/Scps/Policy1, Management/Scps/Policy2, Management/Scps/Policy3, Management/Scps/Policy4); with FullAWSAccess that leaves no slot ' +
      'of the 5 AWS allows per target, so AWS Budgets could not attach the stop\'s policy when it fires. Name the accounts instead (each has five of ' +
      'its own), or an OU with a free slot');
  });

  test('the same OU with three of the app\'s SCPs (the tag statements on the root, as in the example), or the accounts of a full OU, leave the slot the stop needs', () => {
    const three = build(0, [OU], ['r-ab12']);
    expect(three.count).toBe(3);
    expect(synthError(three.app)).toBeUndefined();
    expect(synthError(build(20, [OTHER_ACCOUNT]).app)).toBeUndefined();
  });
});
