import { compactActions } from '../../catalogue/action-groups';
import {
  AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS, AGENTCORE_GATEWAY_TARGET_ACTIONS, AGENTCORE_MEMORY_ACTIONS, GOVERNANCE_SETTING_ACTIONS,
} from '../../catalogue/inference-doors';
import { AGENT_SERVICE_ACTIONS } from '../../catalogue/other-services';
import { PROTECTED_LOG_GROUP_PREFIX, PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE, SPEND_STOP_POLICY_PREFIX } from '../../core/protected-resources';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';
import { LOG_COPY_SETTING_ACTIONS, SUBNET_SHARING_ACTIONS } from '../private/governance-control-actions';
import { statementClass } from '../private/statement-record';

export const GOVERNANCE_PROTECTION_STATEMENTS = statementClass({
  title: 'What enforces the governance',
  summary: 'The off-switches (the governance settings), what they depend on (the tagged resources), the exempt roles and the code the ' +
    'deployment roles run are changed only by the deployment roles: an exemption by name cannot be borrowed.',
  statements: [
    {
      sid: 'ProtectGovernanceSettings',
      denies: 'changing or deleting the invocation logging, enforced guardrail and data retention settings (both endpoints), CloudWatch Logs ' +
        'account policies (account-wide transformers and data protection), CloudWatch Logs resource policies (which let a service such as ' +
        'EventBridge write to any log group; ask the platform team for one) and pipeline rules, scheduled queries, telemetry pipelines and ' +
        'S3 Tables and dataset integrations of the account\'s logs (they name no log group, so the invocation logs\' tag is never seen), Bedrock and AgentCore resource policies, and ' +
        '(under `governAgentCore`, unless `allowAgentCoreGatewayTargets`) AgentCore gateway targets, and (under `governAgentCore`) AgentCore ' +
        'credential providers (OAuth2, API key and payment) and the token vault\'s key and creating or updating AgentCore memory, AWS KMS custom ' +
        'key stores and imported key material, the account\'s alternate contacts, and sharing a subnet through AWS RAM (`ram:RequestedResourceType` of ' +
        'a subnet; a share created without resources and an account added to a share too, whose requests carry no type), and (unless ' +
        '`allowGenerativeFeaturesOfOtherServices`) every action of the services that are an AI agent (Amazon Q, Q Developer, the DevOps, FinOps, ' +
        'Security and Connect Health agents, AI Operations, AWS Transform and its custom transformations, SageMaker\'s data science assistant), except by the control-plane role (IAM path ' +
        '`/bedrock-landing-zone/`), the CloudFormation execution roles of `cdkBootstrapQualifier` (of any qualifier when it is not set), the ' +
        'StackSets execution roles and `configurationAdminRoleArnPatterns`',
      why: 'these are the off-switches; whoever can deploy with an exempt execution role can still change them, so the deployment roles are the ' +
        'boundary: name a qualifier of their own. Resource policies can admit other accounts to governed data, and no condition key shows whom; ' +
        'a gateway target can be a server outside AWS, and no condition key tells it from a function of the account; a credential provider ' +
        'hands agents tokens for an identity provider outside AWS, and no condition key names the provider; a memory\'s self-managed strategy ' +
        'pushes every conversation event to a topic and bucket that no condition key shows; a shared subnet takes the endpoints the tag ' +
        'statements deny in the owner\'s account to the participant\'s; an agent service runs models with its service-linked role, which no ' +
        'policy restricts, and the platform team must be able to delete what exists',
      build: c => ({
        // CloudWatch Logs account policies (transformers, data protection) rewrite every log group's events.
        // CloudWatch Logs resource policies let a service (EventBridge, ...) write to any log group, the invocation logs included.
        actions: compactActions([
          ...GOVERNANCE_SETTING_ACTIONS, 'logs:PutAccountPolicy', 'logs:DeleteAccountPolicy', 'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy',
          'logs:PutPipelineRule',
          // Resource policies can admit other accounts to governed data, and no condition key shows whom.
          'bedrock:PutResourcePolicy', 'bedrock-agentcore:PutResourcePolicy',
          // A gateway target can be a server outside AWS, and no condition key tells it from a function of the account.
          ...c.settings.governAgentCore && !c.settings.props.allowAgentCoreGatewayTargets ? AGENTCORE_GATEWAY_TARGET_ACTIONS : [],
          // Copies of the account's logs that name no log group, so the invocation log group's tag is never seen.
          ...LOG_COPY_SETTING_ACTIONS,
          // The token vault's credentials for identity providers and services outside AWS, and its key (round 3); a memory's
          // self-managed strategy, which delivers every event to a topic and bucket the request does not show (round 4, rt3 F23).
          ...c.settings.governAgentCore ? [...AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS, ...AGENTCORE_MEMORY_ACTIONS] : [],
          // A baseline subnet shared with another account, where the endpoints the tag statements deny can be made (round 4, rt3 P2-3).
          ...SUBNET_SHARING_ACTIONS,
          // The services that are an agent, whole (unless allowGenerativeFeaturesOfOtherServices): the platform team can still delete what
          // exists when the policy is attached (round 4, rt4 R4-9).
          ...c.settings.props.allowGenerativeFeaturesOfOtherServices ? [] : AGENT_SERVICE_ACTIONS,
        ]),
        // These actions accept only "*": the configuration is an account and region setting.
        resources: ['*'],
        conditions: {
          ArnNotLike: { 'aws:PrincipalArn': c.exempt.settingsAdmins },
          // Only RAM's requests carry the key: every other action of the statement is denied whatever it holds.
          StringEqualsIfExists: { 'ram:RequestedResourceType': 'ec2:Subnet' },
        },
      }),
    },

    /** A project's data retention mode wins over the account's. */
    {
      sid: 'DenyProjectDataRetention',
      appliesWhen: 'with `allowOpenAiCompatibleEndpoint: true`',
      denies: 'creating or updating a project of the OpenAI-compatible endpoint with a data retention mode of its own, except by the settings admins',
      why: 'a project\'s mode wins over the account\'s, which `ProtectGovernanceSettings` keeps to the deployment roles',
      applies: s => s.openAiGoverned,
      build: c => ({
        actions: ['bedrock-mantle:CreateProject', 'bedrock-mantle:UpdateProject'],
        resources: ['*'],
        conditions: {
          Null: { 'bedrock-mantle:DataRetentionMode': 'false' },
          ArnNotLike: { 'aws:PrincipalArn': c.exempt.settingsAdmins },
        },
      }),
    },

    /**
     * Every exempt and admin name is protected against creation and change, except by the role admins, and
     * so are the landing zone's managed policies (path `/bedrock-landing-zone/`).
     */
    {
      sid: 'ProtectExemptRoles',
      denies: 'creating, deleting or changing a role whose path or name is exempt or trusted (`/bedrock-landing-zone/*`, the delivery path, the ' +
        'CDK execution and deploy roles, with `cdkBootstrapQualifier` every CDK role of that qualifier, `stacksets-exec-*`, ' +
        '`OrganizationAccountAccessRole`, `AWSControlTowerExecution`, `deploymentPrincipalArnPatterns`, `configurationAdminRoleArnPatterns`), ' +
        'and new versions or deletion of the managed policies on the path `/bedrock-landing-zone/` (the delivery role\'s, the spend stops\', the ' +
        'landing zone\'s model access policies) and of the spend stop\'s ' +
        'deny policies (`BedrockSpendStop-*`), except by the role admins',
      why: 'an exemption by name can otherwise be borrowed by creating a role with that name; managed policies cannot be tagged, and a new ' +
        'default version of the delivery policy would stop delivery to CloudWatch Logs silently, and one of the spend stop\'s deny policy would ' +
        'make the stop deny nothing',
      build: c => ({
        actions: compactActions([
          'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
          'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:TagRole', 'iam:UntagRole',
          // The landing zone's managed policies (the delivery role's) cannot be tagged: they are protected by their path.
          'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy',
        ]),
        resources: [
          ...new Set([...c.exempt.allAdmins, ...c.exempt.trustedNames]), c.exempt.logDeliveryRoles,
          `arn:${c.partition}:iam::*:policy${LANDING_ZONE_ROLE_PATH}*`,
          // The spend stop's deny policy (root path, no tags): a version that denies nothing makes the stop a no-op (rt2 F3).
          `arn:${c.partition}:iam::*:policy/${SPEND_STOP_POLICY_PREFIX}*`,
        ],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.roleAdmins } },
      }),
    },

    {
      sid: 'DenyPassingExemptRoles',
      denies: '`iam:PassRole` of the landing zone\'s roles (the control plane\'s, the spend stops\' and the invocation log delivery roles, ' +
        'paths `/bedrock-landing-zone*`), the execution and StackSets roles, the qualifier\'s CDK roles and the deployment principals, ' +
        'except by the role admins',
      why: 'a passed role lends its exemption to a new function or stack; the spend stop\'s reset role handed to a schedule of the ' +
        'developer\'s reverses the stop, and the delivery role handed to another Bedrock feature writes into the protected log group',
      build: c => ({
        actions: ['iam:PassRole'],
        resources: c.exempt.unpassableRoles,
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.roleAdmins } },
      }),
    },

    {
      sid: 'ProtectGovernanceResources',
      tagScoped: true,
      denies: `disabling, deleting, re-policying or copying out what the governance depends on, recognized by the tag \`${PROTECTED_TAG_KEY} = ` +
        `${PROTECTED_TAG_VALUE}\` that the landing zone sets (and \`BedrockOrganizationPolicies.protect\` puts on a StackSet): the log key ` +
        '(disable, schedule deletion, key policy, grants), the log group (delete, retention, key, transformers, subscription filters, export ' +
        'tasks, S3 Tables and dataset integrations), the log buckets (delete, policy, lifecycle, versioning, encryption, ABAC, replication, ' +
        'access logging, Object Lock, notifications), the delivery role (policies, trust, boundary), the private endpoints (policy, deletion), ' +
        'the control-plane function and the restore\'s (code, configuration, invocation, permissions added or removed, concurrency, function URLs), the landing zone\'s guardrail ' +
        'and its key (delete, update, new versions, resource policy), the stack that holds the landing zone (update, change sets, delete, ' +
        'rollback, stack policy, refactoring), and the tag itself, except by the settings and role admins',
      why: 'without the key, the log group or the bucket, logging is off even though the setting is on; a change set runs as the stack\'s ' +
        'CloudFormation role, which is exempt, without `iam:PassRole`. The log buckets have ABAC on (`AbacStatus: Enabled`): S3 evaluates ' +
        'bucket tags in policies only then',
      build: c => ({
        actions: compactActions([
          'kms:Disable*', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:TagResource', 'kms:UntagResource',
          // Copies of the invocation logs: streamed to another account's destination, exported, integrated elsewhere.
          'logs:PutSubscriptionFilter', 'logs:CreateExportTask', 'logs:IntegrateWithS3Table', 'logs:IntegrateWithDataset',
          // The baseline's private endpoints: their policies keep outside credentials and unapproved models off the private path.
          'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:CreateTags', 'ec2:DeleteTags',
          // Deleted (the group, its streams, retention, filters, transformers), retention cut, key changed, fed, re-tagged.
          'logs:Delete*', 'logs:PutRetentionPolicy', 'logs:*KmsKey', 'logs:PutTransformer', 'logs:PutDataProtectionPolicy', 'logs:PutSyslogConfiguration',
          'logs:PutBearerTokenAuthentication', 'logs:Tag*', 'logs:Untag*',
          // Every bucket setting (policy, versioning, ABAC, tags, logging, object lock, notifications, ACLs, ...) and deletion.
          's3:PutBucket*', 's3:DeleteBucket*', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:TagResource', 's3:UntagResource',
          's3:PutReplicationConfiguration',
          'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy',
          // Not iam:PassRole: the stack's tag reaches application roles of the stack too, which their teams pass to functions.
          'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole',
          'bedrock:DeleteGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:PutResourcePolicy', 'bedrock:DeleteResourcePolicy',
          'bedrock:TagResource', 'bedrock:UntagResource',
          // The stack that holds the landing zone: a change set reuses its CloudFormation role, which is exempt.
          'cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack',
          'cloudformation:ContinueUpdateRollback', 'cloudformation:RollbackStack', 'cloudformation:CancelUpdateStack', 'cloudformation:SetStackPolicy',
          'cloudformation:TagResource', 'cloudformation:UntagResource',
          // Refactoring moves resources out of the protected stack without updating it.
          'cloudformation:CreateStackRefactor', 'cloudformation:ExecuteStackRefactor',
          // Code, configuration, concurrency, invocation (a crafted event), URLs and permissions of the control-plane function; a
          // permission removed as well as added (rt4 R4-4: the restore's rules then invoke a function they may not).
          'lambda:Update*', 'lambda:Put*', 'lambda:Delete*', 'lambda:Invoke*', 'lambda:*Permission', 'lambda:CreateFunctionUrlConfig',
          'lambda:TagResource', 'lambda:UntagResource',
        ]),
        resources: ['*'],
        conditions: {
          StringEquals: { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: PROTECTED_TAG_VALUE },
          ArnNotLike: { 'aws:PrincipalArn': c.exempt.allAdmins },
        },
      }),
    },

    /**
     * CloudFormation and StackSets use the deployment roles as services, which these policies do not
     * restrict; a member principal that could assume them would borrow their exemption.
     */
    {
      sid: 'DenyAssumingDeploymentRoles',
      appliesWhen: 'with `cdkBootstrapQualifier`',
      denies: 'assuming the qualifier\'s CDK roles or the StackSets execution roles, except by `OrganizationAccountAccessRole`, ' +
        '`AWSControlTowerExecution` and `deploymentPrincipalArnPatterns`',
      why: 'CDK\'s roles trust the whole account by default: without this, any administrator of a member account could deploy a stack that ' +
        'creates an exempt role and switches logging off. CloudFormation and StackSets use these roles as services, which service control ' +
        'policies do not restrict. Without a qualifier, every qualifier is exempt and the account\'s CDK bootstrap is the boundary',
      applies: s => s.props.cdkBootstrapQualifier !== undefined,
      build: c => ({
        actions: ['sts:AssumeRole'],
        resources: c.exempt.deploymentRoles,
        conditions: { ArnNotLike: { 'aws:PrincipalArn': [...c.exempt.bootstrapAdmins, ...c.exempt.deploymentPrincipals] } },
      }),
    },

    {
      sid: 'ProtectDeploymentAssets',
      appliesWhen: 'with `cdkBootstrapQualifier`',
      denies: 'writing, replicating or deleting objects in the qualifier\'s CDK asset bucket and in `deploymentAssetBucketNames`, changing ' +
        'their settings, emptying them by a lifecycle rule, deleting them or creating a bucket of such a name, pushing images to the ' +
        'qualifier\'s repository or changing its policy, and writing or deleting the qualifier\'s bootstrap parameters (`/cdk-bootstrap/<qualifier>/`), except by its publishing roles, the role admins and `deploymentPrincipalArnPatterns`',
      why: 'the exempt roles deploy what is there: an object written under the next asset\'s hash would be deployed as it is, and a bucket of ' +
        'such a name claimed in a new region would hand its code to the baseline\'s exempt roles; a bootstrap version rewritten fails every ' +
        'later deployment of the account\'s baselines, which the organization\'s policies wait for',
      applies: s => s.props.cdkBootstrapQualifier !== undefined,
      build: c => ({
        actions: compactActions([
          // Every write of an object, its ACL, tags, retention, legal hold and annotations; every bucket setting (encryption, replication,
          // inventory and analytics exports); emptied by a lifecycle rule; deleted, or its name claimed (here or by another member account).
          // Round 4: each of these wildcards names writes only (test/organization/red-team-round.test.ts).
          's3:PutObject*', 's3:ReplicateObject', 's3:DeleteObject*', 's3:Put*Configuration', 's3:PutBucket*', 's3:DeleteBucket*', 's3:CreateBucket',
          'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy',
          'ecr:DeleteRepositoryPolicy',
          // The bootstrap version every template of the qualifier checks: a lower value or none fails each later deployment of the
          // account's baselines before any resource, and so holds back the organization's policies, which wait for them (rt4 R4-3).
          'ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:DeleteParameters',
        ]),
        resources: [
          `arn:${c.partition}:s3:::cdk-${c.settings.qualifier}-assets-*`,
          `arn:${c.partition}:ssm:*:*:parameter/cdk-bootstrap/${c.settings.qualifier}/*`,
          // A pattern that ends in * matches its objects too.
          ...(c.settings.props.deploymentAssetBucketNames ?? [])
            .flatMap(name => (name.endsWith('*') ? [name] : [name, `${name}/*`]).map(r => `arn:${c.partition}:s3:::${r}`)),
          `arn:${c.partition}:ecr:*:*:repository/cdk-${c.settings.qualifier}-container-assets-*`,
        ],
        conditions: {
          ArnNotLike: { 'aws:PrincipalArn': [...c.exempt.assetPublishers, ...c.exempt.roleAdmins, ...c.exempt.deploymentPrincipals] },
        },
      }),
    },

    /** By role ARN, not by tag: a principal's tags can come from a session or an identity provider. */
    {
      sid: 'ProtectInvocationLogStreams',
      appliesWhen: 'always (lifting it is for upgrades from a release before 1.0.0, and synth warns)',
      denies: `writing to a log group under \`${PROTECTED_LOG_GROUP_PREFIX}\` or creating or deleting its streams, except by a role on the ` +
        'delivery roles\' path `/bedrock-landing-zone-log-delivery/` (which `ProtectExemptRoles` keeps to the deployment roles)',
      why: 'forged log lines would hide what was invoked. By role ARN, not by tag: a principal\'s tags can come from a session or an identity provider',
      liftedBy: { protectInvocationLogStreams: false },
      build: c => ({
        actions: compactActions(['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:DeleteLogStream']),
        resources: [`arn:${c.partition}:logs:*:*:log-group:${PROTECTED_LOG_GROUP_PREFIX}*`],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.logDeliveryRoles } },
      }),
    },
  ],
});
