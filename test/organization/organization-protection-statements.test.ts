import {
  CFN_EXEC, CONTROL_PLANE, DELIVERY, DEPLOY, DEVELOPER, HOME, MEMBER, ORG_ACCESS, OUTSIDER, QUALIFIER, Request, TAG, arnFor, as, bedrockArn,
  decisions, each, role, scpsOf,
} from './organization-scps';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { decide } from '../../src/compliance/private/policy-evaluator';
import { stackIn } from '../models/fixtures';
import { PolicyDocument } from '../support/iam';

/**
 * What the statements that protect the governance deny and to whom (src/organization/statements:
 * governance-protection, governance-controls, agentcore), stated with the IAM simulator: each listed
 * change made by a workload administrator is denied, the same change by the principals the statement
 * exempts is allowed, and the application teams' own resources stay theirs. Every policy set is built
 * inside its test.
 */

describe('What enforces the governance', () => {
  const SETTINGS = [
    'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutEnforcedGuardrailConfiguration',
    'bedrock:DeleteEnforcedGuardrailConfiguration', 'bedrock:PutAccountDataRetention', 'bedrock-mantle:PutAccountDataRetention',
    'logs:PutAccountPolicy', 'logs:DeleteAccountPolicy', 'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:PutPipelineRule',
    'bedrock:PutResourcePolicy', 'bedrock-agentcore:PutResourcePolicy', 'kms:CreateCustomKeyStore', 'account:PutAlternateContact',
  ].map(action => ({ action }));
  const GATEWAY_TARGETS = ['bedrock-agentcore:CreateGatewayTarget', 'bedrock-agentcore:UpdateGatewayTarget'].map(action => ({ action }));
  const CREDENTIAL_PROVIDERS = [
    'bedrock-agentcore:CreateApiKeyCredentialProvider', 'bedrock-agentcore:CreateOauth2CredentialProvider', 'bedrock-agentcore:SetTokenVaultCMK',
  ].map(action => ({ action }));

  test('ProtectGovernanceSettings: the settings, resource policies, gateway targets and credential providers, by the settings admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    await each(scps, [...SETTINGS, ...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS], 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, [...SETTINGS, ...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS]), 'Allowed');
    await each(scps, as(CFN_EXEC, SETTINGS), 'Allowed');
  });

  test('ProtectGovernanceSettings: sharing a subnet through RAM, by the settings admins only; sharing another resource type stays open', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    const share = (resourceType: string, principal?: string): Request[] => ['ram:CreateResourceShare', 'ram:AssociateResourceShare']
      .map(action => ({ action, principal, context: { 'ram:RequestedResourceType': resourceType } }));
    await each(scps, share('ec2:Subnet'), 'ExplicitlyDenied');
    await each(scps, share('ec2:Subnet', CONTROL_PLANE), 'Allowed');
    await each(scps, share('ec2:PrefixList'), 'Allowed');
  });

  test('allowAgentCoreGatewayTargets opens the gateway targets only; governAgentCore: false opens the credential providers too', async () => {
    const targetsAllowed = scpsOf({ allowAgentCoreGatewayTargets: true });
    await each(targetsAllowed, GATEWAY_TARGETS, 'Allowed');
    await each(targetsAllowed, CREDENTIAL_PROVIDERS, 'ExplicitlyDenied');
    await each(scpsOf({ governAgentCore: false }), [...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS], 'Allowed');
  });

  test('DenyProjectDataRetention: a project\'s own retention mode by the settings admins only', async () => {
    const scps = scpsOf({ allowOpenAiCompatibleEndpoint: true });
    const project = (action: string, mode?: string, principal?: string): Request => ({
      action, principal, context: mode ? { 'bedrock-mantle:DataRetentionMode': mode } : {},
    });
    expect(await decisions(scps, {
      create: project('bedrock-mantle:CreateProject', 'none'),
      update: project('bedrock-mantle:UpdateProject', 'default'),
      withoutMode: project('bedrock-mantle:CreateProject'),
      controlPlane: project('bedrock-mantle:UpdateProject', 'none', CONTROL_PLANE),
    })).toEqual({ create: 'ExplicitlyDenied', update: 'ExplicitlyDenied', withoutMode: 'Allowed', controlPlane: 'Allowed' });
  });

  test('ProtectExemptRoles: every change of an exempt role, the landing zone\'s managed policies and the spend stop\'s policies, by the role admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    const roleActions = [
      'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
      'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:TagRole', 'iam:UntagRole',
    ].map(action => ({ action, resource: role('bedrock-landing-zone/Borrowed') }));
    const policyActions = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'];
    const policies = policyActions.flatMap(action => [
      { action, resource: `arn:aws:iam::${MEMBER}:policy/bedrock-landing-zone/Delivery` }, { action, resource: `arn:aws:iam::${MEMBER}:policy/BedrockSpendStop-claims` },
    ]);
    await each(scps, [...roleActions, ...policies], 'ExplicitlyDenied');
    await each(scps, as(DEPLOY, [...roleActions, ...policies]), 'Allowed');
    await each(scps, policyActions.map(action => ({ action, resource: `arn:aws:iam::${MEMBER}:policy/claims-app` })), 'Allowed');
  });

  test('DenyPassingExemptRoles: an exempt role is passed by the role admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    expect(await decisions(scps, {
      execution: { action: 'iam:PassRole', resource: CFN_EXEC },
      controlPlane: { action: 'iam:PassRole', resource: CONTROL_PLANE },
      byDeployRole: { action: 'iam:PassRole', resource: CFN_EXEC, principal: DEPLOY },
      app: { action: 'iam:PassRole', resource: role('app-role') },
    })).toEqual({ execution: 'ExplicitlyDenied', controlPlane: 'ExplicitlyDenied', byDeployRole: 'Allowed', app: 'Allowed' });
  });

  test('ProtectGovernanceResources: every listed change of a tagged resource, by the admins only; untagged resources stay their team\'s', async () => {
    const scps = scpsOf();
    const on = (service: string, type: string) => arnFor(`${service}:x`, type);
    const key = on('kms', 'key');
    const group = `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`;
    const endpoint = on('ec2', 'vpc-endpoint');
    const bucket = `arn:aws:s3:::bedrock-landing-zone-invocation-logs-${MEMBER}-${HOME}`;
    const appRole = role('claims-app');
    const guardrail = bedrockArn('guardrail/abc123');
    const stack = `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/Baseline/0f0e0d0c`;
    const fn = `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`;
    const changes: Request[] = [
      ...['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:TagResource', 'kms:UntagResource']
        .map(action => ({ action, resource: key })),
      ...['logs:PutSubscriptionFilter', 'logs:CreateExportTask', 'logs:IntegrateWithS3Table', 'logs:IntegrateWithDataset', 'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:PutTransformer', 'logs:PutDataProtectionPolicy',
        'logs:PutSyslogConfiguration', 'logs:PutBearerTokenAuthentication', 'logs:TagResource', 'logs:UntagResource'].map(action => ({ action, resource: group })),
      ...['ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:CreateTags', 'ec2:DeleteTags'].map(action => ({ action, resource: endpoint })),
      ...['s3:PutBucketPolicy', 's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:TagResource',
        's3:UntagResource', 's3:PutReplicationConfiguration'].map(action => ({ action, resource: bucket })),
      ...['iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole'].map(action => ({ action, resource: appRole })),
      // Not bedrock:PutResourcePolicy: ProtectGovernanceSettings denies it on every resource to all but the settings admins.
      ...['bedrock:DeleteGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteResourcePolicy',
        'bedrock:TagResource', 'bedrock:UntagResource'].map(action => ({ action, resource: guardrail })),
      ...['cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack',
        'cloudformation:ContinueUpdateRollback', 'cloudformation:RollbackStack', 'cloudformation:CancelUpdateStack', 'cloudformation:SetStackPolicy',
        'cloudformation:TagResource', 'cloudformation:UntagResource', 'cloudformation:CreateStackRefactor', 'cloudformation:ExecuteStackRefactor']
        .map(action => ({ action, resource: stack })),
      ...['lambda:UpdateFunctionCode', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunction', 'lambda:InvokeFunction', 'lambda:AddPermission',
        'lambda:CreateFunctionUrlConfig', 'lambda:TagResource', 'lambda:UntagResource'].map(action => ({ action, resource: fn })),
    ];
    const tagged = (requests: Request[]) => requests.map(r => ({ ...r, context: { [TAG]: 'true' } }));
    await each(scps, tagged(changes), 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, tagged(changes)), 'Allowed');
    await each(scps, as(DEPLOY, tagged(changes)), 'Allowed');
    await each(scps, changes, 'Allowed');
  });

  test('DenyAssumingDeploymentRoles: with a qualifier only; its roles by the bootstrap roles', async () => {
    const assume = (principal?: string) => ({ action: 'sts:AssumeRole', resource: DEPLOY, principal });
    expect(await decisions(scpsOf({ cdkBootstrapQualifier: QUALIFIER }), { developer: assume(), orgAccess: assume(ORG_ACCESS) })).toEqual({
      developer: 'ExplicitlyDenied', orgAccess: 'Allowed',
    });
    expect(await decisions(scpsOf(), { developer: assume() })).toEqual({ developer: 'Allowed' });
  });

  test('ProtectDeploymentAssets: the asset bucket, its objects, deploymentAssetBucketNames and the repository, by the publishers and admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER, deploymentAssetBucketNames: ['pinned-assets', 'lz-assets-*'] });
    const assets = `cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}`;
    const objects = (bucket: string) => ['s3:PutObject', 's3:ReplicateObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl']
      .map(action => ({ action, resource: `arn:aws:s3:::${bucket}/asset.zip` }));
    const buckets = (bucket: string) => ['s3:PutEncryptionConfiguration', 's3:PutReplicationConfiguration', 's3:PutBucketPolicy', 's3:DeleteBucket',
      's3:PutLifecycleConfiguration', 's3:CreateBucket'].map(action => ({ action, resource: `arn:aws:s3:::${bucket}` }));
    const repository = `arn:aws:ecr:${HOME}:${MEMBER}:repository/cdk-${QUALIFIER}-container-assets-${MEMBER}-${HOME}`;
    const images = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy',
      'ecr:DeleteRepositoryPolicy'].map(action => ({ action, resource: repository }));
    const protectedAssets = [...objects(assets), ...buckets(assets), ...objects('pinned-assets'), ...buckets('pinned-assets'), ...objects('lz-assets-eu'), ...images];
    await each(scps, protectedAssets, 'ExplicitlyDenied');
    await each(scps, as(DEPLOY, protectedAssets), 'Allowed');
    await each(scps, [...objects('claims-data'), ...buckets('claims-data')], 'Allowed');
  });

  test('ProtectDeploymentAssets: a bucket name that starts with * still gets its objects; without a qualifier no CDK asset bucket is fenced', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER, deploymentAssetBucketNames: ['*-pinned-assets'] });
    expect(await decisions(scps, {
      object: { action: 's3:PutObject', resource: 'arn:aws:s3:::claims-pinned-assets/asset.zip' },
      bucket: { action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::claims-pinned-assets' },
    })).toEqual({ object: 'ExplicitlyDenied', bucket: 'ExplicitlyDenied' });
    const cdkAssets = `arn:aws:s3:::cdk-hnb659fds-assets-${MEMBER}-${HOME}`;
    expect(await decisions(scpsOf(), {
      object: { action: 's3:PutObject', resource: `${cdkAssets}/asset.zip` },
      bucket: { action: 's3:PutBucketPolicy', resource: cdkAssets },
      image: { action: 'ecr:PutImage', resource: `arn:aws:ecr:${HOME}:${MEMBER}:repository/cdk-hnb659fds-container-assets-${MEMBER}-${HOME}` },
    })).toEqual({ object: 'Allowed', bucket: 'Allowed', image: 'Allowed' });
  });

  test('ProtectInvocationLogStreams: the invocation log streams are written, created and deleted by the delivery roles only', async () => {
    const scps = scpsOf();
    const streams = (group: string) => ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:DeleteLogStream']
      .map(action => ({ action, resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:${group}:log-stream:s1` }));
    await each(scps, streams('/bedrock-landing-zone/model-invocations'), 'ExplicitlyDenied');
    await each(scps, as(DELIVERY, streams('/bedrock-landing-zone/model-invocations')), 'Allowed');
    await each(scps, streams('/claims/app'), 'Allowed');
  });
});

describe('What watches and limits the landing zone', () => {
  test('ProtectGovernanceControls, DenyGovernedDataCopies, ProtectConfigRecording: by the admins only; tagged where the request shows a tag', async () => {
    const scps = scpsOf();
    const bucket = `arn:aws:s3:::bedrock-landing-zone-invocation-logs-${MEMBER}-${HOME}`;
    const taggedOnly: Request[] = [
      { action: 'cloudwatch:DeleteAlarms', resource: arnFor('cloudwatch:DeleteAlarms') },
      { action: 'ec2:AssociateDhcpOptions', resource: arnFor('ec2:x', 'vpc') },
      { action: 's3:PutInventoryConfiguration', resource: bucket },
    ];
    const untaggable: Request[] = [{ action: 'config:StopConfigurationRecorder' }, { action: 'securityhub:BatchUpdateFindings' }, { action: 'cloudtrail:StopLogging' }];
    const tagged = taggedOnly.map(r => ({ ...r, context: { [TAG]: 'true' } }));
    await each(scps, [...tagged, ...untaggable], 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, [...tagged, ...untaggable]), 'Allowed');
    await each(scps, as(ORG_ACCESS, [...tagged, ...untaggable]), 'Allowed');
    await each(scps, taggedOnly, 'Allowed');
  });
});

describe('AgentCore', () => {
  const AWS_TOOLS: Request[] = [
    ...['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:UpdateBrowserStream', 'bedrock-agentcore:SaveBrowserSessionProfile']
      .map(action => ({ action, resource: `arn:aws:bedrock-agentcore:${HOME}:aws:browser/aws.browser.v1`, resourceAccount: MEMBER })),
    ...['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter']
      .map(action => ({ action, resource: `arn:aws:bedrock-agentcore:${HOME}:aws:code-interpreter/aws.codeinterpreter.v1` })),
  ];
  const OWN_TOOLS: Request[] = AWS_TOOLS.map(r => ({ ...r, resource: r.resource!.replace(':aws:', `:${MEMBER}:`).replace('aws.browser.v1', 'claims-browser').replace('aws.codeinterpreter.v1', 'claims-ci') }));
  const WEB: Request[] = ['bedrock-agentcore:InvokeWebSearch', 'bedrock-websearch:InvokeSearch', 'bedrock-websearch:InvokeFetch', 'bedrock-websearch:ExternalWebAccess']
    .map(action => ({ action }));
  const NETWORK = ['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime', 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:CreateBrowser'];
  const IN_VPC = { 'bedrock-agentcore:subnets': ['subnet-0aaa'], 'bedrock-agentcore:securityGroups': ['sg-0aaa'] };
  /**
   * bedrock-agentcore:GatewayAuthorizerType is documented on CreateGateway and UpdateGateway, but the IAM data the simulator
   * reads attaches it to no action (test/organization/perimeter.test.ts): the pack's own evaluator answers for the gateways.
   */
  const gatewayDecisions = (scps: PolicyDocument[]) => {
    const statements = scps.flatMap(p => statementsOf(p, new StackIndex(stackIn(HOME))));
    return ['CreateGateway', 'UpdateGateway'].flatMap(action => ['NONE', 'none', 'CUSTOM_JWT'].map(type => [action, type, decide(statements, {
      action: `bedrock-agentcore:${action}`,
      resource: action === 'CreateGateway' ? '*' : `arn:aws:bedrock-agentcore:${HOME}:${MEMBER}:gateway/tools-abc123`,
      context: {
        'aws:RequestedRegion': HOME,
        'aws:PrincipalArn': DEVELOPER,
        'aws:PrincipalAccount': MEMBER,
        'aws:ViaAWSService': 'false',
        'bedrock-agentcore:GatewayAuthorizerType': type,
      },
    })]));
  };
  const HARNESS: Request[] = ['bedrock-agentcore:CreateHarness', 'bedrock-agentcore:UpdateHarness'].map(action => ({ action }));
  const memory = (account?: string): Request => ({
    action: 'bedrock-agentcore:CreateMemory', context: account ? { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${account}:key/k1` } : {},
  });
  const PAYMENTS: Request[] = [{ action: 'bedrock-agentcore:CreatePaymentManager' }, { action: 'bedrock-agentcore:ProcessPayment' }];

  test('governed: AWS\'s tools, web access, no VPC, no authorizer, harnesses, memory without the account\'s key and payments are denied', async () => {
    const scps = scpsOf();
    await each(scps, [
      ...AWS_TOOLS, ...WEB, ...NETWORK.map(action => ({ action })), ...HARNESS, memory(), memory(OUTSIDER), ...PAYMENTS,
      // Round 4 (rt3 F23): memories are created by the deployers only, whatever key they name.
      memory(MEMBER),
    ], 'ExplicitlyDenied');
    await each(scps, [...OWN_TOOLS, ...NETWORK.map(action => ({ action, context: IN_VPC }))], 'Allowed');
    // The deployers create a memory under a key of the account, and not under another account's key.
    await each(scps, [{ ...memory(MEMBER), principal: CFN_EXEC }], 'Allowed');
    await each(scps, [{ ...memory(OUTSIDER), principal: CFN_EXEC }], 'ExplicitlyDenied');
    expect(gatewayDecisions(scps)).toEqual([
      ['CreateGateway', 'NONE', 'explicit-deny'], ['CreateGateway', 'none', 'explicit-deny'], ['CreateGateway', 'CUSTOM_JWT', 'explicit-deny'],
      ['UpdateGateway', 'NONE', 'explicit-deny'], ['UpdateGateway', 'none', 'explicit-deny'], ['UpdateGateway', 'CUSTOM_JWT', 'explicit-deny'],
    ]);
  });

  test('allowAgentCoreBuiltInTools opens AWS\'s tools and web access; allowAgentCorePayments opens payments; governAgentCore: false opens all', async () => {
    await each(scpsOf({ allowAgentCoreBuiltInTools: true }), [...AWS_TOOLS, ...WEB], 'Allowed');
    await each(scpsOf({ allowAgentCoreBuiltInTools: true }), PAYMENTS, 'ExplicitlyDenied');
    await each(scpsOf({ allowAgentCorePayments: true }), PAYMENTS, 'Allowed');
    await each(scpsOf({ allowAgentCorePayments: true }), AWS_TOOLS, 'ExplicitlyDenied');
    const ungoverned = scpsOf({ governAgentCore: false });
    await each(ungoverned, [...AWS_TOOLS, ...WEB, ...NETWORK.map(action => ({ action })), ...HARNESS, memory(), ...PAYMENTS], 'Allowed');
    expect(gatewayDecisions(ungoverned).map(([, type, decision]) => [type, decision])).toEqual([
      ['NONE', 'implicit-deny'], ['none', 'implicit-deny'], ['CUSTOM_JWT', 'implicit-deny'], ['NONE', 'implicit-deny'], ['none', 'implicit-deny'],
      ['CUSTOM_JWT', 'implicit-deny'],
    ]);
  });
});
