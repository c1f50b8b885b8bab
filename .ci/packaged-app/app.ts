// The app of README "Use the constructs in your own app", written against the installed package only:
// .ci/packaged-install copies it into an empty directory outside the repository and synthesizes it.
import { App, Stack, Validations, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  ApprovedModel, BedrockGovernanceChecks, BedrockLandingZone, EmbeddingModel, Geography, GovernanceProfile, VectorKnowledgeBase,
} from 'cdk-bedrock-landing-zone';

const app = new App();
const stack = new Stack(app, 'PackagedLandingZone', { env: { account: '123456789012', region: 'eu-central-1' } });

const appRole = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
new BedrockLandingZone(stack, 'LandingZone', {
  profiles: [GovernanceProfile.EU_RESIDENCY],
  approvedModels: [
    ApprovedModel.throughGeography('anthropic.claude-sonnet-4-5-20250929-v1:0'),
    ApprovedModel.inRegion('amazon.titan-embed-text-v2:0'),
  ],
  organizationId: 'o-a1b2c3d4e5',
  applicationRoles: [appRole],
  // Who is told when a governance alarm fires: an alarm that notifies nobody is a finding (Bedrock-MN2).
  notifications: { emails: ['platform-team@example.com'] },
});

const documents = s3.Bucket.fromBucketName(stack, 'Documents', 'packaged-install-documents');
const kb = new VectorKnowledgeBase(stack, 'Policies', {
  embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
});
kb.addS3DataSource('Handbook', { bucket: documents, inclusionPrefixes: ['handbook/'] });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
Validations.of(app).addPlugins(new BedrockGovernanceChecks(app, {
  approvedModels: ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.titan-embed-text-v2:0'],
  approvedGeographies: [Geography.EU],
}));
app.synth();
