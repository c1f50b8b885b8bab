import { Dimension, MatchOption } from '@aws-sdk/client-budgets';
import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AGENTCORE_SERVICE, BEDROCK_SERVICE, MARKETPLACE_BILLING_ENTITY } from '../../src/catalogue/bedrock-billing';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { BedrockBudget, BudgetNotificationType, BudgetScope } from '../../src/spend';
import { checkCompliance } from '../support/nag';

const ACCOUNT = '111111111111';
const TOPIC_ARN = `arn:aws:sns:eu-central-1:${ACCOUNT}:governance`;

function synth(props: Partial<ConstructorParameters<typeof BedrockBudget>[2]> = {}) {
  const stack = new Stack(new App(), 'Workload', { env: { account: ACCOUNT, region: 'eu-central-1' } });
  const topic = sns.Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN);
  const budget = new BedrockBudget(stack, 'Budget', { monthlyLimitUsd: 5000, topic, ...props });
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::Budgets::Budget'));
  return { stack, budget, properties: resource.Properties };
}

describe('BedrockBudget', () => {
  test('by default: monthly cost in USD over Bedrock, AgentCore and AWS Marketplace, never "Amazon Bedrock" alone', () => {
    const { properties, budget } = synth();
    expect(properties.Budget).toEqual({
      BudgetName: budget.budgetName,
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: 5000, Unit: 'USD' },
      FilterExpression: {
        Or: [
          { Dimensions: { Key: 'SERVICE', Values: ['Amazon Bedrock', 'Amazon Bedrock AgentCore'], MatchOptions: ['EQUALS'] } },
          { Dimensions: { Key: 'BILLING_ENTITY', Values: ['AWS Marketplace'], MatchOptions: ['EQUALS'] } },
        ],
      },
    });
    expect(budget.budgetName).toMatch(/^bedrock-[A-Za-z0-9-]+$/);
  });

  test('the facts the filter relies on (reference bedrock-landscape-2026-12.md 1a; Budgets API enums in @aws-sdk/client-budgets)', () => {
    // Third-party models are AWS Marketplace line items ("<model> (Amazon Bedrock Edition)"); AgentCore is a service of its own
    // (AgentCore devguide observability-per-agent-cost-iam). The dimensions and the match option are the API's own.
    expect([BEDROCK_SERVICE, AGENTCORE_SERVICE, MARKETPLACE_BILLING_ENTITY]).toEqual(['Amazon Bedrock', 'Amazon Bedrock AgentCore', 'AWS Marketplace']);
    expect(Object.values(Dimension)).toEqual(expect.arrayContaining(['SERVICE', 'BILLING_ENTITY']));
    expect(Object.values(MatchOption)).toContain('EQUALS');
  });

  test('default thresholds: 80% actual, 100% forecasted, 100% actual, each to the topic and the emails', () => {
    const { properties } = synth({ emails: ['finops@example.com'] });
    expect(properties.NotificationsWithSubscribers).toEqual([
      ['ACTUAL', 80], ['FORECASTED', 100], ['ACTUAL', 100],
    ].map(([type, threshold]) => ({
      Notification: { NotificationType: type, ComparisonOperator: 'GREATER_THAN', Threshold: threshold, ThresholdType: 'PERCENTAGE' },
      Subscribers: [{ SubscriptionType: 'SNS', Address: TOPIC_ARN }, { SubscriptionType: 'EMAIL', Address: 'finops@example.com' }],
    })));
  });

  test('thresholds as given', () => {
    const { properties } = synth({ thresholds: [{ percentage: 50 }, { percentage: 90, notificationType: BudgetNotificationType.FORECASTED }] });
    expect(properties.NotificationsWithSubscribers.map((n: any) => [n.Notification.NotificationType, n.Notification.Threshold]))
      .toEqual([['ACTUAL', 50], ['FORECASTED', 90]]);
  });

  test('account scope: no filter, every cost of a dedicated account', () => {
    expect(synth({ scope: BudgetScope.account() }).properties.Budget.FilterExpression).toBeUndefined();
  });

  test('principal tag scope: the iamPrincipal/<key> cost allocation tag', () => {
    const scope = BudgetScope.principalTag('team', ['payments']);
    expect(synth({ scope }).properties.Budget.FilterExpression).toEqual({ Tags: { Key: 'iamPrincipal/team', Values: ['payments'], MatchOptions: ['EQUALS'] } });
    expect(scope.principalTagKey).toBe('team');
  });

  test('a service list that misses Marketplace spend is an error naming what to write instead', () => {
    expect(() => BudgetScope.services(['Amazon Bedrock'])).toThrow(expect.objectContaining({
      code: Code.SPEND_BUDGET_PROPS,
      message: 'BudgetScope: BudgetScope.services: services is [Amazon Bedrock], which misses every model billed through AWS Marketplace ' +
        '(Anthropic, OpenAI, Cohere, AI21, Writer, ...: services named "<model> (Amazon Bedrock Edition)"); ' +
        'write BudgetScope.bedrockServices(), or BudgetScope.account() for an account dedicated to Bedrock',
    }));
    const listed = BudgetScope.services(['Amazon Bedrock', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)']);
    expect(synth({ scope: listed }).properties.Budget.FilterExpression).toEqual({
      Dimensions: { Key: 'SERVICE', Values: ['Amazon Bedrock', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)'], MatchOptions: ['EQUALS'] },
    });
  });

  test('cdk-nag: no violation and no acknowledgement', () => {
    expect(checkCompliance(synth().stack)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('bad input is an error at synth naming the prop, the value and what is allowed', () => {
    expect(() => synth({
      monthlyLimitUsd: 0,
      thresholds: [{ percentage: 80 }, { percentage: 80 }, { percentage: 0 }],
      emails: ['finops'],
      budgetName: 'a:b',
    })).toThrow(expect.objectContaining({
      code: Code.SPEND_BUDGET_PROPS,
      message: 'BedrockBudget:\n' +
        '  - monthlyLimitUsd is 0; expected an amount in US dollars greater than 0\n' +
        '  - thresholds[2].percentage is 0; expected a percentage of the limit greater than 0 and at most 1000\n' +
        '  - thresholds[1] repeats ACTUAL 80%; each threshold is told once\n' +
        "  - emails[0] is 'finops'; expected an email address such as finops@example.com\n" +
        "  - budgetName is 'a:b'; expected 1 to 100 characters without ':' or '\\'",
    }));
    expect(() => synth({ thresholds: [1, 2, 3, 4, 5, 6].map(percentage => ({ percentage })) }))
      .toThrow('BedrockBudget: thresholds has 6 entries; a budget holds 1 to 5 notifications');
    expect(() => BudgetScope.principalTag('team', [])).toThrow("BudgetScope: BudgetScope.principalTag: values is empty; give the tag values to count, e.g. ['payments']");
  });
});
