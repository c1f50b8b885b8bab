import {
  Annotations, CfnOutput, DefaultStackSynthesizer, Stack, StackProps, Validations, aws_bedrockagentcore as agentcore, aws_ec2 as ec2,
  aws_iam as iam, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { APPLICATION_COST_TAGS, APPROVED_MODELS, CHAT_MODEL, GOVERNANCE_CONTACTS, LANDING_ZONE_QUALIFIER, ORGANIZATION_ID } from './settings';
import {
  ApplicationInferenceProfile, BedrockBudget, BedrockLandingZone, BedrockSpendStop, ChunkingStrategy, CrossRegionInferenceProfile, EmbeddingModel,
  GovernanceProfile, LandingZoneSpendSettings, LandingZoneStackProtection, ModelAccessPolicy, VectorKnowledgeBase,
} from '../../src';

export interface AccountBaselineProps extends StackProps {
  readonly profiles: GovernanceProfile[];
  /** Whether agents run on AgentCore in this account and region (its private endpoints are created) */
  readonly agentCore?: boolean;
  /** The account's budget (created in its home region, named in the others), spend stop and anomaly detection */
  readonly spend?: LandingZoneSpendSettings;
  /**
   * Whether the landing zone has its run-time controls: alarms, dashboard, detective controls and the
   * notifications topic they report to. Default true; only the bench turns them off, to measure what they add.
   */
  readonly runTimeControls?: boolean;
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
    // Only the deployment roles may update this stack (its change sets could change logging). The stack
    // tag reaches the application role too: the platform team changes it only through this stack.
    LandingZoneStackProtection.protect(this);
    Annotations.of(this.applicationRole).acknowledgeWarning('cdk-bedrock-landing-zone:lockedByStackTag',
      'The application role is the platform team\'s and changes only through this stack\'s pipeline.');

    this.landingZone = new BedrockLandingZone(this, 'LandingZone', {
      profiles: props.profiles,
      approvedModels: APPROVED_MODELS,
      organizationId: ORGANIZATION_ID,
      applicationRoles: [this.applicationRole],
      agentCore: props.agentCore,
      spend: props.spend,
      ...(props.runTimeControls === false
        ? { alarms: false, dashboard: false, detectiveControls: false }
        : { notifications: { emails: GOVERNANCE_CONTACTS } }),
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
    // Its access requires the runtime endpoint, whose policy names each profile it lets through.
    this.landingZone.admitApplicationInferenceProfile(claims);
    new ModelAccessPolicy(this, 'ClaimsAccess', {
      models: [claims],
      requireGuardrail: this.landingZone.guardrail,
      requireVpcEndpoints: this.landingZone.endpoints.runtimeEndpoints,
      roles: [this.applicationRole],
      // Deployed with the baseline by the deployment roles: only they may version it.
      onProtectedPath: true,
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
    // The library's grant, written into a managed policy rather than the role's inline default policy
    // (the HIPAA, NIST and PCI packs ask for one).
    const retrieve = new iam.ManagedPolicy(this, 'RetrieveHandbook', {
      description: 'Retrieve from the policy handbook knowledge base',
      roles: [props.baseline.applicationRole],
    });
    this.knowledgeBase.grantRetrieve(retrieve);
  }
}

export interface AgentWorkloadProps extends StackProps {
  /** The account baseline of the same account and region (created with `agentCore: true`) */
  readonly baseline: AccountBaselineStack;
}

/**
 * A team's agent on Amazon Bedrock AgentCore: a runtime in the landing zone's VPC (VPC mode, reached
 * through the AgentCore endpoints) whose role may call the approved chat model through the landing
 * zone's geography, only with the landing zone's guardrail and only through its runtime endpoint.
 */
export class AgentWorkloadStack extends Stack {
  public readonly runtime: agentcore.Runtime;
  /** The runtime's execution role, which invokes the chat model */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AgentWorkloadProps) {
    super(scope, id, props);
    const landingZone = props.baseline.landingZone;
    // The execution role is the team's own, so its model access is a managed policy (the HIPAA, NIST and PCI packs ask for one).
    const role = this.role = new iam.Role(this, 'AgentRole', {
      assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account }, ArnLike: { 'aws:SourceArn': `arn:${this.partition}:bedrock-agentcore:${this.region}:${this.account}:*` } },
      }),
      description: 'Execution role of the claims agent on AgentCore',
    });
    this.runtime = new agentcore.Runtime(this, 'ClaimsAgent', {
      runtimeName: 'claims_agent',
      description: 'Claims agent: answers with the approved chat model, through the landing zone',
      executionRole: role,
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(`${this.account}.dkr.ecr.${this.region}.amazonaws.com/claims-agent:1.0.0`),
      networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingVpc(this, {
        vpc: landingZone.endpoints.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      }),
    });
    new ModelAccessPolicy(this, 'AgentModelAccess', {
      models: [CrossRegionInferenceProfile.of(landingZone.geography, CHAT_MODEL)],
      requireGuardrail: landingZone.guardrail,
      requireVpcEndpoints: landingZone.endpoints.runtimeEndpoints,
      roles: [role],
      // The agent's spend is attributed to its team like the application role's (iamPrincipal/Team, iamPrincipal/CostCenter).
      costTags: APPLICATION_COST_TAGS,
    });
    acknowledgeRuntimeDefaults(role);
  }
}

