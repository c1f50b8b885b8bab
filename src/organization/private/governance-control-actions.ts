/**
 * What watches and limits the landing zone, recognized by its protection tag: the alarms and the
 * dashboard, the EventBridge rules that report setting changes, the governance topic, the spend
 * budget and its stop, the anomaly monitor, and the baseline network (its flow logs, its endpoints'
 * security groups, its route tables and its VPC). Every action listed takes one of these resource
 * types and `aws:ResourceTag` in the Service Authorization Reference (test/organization/
 * red-team-round.test.ts pins it), so an application's own alarms, rules, topics and networks
 * stay its team's.
 */
export const GOVERNANCE_CONTROL_ACTIONS = [
  // Deleted, silenced, muted, overwritten, forced to OK, retagged.
  'cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:PutMetricAlarm', 'cloudwatch:PutCompositeAlarm', 'cloudwatch:PutLogAlarm',
  'cloudwatch:PutAlarmMuteRule', 'cloudwatch:SetAlarmState', 'cloudwatch:DeleteDashboards', 'cloudwatch:PutDashboard',
  'cloudwatch:TagResource', 'cloudwatch:UntagResource',
  // Disabled, deleted, re-patterned, re-targeted (also to another account's bus).
  'events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'events:TagResource', 'events:UntagResource',
  // Deleted, re-policied, re-keyed, subscribed by an outside endpoint, its subscribers removed.
  'sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:AddPermission', 'sns:RemovePermission', 'sns:PutDataProtectionPolicy', 'sns:Subscribe',
  'sns:Unsubscribe', 'sns:TagResource', 'sns:UntagResource',
  // A subscription's filter policy that matches nothing, or its redrive, mutes the contacts without unsubscribing them (rt2 F2).
  'sns:SetSubscriptionAttributes',
  // The budget (ModifyBudget also authorizes DeleteBudget) and its stop action.
  'budgets:ModifyBudget', 'budgets:UpdateBudgetAction', 'budgets:DeleteBudgetAction', 'budgets:TagResource', 'budgets:UntagResource',
  'ce:DeleteAnomalyMonitor', 'ce:UpdateAnomalyMonitor', 'ce:DeleteAnomalySubscription', 'ce:UpdateAnomalySubscription', 'ce:TagResource', 'ce:UntagResource',
  // The baseline network: flow logs, the endpoints' security groups, a route out, a gateway, a peering, DNS switched off.
  'ec2:DeleteFlowLogs', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress', 'ec2:ModifySecurityGroupRules', 'ec2:DeleteSecurityGroup', 'ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute',
  'ec2:AssociateRouteTable', 'ec2:ReplaceRouteTableAssociation', 'ec2:DisassociateRouteTable', 'ec2:AttachInternetGateway', 'ec2:AttachVpnGateway',
  'ec2:CreateVpcPeeringConnection', 'ec2:AcceptVpcPeeringConnection', 'ec2:CreateTransitGatewayVpcAttachment', 'ec2:ModifyVpcAttribute',
  // The other ways out or in (rt2 F4, F5): an endpoint (a gateway endpoint writes its own route; PrivateLink to another account's service),
  // a new subnet (it would use the VPC's main route table, which EC2 creates untagged), routes propagated by a route server, a client VPN
  // from the internet. The rest of F5 is BASELINE_NETWORK_ACTIONS (round 3).
  'ec2:CreateVpcEndpoint', 'ec2:CreateSubnet', 'ec2:EnableRouteServerPropagation', 'ec2:AssociateClientVpnTargetNetwork',
  // rt3 F11, F14, F15: a way in from the internet that needs no route (an Instance Connect or Verified Access endpoint in a baseline
  // subnet), a network ACL that cuts the private path, and forged messages to the governance contacts (the alarms, Budgets and
  // EventBridge publish as service principals, which service control policies do not govern).
  'ec2:CreateInstanceConnectEndpoint', 'ec2:CreateVerifiedAccessEndpoint', 'ec2:ReplaceNetworkAclAssociation', 'sns:Publish',
  // rt3 F1: the spend stop's monthly reverse and reset schedules, in the stop's own tagged schedule group (schedules take no tags; the
  // IAM data gives their actions the group's aws:ResourceTag). Deleted, disabled or moved to 2099, the stop fires once and never again;
  // rewritten, it is reversed minutes after it fires. Creating one in the group as well: only the stop's own run there.
  'scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:CreateScheduleGroup', 'scheduler:DeleteScheduleGroup',
  'scheduler:TagResource', 'scheduler:UntagResource',
];

