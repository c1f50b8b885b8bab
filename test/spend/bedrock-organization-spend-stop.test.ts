import * as fs from 'fs';
import * as path from 'path';
import { ExecuteBudgetActionRequest } from '@aws-sdk/client-budgets';
import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BEARER_TOKEN_ACTIONS, INFERENCE_DOORS } from '../../src/catalogue/inference-doors';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { BedrockBudget, BedrockOrganizationSpendStop, BudgetScope, SpendStopApproval } from '../../src/spend';
import { SPENDING_ACTIONS } from '../../src/spend/private/stopped-doors';
import { SONNET_45, fmArn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { PolicyDocument, TemplatePolicies, evaluate, resolveCfn } from '../support/iam';
import { checkCompliance } from '../support/nag';

/**
 * The organization-level spend stop, by what IAM and the organization allow: once Budgets attaches its
 * SCP, every principal of a workload account, an administrator included, is denied every inference
 * door while its other permissions still work; Budgets' execution role in the management account can
 * attach exactly that SCP to exactly those accounts and OUs.
 */

const MANAGEMENT = '999999999999';
const DEV = '333333333333';
const TEST = '444444444444';
const PROD = '555555555555';
const OU = 'ou-ab12-cdef3456';
const ORG = 'o-abc123defg';
const REGION = 'us-east-1';
const TOPIC_ARN = `arn:aws:sns:${REGION}:${MANAGEMENT}:finops`;
const POLICY_ID = 'p-spendstop1';
const POLICY_ARN = `arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/service_control_policy/${POLICY_ID}`;
const ACTION_ID = '0a1b2c3d-0000-4000-8000-000000000002';
const EXECUTION_ROLE = `arn:aws:iam::${MANAGEMENT}:role/org-spend-stop-execution`;
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const accountArn = (account: string) => `arn:aws:organizations::${MANAGEMENT}:account/${ORG}/${account}`;
const ouArn = (ou: string) => `arn:aws:organizations::${MANAGEMENT}:ou/${ORG}/${ou}`;

function synth(props: Partial<ConstructorParameters<typeof BedrockOrganizationSpendStop>[2]> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region: REGION } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const budget = new BedrockBudget(stack, 'Budget', {
    monthlyLimitUsd: 20000, topic, budgetName: 'bedrock-workloads', scope: BudgetScope.linkedAccounts([DEV, TEST]),
  });
  const stop = new BedrockOrganizationSpendStop(stack, 'Stop', { budget, organizationId: ORG, targetIds: [DEV, TEST, OU], topic, ...props });
  const template = Template.fromStack(stack);
  const id = (c: any) => stack.getLogicalId(c.node.defaultChild ?? c);
  const policyId = stack.getLogicalId(stop.policy);
  const policies = new TemplatePolicies(template.toJSON(), {
    region: REGION,
    accountId: MANAGEMENT,
    getAtts: {
      [`${policyId}.Arn`]: POLICY_ARN,
      [`${policyId}.Id`]: POLICY_ID,
      [`${stack.getLogicalId(stop.action)}.ActionId`]: ACTION_ID,
      [`${id(stop.executionRole)}.Arn`]: EXECUTION_ROLE,
    },
  });
  const scp = resolveCfn(template.toJSON().Resources[policyId].Properties.Content, { region: REGION, accountId: MANAGEMENT }) as PolicyDocument;
  return {
    stack,
    stop,
    template,
    scp,
    id,
    policyId,
    execution: policies.identityPoliciesOf(id(stop.executionRole)),
    executionTrust: policies.documentOf(id(stop.executionRole), 'AssumeRolePolicyDocument'),
    reset: policies.identityPoliciesOf(id(stop.resetRole)),
  };
}

const { template, stop, scp, id, policyId, execution, executionTrust, reset } = synth();

/** A request to a door by an administrator of a workload account. */
function doorRequest(action: string, modelResource: boolean) {
  return {
    action,
    resource: modelResource ? fmArn(REGION, SONNET_45) : '*',
    principal: `arn:aws:iam::${DEV}:role/Admin`,
    resourceAccount: DEV,
  };
}

