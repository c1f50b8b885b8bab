import { compactActions } from '../../catalogue/action-groups';
import { AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS, AGENTCORE_GATEWAY_TARGET_ACTIONS, GOVERNANCE_SETTING_ACTIONS } from '../../catalogue/inference-doors';
import { PROTECTED_LOG_GROUP_PREFIX, PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE, SPEND_STOP_POLICY_PREFIX } from '../../core/protected-resources';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';
import { LOG_COPY_SETTING_ACTIONS } from '../private/governance-control-actions';
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
        'credential providers (OAuth2, API key and payment) and the token vault\'s key, AWS KMS custom key stores and imported key material, ' +
        'and the account\'s alternate contacts, except by the control-plane role (IAM path ' +
        '`/bedrock-landing-zone/`), the CloudFormation execution roles of `cdkBootstrapQualifier` (of any qualifier when it is not set), the ' +
        'StackSets execution roles and `configurationAdminRoleArnPatterns`',
      why: 'these are the off-switches; whoever can deploy with an exempt execution role can still change them, so the deployment roles are the ' +
        'boundary: name a qualifier of their own. Resource policies can admit other accounts to governed data, and no condition key shows whom; ' +
        'a gateway target can be a server outside AWS, and no condition key tells it from a function of the account; a credential provider ' +
        'hands agents tokens for an identity provider outside AWS, and no condition key names the provider',
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
          // The token vault's credentials for identity providers and services outside AWS, and its key (round 3).
          ...c.settings.governAgentCore ? AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS : [],
        ]),
        // These actions accept only "*": the configuration is an account and region setting.
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.settingsAdmins } },
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
        'the control-plane function (code, configuration, invocation, permissions, concurrency, function URLs), the landing zone\'s guardrail ' +
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
          // Code, configuration, concurrency, invocation (a crafted event), URLs and permissions of the control-plane function.
          'lambda:Update*', 'lambda:Put*', 'lambda:Delete*', 'lambda:Invoke*', 'lambda:AddPermission', 'lambda:CreateFunctionUrlConfig',
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
        'their settings, emptying them by a lifecycle rule, deleting them or creating a bucket of such a name, and pushing images to the ' +
        'qualifier\'s repository or changing its policy, except by its publishing roles, the role admins and `deploymentPrincipalArnPatterns`',
      why: 'the exempt roles deploy what is there: an object written under the next asset\'s hash would be deployed as it is, and a bucket of ' +
        'such a name claimed in a new region would hand its code to the baseline\'s exempt roles',
      applies: s => s.props.cdkBootstrapQualifier !== undefined,
      build: c => ({
        actions: compactActions([
          's3:PutObject', 's3:ReplicateObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutEncryptionConfiguration',
          's3:PutReplicationConfiguration',
          // Every bucket setting; emptied by a lifecycle rule; deleted, or its name claimed (here or by another member account).
          's3:PutBucket*', 's3:DeleteBucket*', 's3:PutLifecycleConfiguration', 's3:CreateBucket',
          'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy',
          'ecr:DeleteRepositoryPolicy',
        ]),
        resources: [
          `arn:${c.partition}:s3:::cdk-${c.settings.qualifier}-assets-*`,
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
        actions: ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:DeleteLogStream'],
        resources: [`arn:${c.partition}:logs:*:*:log-group:${PROTECTED_LOG_GROUP_PREFIX}*`],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.logDeliveryRoles } },
      }),
    },
  ],
});
