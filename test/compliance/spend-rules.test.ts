import { App, CfnCondition, Fn, Stack, aws_budgets as budgets, aws_ce as ce, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, bedrockFindings, pathOf } from './helpers';
import { GovernanceNotifications } from '../../src/monitoring';
import { BedrockBudget, BedrockOrganizationSpendStop, BedrockSpendAnomalyMonitor, BedrockSpendStop, BudgetScope } from '../../src/spend';
import { stackIn } from '../models/fixtures';

/** A budget written as raw CloudFormation, with the given filter. */
function budget(stack: Stack, id: string, filter: Partial<budgets.CfnBudget.BudgetDataProperty>, type = 'COST'): budgets.CfnBudget {
  return new budgets.CfnBudget(stack, id, { budget: { budgetType: type, timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' }, ...filter } });
}
const service = (...values: string[]) => ({ dimensions: { key: 'SERVICE', values, matchOptions: ['EQUALS'] } });

describe('SP1 BudgetCountsMarketplaceModels', () => {
  test('the evasions: "Amazon Bedrock" alone, as an expression, as a legacy filter, in an Or of first-party services, or fenced off by a Not', () => {
    const stack = stackIn(REGION);
    budget(stack, 'BedrockOnly', { filterExpression: service('Amazon Bedrock') });
    budget(stack, 'Legacy', { costFilters: { Service: ['Amazon Bedrock'] } });
    budget(stack, 'FirstParty', { filterExpression: { or: [service('Amazon Bedrock'), service('Amazon Bedrock AgentCore'), service('Amazon OpenSearch Service')] } });
    budget(stack, 'NotMarketplace', {
      filterExpression: {
        and: [
          { or: [service('Amazon Bedrock'), { dimensions: { key: 'BILLING_ENTITY', values: ['AWS Marketplace'], matchOptions: ['EQUALS'] } }] },
          { not: { dimensions: { key: 'BILLING_ENTITY', values: ['aws marketplace'], matchOptions: ['CASE_INSENSITIVE'] } } },
        ],
      },
    });
    budget(stack, 'PrefixOnly', { filterExpression: { dimensions: { key: 'SERVICE', values: ['Amazon Bedrock'], matchOptions: ['STARTS_WITH'] } } });
    expect(bedrockFindings(stack, {}, 'SP1')).toEqual([
      `Bedrock-SP1 @ ${pathOf(stack, 'BedrockOnly')}`,
      `Bedrock-SP1 @ ${pathOf(stack, 'FirstParty')}`,
      `Bedrock-SP1 @ ${pathOf(stack, 'Legacy')}`,
      `Bedrock-SP1 @ ${pathOf(stack, 'NotMarketplace')}`,
      `Bedrock-SP1 @ ${pathOf(stack, 'PrefixOnly')}`,
    ]);
  });

  test('counting Marketplace but not AgentCore is its own finding', () => {
    const stack = stackIn(REGION);
    budget(stack, 'NoAgentCore', { filterExpression: { or: [service('Amazon Bedrock'), { dimensions: { key: 'BILLING_ENTITY', values: ['AWS Marketplace'] } }] } });
    expect(bedrockFindings(stack, {}, 'SP1')).toEqual([`Bedrock-SP1[AgentCore] @ ${pathOf(stack, 'NoAgentCore')}`]);
  });

  test('compliant: the library\'s scopes, the whole account, a principal tag, a suffix or a word that reaches every edition; other budgets are not judged', () => {
    const stack = stackIn(REGION);
    const topic = new sns.Topic(stack, 'Topic', { masterKey: undefined });
    new BedrockBudget(stack, 'Default', { monthlyLimitUsd: 100, topic });
    new BedrockBudget(stack, 'Account', { monthlyLimitUsd: 100, topic, scope: BudgetScope.account() });
    new BedrockBudget(stack, 'Tag', { monthlyLimitUsd: 100, topic, scope: BudgetScope.principalTag('team', ['claims']) });
    budget(stack, 'Contains', { filterExpression: { dimensions: { key: 'SERVICE', values: ['Bedrock'], matchOptions: ['CONTAINS'] } } });
    budget(stack, 'Suffix', {
      filterExpression: {
        or: [service('Amazon Bedrock', 'Amazon Bedrock AgentCore'),
          { dimensions: { key: 'SERVICE', values: ['(Amazon Bedrock Edition)'], matchOptions: ['ENDS_WITH'] } }],
      },
    });
    budget(stack, 'Ec2', { filterExpression: service('Amazon Elastic Compute Cloud - Compute') });
    budget(stack, 'Usage', { filterExpression: service('Amazon Bedrock') }, 'USAGE');
    expect(bedrockFindings(stack, {}, 'SP1')).toEqual([]);
  });
});

describe('SP2 SpendNotificationsEncrypted', () => {
  test('a budget, a budget action and an anomaly subscription that publish to a clear-text topic, by Ref or by GetAtt', () => {
    const stack = stackIn(REGION);
    const clear = new sns.CfnTopic(stack, 'Clear', {});
    const clear2 = new sns.CfnTopic(stack, 'Clear2', {});
    budget(stack, 'Budget', {}).notificationsWithSubscribers = [{
      notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80 },
      subscribers: [{ subscriptionType: 'SNS', address: clear.ref }],
    }];
    new ce.CfnAnomalySubscription(stack, 'Anomalies', {
      frequency: 'IMMEDIATE',
      monitorArnList: ['arn:aws:ce::111111111111:anomalymonitor/m'],
      subscriptionName: 's',
      subscribers: [{ type: 'SNS', address: clear2.attrTopicArn }],
    });
    new budgets.CfnBudgetsAction(stack, 'Action', {
      budgetName: 'b',
      actionType: 'APPLY_IAM_POLICY',
      notificationType: 'ACTUAL',
      actionThreshold: { type: 'PERCENTAGE', value: 100 },
      executionRoleArn: 'arn:aws:iam::111111111111:role/r',
      definition: { iamActionDefinition: { policyArn: 'arn:aws:iam::111111111111:policy/p', roles: ['app'] } },
      subscribers: [{ type: 'SNS', address: clear.ref }],
    });
    expect(bedrockFindings(stack, {}, 'SP2')).toEqual([
      `Bedrock-SP2[Topic::Clear2] @ ${pathOf(stack, 'Anomalies')}`,
      `Bedrock-SP2[Topic::Clear] @ ${pathOf(stack, 'Action')}`,
      `Bedrock-SP2[Topic::Clear] @ ${pathOf(stack, 'Budget')}`,
    ].sort());
  });

  test('compliant: the library\'s budget, stop and anomaly monitor on the governance topic (customer-managed key)', () => {
    const stack = stackIn(REGION);
    const topic = new GovernanceNotifications(stack, 'Notifications').topic;
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const b = new BedrockBudget(stack, 'Budget', { monthlyLimitUsd: 100, topic });
    new BedrockSpendStop(stack, 'Stop', { budget: b, roles: [role], topic });
    new BedrockSpendAnomalyMonitor(stack, 'Anomalies', { topic });
    expect(bedrockFindings(stack, {}, 'SP2')).toEqual([]);
  });
});

describe('SP3 SpendStopRoleScoped', () => {
  function action(stack: Stack, executionRole: iam.CfnRole, policyArn = `arn:aws:iam::${ACCOUNT}:policy/stop`) {
    return new budgets.CfnBudgetsAction(stack, 'Action', {
      budgetName: 'b',
      actionType: 'APPLY_IAM_POLICY',
      notificationType: 'ACTUAL',
      actionThreshold: { type: 'PERCENTAGE', value: 100 },
      executionRoleArn: executionRole.attrArn,
      definition: { iamActionDefinition: { policyArn, roles: ['payments-app'] } },
      subscribers: [{ type: 'EMAIL', address: 'finops@example.com' }],
    });
  }
  const executionRole = (stack: Stack, statements: unknown[]) => new iam.CfnRole(stack, 'Execution', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: [{ policyName: 'p', policyDocument: { Statement: statements } }],
  });

  test('the evasions: any policy on the action\'s role, the policy on any role, IAM wildcards, a separate managed policy', () => {
    const anyPolicy = stackIn(REGION);
    action(anyPolicy, executionRole(anyPolicy, [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: `arn:aws:iam::${ACCOUNT}:role/payments-app` }]));
    expect(bedrockFindings(anyPolicy, {}, 'SP3')).toEqual([`Bedrock-SP3[OtherPolicy] @ ${pathOf(anyPolicy, 'Action')}`]);

    const anyRole = stackIn(REGION);
    action(anyRole, executionRole(anyRole, [{
      Effect: 'Allow',
      Action: 'iam:Attach*',
      Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
      Condition: { ArnEquals: { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/stop` } },
    }]));
    expect(bedrockFindings(anyRole, {}, 'SP3')).toEqual([`Bedrock-SP3[OtherPrincipal] @ ${pathOf(anyRole, 'Action')}`]);

    const wildcard = stackIn(REGION);
    const role = executionRole(wildcard, []);
    action(wildcard, role);
    new iam.CfnManagedPolicy(wildcard, 'Broad', { roles: [role.ref], policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } });
    expect(bedrockFindings(wildcard, {}, 'SP3')).toEqual([
      'iam:AttachGroupPolicy', 'iam:AttachUserPolicy', 'iam:CreatePolicyVersion', 'iam:PassRole', 'iam:PutRolePolicy', 'OtherPolicy', 'OtherPrincipal',
    ].map(f => `Bedrock-SP3[${f}] @ ${pathOf(wildcard, 'Action')}`).sort());
  });

  test('compliant: attach and detach of exactly the policy on exactly the action\'s roles, and BedrockSpendStop itself', () => {
    const scoped = stackIn(REGION);
    action(scoped, executionRole(scoped, [{
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: `arn:aws:iam::${ACCOUNT}:role/payments-app`,
      Condition: { ArnEquals: { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/stop` } },
    }]));
    expect(bedrockFindings(scoped, {}, 'SP3')).toEqual([]);

    const library = stackIn(REGION);
    const topic = new sns.Topic(library, 'Topic');
    const roles = [new iam.Role(library, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      iam.Role.fromRoleArn(library, 'Imported', `arn:aws:iam::${ACCOUNT}:role/support-app`)];
    new BedrockSpendStop(library, 'Stop', { budget: new BedrockBudget(library, 'Budget', { monthlyLimitUsd: 100, topic }), roles, topic });
    expect(bedrockFindings(library, {}, 'SP3')).toEqual([]);
  });

  test('a stop in a stack deployed after its roles\' (rt3 F20) names them by imports: read as those roles, not as any role', () => {
    const app = new App();
    const env = { account: ACCOUNT, region: REGION };
    const agent = new Stack(app, 'Agent', { env });
    const agentRole = new iam.Role(agent, 'AgentRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    const stopStack = new Stack(app, 'Stop', { env });
    const topic = new sns.Topic(stopStack, 'Topic');
    new BedrockSpendStop(stopStack, 'Stop', { budget: BedrockBudget.fromBudgetName('bedrock-dev'), roles: [agentRole], topic });
    // Synthesized first: only then are the references between the stacks imports.
    app.synth();
    expect(JSON.stringify(Template.fromStack(stopStack).toJSON())).toContain('Fn::ImportValue');
    expect(bedrockFindings(stopStack, {}, 'SP3')).toEqual([]);

    // An import of something that is not a role of the app still reads as anything.
    const broad = new Stack(new App(), 'Broad', { env });
    const role = executionRole(broad, []);
    action(broad, role);
    new iam.CfnManagedPolicy(broad, 'Imported', {
      roles: [role.ref],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: Fn.importValue('someone-elses-export') }] },
    });
    expect(bedrockFindings(broad, {}, 'SP3').filter(f => f.startsWith(`Bedrock-SP3[OtherPrincipal] @ ${pathOf(broad, 'Action')}`))).toEqual(
      [`Bedrock-SP3[OtherPrincipal] @ ${pathOf(broad, 'Action')}`]);
  });
});