describe('every inference door of the catalogue: allowed before the SCP is attached, denied after', () => {
  const doors = INFERENCE_DOORS.map(d => [d.action, d.modelFence === 'model-resource'] as const);

  test.each(doors)('%s: allowed to an administrator of the workload account before the stop', async (action, model) => {
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[]] }, doorRequest(action, model))).toBe('Allowed');
  });

  test.each(doors)('%s: denied after the stop, even to an administrator', async (action, model) => {
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[scp]] }, doorRequest(action, model))).toBe('ExplicitlyDenied');
  });

  test.each(BEARER_TOKEN_ACTIONS.map(b => [b.action]))('long-term API keys (%s): allowed before, denied after', async (action) => {
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[]] }, doorRequest(action, false))).toBe('Allowed');
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[scp]] }, doorRequest(action, false))).toBe('ExplicitlyDenied');
  });

  // rt3 F8: provisioned throughput (a commitment of months), AgentCore sessions and memory events spend after the stop.
  const spending: Array<[string, string]> = [
    ['bedrock:CreateProvisionedModelThroughput', fmArn(REGION, SONNET_45)],
    ['bedrock:UpdateProvisionedModelThroughput', `arn:aws:bedrock:${REGION}:${DEV}:provisioned-model/abc123def456`],
    ['bedrock-agentcore:StartBrowserSession', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:browser-custom/claims_browser-a1b2c3d4e5`],
    ['bedrock-agentcore:StartCodeInterpreterSession', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:code-interpreter-custom/claims_ci-a1b2c3d4e5`],
    ['bedrock-agentcore:CreateEvent', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:memory/claims_memory-a1b2c3d4e5`],
    // rt4 R4-1: capacity for AgentCore Runtime, memory records written directly, a flow run asynchronously, a marketplace endpoint scaled.
    ['bedrock-agentcore:CreateCapacityProvider', '*'],
    ['bedrock-agentcore:UpdateCapacityProvider', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:capacity-provider/claims_cp-a1b2c3d4e5`],
    ['bedrock-agentcore:BatchCreateMemoryRecords', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:memory/claims_memory-a1b2c3d4e5`],
    ['bedrock-agentcore:BatchUpdateMemoryRecords', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:memory/claims_memory-a1b2c3d4e5`],
    ['bedrock:StartFlowExecution', `arn:aws:bedrock:${REGION}:${DEV}:flow/FLOW123456/alias/ALIAS12345`],
    ['bedrock:UpdateMarketplaceModelEndpoint', `arn:aws:bedrock:${REGION}:${DEV}:marketplace/model-endpoint/all-access`],
  ];
  test('rt3 F8: the spending requests are exactly SPENDING_ACTIONS', () => {
    expect(spending.map(([a]) => a).sort()).toEqual([...SPENDING_ACTIONS].sort());
  });
  test.each(spending)('rt3 F8: %s allowed before the stop, denied after', async (action, resource) => {
    const request = { action, resource, principal: `arn:aws:iam::${DEV}:role/Admin`, resourceAccount: DEV };
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[]] }, request)).toBe('Allowed');
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[scp]] }, request)).toBe('ExplicitlyDenied');
  });

  test('the SCP denies exactly the catalogue\'s doors and the bearer tokens, in one statement on every resource', () => {
    const catalogue = [...new Set([...INFERENCE_DOORS.map(d => d.action), ...BEARER_TOKEN_ACTIONS.map(b => b.action), ...SPENDING_ACTIONS])];
    expect(scp.Statement).toHaveLength(1);
    const [statement] = scp.Statement;
    expect(statement.Effect).toBe('Deny');
    expect(statement.Resource).toBe('*');
    expect([...statement.Action].sort()).toEqual(catalogue.sort());
  });

  test('a door added to the catalogue is denied by the next synth', () => {
    INFERENCE_DOORS.push({ action: 'bedrock:InvokeFutureDoor', apis: 'test', resourceTypes: [], modelFence: 'no-model', guardrail: 'not-applicable' });
    try {
      expect(synth().scp.Statement[0].Action).toContain('bedrock:InvokeFutureDoor');
    } finally {
      INFERENCE_DOORS.pop();
    }
  });

  test('the SCP fits an organization\'s limit of 5,120 characters (Organizations quotas), in the longest partition', () => {
    const longest = JSON.stringify(resolveCfn(template.toJSON().Resources[policyId].Properties.Content, { region: REGION, accountId: MANAGEMENT, partition: 'aws-us-gov' }));
    expect(longest.length).toBeLessThanOrEqual(5120);
  });
});

