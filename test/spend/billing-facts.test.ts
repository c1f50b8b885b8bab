import * as fs from 'fs';
import * as path from 'path';
import { AGENTCORE_SERVICE, BEDROCK_SERVICE, MARKETPLACE_BILLING_ENTITY, MARKETPLACE_EDITION_SUFFIX } from '../../src/catalogue/bedrock-billing';
import { GovernanceSignalSource } from '../../src/monitoring';
import { BudgetScope } from '../../src/spend';
import { EXECUTE_BUDGET_ACTION_TARGET } from '../../src/spend/private/budget-reset';

/**
 * The billing and service facts the spend controls rely on, each with its source and how sure it is
 * (ADR 0018, "Facts and how sure they are"). A change here is a change of what the budgets count or who
 * may publish to the topic: re-check the source first.
 */

const iamData = (service: string) => JSON.parse(fs.readFileSync(
  path.join(__dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions', `${service}.json`), 'utf8'));

describe('Cost Explorer and Budgets names the filters use', () => {
  test('AgentCore bills as its own service, "Amazon Bedrock AgentCore" (verified: AgentCore developer guide, observability-per-agent-cost-iam)', () => {
    expect(AGENTCORE_SERVICE).toBe('Amazon Bedrock AgentCore');
  });

  test('that service is outside IAM principal attribution, so a principal-tag budget does not count it; the default scope does', () => {
    // Same source: "AgentCore Runtime compute bills under a separate service, Amazon Bedrock AgentCore, which IAM principal
    // attribution does not cover".
    expect(JSON.stringify(BudgetScope.principalTag('Team', ['claims-ai'])._expression)).not.toContain(AGENTCORE_SERVICE);
    expect(JSON.stringify(BudgetScope.bedrockServices()._expression)).toContain(AGENTCORE_SERVICE);
  });

  test('"Amazon Bedrock", "AWS Marketplace" and "(Amazon Bedrock Edition)" (reported: reference section 1a, a 2026 design document, CUR queries)', () => {
    expect([BEDROCK_SERVICE, MARKETPLACE_BILLING_ENTITY, MARKETPLACE_EDITION_SUFFIX]).toEqual(['Amazon Bedrock', 'AWS Marketplace', '(Amazon Bedrock Edition)']);
  });
});

describe('who publishes to the governance topic', () => {
  test('budgets.amazonaws.com and costalerts.amazonaws.com (reported: community CDK and Terraform modules; no AWS page found)', () => {
    expect(GovernanceSignalSource.BUDGETS).toBe('budgets.amazonaws.com');
    expect(GovernanceSignalSource.COST_ANOMALY_DETECTION).toBe('costalerts.amazonaws.com');
  });
});

describe('the reset reaches Budgets through Scheduler\'s universal target', () => {
  test('aws-sdk:<SDK service id>:<camelCase operation> (verified: Scheduler user guide, managing-targets-universal)', () => {
    expect(EXECUTE_BUDGET_ACTION_TARGET).toBe('aws-sdk:budgets:executeBudgetAction');
  });

  test('ExecuteBudgetAction is a write on the budget action (verified: Service Authorization Reference)', () => {
    const action = iamData('budgets').executebudgetaction;
    expect([action.name, action.accessLevel, action.resourceTypes.map((r: { name: string }) => r.name)]).toEqual(['ExecuteBudgetAction', 'Write', ['budgetAction']]);
  });
});