describe('SP3 SpendStopRoleScoped, for an action that applies an SCP', () => {
  const scpAction = (stack: Stack, statements: unknown[]) => {
    const role = new iam.CfnRole(stack, 'Execution', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'p', policyDocument: { Statement: statements } }],
    });
    return new budgets.CfnBudgetsAction(stack, 'Action', {
      budgetName: 'b',
      actionType: 'APPLY_SCP_POLICY',
      notificationType: 'ACTUAL',
      actionThreshold: { type: 'PERCENTAGE', value: 100 },
      executionRoleArn: role.attrArn,
      definition: { scpActionDefinition: { policyId: 'p-stop00000', targetIds: ['333333333333'] } },
      subscribers: [{ type: 'EMAIL', address: 'finops@example.com' }],
    });
  };
  const ownPolicy = `arn:aws:organizations::${ACCOUNT}:policy/o-abc123defg/service_control_policy/p-stop00000`;
  const ownTarget = `arn:aws:organizations::${ACCOUNT}:account/o-abc123defg/333333333333`;

  test('the evasions: any policy on the targets, the SCP on any account, Organizations wildcards', () => {
    const anyPolicy = stackIn(REGION);
    scpAction(anyPolicy, [{ Effect: 'Allow', Action: 'organizations:AttachPolicy', Resource: [`arn:aws:organizations::${ACCOUNT}:policy/*`, ownTarget] }]);
    expect(bedrockFindings(anyPolicy, {}, 'SP3')).toEqual([`Bedrock-SP3[OtherPolicy] @ ${pathOf(anyPolicy, 'Action')}`]);

    const anyTarget = stackIn(REGION);
    scpAction(anyTarget, [{ Effect: 'Allow', Action: 'organizations:AttachPolicy', Resource: [ownPolicy, `arn:aws:organizations::${ACCOUNT}:account/*`] }]);
    expect(bedrockFindings(anyTarget, {}, 'SP3')).toEqual([`Bedrock-SP3[OtherTarget] @ ${pathOf(anyTarget, 'Action')}`]);

    const wildcard = stackIn(REGION);
    scpAction(wildcard, [{ Effect: 'Allow', Action: ['organizations:*', 'iam:PassRole'], Resource: '*' }]);
    expect(bedrockFindings(wildcard, {}, 'SP3')).toEqual([
      'OtherPolicy', 'OtherTarget', 'iam:PassRole', 'organizations:CreatePolicy', 'organizations:DeletePolicy', 'organizations:UpdatePolicy',
    ].map(f => `Bedrock-SP3[${f}] @ ${pathOf(wildcard, 'Action')}`).sort());
  });

  test('compliant: attach and detach of exactly the SCP on exactly the targets, and BedrockOrganizationSpendStop itself', () => {
    const scoped = stackIn(REGION);
    scpAction(scoped, [{ Effect: 'Allow', Action: ['organizations:AttachPolicy', 'organizations:DetachPolicy'], Resource: [ownPolicy, ownTarget] }]);
    expect(bedrockFindings(scoped, {}, 'SP3')).toEqual([]);

    const library = stackIn(REGION);
    const topic = new sns.Topic(library, 'Topic');
    new BedrockOrganizationSpendStop(library, 'Stop', {
      budget: new BedrockBudget(library, 'Budget', { monthlyLimitUsd: 100, topic, scope: BudgetScope.linkedAccounts(['333333333333']) }),
      organizationId: 'o-abc123defg',
      targetIds: ['333333333333', 'ou-ab12-cdef3456'],
      topic,
    });
    expect(bedrockFindings(library, {}, 'SP3')).toEqual([]);
  });
});

