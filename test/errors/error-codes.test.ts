import { App, Duration, Stack, aws_iam as iam, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { Construct } from 'constructs';
import { ModelAccessPolicy } from '../../src/access';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { BedrockDataRetention, DataRetentionMode } from '../../src/data-retention';
import { BedrockDetectiveControls, BedrockOrganizationDetectiveControls } from '../../src/detective';
import { BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors } from '../../src/errors';
import { EnforcedGuardrail, Guardrail, GuardrailTier } from '../../src/guardrails';
import {
  EmbeddingModel, ExistingVectorStore, ManagedKnowledgeBase, OpenSearchNetworkAccess, OpenSearchServerlessVectorStore, S3VectorStore, VectorDataType,
  VectorKnowledgeBase,
} from '../../src/knowledge-bases';
import { ApprovedModel, BedrockLandingZone, GovernanceProfile } from '../../src/landing-zone';
import { ModelInvocationLogging } from '../../src/logging';
import {
  ApplicationInferenceProfile, CrossRegionInferenceProfile, CustomModel, FoundationModel, Geography, ProvisionedModel,
  OpenAiCompatibleProject,
} from '../../src/models';
import { GovernanceNotifications, GuardrailInterventionAlarm } from '../../src/monitoring';
import { BedrockPrivateEndpoints, GovernedVpc } from '../../src/network';
import { OpenAiCompatibleAccessPolicy } from '../../src/openai-compatible';
import { BedrockOrganizationPolicies, OrganizationGuardrailPolicy } from '../../src/organization';
import { BedrockBudget, BedrockOrganizationSpendStop, BedrockSpendAnomalyMonitor, BedrockSpendStop, BudgetScope } from '../../src/spend';
import { ProvisionedThroughput, ProvisionedThroughputModel } from '../../src/throughput';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';

const GUARDRAIL_ARN = 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abcdefghijkl';

describe('every validation throws the library error with the stable code of its check', () => {
  const cases: Array<[string, Code, () => unknown]> = [
    ['a data retention mode of a string', Code.DATA_RETENTION_PROPS,
      () => new BedrockDataRetention(stackIn('eu-central-1'), 'Retention', { mode: 'forever' as any })],
    ['a landing zone whose own data retention keeps more than its profile allows', Code.LANDING_ZONE_DATA_RETENTION, () => {
      const stack = stackIn('eu-central-1');
      return new BedrockLandingZone(stack, 'Lz', {
        approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
        profiles: [GovernanceProfile.HIPAA],
        dataRetention: new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.PROVIDER_DATA_SHARE }),
      });
    }],
    ['a governance profile whose retention exceeds its maximum', Code.GOVERNANCE_PROFILE_SETTINGS,
      () => GovernanceProfile.of('mine', { dataRetention: DataRetentionMode.DEFAULT, maximumDataRetention: DataRetentionMode.NONE })],
    ['an OpenAI-compatible project with an empty name', Code.OPENAI_COMPATIBLE_PROJECT_PROPS,
      () => new OpenAiCompatibleProject(stackIn('eu-central-1'), 'Project', { projectName: '' })],
    ['OpenAI-compatible access for a string model', Code.OPENAI_COMPATIBLE_ACCESS_PROPS, () => {
      const stack = stackIn('eu-central-1');
      return new OpenAiCompatibleAccessPolicy(stack, 'Access', {
        project: new OpenAiCompatibleProject(stack, 'Project', { projectName: 'p' }), approvedModels: [SONNET_45 as any],
      });
    }],
    ['a governance notifications topic with an email that is not an address', Code.GOVERNANCE_NOTIFICATIONS_PROPS,
      () => new GovernanceNotifications(stackIn('eu-central-1'), 'Notifications', { emails: ['security-team'] })],
    ['detective controls with a memory event expiry AgentCore does not accept', Code.DETECTIVE_CONTROLS_PROPS, () => {
      const stack = stackIn('eu-central-1');
      return new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: new GovernanceNotifications(stack, 'N').topic, minimumMemoryEventExpiryDays: 3 });
    }],
    ['organization detective controls whose Security Hub policy would turn a Bedrock control off', Code.ORGANIZATION_DETECTIVE_CONTROLS_PROPS,
      () => new BedrockOrganizationDetectiveControls(stackIn('eu-central-1'), 'OrgDetective', {
        securityHubPolicy: { targets: ['r-ab12'], disabledControls: ['Bedrock.1'] },
      })],
    ['a guardrail intervention alarm above 100 percent', Code.MONITORING_PROPS, () => {
      const stack = stackIn('eu-central-1');
      return new GuardrailInterventionAlarm(stack, 'Interventions', {
        topic: new GovernanceNotifications(stack, 'Notifications').topic,
        guardrail: Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' }),
        interventionPercent: 120,
      });
    }],
    ['a budget scope that misses Marketplace-billed models', Code.SPEND_BUDGET_PROPS, () => BudgetScope.services(['Amazon Bedrock'])],
    ['a spend stop with no roles', Code.SPEND_STOP_PROPS, () => {
      const stack = stackIn('eu-central-1');
      const topic = new GovernanceNotifications(stack, 'Notifications').topic;
      return new BedrockSpendStop(stack, 'Stop', { budget: new BedrockBudget(stack, 'Budget', { monthlyLimitUsd: 100, topic }), roles: [], topic });
    }],
    ['an organization spend stop with no targets', Code.SPEND_ORGANIZATION_STOP_PROPS, () => {
      const stack = stackIn('us-east-1');
      const topic = new GovernanceNotifications(stack, 'Notifications').topic;
      return new BedrockOrganizationSpendStop(stack, 'Stop', { budget: BedrockBudget.fromBudgetName('bedrock-org'), organizationId: 'o-abc123defg', targetIds: [], topic });
    }],
    ['an anomaly monitor with a negative threshold', Code.SPEND_ANOMALY_PROPS, () => {
      const stack = stackIn('eu-central-1');
      return new BedrockSpendAnomalyMonitor(stack, 'Anomalies', { topic: new GovernanceNotifications(stack, 'Notifications').topic, absoluteThresholdUsd: -1 });
    }],
    ['an organization-wide guardrail of a member account', Code.ORGANIZATION_GUARDRAIL_PROPS, () => {
      const stack = new Stack(new App(), 'Management', { env: { account: '999999999999', region: 'eu-central-1' } });
      const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Member', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' });
      return new OrganizationGuardrailPolicy(stack, 'Policy', { guardrail, organizationId: 'o-abcdefghij', rootId: 'r-ab12', targetIds: ['r-ab12'] });
    }],
    ['a rule pack with an unknown rule and an idle session beyond Bedrock\'s limits', Code.GOVERNANCE_CHECKS_PROPS,
      () => new BedrockGovernanceChecks(undefined, { ruleLevels: { GR9: NagMessageLevel.WARN }, maximumAgentIdleSession: Duration.hours(2) })],
    ['governRegion on a stack with a region', Code.LANDING_ZONE_REGION_ALREADY_SET,
      () => BedrockLandingZone.governRegion(stackIn('eu-central-1'), 'eu-west-1')],
    ['a landing zone in an environment-agnostic stack', Code.LANDING_ZONE_PROPS,
      () => new BedrockLandingZone(new Stack(new App(), 'S'), 'Lz', { approvedModels: [] } as any)],
    ['provisioned throughput of a string', Code.PROVISIONED_THROUGHPUT_MODEL_KIND,
      () => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', { model: SONNET_45 as any, modelUnits: 1 })],
    ['provisioned throughput of zero units', Code.PROVISIONED_THROUGHPUT_PROPS,
      () => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', {
        model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(SONNET_45)), modelUnits: 0,
      })],
    ['a provisioned model imported by another ARN', Code.INVOKABLE_ARN,
      () => ProvisionedModel.fromProvisionedModelArn(stackIn('us-east-1'), 'Pm', 'arn:aws:bedrock:us-east-1:111111111111:custom-model/x')],
    ['an imported model imported by another ARN', Code.INVOKABLE_ARN,
      () => CustomModel.fromImportedModelArn(stackIn('us-east-1'), 'Im', 'arn:aws:bedrock:us-east-1:111111111111:custom-model/x')],
    ['a foundation model not offered on demand in the region', Code.MODEL_NOT_INVOKABLE,
      () => FoundationModel.of(SONNET_45).invokeStatements(stackIn('eu-central-1'))],
    ['a guardrail requirement of another region', Code.INVOKE_GRANT_OPTIONS,
      () => {
        const stack = stackIn('eu-west-1');
        CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack, {
          requireGuardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
        });
      }],
    ['a grantee that is not a construct', Code.GRANTEE_NOT_A_CONSTRUCT,
      () => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(new iam.ServicePrincipal('lambda.amazonaws.com'))],
    ['a Deny that cannot be written to the grantee', Code.GRANTEE_POLICY_IMMUTABLE, () => {
      class ServiceGrantee extends Construct implements iam.IGrantable {
        public readonly grantPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
      }
      const stack = stackIn('eu-central-1');
      CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(new ServiceGrantee(stack, 'Grantee'), {
        requireGuardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      });
    }],
    ['a model access policy without models', Code.MODEL_ACCESS_POLICY_PROPS,
      () => new ModelAccessPolicy(stackIn('eu-central-1'), 'Access', { models: [] })],
    ['a model access policy with a string model', Code.MODEL_REFERENCE_KIND,
      () => new ModelAccessPolicy(stackIn('eu-central-1'), 'Access', { models: [SONNET_45 as any] })],
    ['private endpoints without models', Code.PRIVATE_ENDPOINTS_PROPS,
      () => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Endpoints', {})],
    ['a guardrail name too long', Code.GUARDRAIL_PROPS,
      () => new Guardrail(stackIn('eu-central-1'), 'G', { guardrailName: 'x'.repeat(51) })],
    ['a guardrail imported at DRAFT', Code.GUARDRAIL_ATTRIBUTES,
      () => Guardrail.fromGuardrailAttributes(stackIn('eu-central-1'), 'G', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: 'DRAFT' })],
    ['a value-set value of the wrong shape', Code.VALUE_SET_VALUE, () => GuardrailTier.of('standard')],
    ['a landing zone approved model that is a string', Code.APPROVED_MODEL_KIND,
      () => new BedrockLandingZone(stackIn('eu-central-1'), 'Lz', { approvedModels: [SONNET_45 as any] })],
    ['an approved model of an empty model ID', Code.MODEL_ID, () => ApprovedModel.throughGeography('')],
    ['organization policies with an approved model that is an object', Code.APPROVED_MODEL_KIND,
      () => new BedrockOrganizationPolicies(stackIn('us-east-1'), 'Scps', { approvedModels: [{ modelId: SONNET_45 } as any], targetIds: ['ou-ab12-cd34ef56'] })],
    ['a global model under EU residency', Code.LANDING_ZONE_PROPS,
      () => new BedrockLandingZone(stackIn('eu-central-1'), 'Lz', { profiles: [GovernanceProfile.EU_RESIDENCY], approvedModels: [ApprovedModel.global(SONNET_45)] })],
    ['a fixed invokable of another region under EU residency', Code.LANDING_ZONE_GRANT_REGIONS,
      () => new BedrockLandingZone(stackIn('eu-central-1'), 'Lz', {
        profiles: [GovernanceProfile.EU_RESIDENCY], approvedModels: [ApprovedModel.of(FoundationModel.of(TITAN_EMBED_V2, { region: 'us-east-1' }))],
      })],
    ['replaced invocation logging kept shorter than the profile requires', Code.LANDING_ZONE_INVOCATION_LOGGING, () => {
      const stack = stackIn('eu-central-1');
      new BedrockLandingZone(stack, 'Lz', {
        profiles: [GovernanceProfile.HIPAA],
        approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
        invocationLogging: new ModelInvocationLogging(stack, 'Logging', { logRetention: logs.RetentionDays.ONE_YEAR }),
      });
    }],
    ['invocation logging with no destination', Code.INVOCATION_LOGGING_PROPS,
      () => new ModelInvocationLogging(stackIn('eu-central-1'), 'Logging', { s3Delivery: false, cloudWatchDelivery: false })],
    ['an application inference profile name with a slash', Code.APPLICATION_INFERENCE_PROFILE_PROPS,
      () => new ApplicationInferenceProfile(stackIn('us-east-1'), 'P', {
        inferenceProfileName: 'no/slashes', modelSource: CrossRegionInferenceProfile.of(Geography.US, SONNET_45),
      })],
    ['an enforced guardrail at DRAFT', Code.ENFORCED_GUARDRAIL_PROPS,
      () => new EnforcedGuardrail(stackIn('eu-central-1'), 'Enforced', { guardrail: { guardrailArn: GUARDRAIL_ARN, guardrailVersion: 'DRAFT', applyStatements: () => [] } })],
    ['a governed VPC of a /8 range', Code.GOVERNED_VPC_PROPS, () => new GovernedVpc(stackIn('eu-central-1'), 'Network', { cidr: '10.0.0.0/8' })],
    ['a vector knowledge base of dimensions the model does not produce', Code.VECTOR_KNOWLEDGE_BASE_PROPS,
      () => new VectorKnowledgeBase(stackIn('eu-central-1'), 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), dimensions: 1536 })],
    ['binary vectors in S3 Vectors', Code.VECTOR_STORE_BINDING,
      () => new VectorKnowledgeBase(stackIn('eu-central-1'), 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), vectorDataType: VectorDataType.BINARY })],
    ['a knowledge base imported by another ARN', Code.KNOWLEDGE_BASE_ATTRIBUTES,
      () => VectorKnowledgeBase.fromKnowledgeBaseAttributes(stackIn('eu-central-1'), 'Kb', { knowledgeBaseArn: 'arn:aws:bedrock:eu-central-1:111111111111:agent/X' })],
    ['a managed knowledge base with dimensions but no model', Code.MANAGED_KNOWLEDGE_BASE_PROPS,
      () => new ManagedKnowledgeBase(stackIn('eu-central-1'), 'Kb', { dimensions: 384 })],
    ['an S3 data source with two prefixes', Code.S3_DATA_SOURCE_PROPS, () => {
      const stack = stackIn('eu-central-1');
      const kb = new VectorKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
      kb.addS3DataSource('Docs', { bucket: new s3.Bucket(stack, 'Docs'), inclusionPrefixes: ['a/', 'b/'] });
    }],
    ['a vector bucket name with capitals', Code.S3_VECTOR_STORE_PROPS, () => new S3VectorStore(stackIn('eu-central-1'), 'Store', { vectorBucketName: 'My_Bucket' })],
    ['a public OpenSearch collection without the opt-in', Code.OPENSEARCH_VECTOR_STORE_PROPS,
      () => new OpenSearchServerlessVectorStore(stackIn('eu-central-1'), 'Store', { networkAccess: OpenSearchNetworkAccess.PUBLIC })],
    ['an existing S3 Vectors index of a bucket ARN', Code.EXISTING_VECTOR_STORE_INDEX,
      () => new VectorKnowledgeBase(stackIn('eu-central-1'), 'Kb', {
        embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), vectorStore: ExistingVectorStore.fromS3VectorsIndex({ indexArn: 'arn:aws:s3:::bucket' }),
      })],
    ['organization policies for a malformed OU', Code.ORGANIZATION_POLICIES_PROPS,
      () => new BedrockOrganizationPolicies(stackIn('us-east-1'), 'Scps', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], targetIds: ['ou-bad'] })],
    ['organization policies for more models than a policy holds', Code.ORGANIZATION_POLICIES_SIZE,
      () => new BedrockOrganizationPolicies(stackIn('us-east-1'), 'Scps', {
        approvedModels: Array.from({ length: 60 }, (_, i) => ApprovedModel.throughGeography(`vendor.model-number-${i}-v1:0`)),
        profiles: [GovernanceProfile.EU_RESIDENCY],
        targetIds: ['ou-ab12-cd34ef56'],
      })],
  ];

  test.each(cases)('%s: %s', (_name, code, fn) => {
    const error = errorOf(fn);
    expect(BedrockLandingZoneErrors.isBedrockLandingZoneError(error)).toBe(true);
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(code);
    expect(BedrockLandingZoneErrors.problemsOf(error).length).toBeGreaterThan(0);
    expect((error as Error).name).toBe('BedrockLandingZoneError');
  });

  test('each problem the message lists is one entry of problemsOf', () => {
    const error = errorOf(() => new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', {
      model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(SONNET_45)), modelUnits: 0, hourlyPricePerModelUnit: -1,
    }));
    expect(BedrockLandingZoneErrors.problemsOf(error)).toEqual([
      'modelUnits is 0; a whole number of at least 1 is required',
      'hourlyPricePerModelUnit is -1; a positive price in US dollars is required',
    ]);
    expect((error as Error).message).toBe([
      'ProvisionedThroughput:',
      '  - modelUnits is 0; a whole number of at least 1 is required',
      '  - hourlyPricePerModelUnit is -1; a positive price in US dollars is required',
    ].join('\n'));
  });

  test('other errors are not the library\'s', () => {
    expect(BedrockLandingZoneErrors.isBedrockLandingZoneError(new Error('x'))).toBe(false);
    expect(BedrockLandingZoneErrors.codeOf(new Error('x'))).toBeUndefined();
    expect(BedrockLandingZoneErrors.problemsOf('x')).toEqual([]);
  });

  test('codes are stable strings, each used once', () => {
    expect(Object.values(Code)).toContain('ProvisionedThroughput.Props');
    expect(new Set(Object.values(Code)).size).toBe(Object.values(Code).length);
  });

  test('every code has a case here or in its own test (INTERNAL: test/core/framework-children.test.ts)', () => {
    const covered = new Set([...cases.map(c => c[1]), Code.INTERNAL]);
    expect(Object.values(Code).filter(c => !covered.has(c))).toEqual([]);
  });
});
