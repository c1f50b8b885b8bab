/**
 * The price table behind the bench's idle-cost estimates.
 *
 * Source: AWS public list prices for us-east-1 (N. Virginia), on the pages named per entry, as of
 * November 2026 (the project's reference notes, "What things cost at idle"). Other regions may cost
 * more; the bench prices every region at us-east-1 rates and says so. Usage charges (tokens, GB processed, requests, storage) are zero at
 * idle and are listed only for reference.
 *
 * Update this file when prices change: the estimates in bench/RESULTS.md are recomputed from the
 * synthesized templates on every run.
 */
export const PRICES_AS_OF = '2026-11';
export const PRICES_REGION = 'us-east-1';

/** Hours in a month, as AWS pricing pages count them */
export const HOURS_PER_MONTH = 730;

/** One entry of the price table. */
export interface Price {
  /** US dollars per unit */
  readonly usd: number;
  /** What one unit is */
  readonly unit: string;
  /** Where the price comes from */
  readonly source: string;
}

export const PRICES = {
  interfaceEndpointAzHour: {
    usd: 0.01,
    unit: 'interface VPC endpoint, per availability zone, per hour',
    source: 'https://aws.amazon.com/privatelink/pricing/',
  },
  interfaceEndpointDataGb: {
    usd: 0.01,
    unit: 'GB processed by an interface endpoint (usage, zero at idle)',
    source: 'https://aws.amazon.com/privatelink/pricing/',
  },
  kmsKeyMonth: {
    usd: 1,
    unit: 'customer-managed KMS key, per month (requests are usage)',
    source: 'https://aws.amazon.com/kms/pricing/',
  },
  openSearchOcuHour: {
    usd: 0.24,
    unit: 'OpenSearch Serverless OCU (indexing or search), per hour',
    source: 'https://aws.amazon.com/opensearch-service/pricing/',
  },
  s3VectorsStorageGbMonth: {
    usd: 0.06,
    unit: 'S3 Vectors storage, per GB-month (usage, zero at idle)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  logsIngestGb: {
    usd: 0.5,
    unit: 'CloudWatch Logs ingestion, per GB (usage, zero at idle)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  logsStorageGbMonth: {
    usd: 0.03,
    unit: 'CloudWatch Logs storage, per GB-month (usage, zero at idle)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  alarmMetricMonth: {
    usd: 0.1,
    unit: 'CloudWatch alarm, per standard-resolution metric it watches, per month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  compositeAlarmMonth: {
    usd: 0.5,
    unit: 'CloudWatch composite alarm, per month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  dashboardMonth: {
    usd: 3,
    unit: 'CloudWatch dashboard, per month (the first three of an account are free; the bench counts every one)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  s3StandardGbMonth: {
    usd: 0.023,
    unit: 'S3 Standard storage, per GB-month (usage, zero at idle)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
} as const satisfies Record<string, Price>;

/**
 * The capacity floor of an OpenSearch Serverless vector collection while idle, in OCUs: one for
 * indexing and one for search with redundancy (standby replicas) on, half of each with it off.
 * Collections encrypted with the same KMS key in an account and region share one floor.
 * Source: Amazon OpenSearch Serverless developer guide, "Managing capacity limits", and
 * https://aws.amazon.com/opensearch-service/pricing/ (as of 2026-11).
 */
export const OPENSEARCH_OCU_FLOOR = { standbyReplicas: 2, noStandbyReplicas: 1 } as const;

/**
 * Resource types that cost nothing while nobody calls a model: no hourly or monthly charge, only
 * usage (requests, GB stored or processed, tokens). Any type in neither this list nor the priced
 * types of bench/cost.ts is reported as "not priced" in bench/RESULTS.md.
 */
export const FREE_AT_IDLE: Record<string, string> = {
  'AWS::IAM::Role': 'no charge',
  'AWS::IAM::ManagedPolicy': 'no charge',
  'AWS::IAM::Policy': 'no charge',
  'AWS::KMS::Alias': 'no charge',
  'AWS::S3::Bucket': 'storage and requests only (empty at idle)',
  'AWS::S3::BucketPolicy': 'no charge',
  'AWS::Logs::LogGroup': 'ingestion and storage only (nothing logged at idle)',
  'AWS::Logs::ResourcePolicy': 'no charge',
  'AWS::Logs::DeliverySource': 'vended-log delivery is billed per GB delivered',
  'AWS::Logs::DeliveryDestination': 'vended-log delivery is billed per GB delivered',
  'AWS::Logs::Delivery': 'vended-log delivery is billed per GB delivered',
  'AWS::EC2::VPC': 'no charge',
  'AWS::EC2::Subnet': 'no charge',
  'AWS::EC2::RouteTable': 'no charge',
  'AWS::EC2::Route': 'no charge',
  'AWS::EC2::SubnetRouteTableAssociation': 'no charge',
  'AWS::EC2::SecurityGroup': 'no charge',
  'AWS::EC2::SecurityGroupIngress': 'no charge',
  'AWS::EC2::SecurityGroupEgress': 'no charge',
  'AWS::EC2::FlowLog': 'billed as log ingestion (no traffic at idle)',
  'AWS::Lambda::Function': 'requests and duration only',
  'AWS::Lambda::Permission': 'no charge',
  'AWS::Lambda::LayerVersion': 'no charge beyond its code storage',
  'AWS::Bedrock::Guardrail': 'billed per text unit evaluated',
  'AWS::Bedrock::GuardrailVersion': 'billed per text unit evaluated',
  'AWS::Bedrock::EnforcedGuardrailConfiguration': 'billed per text unit evaluated',
  'AWS::Bedrock::ApplicationInferenceProfile': 'billed per token of on-demand calls',
  'AWS::Bedrock::KnowledgeBase': 'no charge for the knowledge base; embedding tokens and the store are billed by use',
  'AWS::Bedrock::DataSource': 'embedding tokens at ingestion only',
  'AWS::S3Vectors::VectorBucket': 'storage, writes and queries only (no idle floor)',
  'AWS::S3Vectors::VectorBucketPolicy': 'no charge',
  'AWS::S3Vectors::Index': 'storage, writes and queries only (no idle floor)',
  'AWS::OpenSearchServerless::SecurityPolicy': 'no charge (the collection is priced)',
  'AWS::OpenSearchServerless::AccessPolicy': 'no charge (the collection is priced)',
  'AWS::OpenSearchServerless::Index': 'no charge (the collection is priced)',
  'AWS::Organizations::Policy': 'no charge',
  'AWS::CloudFormation::StackSet': 'no charge',
  'AWS::CDK::Metadata': 'not deployed as a billable resource',
  'AWS::SNS::Topic': 'requests and deliveries only',
  'AWS::SNS::TopicPolicy': 'no charge',
  'AWS::SNS::Subscription': 'deliveries only',
  'AWS::Events::Rule': 'no charge for events AWS services publish (CloudTrail management events included)',
  'AWS::Config::ConfigRule': 'per rule evaluation; a change-triggered rule evaluates only when a recorded resource changes',
  'AWS::Budgets::Budget': 'no charge; a budget with actions is free for the first 62 action-enabled budget-days a month, ' +
    'then $0.10 a day (AWS Price List, AWSBudgets)',
  'AWS::Budgets::BudgetsAction': 'no charge (the budget is priced)',
  'AWS::CE::AnomalyMonitor': 'no charge',
  'AWS::CE::AnomalySubscription': 'no charge',
  'AWS::Scheduler::Schedule': 'invocations only (a reset a month)',
};
