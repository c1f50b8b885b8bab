import {
  Stack, StackProps, Stage, StageProps, Validations, aws_events as events, aws_events_targets as targets, aws_lambda as lambda, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Capability, DeploymentType, RegionConcurrencyType, StackSet, StackSetStack, StackSetTarget, StackSetTemplate } from 'cdk-stacksets';
import { Construct } from 'constructs';
import { AccountBaselineStack } from './landing-zone';
import {
  APPROVED_MODELS, ASSET_BUCKET_PREFIX, EMBEDDING_MODEL, GOVERNANCE_CONTACTS, HOME_REGION, LANDING_ZONE_QUALIFIER, ORGANIZATION_ID, ORGANIZATION_ROOT,
  STACKSET_BUDGET, STACKSET_REGIONS, WORKLOADS_OU,
} from './settings';
import {
  BedrockLandingZone, BedrockOrganizationPolicies, FoundationModel, Geography, GovernanceNotifications, GovernanceProfile, GovernanceSignalSource,
  Guardrail, GuardrailPreset, LandingZoneSpendSettings, LandingZoneStackProtection, OrganizationGuardrailPolicy, ServiceTier,
} from '../../src';

/**
 * The management account's stack: service control policies from the same approved-model list, and
 * one service-managed StackSet per governed region that rolls the account baseline out to every
 * account of the workloads OU, including accounts that join later (auto-deployment).
 */
export class OrganizationStack extends Stack {
  public readonly policies: BedrockOrganizationPolicies;
  public readonly stackSets: StackSet[] = [];

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.policies = new BedrockOrganizationPolicies(this, 'BedrockPolicies', {
      approvedModels: APPROVED_MODELS,
      geographies: [Geography.US, Geography.EU],
      targetIds: [WORKLOADS_OU],
      // The statements that protect only the landing zone's tagged resources sit on the root: the OU keeps a slot free.
      protectionTargetIds: [ORGANIZATION_ROOT],
      // Every invocation carries a guardrail of its own account (embedding models excepted).
      requireGuardrail: true,
      // Bedrock is denied where no baseline logs and filters it.
      governedRegions: STACKSET_REGIONS.map(r => r.region),
      // Only the baselines' own CDK roles are exempt, and no workload principal may assume them.
      cdkBootstrapQualifier: LANDING_ZONE_QUALIFIER,
      // Reserved capacity is a commitment the platform team has not made: every other tier is allowed.
      allowedServiceTiers: [ServiceTier.PRIORITY, ServiceTier.DEFAULT, ServiceTier.FLEX],
      // The regional buckets the StackSets' handler code comes from: no member account may claim or write them.
      deploymentAssetBucketNames: [`${ASSET_BUCKET_PREFIX}-*`],
    });

