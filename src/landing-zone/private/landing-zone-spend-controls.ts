import { Tags, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems, oneOf } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { BedrockBudget, BedrockSpendAnomalyMonitor, BedrockSpendStop } from '../../spend';
import { GovernanceProfile } from '../governance-profile';
import { LandingZoneSpendSettings } from '../landing-zone-spend';

/** The spend controls a landing zone created or names. */
export interface LandingZoneSpendControls {
  readonly budgetName?: string;
  readonly budget?: BedrockBudget;
  readonly spendStop?: BedrockSpendStop;
  readonly spendAnomalyMonitor?: BedrockSpendAnomalyMonitor;
}

/**
 * The budget (created here or named), the stop of the application roles, anomaly detection and the
 * cost allocation tags, as the spend settings and the profiles ask. Children of `scope`: `Budget`,
 * `SpendStop`, `SpendAnomalies`.
 */
export function landingZoneSpendControls(scope: Construct, profile: GovernanceProfile, spend: LandingZoneSpendSettings | undefined,
  applicationRoles: iam.IRole[] | undefined, topic: sns.ITopic): LandingZoneSpendControls {
  const roles = applicationRoles ?? [];
  const tags = spend?.costTags ?? {};
  spendProblems(profile, spend, roles, tags).throwIfAny(scope, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);

  // Tags on the roles the landing zone grants: Bedrock attributes their spend to them (iamPrincipal/<key>).
  for (const role of roles) for (const [key, value] of Object.entries(tags)) Tags.of(role).add(key, value);
  if (spend === undefined) return {};
  const budget = spend.monthlyLimitUsd === undefined ? undefined : new BedrockBudget(scope, 'Budget', {
    monthlyLimitUsd: spend.monthlyLimitUsd,
    topic,
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
    topic,
    thresholdPercentage: spend.stopAtPercentage,
    approval: spend.stopApproval,
  });
  if (budget === undefined) return { budgetName, spendStop };
  const spendAnomalyMonitor = spend.anomalyDetection === false ? undefined
    : new BedrockSpendAnomalyMonitor(scope, 'SpendAnomalies', { topic });
  return { budgetName, budget, spendStop, spendAnomalyMonitor };
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
  const missing = profile.requiredCostTags.filter(k => tags[k] === undefined);
  problems.check(missing.length === 0 || roles.length === 0,
    `profile ${profile.name} requires the cost allocation tags ${oneOf(profile.requiredCostTags)} on the application roles, but ` +
    `spend.costTags lacks ${oneOf(missing)}: give spend: { costTags: { ${missing.map(k => `'${k}': '...'`).join(', ')} } }`);
  return problems;
}
