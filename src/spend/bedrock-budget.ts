import { Names, Stack, Token, aws_budgets as budgets, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BudgetScope } from './budget-scope';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Whether a budget threshold compares the cost so far or the cost forecast for the period.
 */
export enum BudgetNotificationType {
  /** The cost incurred so far in the period */
  ACTUAL = 'ACTUAL',
  /** The cost AWS forecasts for the whole period */
  FORECASTED = 'FORECASTED',
}

/**
 * A point of a budget at which the notifications topic and the emails are told.
 */
export interface BudgetThreshold {
  /** Percentage of the monthly limit, greater than 0 (above 100 is allowed: "150% of the limit"). */
  readonly percentage: number;

  /**
   * Compare the actual cost, or the forecast.
   *
   * @default BudgetNotificationType.ACTUAL
   */
  readonly notificationType?: BudgetNotificationType;
}

/**
 * A budget of the account: created by a `BedrockBudget`, or named (`BedrockBudget.fromBudgetName`)
 * when another stack of the account creates it (budgets belong to the account, not the region).
 */
export interface IBedrockBudget {
  /** The budget's name, unique in the account */
  readonly budgetName: string;
}

/**
 * Properties of a Bedrock budget.
 */
export interface BedrockBudgetProps {
  /** The monthly limit in US dollars. */
  readonly monthlyLimitUsd: number;

  /**
   * The topic every threshold is published to: the landing zone's governance notifications topic,
   * encrypted with a customer-managed key whose policy admits the Budgets service of this account.
   */
  readonly topic: sns.ITopic;

  /**
   * What the budget counts.
   *
   * @default BudgetScope.bedrockServices()
   */
  readonly scope?: BudgetScope;

  /**
   * The thresholds at which the topic and the emails are told (at most five: a Budgets limit).
   *
   * @default - 80% actual, 100% forecasted, 100% actual
   */
  readonly thresholds?: BudgetThreshold[];

  /**
   * Email addresses told at every threshold besides the topic (at most ten: a Budgets limit).
   *
   * @default - none; the topic's subscribers are told
   */
  readonly emails?: string[];

  /**
   * The budget's name, unique in the account. Budgets are per account, not per region.
   *
   * @default - `bedrock-` and a name unique to this construct in the app
   */
  readonly budgetName?: string;
}

const DEFAULT_THRESHOLDS: BudgetThreshold[] = [
  { percentage: 80, notificationType: BudgetNotificationType.ACTUAL },
  { percentage: 100, notificationType: BudgetNotificationType.FORECASTED },
  { percentage: 100, notificationType: BudgetNotificationType.ACTUAL },
];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * A monthly cost budget that sees every model: by default Amazon Bedrock, AgentCore and the AWS
 * Marketplace-billed models, with ACTUAL and FORECASTED thresholds told to the governance topic and
 * to emails.
 *
 * A budget lags: AWS updates its figures several times a day, so it tells (and a spend stop acts)
 * hours after the money is spent. It is a backstop, not a real-time cap.
 */
export class BedrockBudget extends Construct implements IBedrockBudget {
  /**
   * A budget of the account created elsewhere (by the landing zone of another region of the account).
   *
   * @param budgetName the budget's name
   */
  public static fromBudgetName(budgetName: string): IBedrockBudget {
    return { budgetName };
  }

  /** The budget's name */
  public readonly budgetName: string;
  /** The monthly limit in US dollars */
  public readonly monthlyLimitUsd: number;
  /** What the budget counts */
  public readonly scope: BudgetScope;
  /** The thresholds that notify */
  public readonly thresholds: BudgetThreshold[];
  /** The topic the thresholds are published to */
  public readonly topic: sns.ITopic;
  /** The budget resource */
  public readonly resource: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: BedrockBudgetProps) {
    super(scope, id);
    this.budgetName = props.budgetName ?? `bedrock-${Names.uniqueResourceName(this, { maxLength: 90 })}`;
    validate(this, props, this.budgetName);
    this.monthlyLimitUsd = props.monthlyLimitUsd;
    this.scope = props.scope ?? BudgetScope.bedrockServices();
    this.thresholds = (props.thresholds ?? DEFAULT_THRESHOLDS).map(t => ({
      percentage: t.percentage, notificationType: t.notificationType ?? BudgetNotificationType.ACTUAL,
    }));
    this.topic = props.topic;

    this.resource = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName: this.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyLimitUsd, unit: 'USD' },
        filterExpression: this.scope._expression,
      },
      notificationsWithSubscribers: this.thresholds.map(t => ({
        notification: {
          notificationType: t.notificationType!,
          comparisonOperator: 'GREATER_THAN',
          threshold: t.percentage,
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [
          { subscriptionType: 'SNS', address: props.topic.topicArn },
          ...(props.emails ?? []).map(address => ({ subscriptionType: 'EMAIL', address })),
        ],
      })),
    });
  }

  /**
   * The budget's ARN
   *
   * @attribute
   */
  public get budgetArn(): string {
    return Stack.of(this).formatArn({ service: 'budgets', region: '', resource: 'budget', resourceName: this.budgetName });
  }
}

function validate(scope: Construct, props: BedrockBudgetProps, name: string): void {
  const problems = new Problems();
  const limit = props.monthlyLimitUsd;
  problems.check(Token.isUnresolved(limit) || (Number.isFinite(limit) && limit > 0),
    `monthlyLimitUsd is ${limit}; expected an amount in US dollars greater than 0`);
  const thresholds = props.thresholds ?? DEFAULT_THRESHOLDS;
  problems.check(thresholds.length >= 1 && thresholds.length <= 5,
    `thresholds has ${thresholds.length} entries; a budget holds 1 to 5 notifications`);
  thresholds.forEach((t, i) => problems.check(Number.isFinite(t.percentage) && t.percentage > 0 && t.percentage <= 1000,
    `thresholds[${i}].percentage is ${t.percentage}; expected a percentage of the limit greater than 0 and at most 1000`));
  const keys = thresholds.map(t => `${t.notificationType ?? BudgetNotificationType.ACTUAL} ${t.percentage}%`);
  keys.forEach((k, i) => problems.check(keys.indexOf(k) === i, `thresholds[${i}] repeats ${k}; each threshold is told once`));
  const emails = props.emails ?? [];
  problems.check(emails.length <= 10, `emails has ${emails.length} addresses; a budget notification holds at most 10`);
  emails.forEach((email, i) => problems.check(Token.isUnresolved(email) || EMAIL.test(email),
    `emails[${i}] is '${email}'; expected an email address such as finops@example.com`));
  problems.check(Token.isUnresolved(name) || (name.length >= 1 && name.length <= 100 && !/[:\\]/.test(name)),
    `budgetName is '${name}'; expected 1 to 100 characters without ':' or '\\'`);
  problems.throwIfAny(scope, 'BedrockBudget', BedrockLandingZoneErrorCode.SPEND_BUDGET_PROPS);
}