    for (const { region, profiles } of STACKSET_REGIONS) {
      // The baseline's handler asset is published to the region's asset bucket, where every account of
      // the organization can read it.
      const assetBucket = s3.Bucket.fromBucketName(this, `AssetBucket-${region}`, `${ASSET_BUCKET_PREFIX}-${region}`);
      const baseline = new StackSetStack(this, `Baseline-${region}`, { assetBuckets: [assetBucket], assetBucketPrefix: ASSET_BUCKET_PREFIX });
      BedrockLandingZone.governRegion(baseline, region);
      LandingZoneStackProtection.protect(baseline);
      new BedrockLandingZone(baseline, 'LandingZone', {
        profiles,
        approvedModels: APPROVED_MODELS,
        organizationId: ORGANIZATION_ID,
        // The organization enforces the management account's guardrail on the workloads OU (OrganizationGuardrailStack).
        guardrailEnforcedByOrganization: true,
        // Config rules and setting-change alerts in every account, beside the preventive baseline (docs/adr/0017).
        detectiveControls: true,
        // Budgets belong to the account: the home region's StackSet creates it in every account of the OU, the others name it.
        spend: region === HOME_REGION ? STACKSET_BUDGET : { existingBudgetName: STACKSET_BUDGET.budgetName },
        notifications: { emails: GOVERNANCE_CONTACTS },
      });
      this.stackSets.push(new StackSet(this, `BaselineStackSet-${region}`, {
        stackSetName: `bedrock-landing-zone-baseline-${region}`,
        description: `Governed Amazon Bedrock baseline for every account of the workloads OU in ${region}`,
        template: StackSetTemplate.fromStackSetStack(baseline),
        target: StackSetTarget.fromOrganizationalUnits({ regions: [region], organizationalUnits: [WORKLOADS_OU] }),
        deploymentType: DeploymentType.serviceManaged({ autoDeployEnabled: true, autoDeployRetainStacks: true }),
        capabilities: [Capability.IAM],
        // The policies are in place before the rollout (deployBefore): an account whose instance fails (a workload
        // administrator who took a name the new baseline needs) stays on its previous baseline, protected, while the
        // others are updated. With the default tolerance of 0 it would fail the StackSet and roll the policies back for
        // every account. Failed instances are listed after each rollout (docs/upgrading/1.0.0.md).
        operationPreferences: {
          failureTolerancePercentage: 100,
          maxConcurrentPercentage: 100,
          regionConcurrencyType: RegionConcurrencyType.PARALLEL,
        },
      }));
      // CloudFormation passes the stack set's tags on to every stack instance and its resources: the
      // workload admin can neither update nor delete the baseline, nor re-policy its endpoints.
      BedrockOrganizationPolicies.protect(this.stackSets[this.stackSets.length - 1]);
    }
    // The policies go first: a control a release adds is protected from the moment it exists (docs/adr/0031).
    this.policies.deployBefore(...this.stackSets);
    this.reportFailedStackInstances();
    this.acknowledgeAssetPublishing();
  }

  /**
   * The StackSets tolerate failed accounts, so a failed stack instance fails no deployment: it is
   * reported to the platform team instead. An account left on its previous baseline (a name the new
   * baseline needs taken in advance, a quota filled) would otherwise go unseen (red team R4-12).
   * CloudFormation sends the instance's status events to the account and region that administer the
   * StackSets: this stack's.
   */
  private reportFailedStackInstances(): void {
    const notifications = new GovernanceNotifications(this, 'PlatformNotifications', {
      emails: GOVERNANCE_CONTACTS,
      sources: [GovernanceSignalSource.EVENTBRIDGE],
    });
    new events.Rule(this, 'FailedBaselineStackInstances', {
      description: 'A baseline StackSet could not update an account: it stays on its previous baseline until the platform team acts',
      eventPattern: {
        source: ['aws.cloudformation'],
        detailType: ['CloudFormation StackSet StackInstance Status Change'],
        detail: {
          'stack-set-arn': [{ prefix: this.formatArn({ service: 'cloudformation', resource: 'stackset', resourceName: 'bedrock-landing-zone-baseline-' }) }],
          'status-details': { 'detailed-status': ['FAILED', 'CANCELLED', 'INOPERABLE', 'FAILED_IMPORT'] },
        },
      },
      targets: [new targets.SnsTopic(notifications.topic)],
    });
  }

  /**
   * cdk-stacksets publishes the baseline's handler asset to the regional asset buckets with
   * aws-cdk-lib's BucketDeployment, a function that runs only while this stack deploys. What can be
   * set on it is set (reserved concurrency); the rest is acknowledged here, with the reason.
   */
  private acknowledgeAssetPublishing(): void {
    const publisher = this.node.children.find(c => c.node.id.startsWith('Custom::CDKBucketDeployment')) as lambda.SingletonFunction | undefined;
    if (!publisher) return;
    (publisher.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = 1;
    const bucket = (name: string) => `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${name}/*]`;
    const copyOnly = 'The asset publisher (aws-cdk-lib BucketDeployment) copies the baseline\'s handler bundle from the CDK asset bucket to the ' +
      'regional StackSet asset buckets while this stack deploys; these are the S3 actions and objects that copy needs, nothing else.';
    const deployTime = 'The asset publisher runs only while the management stack deploys and handles only the handler bundle, no ' +
      'application data: a VPC, a dead-letter queue or X-Ray add nothing to protect.';
    const frameworkOwned = 'The asset publisher is aws-cdk-lib code (BucketDeployment); its role policy and runtime are set by aws-cdk-lib ' +
      'and scoped to the asset buckets.';
    Validations.of(publisher).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: frameworkOwned },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']
        .map(action => ({ id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`, reason: copyOnly })),
      { id: bucket(`cdk-hnb659fds-assets-${this.account}-${this.region}`), reason: copyOnly },
      ...STACKSET_REGIONS.map(({ region }) => ({ id: bucket(`${ASSET_BUCKET_PREFIX}-${region}`), reason: copyOnly })),
      { id: 'AwsSolutions::AwsSolutions-L1', reason: frameworkOwned },
      ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(pack => ({ id: `${pack}::${pack}-IAMNoInlinePolicy`, reason: frameworkOwned })),
      ...['HIPAA.Security', 'NIST.800.53.R5'].map(pack => ({ id: `${pack}::${pack}-LambdaDLQ`, reason: deployTime })),
      ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(pack => ({ id: `${pack}::${pack}-LambdaInsideVPC`, reason: deployTime })),
      { id: 'cdk-validator-cfnguard::lambda_inside_vpc_check', reason: deployTime },
    );
  }
}

/**
 * The management account's guardrail for one region, enforced by AWS Organizations on every Bedrock
 * call of every account of the workloads OU in that region (an Amazon Bedrock policy): one guardrail
 * instead of one account-wide configuration per account. Embedding calls carry no text to filter.
 */
export class OrganizationGuardrailStack extends Stack {
  public readonly guardrail: Guardrail;
  public readonly policy: OrganizationGuardrailPolicy;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.guardrail = new Guardrail(this, 'Guardrail', {
      guardrailName: 'organization-guardrail',
      description: 'Enforced by the organization on every Amazon Bedrock call of the workloads OU',
      presets: [GuardrailPreset.BASELINE, GuardrailPreset.PCI_DSS, GuardrailPreset.HIPAA],
    });
    this.policy = new OrganizationGuardrailPolicy(this, 'OrganizationGuardrail', {
      guardrail: this.guardrail,
      organizationId: ORGANIZATION_ID,
      rootId: ORGANIZATION_ROOT,
      targetIds: [WORKLOADS_OU],
      excludedModels: [FoundationModel.of(EMBEDDING_MODEL)],
    });
  }
}

export interface BaselineStageProps extends StageProps {
  readonly profiles: GovernanceProfile[];
  /** The account's budget, spend stop and anomaly detection */
  readonly spend?: LandingZoneSpendSettings;
}

/**
 * The same baseline as a CDK stage, for teams that deploy through a pipeline (CDK Pipelines, or any
 * tool that deploys a stage's stacks).
 */
export class BaselineStage extends Stage {
  public readonly baseline: AccountBaselineStack;

  constructor(scope: Construct, id: string, props: BaselineStageProps) {
    super(scope, id, props);
    this.baseline = new AccountBaselineStack(this, 'Baseline', { profiles: props.profiles, spend: props.spend });
  }
}
