import * as fs from 'fs';
import * as path from 'path';
import { BudgetsClient, ExecuteBudgetActionCommand, ExecuteBudgetActionRequest, ExecutionType } from '@aws-sdk/client-budgets';
import { App, Stack, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BEARER_TOKEN_ACTIONS, INFERENCE_DOORS } from '../../src/catalogue/inference-doors';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { BedrockBudget, BedrockSpendStop, SpendStopApproval } from '../../src/spend';
import { EXECUTE_BUDGET_ACTION_TARGET } from '../../src/spend/private/budget-reset';
import { SPENDING_ACTIONS } from '../../src/spend/private/stopped-doors';
import { SONNET_45, fmArn } from '../models/fixtures';
import { PolicyDocument, TemplatePolicies, evaluate, resolveCfn } from '../support/iam';
import { checkCompliance } from '../support/nag';

/**
 * The spend stop, by what IAM allows: before its policy is attached a workload role (even one with
 * AdministratorAccess) can run models; after, every door of the catalogue is denied while the rest of
 * its permissions still work. Budgets' execution role can attach only that policy, only to those roles.
 */

const ACCOUNT = '111111111111';
const OTHER_ACCOUNT = '222222222222';
const REGION = 'eu-central-1';
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:governance`;
const PAYMENTS = `arn:aws:iam::${ACCOUNT}:role/payments-app`;
const SUPPORT = `arn:aws:iam::${ACCOUNT}:role/support-app`;
const OUTSIDER_ROLE = `arn:aws:iam::${ACCOUNT}:role/not-granted-app`;
const ACTION_ID = '0a1b2c3d-0000-4000-8000-000000000001';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function synth(props: Partial<ConstructorParameters<typeof BedrockSpendStop>[2]> = {}) {
  const stack = new Stack(new App(), 'Workload', { env: { account: ACCOUNT, region: REGION } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const roles = [iam.Role.fromRoleArn(stack, 'Payments', PAYMENTS), iam.Role.fromRoleArn(stack, 'Support', SUPPORT)];
  const budget = new BedrockBudget(stack, 'Budget', { monthlyLimitUsd: 5000, topic, budgetName: 'bedrock-workload' });
  const stop = new BedrockSpendStop(stack, 'Stop', { budget, roles, topic, ...props });
  const template = Template.fromStack(stack);
  const id = (c: any) => stack.getLogicalId(c.node.defaultChild);
  const denyArn = `arn:aws:iam::${ACCOUNT}:policy/${template.toJSON().Resources[stack.getLogicalId(stop.denyPolicy.node.defaultChild as any)].Properties.ManagedPolicyName}`;
  const executionRoleArn = `arn:aws:iam::${ACCOUNT}:role/spend-stop-execution`;
  const policies = new TemplatePolicies(template.toJSON(), {
    region: REGION,
    accountId: ACCOUNT,
    refs: { [id(stop.denyPolicy)]: denyArn },
    getAtts: { [`${id(stop)}.ActionId`]: ACTION_ID, [`${id(stop.executionRole)}.Arn`]: executionRoleArn },
  });
  return {
    stack,
    stop,
    template,
    denyArn,
    executionRoleArn,
    deny: policies.documentOf(id(stop.denyPolicy), 'PolicyDocument'),
    execution: policies.identityPoliciesOf(id(stop.executionRole)),
    executionTrust: policies.documentOf(id(stop.executionRole), 'AssumeRolePolicyDocument'),
    reset: policies.identityPoliciesOf(id(stop.resetRole)),
    resetTrust: policies.documentOf(id(stop.resetRole), 'AssumeRolePolicyDocument'),
    id,
  };
}

const { template, stop, deny, denyArn, execution, executionTrust, reset, resetTrust, id } = synth();

/** A request to a door, as a workload would make it. */
function doorRequest(door: typeof INFERENCE_DOORS[number]) {
  return {
    action: door.action,
    resource: door.modelFence === 'model-resource' ? fmArn(REGION, SONNET_45) : '*',
    principal: PAYMENTS,
    resourceAccount: ACCOUNT,
  };
}

describe('every inference door of the catalogue: allowed before the stop, denied after', () => {
  const doors = INFERENCE_DOORS.map(d => [d.action, d] as const);

  test.each(doors)('%s: allowed to a role with AdministratorAccess before the stop', async (_a, door) => {
    expect(await evaluate({ identity: [ADMIN] }, doorRequest(door))).toBe('Allowed');
  });

  test.each(doors)('%s: denied after the stop, even with AdministratorAccess', async (_a, door) => {
    expect(await evaluate({ identity: [ADMIN, deny] }, doorRequest(door))).toBe('ExplicitlyDenied');
  });

  test.each(BEARER_TOKEN_ACTIONS.map(b => [b.action]))('long-term API keys (%s): allowed before, denied after', async (action) => {
    const request = { action, resource: '*', principal: PAYMENTS, resourceAccount: ACCOUNT };
    expect(await evaluate({ identity: [ADMIN] }, request)).toBe('Allowed');
    expect(await evaluate({ identity: [ADMIN, deny] }, request)).toBe('ExplicitlyDenied');
  });

  test('the deny is read from the catalogue: a door added there is denied too', () => {
    INFERENCE_DOORS.push({ action: 'bedrock:InvokeFutureDoor', apis: 'test', resourceTypes: [], modelFence: 'no-model', guardrail: 'not-applicable' });
    try {
      const [statement] = synth().deny.Statement;
      expect(statement.Action).toContain('bedrock:InvokeFutureDoor');
    } finally {
      INFERENCE_DOORS.pop();
    }
    const [first] = deny.Statement;
    const catalogue = [...INFERENCE_DOORS.map(d => d.action), ...BEARER_TOKEN_ACTIONS.map(b => b.action), ...SPENDING_ACTIONS];
    expect([...first.Action].sort()).toEqual([...new Set(catalogue)].sort());
  });
});

describe('after the stop, the control plane and the governance stores keep working', () => {
  const others: Array<[string, string]> = [
    ['bedrock:ListFoundationModels', '*'],
    ['bedrock:GetGuardrail', `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abcdefghijkl`],
    ['bedrock:GetModelInvocationLoggingConfiguration', '*'],
    ['bedrock:CreateKnowledgeBase', '*'],
    ['bedrock-agentcore:GetAgentRuntime', `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/agent-abc`],
    ['s3:GetObject', 'arn:aws:s3:::invocation-logs/AWSLogs/x.json.gz'],
    ['logs:PutLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/payments:log-stream:a`],
    ['kms:Decrypt', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['budgets:ViewBudget', `arn:aws:budgets::${ACCOUNT}:budget/bedrock-workload`],
  ];
  // A KMS key is reached only through its key policy: the default one, delegating to the account's IAM.
  const keyPolicy: PolicyDocument = { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
  test.each(others)('%s is still allowed', async (action, resource) => {
    const resourcePolicy = action.startsWith('kms:') ? keyPolicy : undefined;
    expect(await evaluate({ identity: [ADMIN, deny], resourcePolicy }, { action, resource, principal: PAYMENTS, resourceAccount: ACCOUNT })).toBe('Allowed');
  });

  test('a stopped role cannot detach or rewrite its own stop; detaching another policy still works', async () => {
    const asStopped = (action: string, resource: string, context: Record<string, string> = {}) =>
      evaluate({ identity: [ADMIN, deny] }, { action, resource, principal: PAYMENTS, resourceAccount: ACCOUNT, context });
    expect(await asStopped('iam:DetachRolePolicy', PAYMENTS, { 'iam:PolicyARN': denyArn })).toBe('ExplicitlyDenied');
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion']) {
      expect(await asStopped(action, denyArn)).toBe('ExplicitlyDenied');
    }
    expect(await asStopped('iam:DetachRolePolicy', PAYMENTS, { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/other` })).toBe('Allowed');
  });
});

describe('Budgets\' execution role attaches exactly the deny, to exactly the workload roles', () => {
  const asExecution = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluate({ identity: execution }, { action, resource, principal: 'arn:aws:iam::111111111111:role/spend-stop-execution', resourceAccount: ACCOUNT, context });

  test.each([PAYMENTS, SUPPORT])('attaches and detaches the deny on %s', async (role) => {
    expect(await asExecution('iam:AttachRolePolicy', role, { 'iam:PolicyARN': denyArn })).toBe('Allowed');
    expect(await asExecution('iam:DetachRolePolicy', role, { 'iam:PolicyARN': denyArn })).toBe('Allowed');
  });

  test('cannot attach another policy to a workload role', async () => {
    expect(await asExecution('iam:AttachRolePolicy', PAYMENTS, { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' })).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:AttachRolePolicy', PAYMENTS, { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/other` })).toBe('ImplicitlyDenied');
  });

  test('cannot attach the deny to another principal, nor detach it from one', async () => {
    expect(await asExecution('iam:AttachRolePolicy', OUTSIDER_ROLE, { 'iam:PolicyARN': denyArn })).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:DetachRolePolicy', OUTSIDER_ROLE, { 'iam:PolicyARN': denyArn })).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:AttachUserPolicy', `arn:aws:iam::${ACCOUNT}:user/alice`, { 'iam:PolicyARN': denyArn })).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:AttachGroupPolicy', `arn:aws:iam::${ACCOUNT}:group/devs`, { 'iam:PolicyARN': denyArn })).toBe('ImplicitlyDenied');
  });

  test('cannot write inline policies or change the deny itself', async () => {
    expect(await asExecution('iam:PutRolePolicy', PAYMENTS)).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:CreatePolicyVersion', denyArn)).toBe('ImplicitlyDenied');
    expect(await asExecution('iam:PassRole', PAYMENTS)).toBe('ImplicitlyDenied');
  });

  test('only Budgets can assume it (Budgets uses a role only for actions of the same account: CloudFormation ExecutionRoleArn)', async () => {
    const assume = (principal: string) => evaluate({ identity: [], resourcePolicy: executionTrust }, {
      action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/spend-stop-execution', principal, resourceAccount: ACCOUNT,
    });
    expect(await assume('budgets.amazonaws.com')).toBe('Allowed');
    expect(await assume('scheduler.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${ACCOUNT}:role/developer`)).toBe('ImplicitlyDenied');
  });
});