/**
 * Governed data copied out of the landing zone's tagged stores by a setting that is not a bucket
 * setting (`s3:PutBucket*` is in `ProtectGovernanceResources`) or a log-group export: another
 * bucket's replication writing into (or deleting from) the log bucket, an inventory or a metadata
 * table listing its keys elsewhere, a log group's events processed by a pipeline.
 */
export const GOVERNED_DATA_COPY_ACTIONS = [
  's3:ReplicateObject', 's3:ReplicateDelete', 's3:PutInventoryConfiguration', 's3:CreateBucketMetadataTableConfiguration',
  's3:UpdateBucketMetadataInventoryTableConfiguration', 's3:UpdateBucketMetadataJournalTableConfiguration', 'logs:ProcessWithPipeline',
  // Re-encrypting a log object under a key the caller owns, then deleting that key, destroys the evidence without a delete (rt2 F1).
  's3:UpdateObjectEncryption',
  // rt3 F22: the annotation metadata table and storage class analysis export the log objects' keys and statistics elsewhere.
  's3:UpdateBucketMetadataAnnotationTableConfiguration', 's3:PutAnalyticsConfiguration',
];

/**
 * AWS Config's recording and rules. The landing zone's Config rules carry no tag (AWS::Config::ConfigRule
 * has no Tags property) and the recorder is the account's, made by Control Tower or the platform team:
 * no tag can tell them apart, so only the deployers and the management account's access roles change them.
 */
export const CONFIG_RECORDING_ACTIONS = [
  'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:PutConfigurationRecorder', 'config:DisassociateResourceTypes',
  // The recorders of other services (Security Hub's among them) and starting one: the recorder is the platform team's (round 3).
  'config:StartConfigurationRecorder', 'config:PutServiceLinkedConfigurationRecorder', 'config:DeleteServiceLinkedConfigurationRecorder',
  'config:PutThirdPartyServiceLinkedConfigurationRecorder',
  'config:PutDeliveryChannel', 'config:DeleteDeliveryChannel', 'config:PutRetentionConfiguration',
  'config:PutConfigRule', 'config:DeleteConfigRule', 'config:DeleteEvaluationResults', 'config:PutExternalEvaluation',
  'config:PutRemediationConfigurations', 'config:DeleteRemediationConfiguration',
  // An exception switches a remediation off for the resources it names (rt2 F6).
  'config:PutRemediationExceptions',
];

/**
 * AWS Security Hub of the account: disabled, its standards and controls switched off or re-parameterized,
 * a product's findings stopped, findings updated by the member (suppressed, resolved, downgraded or
 * archived: `BatchUpdateFindings` covers both finding formats, `UpdateFindings` is the deprecated archive),
 * or the account leaving its administrator. The hub is the account's (`hub/default`), with no tag of the
 * landing zone: like Config, only the deployers and the management account's access roles change it, and
 * the findings are triaged by the security team.
 */
export const SECURITY_HUB_ACTIONS = [
  // Security Hub's second generation is disabled by actions of its own (round 3: the first list had only DisableSecurityHub).
  'securityhub:DisableSecurityHubV2', 'securityhub:DisableSecurityHubFeatureV2', 'securityhub:DisableOrganizationAdminAccount',
  'securityhub:DisableSecurityHub', 'securityhub:BatchDisableStandards', 'securityhub:UpdateStandardsControl', 'securityhub:UpdateSecurityControl',
  'securityhub:UpdateSecurityHubConfiguration', 'securityhub:DisableImportFindingsForProduct', 'securityhub:BatchUpdateFindings',
  'securityhub:UpdateFindings', 'securityhub:DisassociateFromAdministratorAccount', 'securityhub:DisassociateFromMasterAccount',
  // rt3 F3: controls disabled through the batch API, findings suppressed by automation rules (Security Hub runs them on every
  // present and future finding), and the account taken out of its administrator's configuration policy.
  'securityhub:BatchUpdateStandardsControlAssociations', 'securityhub:CreateAutomationRule', 'securityhub:BatchUpdateAutomationRules',
  'securityhub:CreateAutomationRuleV2', 'securityhub:UpdateAutomationRuleV2', 'securityhub:StartConfigurationPolicyDisassociation',
  // rt3 P2-1: the security team's rules (escalation, tickets) deleted.
  'securityhub:BatchDeleteAutomationRules', 'securityhub:DeleteAutomationRuleV2',
];