describe('SP4 BudgetCoversModelAccess', () => {
  const invoke = { Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: '*' };
  const policy = (stack: Stack, id = 'Access') => new iam.CfnManagedPolicy(stack, id, { policyDocument: { Statement: [invoke] } });

  test('off unless the pack requires budgets', () => {
    const stack = stackIn(REGION);
    policy(stack);
    expect(bedrockFindings(stack, {}, 'SP4')).toEqual([]);
    expect(bedrockFindings(stack, { requireBudget: true }, 'SP4')).toEqual([`Bedrock-SP4 @ ${pathOf(stack, 'Access')}`]);
  });

  test('the evasions: a budget of another account, a budget that misses Marketplace, a usage budget, a budget under a condition', () => {
    const stack = stackIn(REGION);
    policy(stack);
    const other = new Stack(stack.node.root as App, 'Other', { env: { account: '222222222222', region: REGION } });
    budget(other, 'OtherAccount', {});
    budget(stack, 'BedrockOnly', { filterExpression: service('Amazon Bedrock') });
    budget(stack, 'Usage', {}, 'USAGE');
    const conditional = budget(stack, 'Conditional', {});
    conditional.cfnOptions.condition = new CfnCondition(stack, 'Maybe', { expression: Fn.conditionEquals('a', 'b') });
    expect(bedrockFindings(stack, { requireBudget: true }, 'SP4')).toEqual([`Bedrock-SP4 @ ${pathOf(stack, 'Access')}`]);
  });

  test('compliant: a budget of the same account in another region (budgets are per account), and the landing zone\'s own', () => {
    const stack = stackIn(REGION);
    policy(stack);
    const home = new Stack(stack.node.root as App, 'HomeRegion', { env: { account: ACCOUNT, region: 'us-east-1' } });
    new BedrockBudget(home, 'Budget', { monthlyLimitUsd: 100, topic: new GovernanceNotifications(home, 'Notifications').topic });
    expect(bedrockFindings(stack, { requireBudget: true }, 'SP4')).toEqual([]);
  });
});