describe('after the stop, the rest of the workload account keeps working', () => {
  const others: Array<[string, string]> = [
    ['bedrock:ListFoundationModels', '*'],
    ['bedrock:GetGuardrail', `arn:aws:bedrock:${REGION}:${DEV}:guardrail/abcdefghijkl`],
    ['bedrock:CreateKnowledgeBase', '*'],
    ['bedrock-agentcore:GetAgentRuntime', `arn:aws:bedrock-agentcore:${REGION}:${DEV}:runtime/agent-abc`],
    ['s3:GetObject', 'arn:aws:s3:::invocation-logs/AWSLogs/x.json.gz'],
    ['logs:PutLogEvents', `arn:aws:logs:${REGION}:${DEV}:log-group:/app/payments:log-stream:a`],
    ['iam:ListRoles', '*'],
  ];
  test.each(others)('%s is still allowed', async (action, resource) => {
    expect(await evaluate({ identity: [ADMIN], serviceControlPolicies: [[scp]] },
      { action, resource, principal: `arn:aws:iam::${DEV}:role/Admin`, resourceAccount: DEV })).toBe('Allowed');
  });
});

describe('Budgets\' execution role attaches exactly the stop\'s SCP, to exactly the workload accounts and OU', () => {
  // Organizations authorizes AttachPolicy and DetachPolicy on the policy and on the target: both must be allowed.
  const asExecution = (action: string, resource: string, policyType = 'SERVICE_CONTROL_POLICY') => evaluate({ identity: execution }, {
    action, resource, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT, context: { 'organizations:PolicyType': policyType },
  });

  test('AttachPolicy and DetachPolicy are authorized on the policy and on the target (Service Authorization Reference)', () => {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions', 'organizations.json'), 'utf8'));
    for (const action of ['attachpolicy', 'detachpolicy']) {
      expect(data[action].resourceTypes.map((r: { name: string; required: boolean }) => `${r.name}${r.required ? '*' : ''}`).sort())
        .toEqual(['account', 'organizationalunit', 'policy*', 'root']);
    }
  });

  test.each([accountArn(DEV), accountArn(TEST), ouArn(OU), POLICY_ARN])('attaches and detaches on %s', async (resource) => {
    expect(await asExecution('organizations:AttachPolicy', resource)).toBe('Allowed');
    expect(await asExecution('organizations:DetachPolicy', resource)).toBe('Allowed');
  });

  test('cannot attach or detach another policy so it cannot open or close anything else', async () => {
    const other = `arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/service_control_policy/p-otherpol1`;
    expect(await asExecution('organizations:AttachPolicy', other)).toBe('ImplicitlyDenied');
    expect(await asExecution('organizations:DetachPolicy', other)).toBe('ImplicitlyDenied');
  });

  test('cannot attach to another account, another OU or the root', async () => {
    expect(await asExecution('organizations:AttachPolicy', accountArn(PROD))).toBe('ImplicitlyDenied');
    expect(await asExecution('organizations:AttachPolicy', ouArn('ou-ab12-prod0001'))).toBe('ImplicitlyDenied');
    expect(await asExecution('organizations:AttachPolicy', `arn:aws:organizations::${MANAGEMENT}:root/${ORG}/r-ab12`)).toBe('ImplicitlyDenied');
    expect(await asExecution('organizations:AttachPolicy', `arn:aws:organizations::${MANAGEMENT}:account/o-otherorg01/${DEV}`)).toBe('ImplicitlyDenied');
  });

  test('cannot attach a policy of another type to the targets', async () => {
    expect(await asExecution('organizations:AttachPolicy', accountArn(DEV), 'RESOURCE_CONTROL_POLICY')).toBe('ImplicitlyDenied');
  });

  test('cannot rewrite, delete or create policies, nor touch IAM', async () => {
    expect(await evaluate({ identity: execution }, { action: 'organizations:UpdatePolicy', resource: POLICY_ARN, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: execution }, { action: 'organizations:DeletePolicy', resource: POLICY_ARN, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: execution }, { action: 'organizations:CreatePolicy', resource: POLICY_ARN, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: execution }, { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${MANAGEMENT}:role/Admin`, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT })).toBe('ImplicitlyDenied');
  });

  test('reads only its own policy', async () => {
    const describe = (resource: string) => evaluate({ identity: execution }, { action: 'organizations:DescribePolicy', resource, principal: EXECUTION_ROLE, resourceAccount: MANAGEMENT });
    expect(await describe(POLICY_ARN)).toBe('Allowed');
    expect(await describe(`arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/service_control_policy/p-otherpol1`)).toBe('ImplicitlyDenied');
  });

  test('only Budgets can assume it', async () => {
    const assume = (principal: string) => evaluate({ identity: [], resourcePolicy: executionTrust }, {
      action: 'sts:AssumeRole', resource: EXECUTION_ROLE, principal, resourceAccount: MANAGEMENT,
    });
    expect(await assume('budgets.amazonaws.com')).toBe('Allowed');
    expect(await assume('scheduler.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${MANAGEMENT}:role/Admin`)).toBe('ImplicitlyDenied');
  });
});

describe('the budget action and its budget', () => {
  test('applies the SCP to the targets at 100% of actual cost, automatically, telling the topic', () => {
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      BudgetName: 'bedrock-workloads',
      ActionType: 'APPLY_SCP_POLICY',
      ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
      NotificationType: 'ACTUAL',
      ApprovalModel: 'AUTOMATIC',
      ExecutionRoleArn: { 'Fn::GetAtt': [id(stop.executionRole), 'Arn'] },
      Definition: { ScpActionDefinition: { PolicyId: { 'Fn::GetAtt': [policyId, 'Id'] }, TargetIds: [DEV, TEST, OU] } },
      Subscribers: [{ Type: 'SNS', Address: TOPIC_ARN }],
    });
  });

  test('the SCP is created unattached: only Budgets attaches it', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', { Type: 'SERVICE_CONTROL_POLICY', Name: 'bedrock-landing-zone-spend-stop' });
    expect(template.toJSON().Resources[policyId].Properties.TargetIds).toBeUndefined();
  });

  test('threshold, approval and name as given', () => {
    const t = synth({ thresholdPercentage: 90, approval: SpendStopApproval.MANUAL, policyName: 'dev-spend-stop' }).template;
    t.hasResourceProperties('AWS::Budgets::BudgetsAction', { ActionThreshold: { Type: 'PERCENTAGE', Value: 90 }, ApprovalModel: 'MANUAL' });
    t.hasResourceProperties('AWS::Organizations::Policy', { Name: 'dev-spend-stop' });
  });

  test('the action waits for the budget and for its execution role\'s policy', () => {
    const [action] = Object.values(template.findResources('AWS::Budgets::BudgetsAction'));
    const executionPolicy = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
      .find(([, r]) => JSON.stringify(r.Properties.Roles ?? []).includes(id(stop.executionRole)))![0];
    expect(action.DependsOn).toEqual(expect.arrayContaining([Object.keys(template.findResources('AWS::Budgets::Budget'))[0], id(stop.executionRole), executionPolicy]));
  });

  test('BudgetScope.linkedAccounts counts the Bedrock spend of exactly the stopped accounts', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        FilterExpression: {
          And: [
            { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [DEV, TEST], MatchOptions: ['EQUALS'] } },
            {
              Or: [
                { Dimensions: { Key: 'SERVICE', Values: ['Amazon Bedrock', 'Amazon Bedrock AgentCore'], MatchOptions: ['EQUALS'] } },
                { Dimensions: { Key: 'BILLING_ENTITY', Values: ['AWS Marketplace'], MatchOptions: ['EQUALS'] } },
              ],
            },
          ],
        },
      },
    });
  });

  test('the monthly reset reverses then resets this action, with a role that may execute it only', async () => {
    const inputs = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(r =>
      JSON.parse(resolveCfn(r.Properties.Target.Input, { region: REGION, accountId: MANAGEMENT, getAtts: { [`${Stack.of(stop).getLogicalId(stop.action)}.ActionId`]: ACTION_ID } })) as ExecuteBudgetActionRequest);
    expect(inputs).toEqual([
      { AccountId: MANAGEMENT, BudgetName: 'bedrock-workloads', ActionId: ACTION_ID, ExecutionType: 'REVERSE_BUDGET_ACTION' },
      { AccountId: MANAGEMENT, BudgetName: 'bedrock-workloads', ActionId: ACTION_ID, ExecutionType: 'RESET_BUDGET_ACTION' },
    ]);
    const asReset = (resource: string) => evaluate({ identity: reset }, { action: 'budgets:ExecuteBudgetAction', resource, principal: `arn:aws:iam::${MANAGEMENT}:role/reset`, resourceAccount: MANAGEMENT });
    expect(await asReset(`arn:aws:budgets::${MANAGEMENT}:budget/bedrock-workloads/action/${ACTION_ID}`)).toBe('Allowed');
    expect(await asReset(`arn:aws:budgets::${MANAGEMENT}:budget/other/action/${ACTION_ID}`)).toBe('ImplicitlyDenied');
  });
});

