import { App, Stack, Tags } from 'aws-cdk-lib';
import { AccountBaselineStack, AgentWorkloadStack, KnowledgeBaseWorkloadStack, WorkloadSpendStopStack } from './landing-zone';
import { BaselineStage, OrganizationGuardrailStack, OrganizationStack } from './organization';
import { ACCOUNTS, ACCOUNT_PROFILES, ACCOUNT_SPEND, APPLICATION_COST_TAGS, HOME_REGION, MANAGEMENT_ACCOUNT, REGIONS, SANDBOX_ACCOUNT, SANDBOX_SPEND, STACKSET_REGIONS } from './settings';
import { GovernanceProfile } from '../../src';

/** Builds the whole example landing zone into an app. */
export function buildLandingZone(app: App): Stack[] {
  const organization = new OrganizationStack(app, 'Organization', {
    env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
    description: 'Amazon Bedrock governance for the organization: SCPs and the baseline StackSets',
  });
  const stacks: Stack[] = [
    organization,
    ...STACKSET_REGIONS.map(({ region }) => new OrganizationGuardrailStack(app, `OrganizationGuardrail-${region}`, {
      env: { account: MANAGEMENT_ACCOUNT, region },
      description: `The management account's guardrail, enforced on the workloads OU in ${region}`,
    })),
  ];
  for (const [accountName, account] of Object.entries(ACCOUNTS)) {
    const { budget, stopAtPercentage } = ACCOUNT_SPEND[accountName];
    let home: Stack | undefined;
    for (const governed of REGIONS) {
      const isHome = governed.region === HOME_REGION;
      const stack = new AccountBaselineStack(app, `Baseline-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        profiles: [...ACCOUNT_PROFILES[accountName], ...governed.profiles],
        agentCore: true,
        // The home region creates the account's budget; each region stops its own application roles on it.
        spend: isHome
          ? { ...budget, stopAtPercentage, costTags: APPLICATION_COST_TAGS }
          : { existingBudgetName: budget.budgetName, stopAtPercentage, costTags: APPLICATION_COST_TAGS },
        description: `Governed Amazon Bedrock baseline for ${accountName} in ${governed.region}`,
      });
      // The organization's policies go first: what the baseline adds is protected from the moment it exists.
      organization.policies.deployBefore(stack);
      if (isHome) home = stack;
      // The budget exists before another region's spend stop refers to it.
      else if (home && stopAtPercentage !== undefined) stack.addStackDependency(home);
      const workload = new KnowledgeBaseWorkloadStack(app, `KnowledgeBase-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        baseline: stack,
        description: `Knowledge-base workload for ${accountName} in ${governed.region}`,
      });
      const agent = new AgentWorkloadStack(app, `Agent-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        baseline: stack,
        description: `Agent workload on AgentCore for ${accountName} in ${governed.region}`,
      });
      for (const s of [stack, workload, agent]) Tags.of(s).add('landing-zone:account', accountName);
      stacks.push(stack, workload, agent);
      if (stopAtPercentage === undefined) continue;
      // The account's stop stops every role that invokes models in it: the workloads' roles too (rt3 F20).
      const stop = new WorkloadSpendStopStack(app, `SpendStop-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        baseline: stack,
        budgetName: budget.budgetName!,
        stopAtPercentage,
        roles: [agent.role, workload.knowledgeBase.role],
        description: `The spend stop of the workloads' roles for ${accountName} in ${governed.region}`,
      });
      Tags.of(stop).add('landing-zone:account', accountName);
      stacks.push(stop);
    }
  }
  // A sandbox account, deployed through a pipeline as a stage.
  new BaselineStage(app, 'Sandbox', {
    env: { account: SANDBOX_ACCOUNT, region: 'us-east-1' }, profiles: [GovernanceProfile.BASELINE], spend: SANDBOX_SPEND,
  });
  return stacks;
}
