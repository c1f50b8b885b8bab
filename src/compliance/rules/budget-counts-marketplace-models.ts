import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { AGENTCORE_LINE, BEDROCK_LINE, MARKETPLACE_MODEL_LINE, budgetCounts, costBudgetOf } from '../private/budget-filter';
import { defineRule } from '../private/rule-definition';

/** SP1: a budget meant for Bedrock also counts the models billed through AWS Marketplace. */
export const BudgetCountsMarketplaceModels = defineRule({
  id: 'SP1',
  name: 'BudgetCountsMarketplaceModels',
  info: 'The budget counts Amazon Bedrock but not the models billed through AWS Marketplace ("<model> (Amazon Bedrock Edition)"), which are most model spend.',
  explanation: 'Third-party models (Anthropic, OpenAI, Cohere, AI21, Writer, ...) are billed by AWS Marketplace, each under a service of its own named ' +
    '"<model> (Amazon Bedrock Edition)": a budget filtered on the service "Amazon Bedrock" alone misses them. The rule reads the budget\'s ' +
    '`FilterExpression` (And, Or, Not, Dimensions with their match options) and legacy `CostFilters` as Budgets would, and reports a budget that counts ' +
    'a first-party Bedrock line but not a Marketplace-billed model\'s line (`Bedrock-SP1`), or counts both but not AgentCore ' +
    '(`Bedrock-SP1[AgentCore]`). Tag and cost-category filters are taken to count both. Write `BudgetScope.bedrockServices()` (Bedrock, AgentCore ' +
    'and AWS Marketplace), `BudgetScope.account()` for an account dedicated to Bedrock, or an Or that adds `BILLING_ENTITY` = AWS Marketplace.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Budgets::Budget'],
  controls: { nist80053r5: ['SA-9', 'PM-3'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENCOST01'] },
  judge(res) {
    const data = costBudgetOf(res);
    // Only a budget meant for Bedrock: one that counts a first-party Bedrock line.
    if (!data || budgetCounts(data, BEDROCK_LINE) !== true) return NagRuleCompliance.NOT_APPLICABLE;
    if (budgetCounts(data, MARKETPLACE_MODEL_LINE) === false) return NagRuleCompliance.NON_COMPLIANT;
    return budgetCounts(data, AGENTCORE_LINE) === false ? ['AgentCore'] : NagRuleCompliance.COMPLIANT;
  },
});
