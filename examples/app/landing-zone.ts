import { App, CfnOutput, DefaultStackSynthesizer, Stack, StackProps, Tags, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaselineStage, MANAGEMENT_ACCOUNT, OrganizationStack, SANDBOX_ACCOUNT } from './organization';
import {
  ApplicationInferenceProfile, ApprovedModel, BedrockLandingZone, ChunkingStrategy, CrossRegionInferenceProfile, EmbeddingModel,
  GovernanceProfile, ModelAccessPolicy, VectorKnowledgeBase,
} from '../../src';
// eslint-disable-next-line import/no-cycle

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

/**
 * The CDK bootstrap qualifier of the baselines (`cdk bootstrap --qualifier blz`): only these roles are
 * exempt from the organization policies, and only the management account's access role may assume
 * them. Application teams deploy their stacks with the default bootstrap, which is not exempt.
 */
export const LANDING_ZONE_QUALIFIER = 'blz';

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
    super(scope, id, { synthesizer: new DefaultStackSynthesizer({ qualifier: LANDING_ZONE_QUALIFIER }), ...props });
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

    // What a client passes to use the guardrail (and what the README's checks use).
    new CfnOutput(this, 'GuardrailArn', { value: this.landingZone.guardrail.guardrailArn });
    new CfnOutput(this, 'GuardrailVersion', { value: this.landingZone.guardrail.guardrailVersion });

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

export interface KnowledgeBaseWorkloadProps extends StackProps {
  /** The account baseline of the same account and region */
  readonly baseline: AccountBaselineStack;
}

/**
 * A team's RAG workload on top of the baseline: a knowledge base over a document bucket, vectors in
 * S3 Vectors with a customer-managed key, no Lambda function. The application role may retrieve from
 * it and generate with the approved chat model through the landing zone's geography.
 */
export class KnowledgeBaseWorkloadStack extends Stack {
  public readonly knowledgeBase: VectorKnowledgeBase;

  constructor(scope: Construct, id: string, props: KnowledgeBaseWorkloadProps) {
    super(scope, id, props);
    // The team's existing document bucket (governed elsewhere); the knowledge base only reads a prefix.
    const documents = s3.Bucket.fromBucketName(this, 'Documents', `claims-documents-${this.account}-${this.region}`);
    this.knowledgeBase = new VectorKnowledgeBase(this, 'PolicyHandbook', {
      embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
      description: 'Company policies and procedures for the claims assistant',
    });
    this.knowledgeBase.addS3DataSource('Handbook', {
      bucket: documents,
      inclusionPrefixes: ['handbook/'],
      chunkingStrategy: ChunkingStrategy.fixedSize({ maxTokens: 512, overlapPercentage: 20 }),
    });
    // A managed policy rather than grantRetrieve's inline policy: the HIPAA, NIST and PCI packs ask for it.
    new iam.ManagedPolicy(this, 'RetrieveHandbook', {
      description: 'Retrieve from the policy handbook knowledge base',
      roles: [props.baseline.applicationRole],
      statements: [new iam.PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [this.knowledgeBase.knowledgeBaseArn] })],
    });
  }
}

/** Builds the whole example landing zone into an app. */
export function buildLandingZone(app: App): Stack[] {
  const stacks: Stack[] = [
    new OrganizationStack(app, 'Organization', {
      env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
      description: 'Amazon Bedrock governance for the organization: SCPs and the baseline StackSets',
    }),
  ];
  for (const [accountName, account] of Object.entries(ACCOUNTS)) {
    for (const governed of REGIONS) {
      const stack = new AccountBaselineStack(app, `Baseline-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        profiles: [...ACCOUNT_PROFILES[accountName], ...governed.profiles],
        description: `Governed Amazon Bedrock baseline for ${accountName} in ${governed.region}`,
      });
      const workload = new KnowledgeBaseWorkloadStack(app, `KnowledgeBase-${accountName}-${governed.region}`, {
        env: { account, region: governed.region },
        baseline: stack,
        description: `Knowledge-base workload for ${accountName} in ${governed.region}`,
      });
      for (const s of [stack, workload]) Tags.of(s).add('landing-zone:account', accountName);
      stacks.push(stack, workload);
    }
  }
  // A sandbox account, deployed through a pipeline as a stage.
  new BaselineStage(app, 'Sandbox', { env: { account: SANDBOX_ACCOUNT, region: 'us-east-1' }, profiles: [GovernanceProfile.BASELINE] });
  return stacks;
}