test('the template is valid against the CloudFormation schema', () => {
  expectValidCloudFormation(synth().stack);
});

test('cdk-nag: no violation and no acknowledgement', () => {
  expect(checkCompliance(synth().stack)).toEqual({ violations: [], acknowledgements: [] });
});

test('bad input is an error at synth naming the prop, the value and what is allowed', () => {
  expect(() => synth({ organizationId: 'abc', targetIds: ['12345', 'r-ab12', '333333333333', '333333333333'], thresholdPercentage: 0, approval: 'SOMETIMES' as any, policyName: '' }))
    .toThrow(expect.objectContaining({
      code: Code.SPEND_ORGANIZATION_STOP_PROPS,
      message: 'BedrockOrganizationSpendStop:\n' +
        "  - organizationId is 'abc'; expected an organization ID such as o-abc123defg (Organizations console, or aws organizations describe-organization)\n" +
        "  - targetIds[0] is '12345'; expected an account ID of 12 digits or an organizational unit ID such as ou-ab12-cdef3456\n" +
        "  - targetIds[1] is 'r-ab12'; expected an account ID of 12 digits or an organizational unit ID such as ou-ab12-cdef3456\n" +
        "  - targetIds[3] repeats '333333333333'; name each target once\n" +
        '  - thresholdPercentage is 0; expected a percentage of the monthly limit greater than 0 and at most 1000\n' +
        "  - approval is 'SOMETIMES'; expected one of AUTOMATIC, MANUAL\n" +
        "  - policyName is ''; expected 1 to 128 characters",
    }));
  expect(() => synth({ targetIds: [] })).toThrow(expect.objectContaining({
    code: Code.SPEND_ORGANIZATION_STOP_PROPS,
    message: 'BedrockOrganizationSpendStop: targetIds is empty; give the workload accounts (12 digits) or organizational units (ou-...) the stop denies at the threshold',
  }));
  expect(() => BudgetScope.linkedAccounts(['dev'])).toThrow(expect.objectContaining({
    code: Code.SPEND_BUDGET_PROPS,
    message: "BudgetScope: BudgetScope.linkedAccounts: accountIds[0] is 'dev'; expected an account ID of 12 digits",
  }));
});
