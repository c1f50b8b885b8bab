import { aws_budgets as budgets } from 'aws-cdk-lib';
import { AGENTCORE_SERVICE, BEDROCK_SERVICE, MARKETPLACE_BILLING_ENTITY, MARKETPLACE_EDITION_SUFFIX } from '../catalogue/bedrock-billing';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * What a Bedrock budget counts. Third-party models (Anthropic, OpenAI, Cohere, AI21, Writer, ...) are
 * billed by AWS Marketplace, each under a service of its own named "<model> (Amazon Bedrock
 * Edition)", and AgentCore is a service of its own: a budget on the service "Amazon Bedrock" alone
 * misses most model spend, so no scope here does that.
 */
export class BudgetScope {
  /**
   * Every cost of the account: the right scope for an account dedicated to Bedrock workloads, and the
   * only one that does not depend on how a model is billed.
   */
  public static account(): BudgetScope {
    return new BudgetScope('the whole account', undefined);
  }

  /**
   * Amazon Bedrock, Amazon Bedrock AgentCore and everything billed by AWS Marketplace: every model,
   * first-party or Marketplace-billed. It also counts Marketplace subscriptions that are not Bedrock
   * (a budget errs on the side of stopping early), and only uses exact matches, which every Budgets
   * dimension accepts.
   */
  public static bedrockServices(): BudgetScope {
    return new BudgetScope('Amazon Bedrock, Amazon Bedrock AgentCore and AWS Marketplace', bedrockServicesExpression());
  }

  /**
   * The Bedrock spend (as `bedrockServices()`) of some member accounts, for a budget of the management
   * account: the budget of an organization-level spend stop (`BedrockOrganizationSpendStop`), which
   * stops exactly the accounts it counts.
   *
   * @param accountIds the member accounts counted, 12 digits each
   */
  public static linkedAccounts(accountIds: string[]): BudgetScope {
    const problems = new Problems();
    problems.check(accountIds.length > 0, 'BudgetScope.linkedAccounts: accountIds is empty; give the member accounts whose Bedrock spend the budget counts');
    accountIds.forEach((a, i) => problems.check(/^\d{12}$/.test(a),
      `BudgetScope.linkedAccounts: accountIds[${i}] is '${a}'; expected an account ID of 12 digits`));
    problems.throwIfAny(undefined, 'BudgetScope', BedrockLandingZoneErrorCode.SPEND_BUDGET_PROPS);
    return new BudgetScope(`Amazon Bedrock, Amazon Bedrock AgentCore and AWS Marketplace in the accounts ${accountIds.join(', ')}`, {
      and: [
        { dimensions: { key: 'LINKED_ACCOUNT', values: [...accountIds], matchOptions: ['EQUALS'] } },
        bedrockServicesExpression(),
      ],
    });
  }

  /**
   * The spend of the principals carrying a tag, for every model and billing entity: Bedrock attributes
   * spend to the calling IAM principal and its tags (`iamPrincipal/<key>`), once the payer account has
   * activated the tag as a cost allocation tag. Callers without the tag are not counted: pair it with an
   * account-wide budget.
   *
   * @param tagKey the principal tag's key, e.g. `team`
   * @param values the tag values counted, e.g. `['payments']`
   */
  public static principalTag(tagKey: string, values: string[]): BudgetScope {
    const problems = new Problems();
    problems.check(/^[\w.:/=+\-@ ]{1,128}$/.test(tagKey), `BudgetScope.principalTag: tagKey is '${tagKey}'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@`);
    problems.check(values.length > 0, 'BudgetScope.principalTag: values is empty; give the tag values to count, e.g. [\'payments\']');
    problems.throwIfAny(undefined, 'BudgetScope', BedrockLandingZoneErrorCode.SPEND_BUDGET_PROPS);
    return new BudgetScope(`principals tagged ${tagKey}=${values.join('|')}`, {
      tags: { key: `iamPrincipal/${tagKey}`, values: [...values], matchOptions: ['EQUALS'] },
    }, tagKey);
  }

  /**
   * A list of Cost Explorer services. It must name the Marketplace-billed models it covers ("<model>
   * (Amazon Bedrock Edition)"): a list without them misses most model spend and is refused.
   *
   * @param services Cost Explorer service names, e.g. `['Amazon Bedrock', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)']`
   */
  public static services(services: string[]): BudgetScope {
    const problems = new Problems();
    problems.check(services.some(s => s.endsWith(MARKETPLACE_EDITION_SUFFIX)),
      `BudgetScope.services: services is [${services.join(', ')}], which misses every model billed through AWS Marketplace ` +
      `(Anthropic, OpenAI, Cohere, AI21, Writer, ...: services named "<model> ${MARKETPLACE_EDITION_SUFFIX}"); ` +
      'write BudgetScope.bedrockServices(), or BudgetScope.account() for an account dedicated to Bedrock');
    problems.throwIfAny(undefined, 'BudgetScope', BedrockLandingZoneErrorCode.SPEND_BUDGET_PROPS);
    return new BudgetScope(`the services ${services.join(', ')}`, {
      dimensions: { key: 'SERVICE', values: [...services], matchOptions: ['EQUALS'] },
    });
  }

  /** What the scope counts, for messages and reports */
  public readonly description: string;
  /** The principal tag key the scope counts by, for `principalTag` scopes */
  public readonly principalTagKey?: string;
  /** @internal */
  public readonly _expression?: budgets.CfnBudget.ExpressionProperty;

  private constructor(description: string, expression: budgets.CfnBudget.ExpressionProperty | undefined, principalTagKey?: string) {
    this.description = description;
    this._expression = expression;
    this.principalTagKey = principalTagKey;
  }
}

/** Amazon Bedrock and AgentCore by service, and every model billed by AWS Marketplace by billing entity. */
function bedrockServicesExpression(): budgets.CfnBudget.ExpressionProperty {
  return {
    or: [
      { dimensions: { key: 'SERVICE', values: [BEDROCK_SERVICE, AGENTCORE_SERVICE], matchOptions: ['EQUALS'] } },
      { dimensions: { key: 'BILLING_ENTITY', values: [MARKETPLACE_BILLING_ENTITY], matchOptions: ['EQUALS'] } },
    ],
  };
}
