// Service prefixes, as in inference-doors.ts.
const BEDROCK = 'bedrock';
const AGENTCORE = 'bedrock-agentcore';

/**
 * Wildcards that stand for exactly the actions listed (pinned against the Service Authorization
 * Reference by test/models/inference-doors.test.ts), so that a Deny of organization policies, whose
 * size AWS limits, can name a group in one entry. Only for Deny statements: an Allow must not reach an
 * action added to the service later.
 */
export const ACTION_GROUPS: Array<{ readonly wildcard: string; readonly actions: string[] }> = [
  ...[
    { wildcard: 'InvokeModel*', actions: ['InvokeModel', 'InvokeModelWithResponseStream'] },
    { wildcard: 'InvokeDataAutomation*', actions: ['InvokeDataAutomation', 'InvokeDataAutomationAsync', 'InvokeDataAutomationLibraryIngestionJob'] },
    { wildcard: 'InvokeBlueprint*', actions: ['InvokeBlueprintOptimizationAsync', 'InvokeBlueprintRecommendationAsync'] },
    { wildcard: 'StartAutomatedReasoningPolicy*', actions: ['StartAutomatedReasoningPolicyBuildWorkflow', 'StartAutomatedReasoningPolicyTestWorkflow'] },
    { wildcard: 'Create*EvaluationJob', actions: ['CreateEvaluationJob', 'CreateModelEvaluationJob'] },
    { wildcard: 'CreateCustomModel*', actions: ['CreateCustomModel', 'CreateCustomModelDeployment'] },
  ].map(({ wildcard, actions }) => ({ wildcard: `${BEDROCK}:${wildcard}`, actions: actions.map(a => `${BEDROCK}:${a}`) })),
  // Create and Update, not Delete ("...lete") or Get: the organization policies' budget is spent on what they deny (docs/adr/0028).
  ...[
    // Round 4 (docs/adr/0030): the runtime, gateway and memory requests that carry what the statements judge.
    { wildcard: '*ateAgentRuntime', actions: ['CreateAgentRuntime', 'UpdateAgentRuntime'] },
    { wildcard: '*ateGateway', actions: ['CreateGateway', 'UpdateGateway'] },
    { wildcard: '*ateGatewayTarget', actions: ['CreateGatewayTarget', 'UpdateGatewayTarget'] },
    { wildcard: '*ateMemory', actions: ['CreateMemory', 'UpdateMemory'] },
    { wildcard: '*ateOnlineEvaluationConfig', actions: ['CreateOnlineEvaluationConfig', 'UpdateOnlineEvaluationConfig'] },
    {
      wildcard: '*ate*CredentialProvider',
      actions: ['CreateApiKeyCredentialProvider', 'UpdateApiKeyCredentialProvider', 'CreateOauth2CredentialProvider', 'UpdateOauth2CredentialProvider',
        'CreatePaymentCredentialProvider', 'UpdatePaymentCredentialProvider'],
    },
  ].map(({ wildcard, actions }) => ({ wildcard: `${AGENTCORE}:${wildcard}`, actions: actions.map(a => `${AGENTCORE}:${a}`) })),
  // What enforces the governance, for the deployer-only statements (docs/adr/0028). Put and Delete, not Describe (whose name ends in "Policies").
  { wildcard: 'logs:*AccountPolicy', actions: ['logs:PutAccountPolicy', 'logs:DeleteAccountPolicy'] },
  { wildcard: 'logs:*ResourcePolicy', actions: ['logs:PutResourcePolicy', 'logs:DeleteResourcePolicy'] },
  // Round 4 (docs/adr/0030): Create and Update, not Delete or Get; a parameter deleted alone or in a batch; a stream made or removed.
  { wildcard: 'ssm:DeleteParameter*', actions: ['ssm:DeleteParameter', 'ssm:DeleteParameters'] },
  { wildcard: 'logs:*LogStream', actions: ['logs:CreateLogStream', 'logs:DeleteLogStream'] },
  { wildcard: 'logs:*ateScheduledQuery', actions: ['logs:CreateScheduledQuery', 'logs:UpdateScheduledQuery'] },
  { wildcard: 'observabilityadmin:*ateTelemetryPipeline', actions: ['observabilityadmin:CreateTelemetryPipeline', 'observabilityadmin:UpdateTelemetryPipeline'] },
  { wildcard: 'observabilityadmin:Create*Integration', actions: ['observabilityadmin:CreateS3TableIntegration', 'observabilityadmin:CreateDatasetIntegration'] },
  { wildcard: 'iam:*agRole', actions: ['iam:TagRole', 'iam:UntagRole'] },
  { wildcard: 'iam:*RolePermissionsBoundary', actions: ['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'] },
  // Not Get (read) nor SetDefault, which is listed on its own.
  { wildcard: 'iam:*ePolicyVersion', actions: ['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion'] },
  { wildcard: 'ecr:*LayerUpload', actions: ['ecr:InitiateLayerUpload', 'ecr:CompleteLayerUpload'] },
  { wildcard: 'config:*DeliveryChannel', actions: ['config:PutDeliveryChannel', 'config:DeleteDeliveryChannel'] },
  {
    wildcard: 'config:*ConfigurationRecorder',
    actions: ['config:StartConfigurationRecorder', 'config:StopConfigurationRecorder', 'config:PutConfigurationRecorder', 'config:DeleteConfigurationRecorder',
      'config:PutServiceLinkedConfigurationRecorder', 'config:DeleteServiceLinkedConfigurationRecorder', 'config:PutThirdPartyServiceLinkedConfigurationRecorder'],
  },
  {
    wildcard: 'securityhub:Disable*',
    actions: ['securityhub:DisableSecurityHub', 'securityhub:DisableSecurityHubV2', 'securityhub:DisableSecurityHubFeatureV2',
      'securityhub:DisableImportFindingsForProduct', 'securityhub:DisableOrganizationAdminAccount'],
  },
  // The tag statements: tagging, the endpoints' security group rules, routes, alarms, targets, permissions.
  ...['cloudwatch', 'events', 'sns', 'budgets', 'ce', 's3', 'bedrock', 'cloudformation', 'lambda', 'kms', 'scheduler']
    .map(service => ({ wildcard: `${service}:*agResource`, actions: [`${service}:TagResource`, `${service}:UntagResource`] })),
  { wildcard: 'ec2:AuthorizeSecurityGroup*', actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress'] },
  { wildcard: 'ec2:RevokeSecurityGroup*', actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'] },
  { wildcard: 'ec2:*eRoute', actions: ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'] },
  { wildcard: 'ec2:*VpcCidrBlock', actions: ['ec2:AssociateVpcCidrBlock', 'ec2:DisassociateVpcCidrBlock'] },
  {
    wildcard: 'ec2:Create*Gateway',
    actions: ['ec2:CreateCarrierGateway', 'ec2:CreateCustomerGateway', 'ec2:CreateEgressOnlyInternetGateway', 'ec2:CreateInternetGateway', 'ec2:CreateNatGateway',
      'ec2:CreateTransitGateway', 'ec2:CreateVpnGateway'],
  },
  { wildcard: 'cloudwatch:Put*Alarm', actions: ['cloudwatch:PutMetricAlarm', 'cloudwatch:PutCompositeAlarm', 'cloudwatch:PutLogAlarm'] },
  { wildcard: 'events:*Targets', actions: ['events:PutTargets', 'events:RemoveTargets'] },
  { wildcard: 'sns:*Permission', actions: ['sns:AddPermission', 'sns:RemovePermission'] },
  {
    wildcard: 'securityhub:*ateAutomationRule*',
    actions: ['securityhub:CreateAutomationRule', 'securityhub:BatchUpdateAutomationRules', 'securityhub:CreateAutomationRuleV2', 'securityhub:UpdateAutomationRuleV2'],
  },
  { wildcard: 'securityhub:*eteAutomationRule*', actions: ['securityhub:BatchDeleteAutomationRules', 'securityhub:DeleteAutomationRuleV2'] },
  {
    wildcard: 'kms:*CustomKeyStore',
    actions: ['kms:CreateCustomKeyStore', 'kms:UpdateCustomKeyStore', 'kms:ConnectCustomKeyStore', 'kms:DisconnectCustomKeyStore', 'kms:DeleteCustomKeyStore'],
  },
  { wildcard: 'cloudformation:*ateType', actions: ['cloudformation:ActivateType', 'cloudformation:DeactivateType'] },
  { wildcard: 'cloudformation:*egisterType', actions: ['cloudformation:RegisterType', 'cloudformation:DeregisterType'] },
  { wildcard: 'cloudformation:SetType*', actions: ['cloudformation:SetTypeConfiguration', 'cloudformation:SetTypeDefaultVersion'] },
  // Every write of EventBridge Scheduler but tagging (Create, Update, Delete of schedules and groups); not Get or List, whose names
  // hold no "te" (rt3 F1, the spend stop's schedules).
  {
    wildcard: 'scheduler:*te*',
    actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:CreateScheduleGroup', 'scheduler:DeleteScheduleGroup'],
  },
  { wildcard: 'iam:*eRole', actions: ['iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateRole'] },
  { wildcard: 'iam:*tachRolePolicy', actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'] },
  { wildcard: 'iam:*eRolePolicy', actions: ['iam:DeleteRolePolicy', 'iam:UpdateAssumeRolePolicy'] },
  // Other services' generative features.
  { wildcard: 'cloudwatch:GenerateQuery*', actions: ['cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary'] },
  { wildcard: 'cloudtrail:GenerateQuery*', actions: ['cloudtrail:GenerateQuery', 'cloudtrail:GenerateQueryResultsSummary'] },
  { wildcard: 'lex:Start*Generation', actions: ['lex:StartBotResourceGeneration', 'lex:StartTestSetGeneration'] },
  { wildcard: 'securityhub:DisassociateFrom*', actions: ['securityhub:DisassociateFromAdministratorAccount', 'securityhub:DisassociateFromMasterAccount'] },
];

/** The actions, with every group of ACTION_GROUPS they hold whole replaced by its wildcard (for Deny statements). */
export function compactActions(actions: string[]): string[] {
  let result = [...actions];
  for (const group of ACTION_GROUPS) {
    if (!group.actions.every(a => result.includes(a))) continue;
    const at = result.indexOf(group.actions[0]);
    result = result.filter(a => !group.actions.includes(a));
    result.splice(Math.min(at, result.length), 0, group.wildcard);
  }
  return result;
}
