import { CfnOutput, DefaultStackSynthesizer, Stack, StackProps, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { APPROVED_MODELS, CHAT_MODEL, LANDING_ZONE_QUALIFIER, ORGANIZATION_ID } from './settings';
import {
  ApplicationInferenceProfile, BedrockLandingZone, ChunkingStrategy, CrossRegionInferenceProfile, EmbeddingModel,
  GovernanceProfile, ModelAccessPolicy, VectorKnowledgeBase,
} from '../../src';

export interface AccountBaselineProps extends StackProps {
  readonly profiles: GovernanceProfile[];
}

/**
 * What every governed account and region gets: the landing zone (private endpoints, invocation
 * logging, the data retention mode its profiles choose (none in production, which handles card and
 * health data; each model's default in dev), an enforced guardrail, model access for application
 * roles), plus an application inference profile for cost allocation.
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