describe('the budget action', () => {
  test('applies the deny to the workload roles at 100% of actual cost, automatically, telling the topic', () => {
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      BudgetName: 'bedrock-workload',
      ActionType: 'APPLY_IAM_POLICY',
      ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
      NotificationType: 'ACTUAL',
      ApprovalModel: 'AUTOMATIC',
      ExecutionRoleArn: { 'Fn::GetAtt': [id(stop.executionRole), 'Arn'] },
      Definition: { IamActionDefinition: { PolicyArn: { Ref: id(stop.denyPolicy) }, Roles: ['payments-app', 'support-app'] } },
      Subscribers: [{ Type: 'SNS', Address: TOPIC_ARN }],
    });
  });

  test('threshold and manual approval as given', () => {
    synth({ thresholdPercentage: 90, approval: SpendStopApproval.MANUAL }).template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      ActionThreshold: { Type: 'PERCENTAGE', Value: 90 }, ApprovalModel: 'MANUAL',
    });
  });

  test('the action waits for the budget and for its execution role\'s policy', () => {
    const [action] = Object.values(template.findResources('AWS::Budgets::BudgetsAction'));
    expect(action.DependsOn).toEqual(expect.arrayContaining([
      Object.keys(template.findResources('AWS::Budgets::Budget'))[0],
      id(stop.executionRole),
    ]));
    const executionPolicy = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
      .find(([, r]) => JSON.stringify(r.Properties.Roles ?? []).includes(id(stop.executionRole)))![0];
    expect(action.DependsOn).toContain(executionPolicy);
  });

  test('the stop\'s roles carry the protection tag (managed policies and schedules take no tags in CloudFormation)', () => {
    for (const type of ['AWS::IAM::Role']) {
      for (const r of Object.values(template.findResources(type))) {
        expect(JSON.stringify(r.Properties.Tags ?? [])).toContain(PROTECTED_TAG_KEY);
      }
    }
  });
});