/**
 * aws-cdk-lib's `Runtime` writes the execution permissions every runtime needs (pulling its image,
 * its logs and traces, its workload identity) as the role's default policy. Those findings are about
 * aws-cdk-lib's own scoping, not about model access, which is the managed policy above.
 */
function acknowledgeRuntimeDefaults(role: iam.Role): void {
  const stack = Stack.of(role);
  // On the role: an acknowledgement covers the construct and its children, the default policy among them.
  const policy = role;
  const inline = 'aws-cdk-lib\'s AgentCore Runtime writes its execution permissions (image pull, logs, traces, workload identity) as the ' +
    'role\'s default policy; the agent\'s model access is a managed policy (AgentModelAccess).';
  for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
    Validations.of(policy).acknowledge({ id: `${pack}::${pack}-IAMNoInlinePolicy`, reason: inline });
  }
  const logs = `arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group`;
  const wildcards: Array<[string, string]> = [
    ['*', 'ecr:GetAuthorizationToken, X-Ray trace writes and CloudWatch metrics (limited to the bedrock-agentcore namespace) accept only Resource "*".'],
    [`${logs}:*`, 'DescribeLogGroups lists the log groups of the account and region; it reads their names and settings, never log data.'],
    [`${logs}:/aws/bedrock-agentcore/runtimes/*`, 'The runtime creates its own log groups under /aws/bedrock-agentcore/runtimes/, named by its ID, which is known only after creation.'],
    [`${logs}:/aws/bedrock-agentcore/runtimes/*:log-stream:*`, 'The runtime writes one log stream per session into its own log groups, whose names AgentCore chooses at run time.'],
    [`arn:<AWS::Partition>:bedrock-agentcore:${stack.region}:${stack.account}:workload-identity-directory/default/workload-identity/*`,
      'The runtime\'s workload identity is created by AgentCore under the default directory of the account; its name is known only after creation.'],
  ];
  for (const [resource, reason] of wildcards) {
    Validations.of(policy).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`, reason });
  }
}

export interface WorkloadSpendStopProps extends StackProps {
  /** The account baseline of the same account and region, whose spend stop stops the application role */
  readonly baseline: AccountBaselineStack;
  /** The account's budget, created by the baseline of its home region */
  readonly budgetName: string;
  /** The percentage of the budget at which the workloads stop, as the baseline's stop */
  readonly stopAtPercentage: number;
  /** The roles of the workloads deployed after the baseline that invoke models: the agent's, the knowledge base's */
  readonly roles: iam.IRole[];
}

/**
 * The account's spend stop for the roles of the workloads deployed after the baseline (the agent
 * runtime's, the knowledge base's), on the same budget: when the month's Bedrock budget is spent, every
 * role that invokes models in the account stops, not only the application role. A stack of its own,
 * deployed last by the landing zone's deployment roles (the stop's roles are on the landing zone's path)
 * and protected like the baseline, so the baseline never depends on the workloads.
 */
export class WorkloadSpendStopStack extends Stack {
  public readonly spendStop: BedrockSpendStop;

  constructor(scope: Construct, id: string, props: WorkloadSpendStopProps) {
    super(scope, id, { synthesizer: new DefaultStackSynthesizer({ qualifier: LANDING_ZONE_QUALIFIER }), ...props });
    LandingZoneStackProtection.protect(this);
    this.spendStop = new BedrockSpendStop(this, 'WorkloadSpendStop', {
      budget: BedrockBudget.fromBudgetName(props.budgetName),
      roles: props.roles,
      topic: props.baseline.landingZone.notificationsTopic!,
      thresholdPercentage: props.stopAtPercentage,
    });
  }
}
