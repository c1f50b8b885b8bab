import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { renderComplianceReport } from '../../scripts/compliance-report';
import { readAssembly, summarize } from '../../scripts/landing-zone-summary';
import { spendControlsOf, spendSection } from '../../scripts/spend-report';
import { ApprovedModel, BedrockLandingZone } from '../../src/landing-zone';
import { SONNET_45 } from '../models/fixtures';

/** An app of two accounts: dev has a budget and stops in both regions, prod has model access and no budget. */
function assembly() {
  const app = new App();
  const zone = (account: string, region: string, spend: any) => {
    const stack = new Stack(app, `Baseline-${account}-${region}`, { env: { account, region } });
    const role = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], applicationRoles: [role], spend });
  };
  zone('111111111111', 'us-east-1', { monthlyLimitUsd: 2000, budgetName: 'bedrock-dev', stopAtPercentage: 100 });
  zone('111111111111', 'eu-central-1', { existingBudgetName: 'bedrock-dev', stopAtPercentage: 90 });
  zone('222222222222', 'us-east-1', undefined);
  return readAssembly(app.synth().directory);
}

describe('the compliance report\'s spend controls', () => {
  const contents = assembly();
  const controls = spendControlsOf(contents);

  test('per account: the budget, its thresholds, who is stopped at which point; accounts with model access and no budget', () => {
    expect(controls).toEqual({
      budgets: [{
        account: '111111111111',
        budgetName: 'bedrock-dev',
        monthlyLimit: '2000 USD',
        counts: 'Amazon Bedrock, AgentCore and AWS Marketplace',
        alerts: ['80% actual', '100% forecasted', '100% actual'],
        stops: [
          // Stacks in name order; a role is named by its construct path, or by stack and logical ID without path metadata.
          { at: '90% actual', approval: 'automatic', roles: ['Baseline-111111111111-eu-central-1/AppRoleDC883459'] },
          { at: '100% actual', approval: 'automatic', roles: ['Baseline-111111111111-us-east-1/AppRoleDC883459'] },
        ],
      }],
      accountsWithoutBudget: ['222222222222'],
      stopsOnOtherBudgets: [],
    });
  });

  test('the section states the lag plainly and lists each budget', () => {
    expect(spendSection(controls)).toEqual([
      '## Spend controls',
      '',
      'AWS updates budget figures several times a day: a budget alerts, and a spend stop denies every door to a model, **hours after** the money is spent. ' +
        'This is a backstop, not a real-time cap. Stops are reversed and reset at the start of each month.',
      '',
      '| account | budget | monthly limit | counts | alerts at | stopped at | who is stopped |',
      '|---|---|---:|---|---|---|---|',
      '| 111111111111 | bedrock-dev | 2000 USD | Amazon Bedrock, AgentCore and AWS Marketplace | 80% actual, 100% forecasted, 100% actual | ' +
        '90% actual, automatic approval<br>100% actual, automatic approval | Baseline-111111111111-eu-central-1/AppRoleDC883459<br>Baseline-111111111111-us-east-1/AppRoleDC883459 |',
      '',
      '- **No budget** in this app for accounts that allow invoking a model: 222222222222.',
      '',
    ]);
  });

  test('the report ends with the section when spend controls are given, and is unchanged otherwise', () => {
    const summary = summarize(contents, []);
    const without = renderComplianceReport(summary, [], []);
    const withSpend = renderComplianceReport(summary, [], [], controls);
    expect(withSpend).toBe(`${without}\n${spendSection(controls).join('\n')}`);
  });
});
