import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { governedDoorGrants } from '../private/app-facts';
import { BEDROCK_LINE, MARKETPLACE_MODEL_LINE, budgetCounts, costBudgetOf } from '../private/budget-filter';
import { RuleContext } from '../private/context';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { defineRule } from '../private/rule-definition';

/** SP4: a stack that lets principals reach a model is in an account with a budget that counts every model. */
export const BudgetCoversModelAccess = defineRule({
  id: 'SP4',
  name: 'BudgetCoversModelAccess',
  info: 'The IAM resource allows a door to a model in an account where the app creates no cost budget that counts Amazon Bedrock and the models billed through AWS Marketplace.',
  explanation: 'Budgets belong to the account, not the region: a budget created in any region of the account covers every region of it. The rule ' +
    'reports a policy whose Allow statements cover any door of the inference catalogue when no `AWS::Budgets::Budget` of the same app, in the same ' +
    'account, counts both a first-party Bedrock line and a Marketplace-billed model\'s line (read as rule SP1 reads a filter; a budget without a ' +
    'filter counts the whole account). A policy of an environment-agnostic stack (a StackSet template) is covered by a budget of an ' +
    'environment-agnostic stack of the app. The rule runs when the pack\'s `requireBudget` is true. Accounts outside the pack\'s `governedAccounts` are not checked. When the budget is created by another ' +
    'app (the FinOps team\'s), acknowledge the finding with that reason.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['SA-9', 'PM-3'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENCOST01'] },
  enabled: settings => settings.requireBudget === true,
  judge(res, context) {
    if (governedDoorGrants(res, context).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return budgetAccounts(context).has(res.stack.account ?? ANY) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});

const ANY = '<environment-agnostic>';

/** The accounts (and environment-agnostic stacks, as ANY) where the app creates a budget that counts every model. */
function budgetAccounts(context: RuleContext): Set<string> {
  return context.memoize('budgetAccounts', () => new Set(context.appStacks()
    .flatMap(s => s.ofType('AWS::Budgets::Budget'))
    .filter(b => {
      const data = b.condition === undefined ? costBudgetOf(b) : undefined;
      return data !== undefined && budgetCounts(data, BEDROCK_LINE) !== false && budgetCounts(data, MARKETPLACE_MODEL_LINE) !== false;
    })
    .map(b => b.stack.account ?? ANY)));
}
