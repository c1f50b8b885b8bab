import { App, Stack, StackProps, Tags, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  ApplicationInferenceProfile, CrossRegionInferenceProfile, FoundationModel, Geography, ModelAccessPolicy, ModelInvocationLogging,
} from '../../src';

/**
 * The example organization: two accounts (dev, prod), each governed in two regions (us-east-1 under
 * US residency, eu-central-1 under EU residency). The account IDs are placeholders: synth works
 * offline; deploy with real IDs (see README).
 */
export const ACCOUNTS = { dev: '111111111111', prod: '222222222222' };

export interface GovernedRegion {
  readonly region: string;
  /** The geography whose inference profiles keep data resident */
  readonly geography: Geography;
}

export const REGIONS: GovernedRegion[] = [
  { region: 'us-east-1', geography: Geography.US },
  { region: 'eu-central-1', geography: Geography.EU },
];

/** The one list of approved models: each region reaches them only through its own geography. */
export const APPROVED_CHAT_MODELS = [
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-haiku-4-5-20251001-v1:0',
];
export const APPROVED_EMBEDDING_MODEL = 'amazon.titan-embed-text-v2:0';

export interface AccountBaselineProps extends StackProps {
  readonly governedRegion: GovernedRegion;
}

/**
 * What every governed account and region gets: invocation logging to encrypted, retained stores,
 * least-privilege model access for application roles, and an application inference profile per team
 * for cost allocation.
 */
export class AccountBaselineStack extends Stack {
  public readonly modelAccess: ModelAccessPolicy;
  public readonly invocationLogging: ModelInvocationLogging;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id, props);
    const { geography } = props.governedRegion;

    this.invocationLogging = new ModelInvocationLogging(this, 'InvocationLogging');

    const teamProfile = new ApplicationInferenceProfile(this, 'ClaimsAssistantProfile', {
      inferenceProfileName: 'claims-assistant',
      description: 'Claims assistant: Claude Sonnet 4.5 within the governed geography',
      modelSource: CrossRegionInferenceProfile.of(geography, APPROVED_CHAT_MODELS[0]),
      tags: { CostCenter: 'claims', Team: 'claims-ai' },
    });

    const applicationRole = new iam.Role(this, 'ApplicationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Role of the applications that call Amazon Bedrock',
    });

    this.modelAccess = new ModelAccessPolicy(this, 'ModelAccess', {
      models: [
        ...APPROVED_CHAT_MODELS.map(model => CrossRegionInferenceProfile.of(geography, model)),
        FoundationModel.of(APPROVED_EMBEDDING_MODEL),
        teamProfile,
      ],
      roles: [applicationRole],
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
        governedRegion: governed,
        description: `Governed Amazon Bedrock baseline for ${accountName} in ${governed.region}`,
      });
      Tags.of(stack).add('landing-zone:account', accountName);
      stacks.push(stack);
    }
  }
  return stacks;
}
