import { aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { applyCostTags, costTagProblems, untaggablePrincipalProblems } from '../../core/cost-tags';
import { protectTree } from '../../core/protected-resources';
import { Problems, oneOf } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { BedrockBudget, BedrockSpendAnomalyMonitor, BedrockSpendStop, BudgetScope } from '../../spend';
import { GovernanceProfile } from '../governance-profile';
import { LandingZoneSpendSettings } from '../landing-zone-spend';
import { teamBudgetProblems, teamConstructId, workloadProblems } from './team-budgets';

/** The spend controls a landing zone created or names. */
export interface LandingZoneSpendControls {
  readonly budgetName?: string;
  readonly budget?: BedrockBudget;
  readonly spendStop?: BedrockSpendStop;
  readonly spendAnomalyMonitor?: BedrockSpendAnomalyMonitor;
  readonly teamBudgets?: BedrockBudget[];
}

/**
 * The budget (created here or named), the stop of the application roles, anomaly detection and the
 * cost allocation tags, as the spend settings and the profiles ask. Children of `scope`: `Budget`,
 * `SpendStop`, `SpendAnomalies`.
 */
export function landingZoneSpendControls(scope: Construct, profile: GovernanceProfile, spend: LandingZoneSpendSettings | undefined,
  applicationRoles: iam.IRole[] | undefined, topicFor: (publisher: string) => sns.ITopic): LandingZoneSpendControls {
  const roles = applicationRoles ?? [];
  const tags = spend?.costTags ?? {};
  spendProblems(profile, spend, roles, tags).throwIfAny(scope, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);

  // Tags on the roles the landing zone grants: Bedrock attributes their spend to them (iamPrincipal/<key>).
  applyCostTags(roles, tags);
  if (spend === undefined) return {};
  const budget = spend.monthlyLimitUsd === undefined ? undefined : new BedrockBudget(scope, 'Budget', {
    monthlyLimitUsd: spend.monthlyLimitUsd,
    topic: topicFor('spend.monthlyLimitUsd'),
    scope: spend.scope,
    thresholds: spend.thresholds,
    emails: spend.emails,
    budgetName: spend.budgetName,
  });
  const budgetName = budget?.budgetName ?? spend.existingBudgetName;
  // Each region's landing zone stops its own roles, on the one budget of the account.
  const spendStop = spend.stopAtPercentage === undefined || budgetName === undefined ? undefined : new BedrockSpendStop(scope, 'SpendStop', {
    budget: budget ?? BedrockBudget.fromBudgetName(budgetName),
    roles,
    topic: topicFor('spend.stopAtPercentage'),
    thresholdPercentage: spend.stopAtPercentage,
    approval: spend.stopApproval,
  });
  if (budget === undefined) return { budgetName, spendStop };
  const spendAnomalyMonitor = spend.anomalyDetection === false ? undefined
    : new BedrockSpendAnomalyMonitor(scope, 'SpendAnomalies', { topic: topicFor('spend.monthlyLimitUsd') });
  // One budget per team tag value, each by its principals' tag; the id follows the team, not its position in the list.
  const teamBudgets = (spend.teamBudgets ?? []).map(t => new BedrockBudget(scope, `TeamBudget-${teamConstructId(t.team)}`, {
    monthlyLimitUsd: t.monthlyLimitUsd,
    topic: topicFor('spend.monthlyLimitUsd'),
    scope: BudgetScope.principalTag(spend.teamTagKey!, [t.team]),
    thresholds: spend.thresholds,
    emails: spend.emails,
  }));
  // The organization policies protect what carries the tag; whether a stack's tags reach Budgets and Cost Explorer resources is
  // not verified, so the tag is written into the template (rt3 F19). Here, not in the constructs: a team's own budget stays its own.
  [budget, spendAnomalyMonitor, ...teamBudgets].forEach(c => c && protectTree(c));
  return { budgetName, budget, spendStop, spendAnomalyMonitor, teamBudgets };
}

function spendProblems(profile: GovernanceProfile, spend: LandingZoneSpendSettings | undefined, roles: iam.IRole[],
  tags: Record<string, string>): Problems {
  const problems = new Problems();
  problems.check(!profile.requireBudget || spend?.monthlyLimitUsd !== undefined || spend?.existingBudgetName !== undefined,
    `profile ${profile.name} requires a Bedrock budget: give spend: { monthlyLimitUsd } to create one here, or ` +
    'spend: { existingBudgetName } when another landing zone of the account creates it');
  if (spend) {
    problems.check(!(spend.monthlyLimitUsd !== undefined && spend.existingBudgetName !== undefined),
      'spend.monthlyLimitUsd and spend.existingBudgetName are both given: give monthlyLimitUsd to create the budget here, ' +
      'or existingBudgetName when it is created elsewhere');
    problems.check(spend.stopAtPercentage === undefined || spend.monthlyLimitUsd !== undefined || spend.existingBudgetName !== undefined,
      'spend.stopAtPercentage is set without a budget: give spend.monthlyLimitUsd, or spend.existingBudgetName for the account\'s budget created elsewhere');
    problems.check(spend.stopAtPercentage === undefined || roles.length > 0,
      'spend.stopAtPercentage is set but applicationRoles is empty: the stop would have nobody to stop; give the application roles');
  }
  const missing = profile.requiredCostTags.filter(k => tags[k] === undefined || tags[k] === '');
  problems.check(missing.length === 0 || roles.length === 0,
    `profile ${profile.name} requires the cost allocation tags ${oneOf(profile.requiredCostTags)} on the application roles, but ` +
    `spend.costTags lacks ${oneOf(missing)}: give spend: { costTags: { ${missing.map(k => `'${k}': '...'`).join(', ')} } }`);
  costTagProblems('spend.costTags', tags).forEach(p => problems.add(p));
  if (Object.keys(tags).length > 0) untaggablePrincipalProblems('applicationRoles', roles, 'spend.costTags').forEach(p => problems.add(p));
  teamBudgetProblems(spend).forEach(p => problems.add(p));
  workloadProblems(spend).forEach(p => problems.add(p));
  problems.check((spend?.workloads ?? []).length === 0 || roles.length > 0,
    'spend.workloads is given but applicationRoles is empty: the workloads\' inference profiles would have nobody to invoke them; give the application roles');
  return problems;
}