describe('the monthly reset: EventBridge Scheduler calls Budgets directly, no function', () => {
  const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(r => r.Properties);

  test('two schedules, reverse then reset, on the first of the month in UTC', () => {
    expect(schedules.map(s => [s.ScheduleExpression, s.ScheduleExpressionTimezone, JSON.parse(resolveInput(s.Target.Input)).ExecutionType])).toEqual([
      ['cron(0 1 1 * ? *)', 'UTC', 'REVERSE_BUDGET_ACTION'],
      ['cron(15 1 1 * ? *)', 'UTC', 'RESET_BUDGET_ACTION'],
    ]);
    expect(template.findResources('AWS::Lambda::Function')).toEqual({});
    for (const s of schedules) {
      expect(s.Target.Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:budgets:executeBudgetAction']] });
    }
  });

  test('each input is an ExecuteBudgetAction request the SDK client accepts and sends to Budgets as that operation', async () => {
    for (const s of schedules) {
      const input: ExecuteBudgetActionRequest = JSON.parse(resolveInput(s.Target.Input));
      expect(Object.keys(input).sort()).toEqual(['AccountId', 'ActionId', 'BudgetName', 'ExecutionType']);
      expect(Object.values(ExecutionType)).toContain(input.ExecutionType);
      expect(input).toMatchObject({ AccountId: ACCOUNT, BudgetName: 'bedrock-workload', ActionId: ACTION_ID });
      const sent = await serialize(input);
      expect(sent.target).toBe('AWSBudgetServiceGateway.ExecuteBudgetAction');
      expect(JSON.parse(sent.body)).toEqual(input);
      // Budgets has one global endpoint: a call from the landing zone's region reaches it.
      expect(sent.hostname).toBe('budgets.amazonaws.com');
    }
  });

  test('the universal target names the SDK service and operation, and is not a read-only action Scheduler refuses', () => {
    // Scheduler user guide, managing-targets-universal: arn:aws:scheduler:::aws-sdk:<service>:<apiAction>, the service is the
    // SDK's service identifier, and actions starting with get, describe, list, ... are not supported.
    const [, service, operation] = EXECUTE_BUDGET_ACTION_TARGET.split(':');
    expect(service).toBe('budgets');
    expect(operation).toBe(ExecuteBudgetActionCommand.name.replace(/Command$/, '').replace(/^./, c => c.toLowerCase()));
    const readOnly = ['get', 'describe', 'list', 'poll', 'receive', 'search', 'scan', 'query', 'select', 'read', 'lookup', 'discover', 'validate',
      'batchGet', 'batchDescribe', 'batchRead', 'transactGet', 'adminGet', 'adminList', 'testMigration', 'retrieve', 'testConnection',
      'translateDocument', 'isAuthorized', 'invokeModel'];
    expect(readOnly.filter(p => operation.startsWith(p))).toEqual([]);
  });

  test('the IAM action it needs is budgets:ExecuteBudgetAction on the action (Service Authorization Reference)', async () => {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions', 'budgets.json'), 'utf8'));
    expect(data.executebudgetaction.resourceTypes.map((r: { name: string }) => r.name)).toEqual(['budgetAction']);
  });

  test('the schedules\' role may execute this action only, and only Scheduler of this account assumes it', async () => {
    const actionArn = `arn:aws:budgets::${ACCOUNT}:budget/bedrock-workload/action/${ACTION_ID}`;
    const asReset = (action: string, resource: string) => evaluate({ identity: reset }, { action, resource, principal: `arn:aws:iam::${ACCOUNT}:role/reset`, resourceAccount: ACCOUNT });
    expect(await asReset('budgets:ExecuteBudgetAction', actionArn)).toBe('Allowed');
    expect(await asReset('budgets:ExecuteBudgetAction', `arn:aws:budgets::${ACCOUNT}:budget/other/action/${ACTION_ID}`)).toBe('ImplicitlyDenied');
    expect(await asReset('budgets:ModifyBudget', `arn:aws:budgets::${ACCOUNT}:budget/bedrock-workload`)).toBe('ImplicitlyDenied');
    const assume = (principal: string, sourceAccount: string) => evaluate({ identity: [], resourcePolicy: resetTrust }, {
      action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/reset`, principal, context: { 'aws:SourceAccount': sourceAccount },
    });
    expect(await assume('scheduler.amazonaws.com', ACCOUNT)).toBe('Allowed');
    expect(await assume('scheduler.amazonaws.com', OTHER_ACCOUNT)).toBe('ImplicitlyDenied');
  });
});

test('cdk-nag: no violation and no acknowledgement', () => {
  const { stack } = synth();
  expect(checkCompliance(stack)).toEqual({ violations: [], acknowledgements: [] });
});

test('bad input is an error at synth naming the prop, the value and what is allowed', () => {
  expect(() => synth({ roles: [], thresholdPercentage: 0, approval: 'SOMETIMES' as any })).toThrow(expect.objectContaining({
    code: Code.SPEND_STOP_PROPS,
    message: 'BedrockSpendStop:\n' +
      '  - roles is empty; give the roles the landing zone grants model access, which the stop denies at the threshold\n' +
      '  - thresholdPercentage is 0; expected a percentage of the monthly limit greater than 0 and at most 1000\n' +
      "  - approval is 'SOMETIMES'; expected one of AUTOMATIC, MANUAL",
  }));
});

/** The schedule input with the action ID and account resolved. */
function resolveInput(input: any): string {
  return resolveCfn(input, { region: REGION, accountId: ACCOUNT, getAtts: { [`${id(stop)}.ActionId`]: ACTION_ID } });
}

/** What the real SDK client sends for a request, captured before it leaves the process. */
async function serialize(input: ExecuteBudgetActionRequest): Promise<{ target: string; body: string; hostname: string }> {
  const client = new BudgetsClient({ region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  let sent: any;
  client.middlewareStack.add(() => async (args: any) => {
    sent = args.request;
    return { output: { $metadata: {} }, response: {} } as any;
  }, { step: 'finalizeRequest', name: 'captureRequest' });
  await client.send(new ExecuteBudgetActionCommand(input));
  const body = typeof sent.body === 'string' ? sent.body : Buffer.from(sent.body).toString('utf8');
  return { target: sent.headers['x-amz-target'], body, hostname: sent.hostname };
}