/**
 * What else records and enforces in every account, with no tag of the landing zone (rt3 F4, F6): the account's
 * trails (every detective rule matches CloudTrail's events) and CloudFormation's account-level extensions (a hook
 * of the account runs on every stack operation, the baseline's included, and can fail it or read it).
 */
export const ACCOUNT_RECORDING_ACTIONS = [
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
  'cloudformation:ActivateType', 'cloudformation:DeactivateType', 'cloudformation:RegisterType', 'cloudformation:DeregisterType',
  'cloudformation:SetTypeConfiguration', 'cloudformation:SetTypeDefaultVersion',
  // rt3 F5: the default event bus put under a key the developer holds, which then encrypts every rule's pattern: disabled, it blinds
  // every detective rule. Resource * (the statement's): a team's own bus is updated by the deployers too (docs/adr/0030).
  'events:UpdateEventBus',
];

/**
 * Account-level copies of log data that name no log group of the request (a scheduled query's results,
 * a telemetry pipeline, an S3 Tables or dataset integration): the tag of the invocation log group is
 * never seen, so only the settings admins create them (`ProtectGovernanceSettings`).
 */
export const LOG_COPY_SETTING_ACTIONS = [
  // Keys whose material the developer holds outside AWS KMS (an external key store, imported material): deleting the material makes
  // every store under the key unreadable without a delete any statement sees (rt3 F16). And the account's security contact (rt3 F13).
  'kms:CreateCustomKeyStore', 'kms:ImportKeyMaterial', 'account:PutAlternateContact', 'account:DeleteAlternateContact',
  // rt3 P2-2: the platform team's custom key stores re-pointed or disconnected, its imported material deleted (crypto-shredding).
  'kms:UpdateCustomKeyStore', 'kms:ConnectCustomKeyStore', 'kms:DisconnectCustomKeyStore', 'kms:DeleteCustomKeyStore', 'kms:DeleteImportedKeyMaterial',
  'logs:CreateScheduledQuery', 'logs:UpdateScheduledQuery', 'logs:AssociateSourceToS3TableIntegration',
  'observabilityadmin:CreateTelemetryPipeline', 'observabilityadmin:UpdateTelemetryPipeline',
  'observabilityadmin:CreateS3TableIntegration', 'observabilityadmin:CreateDatasetIntegration',
];

/**
 * Sharing a subnet through AWS RAM (`ram:RequestedResourceType` `ec2:Subnet`, which the Service Authorization
 * Reference gives these two requests and DisassociateResourceShare): a participant account creates what the
 * tag statements deny in the owner's subnets (an Instance Connect or Verified Access endpoint), with its own
 * credentials, on a subnet whose tags VPC sharing does not show it (rt3 P2-3). Deployer-only.
 */
export const SUBNET_SHARING_ACTIONS = ['ram:CreateResourceShare', 'ram:AssociateResourceShare'];

/**
 * The rest of the ways out of, or into, the baseline VPC (rt2 F5, closed in round 3, in
 * `ProtectGovernanceControls`): its DNS servers replaced by DHCP options (the one that works end to end on
 * its own: the endpoints' names resolved by a server the developer runs), address blocks added or removed,
 * the gateways a later route would use (a NAT gateway in a baseline subnet among them), new route tables, a
 * route server associated, VPN routes propagated. Each takes the VPC, a subnet or a route table, which carry
 * `aws:ResourceTag` (test/organization/red-team-round.test.ts pins it against the IAM data). The gateway
 * creations are the whole of `ec2:Create*Gateway` (ACTION_GROUPS): those that name no tagged resource
 * are not denied by a tag condition.
 */
export const BASELINE_NETWORK_ACTIONS = [
  'ec2:AssociateDhcpOptions', 'ec2:AssociateVpcCidrBlock', 'ec2:DisassociateVpcCidrBlock',
  'ec2:CreateCarrierGateway', 'ec2:CreateCustomerGateway', 'ec2:CreateEgressOnlyInternetGateway', 'ec2:CreateInternetGateway', 'ec2:CreateNatGateway',
  'ec2:CreateTransitGateway', 'ec2:CreateVpnGateway',
  'ec2:CreateLocalGatewayRouteTableVpcAssociation', 'ec2:AssociateRouteServer', 'ec2:CreateRouteTable', 'ec2:EnableVgwRoutePropagation',
];
