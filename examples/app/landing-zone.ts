import { App, Stack, StackProps, Tags, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  ApplicationInferenceProfile, ApprovedModel, BedrockLandingZone, CrossRegionInferenceProfile, GovernanceProfile, ModelAccessPolicy,
} from '../../src';

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

/** The one list of approved models: each region reaches them only through its own geography. */
export const CHAT_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
export const FAST_MODEL = 'anthropic.claude-haiku-4-5-20251001-v1:0';
export const EMBEDDING_MODEL = 'amazon.titan-embed-text-v2:0';
export const APPROVED_MODELS = [
  ApprovedModel.throughGeography(CHAT_MODEL),
  ApprovedModel.throughGeography(FAST_MODEL),
  ApprovedModel.inRegion(EMBEDDING_MODEL),
];

export interface AccountBaselineProps extends StackProps {
  readonly profiles: GovernanceProfile[];
}

/**
 * What every governed account and region gets: the landing zone (private endpoints, invocation
 * logging, an enforced guardrail, model access for application roles), plus an application inference
 * profile for cost allocation.
 */
export class AccountBaselineStack extends Stack {
  public readonly landingZone: BedrockLandingZone;
  public readonly applicationRole: iam.Role;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id, props);
    this.applicationRole = new iam.Role(this, 'ApplicationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Role of the applications that call Amazon Bedrock',
    });

    this.landingZone = new BedrockLandingZone(this, 'LandingZone', {
      profiles: props.profiles,
      approvedModels: APPROVED_MODELS,
      organizationId: ORGANIZATION_ID,
      applicationRoles: [this.applicationRole],
    });

    const claims = new ApplicationInferenceProfile(this, 'ClaimsAssistantProfile', {
      inferenceProfileName: 'claims-assistant',
      description: 'Claims assistant: the chat model within the governed geography',
      modelSource: CrossRegionInferenceProfile.of(this.landingZone.geography, CHAT_MODEL),
      tags: { CostCenter: 'claims', Team: 'claims-ai' },
    });
    new ModelAccessPolicy(this, 'ClaimsAccess', {
      models: [claims],
      requireGuardrail: this.landingZone.guardrail,
      requireVpcEndpoints: this.landingZone.endpoints.runtimeEndpoints,
      roles: [this.applicationRole],
    });
  }
}

/** Builds the whole example landing zone into an app. */
export function buildLandingZone(app: App): Stack[] {
  const stacks: Stack[] = [];
  for (const [accountName, account] of Object.entries(ACCOUNTS)) {
    for (const governed of REGIONS) {
      const stack = new AccountBaselineStack(app, `Baseline-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        profiles: [...ACCOUNT_PROFILES[accountName], ...governed.profiles],
        description: `Governed Amazon Bedrock baseline for ${accountName} in ${governed.region}`,
      });
      Tags.of(stack).add('landing-zone:account', accountName);
      stacks.push(stack);
    }
  }
  return stacks;
}
