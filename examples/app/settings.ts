import { ApprovedModel, GovernanceProfile, LandingZoneSpendSettings } from '../../src';

/**
 * The example's shared settings, in one module that imports no other file of the app: the stacks of
 * every file read them from here. The IDs are placeholders: put your own here to deploy.
 */

/**
 * The example organization: two accounts (dev, prod), each governed in two regions: us-east-1, and
 * eu-central-1 under EU residency. The account IDs are placeholders: synth works offline; deploy with
 * real IDs (see README).
 */
export const ACCOUNTS = { dev: '111111111111', prod: '222222222222' };
export const ORGANIZATION_ID = 'o-exampleorg1';

export interface GovernedRegion {
  readonly region: string;
  /** Profiles on top of the account's own */
  readonly profiles: GovernanceProfile[];
}

export const REGIONS: GovernedRegion[] = [
  { region: 'us-east-1', profiles: [] },
  { region: 'eu-central-1', profiles: [GovernanceProfile.EU_RESIDENCY] },
];

/** Profiles per account: production handles card and health data. */
export const ACCOUNT_PROFILES: Record<string, GovernanceProfile[]> = {
  dev: [GovernanceProfile.BASELINE],
  prod: [GovernanceProfile.BASELINE, GovernanceProfile.PCI_DSS, GovernanceProfile.HIPAA],
};

/**
 * Spend per account. A budget belongs to the account: the home region's landing zone creates it, the
 * other regions name it. Dev stops its application roles when the month's Bedrock budget is spent;
 * prod, which serves customers, only alerts (and anomaly detection watches both).
 */
export const HOME_REGION = 'us-east-1';
/** Cost allocation tags of the application roles: the payer account activates iamPrincipal/Team and iamPrincipal/CostCenter. */
export const APPLICATION_COST_TAGS = { Team: 'claims-ai', CostCenter: 'claims' };
export const ACCOUNT_SPEND: Record<string, { budget: LandingZoneSpendSettings; stopAtPercentage?: number }> = {
  dev: { budget: { monthlyLimitUsd: 2000, budgetName: 'bedrock-dev', emails: ['platform-finops@example.com'] }, stopAtPercentage: 100 },
  prod: { budget: { monthlyLimitUsd: 50000, budgetName: 'bedrock-prod', emails: ['platform-finops@example.com'] } },
};
/** The sandbox account stops its application role when its small budget is spent. */
export const SANDBOX_SPEND: LandingZoneSpendSettings = { monthlyLimitUsd: 500, budgetName: 'bedrock-sandbox', stopAtPercentage: 100 };
/** Each account of the workloads OU gets a budget from the StackSet of the home region, named by the others. */
export const STACKSET_BUDGET: LandingZoneSpendSettings = { monthlyLimitUsd: 1000, budgetName: 'bedrock-workloads' };
/** Who is told when a governance alarm fires or clears, in every account and region (the governance topic's subscription). */
export const GOVERNANCE_CONTACTS = ['bedrock-governance@example.com'];

/** The one list of approved models: each region reaches them only through its own geography. */
export const CHAT_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
export const FAST_MODEL = 'anthropic.claude-haiku-4-5-20251001-v1:0';
export const EMBEDDING_MODEL = 'amazon.titan-embed-text-v2:0';
export const APPROVED_MODELS = [
  ApprovedModel.throughGeography(CHAT_MODEL),
  ApprovedModel.throughGeography(FAST_MODEL),
  ApprovedModel.inRegion(EMBEDDING_MODEL),
];

/**
 * The CDK bootstrap qualifier of the baselines (`cdk bootstrap --qualifier blz`): only these roles are
 * exempt from the organization policies, and only the management account's access role may assume
 * them. Application teams deploy their stacks with the default bootstrap, which is not exempt.
 */
export const LANDING_ZONE_QUALIFIER = 'blz';

/** The management account and the organizational units of the example organization (placeholders). */
export const MANAGEMENT_ACCOUNT = '999999999999';
export const ORGANIZATION_ROOT = 'r-ab12';
export const WORKLOADS_OU = 'ou-ab12-workloads1';
export const SANDBOX_ACCOUNT = '333333333333';

/** Regions the StackSets roll the baseline out to, each with the profiles its data residency needs. */
export const STACKSET_REGIONS: Array<{ region: string; profiles: GovernanceProfile[] }> = [
  { region: 'us-east-1', profiles: [GovernanceProfile.BASELINE] },
  { region: 'eu-central-1', profiles: [GovernanceProfile.BASELINE, GovernanceProfile.EU_RESIDENCY] },
];

/** Asset buckets, one per target region, created once by the platform team, readable by the organization. */
export const ASSET_BUCKET_PREFIX = 'bedrock-lz-stackset-assets';
