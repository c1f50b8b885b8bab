import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { ACCOUNT, REGION, cloudTrailEvent } from './cloudtrail-events';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { BedrockDataRetention, DataRetentionMode } from '../../src/data-retention';
import { BedrockDetectiveControls, BedrockSettingRestoreProps } from '../../src/detective';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { IModelInvocationLogging, ModelInvocationLogging } from '../../src/logging';
import { GovernanceNotifications } from '../../src/monitoring';
import { errorOf } from '../support/errors';
import { EventPattern, matchesEventPattern } from '../support/event-pattern';
import { TemplatePolicies, evaluate, resolveCfn } from '../support/iam';
import { checkCompliance, describeAcknowledgements } from '../support/nag';

type Restored = 'logging' | 'retention';

function synth(restored: Restored[] = ['logging', 'retention']) {
  const app = new App();
  const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
  const notifications = new GovernanceNotifications(stack, 'Notifications');
  const logging = new ModelInvocationLogging(stack, 'Logging');
  const retention = new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
  const restoreSettings: BedrockSettingRestoreProps = {
    invocationLogging: restored.includes('logging') ? logging : undefined,
    dataRetention: restored.includes('retention') ? retention : undefined,
  };
  const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: notifications.topic, configRules: false, restoreSettings });
  const template = Template.fromStack(stack);
  return { app, stack, controls, logging, template, json: template.toJSON() as { Resources: Record<string, any> } };
}

const full = synth();
const resources = full.json.Resources;
const idOf = (type: string, prefix: string) => {
  const ids = Object.keys(resources).filter(id => resources[id].Type === type && id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${ids.join(', ')}`);
  return ids[0];
};
const deliveryRoleId = idOf('AWS::IAM::Role', 'LoggingDeliveryRole');
const ENV = {
  region: REGION,
  accountId: ACCOUNT,
  refs: { [idOf('AWS::S3::Bucket', 'LoggingLogBucket')]: 'lz-logs' },
  getAtts: {
    [`${deliveryRoleId}.Arn`]: `arn:aws:iam::${ACCOUNT}:role/bedrock-landing-zone-log-delivery/delivery`,
    [`${idOf('AWS::Logs::LogGroup', 'DetectiveSettingRestoreLogs')}.Arn`]: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:restore-logs:*`,
    // The roles the restore rules leave alone, as the events below name them (landingZoneRole).
    ...Object.fromEntries(['BedrockLandingZoneControlPlaneProviderCustomResourceProviderRole', 'DetectiveSettingRestoreRole'].map(prefix =>
      [`${idOf('AWS::IAM::Role', prefix)}.Arn`, `arn:aws:iam::${ACCOUNT}:role/bedrock-landing-zone/Baseline-${prefix}-1A2B3C4D5E6F`])),
  },
};

/** The restore rules' patterns as deployed (the role prefix resolved), by rule construct ID. */
function restorePatterns(json: { Resources: Record<string, any> }): Map<string, EventPattern> {
  return new Map(Object.entries(json.Resources)
    .filter(([id, r]) => r.Type === 'AWS::Events::Rule' && id.startsWith('DetectiveSettingRestore'))
    .map(([id, r]) => [id.replace(/^DetectiveSettingRestore/, '').replace(/[0-9A-F]{8}$/, ''), resolveCfn(r.Properties.EventPattern, ENV)]));
}
const patterns = restorePatterns(full.json);
const triggered = (event: unknown) => [...patterns.entries()].filter(([, p]) => matchesEventPattern(p, event)).map(([id]) => id);
const alertPattern = resolveCfn(resources[idOf('AWS::Events::Rule', 'DetectiveBedrockSettingChanges')].Properties.EventPattern, ENV);

// Callers as CloudTrail's userIdentity element records them (CloudTrail User Guide, "CloudTrail userIdentity
// element", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html:
// Root, IAMUser, and AssumedRole, whose sessionContext.sessionIssuer.arn is "the ARN of the source ... role" that
// issued the credentials; a role's ARN carries its path, arn:aws:iam::123456789012:role/application_abc/component_xyz/...,
// IAM User Guide, "IAM identifiers"). userIdentity.arn of an assumed role (arn:aws:sts::...:assumed-role/NAME/SESSION)
// does not: the pattern reads the issuer.
function assumedRole(roleArn: string): Record<string, unknown> {
  const name = roleArn.split('/').pop()!;
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${name}-session`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEKEY',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: roleArn, accountId: ACCOUNT, userName: name },
      attributes: { creationDate: '2026-12-07T01:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}
const ROOT = {
  type: 'Root',
  principalId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAROOTKEY',
  sessionContext: { attributes: { creationDate: '2026-12-07T01:00:00Z', mfaAuthenticated: 'true' } },
};
const IAM_USER = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/break-glass`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAEXAMPLEKEY',
  userName: 'break-glass',
};
/** The landing zone's own roles, with the path and name the template gives them. */
function landingZoneRole(logicalIdPrefix: string): Record<string, unknown> {
  const rolePath = resources[idOf('AWS::IAM::Role', logicalIdPrefix)].Properties.Path;
  return assumedRole(`arn:aws:iam::${ACCOUNT}:role${rolePath}Baseline-${logicalIdPrefix}-1A2B3C4D5E6F`);
}
const CONTROL_PLANE_ROLE = landingZoneRole('BedrockLandingZoneControlPlaneProviderCustomResourceProviderRole');
const RESTORE_ROLE = landingZoneRole('DetectiveSettingRestoreRole');
const EXEMPT_ADMIN = assumedRole(`arn:aws:iam::${ACCOUNT}:role/PlatformBreakGlass`);

const bedrock = (name: string, userIdentity?: Record<string, unknown>, extra: { denied?: boolean } = {}) =>
  cloudTrailEvent('bedrock.amazonaws.com', name, { userIdentity, ...extra });

describe('the restore rules fire on changes made outside the landing zone', () => {
  test('one rule per restored setting', () => {
    expect([...patterns.keys()].sort()).toEqual(['RestoreDataRetention', 'RestoreInvocationLogging']);
  });

  test.each([
    ['PutModelInvocationLoggingConfiguration', 'an exempt administrator role', 'RestoreInvocationLogging', EXEMPT_ADMIN],
    ['DeleteModelInvocationLoggingConfiguration', 'an exempt administrator role', 'RestoreInvocationLogging', EXEMPT_ADMIN],
    ['DeleteModelInvocationLoggingConfiguration', 'an IAM Identity Center administrator', 'RestoreInvocationLogging', undefined],
    ['DeleteModelInvocationLoggingConfiguration', 'the root user (no session issuer)', 'RestoreInvocationLogging', ROOT],
    ['PutModelInvocationLoggingConfiguration', 'an IAM user (no session issuer)', 'RestoreInvocationLogging', IAM_USER],
    ['PutModelInvocationLoggingConfiguration', 'a role on a look-alike path /bedrock-landing-zone-log-delivery/',
      'RestoreInvocationLogging', assumedRole(`arn:aws:iam::${ACCOUNT}:role/bedrock-landing-zone-log-delivery/delivery`)],
    // rt4 R4-2: a role admin (OrganizationAccountAccessRole) may create a role on the landing zone's path, a settings admin of the SCPs.
    ['DeleteModelInvocationLoggingConfiguration', 'another role on the landing zone\'s path (rt4 R4-2)', 'RestoreInvocationLogging',
      assumedRole(`arn:aws:iam::${ACCOUNT}:role/bedrock-landing-zone/break-glass-2`)],
    ['PutAccountDataRetention', 'another role on the landing zone\'s path (rt4 R4-2)', 'RestoreDataRetention',
      assumedRole(`arn:aws:iam::${ACCOUNT}:role/bedrock-landing-zone/break-glass-2`)],
    ['PutAccountDataRetention', 'an exempt administrator role', 'RestoreDataRetention', EXEMPT_ADMIN],
    ['PutAccountDataRetention', 'the root user', 'RestoreDataRetention', ROOT],
  ])('%s by %s triggers %s, and only it; the alert is still published', (name, _who, rule, identity) => {
    const event = bedrock(name, identity);
    expect(triggered(event)).toEqual([rule]);
    expect(matchesEventPattern(alertPattern, event)).toBe(true);
  });
});

describe('the restore rules never fire on the landing zone\'s own writes, nor on what changed nothing', () => {
  test.each([
    ['PutModelInvocationLoggingConfiguration', 'the control-plane function (a deployment)', CONTROL_PLANE_ROLE],
    ['DeleteModelInvocationLoggingConfiguration', 'the control-plane function (a stack deleted with DISABLE)', CONTROL_PLANE_ROLE],
    ['PutAccountDataRetention', 'the control-plane function (a deployment)', CONTROL_PLANE_ROLE],
    ['PutModelInvocationLoggingConfiguration', 'the restore itself (its write would loop)', RESTORE_ROLE],
    ['PutAccountDataRetention', 'the restore itself (its write would loop)', RESTORE_ROLE],
  ])('%s by %s', (name, _who, identity) => {
    expect(triggered(bedrock(name, identity))).toEqual([]);
    // The alert rule still reports it: the landing zone's writes are changes too.
    expect(matchesEventPattern(alertPattern, bedrock(name, identity))).toBe(true);
  });

  test('a call the organization policies denied changed nothing: no restore (else anyone could trigger one), still alerted', () => {
    const denied = bedrock('DeleteModelInvocationLoggingConfiguration', EXEMPT_ADMIN, { denied: true });
    expect(triggered(denied)).toEqual([]);
    expect(matchesEventPattern(alertPattern, denied)).toBe(true);
  });

  test.each([
    ['bedrock.amazonaws.com', 'GetModelInvocationLoggingConfiguration', 'a read of the setting'],
    ['bedrock.amazonaws.com', 'GetAccountDataRetention', 'a read of the setting'],
    ['bedrock.amazonaws.com', 'PutEnforcedGuardrailConfiguration', 'the enforced guardrail: CloudFormation\'s resource, alerted on only'],
    ['bedrock.amazonaws.com', 'DeleteEnforcedGuardrailConfiguration', 'the enforced guardrail: CloudFormation\'s resource, alerted on only'],
    ['bedrock-mantle.amazonaws.com', 'PutAccountDataRetention', 'the OpenAI-compatible endpoint\'s retention: not a setting the handler writes'],
    ['logs.amazonaws.com', 'PutResourcePolicy', 'another service'],
  ])('%s %s (%s)', (source, name) => {
    expect(triggered(cloudTrailEvent(source, name, { userIdentity: EXEMPT_ADMIN }))).toEqual([]);
  });
});

describe('what the function writes back, and how it is invoked', () => {
  const fn = resources[idOf('AWS::Lambda::Function', 'DetectiveSettingRestoreFunction')].Properties;

  test('the invocation logging written back is the custom resource\'s own configuration', () => {
    const custom = Object.values(resources).find((r: any) => r.Type === 'Custom::BedrockModelInvocationLogging') as any;
    const written = JSON.parse(resolveCfn(fn.Environment.Variables.RESTORE_INVOCATION_LOGGING, ENV));
    expect(written).toEqual(resolveCfn(custom.Properties.LoggingConfig, ENV));
    expect(written.s3Config).toEqual({ bucketName: 'lz-logs', keyPrefix: 'bedrock-invocation-logs' });
  });

  test('the data retention mode written back is the construct\'s mode', () => {
    expect(fn.Environment.Variables.RESTORE_DATA_RETENTION).toBe('none');
  });

  test('the function runs the control-plane handler\'s bundle (the same asset), at its restore entry point', () => {
    const provider = resources[idOf('AWS::Lambda::Function', 'BedrockLandingZoneControlPlaneProviderCustomResourceProviderHandler')].Properties;
    expect(fn.Handler).toBe('index.restore');
    // The provider's asset adds aws-cdk-lib's entry point to the same directory; the restore's is the bundle alone.
    const assembly = full.app.synth();
    const staged = (key: string) => fs.readFileSync(path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, 'index.js'));
    const bundle = fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'handlers', 'bedrock-control-plane', 'index.js'));
    expect(staged(fn.Code.S3Key).equals(bundle)).toBe(true);
    expect(staged(provider.Code.S3Key).equals(bundle)).toBe(true);
    expect(fn.Runtime).toBe('nodejs24.x');
  });

  test('each rule sends only the setting\'s name, and may invoke the function only from itself and this account', () => {
    const rules = full.controls.settingRestore!.rules;
    expect(rules.map(r => r.node.id)).toEqual(['RestoreInvocationLogging', 'RestoreDataRetention']);
    for (const [ruleId, setting] of [['RestoreInvocationLogging', 'InvocationLogging'], ['RestoreDataRetention', 'DataRetention']]) {
      const logicalId = idOf('AWS::Events::Rule', `DetectiveSettingRestore${ruleId}`);
      expect(resources[logicalId].Properties.Targets).toEqual([{
        Id: 'Restore',
        Arn: { 'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'DetectiveSettingRestoreFunction'), 'Arn'] },
        Input: JSON.stringify({ RestoreSetting: setting }),
      }]);
      const permission = Object.values(resources).find((r: any) => r.Type === 'AWS::Lambda::Permission' &&
        r.Properties.SourceArn?.['Fn::GetAtt']?.[0] === logicalId) as any;
      expect(permission.Properties).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [idOf('AWS::Lambda::Function', 'DetectiveSettingRestoreFunction'), 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceAccount: ACCOUNT,
        SourceArn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
      });
    }
  });

  test('the function, its role, its log group and the rules carry the tag the organization policies protect', () => {
    for (const prefix of ['DetectiveSettingRestoreFunction', 'DetectiveSettingRestoreRole', 'DetectiveSettingRestoreLogs',
      'DetectiveSettingRestoreRestoreInvocationLogging', 'DetectiveSettingRestoreRestoreDataRetention']) {
      const id = Object.keys(resources).find(k => k.startsWith(prefix) && resources[k].Type !== 'AWS::Lambda::Permission')!;
      expect(resources[id].Properties.Tags).toEqual(expect.arrayContaining([{ Key: PROTECTED_TAG_KEY, Value: 'true' }]));
    }
  });

  test('the role and its policy are on the landing zone\'s path, which only the deployers may create or change roles on', () => {
    expect(resources[idOf('AWS::IAM::Role', 'DetectiveSettingRestoreRole')].Properties.Path).toBe('/bedrock-landing-zone/');
    expect(resources[idOf('AWS::IAM::ManagedPolicy', 'DetectiveSettingRestorePolicy')].Properties.Path).toBe('/bedrock-landing-zone/');
  });
});

describe('the restore role can put back only the settings it restores', () => {
  const identityOf = (json: { Resources: Record<string, any> }) => {
    const policies = new TemplatePolicies(json, ENV);
    const roleId = Object.keys(json.Resources).find(k => k.startsWith('DetectiveSettingRestoreRole') && json.Resources[k].Type === 'AWS::IAM::Role')!;
    return policies.identityPoliciesOf(roleId);
  };
  const identity = identityOf(full.json);
  const deliveryRole = ENV.getAtts[`${deliveryRoleId}.Arn`];

  test.each([
    ['bedrock:GetModelInvocationLoggingConfiguration', '*'],
    ['bedrock:PutModelInvocationLoggingConfiguration', '*'],
    ['bedrock:GetAccountDataRetention', '*'],
    ['bedrock:PutAccountDataRetention', '*'],
  ])('allowed: %s', async (action, resource) => {
    expect(await evaluate({ identity }, { action, resource })).toBe('Allowed');
  });

  test('allowed: passing the landing zone\'s delivery role to Bedrock, and to nothing else', async () => {
    expect(await evaluate({ identity }, { action: 'iam:PassRole', resource: deliveryRole, context: { 'iam:PassedToService': 'bedrock.amazonaws.com' } }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'iam:PassRole', resource: deliveryRole, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, {
      action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/attacker-delivery`, context: { 'iam:PassedToService': 'bedrock.amazonaws.com' },
    })).toBe('ImplicitlyDenied');
  });

  test.each([
    ['bedrock:DeleteModelInvocationLoggingConfiguration', '*', 'the restore never switches logging off'],
    ['bedrock:PutEnforcedGuardrailConfiguration', '*', 'the enforced guardrail is not its setting'],
    ['bedrock:DeleteEnforcedGuardrailConfiguration', '*', 'the enforced guardrail is not its setting'],
    ['bedrock-mantle:PutAccountDataRetention', '*', 'the OpenAI-compatible endpoint\'s retention is not its setting'],
    ['bedrock:InvokeModel', `arn:aws:bedrock:${REGION}::foundation-model/amazon.nova-micro-v1:0`, 'it runs no model'],
    ['logs:PutLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bedrock-landing-zone/model-invocations:log-stream:x`, 'it writes no invocation log'],
  ])('denied: %s (%s)', async (action, resource) => {
    expect(await evaluate({ identity }, { action, resource })).toBe('ImplicitlyDenied');
  });

  test('restoring only logging: data retention may not be put', async () => {
    const loggingOnly = identityOf(synth(['logging']).json);
    expect(await evaluate({ identity: loggingOnly }, { action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*' })).toBe('Allowed');
    expect(await evaluate({ identity: loggingOnly }, { action: 'bedrock:PutAccountDataRetention', resource: '*' })).toBe('ImplicitlyDenied');
  });

  test('restoring only data retention: logging may not be put, nor the delivery role passed', async () => {
    const retentionOnly = identityOf(synth(['retention']).json);
    expect(await evaluate({ identity: retentionOnly }, { action: 'bedrock:PutAccountDataRetention', resource: '*' })).toBe('Allowed');
    expect(await evaluate({ identity: retentionOnly }, { action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*' })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: retentionOnly }, {
      action: 'iam:PassRole', resource: deliveryRole, context: { 'iam:PassedToService': 'bedrock.amazonaws.com' },
    })).toBe('ImplicitlyDenied');
  });
});

test('the restore passes the four cdk-nag packs and the Control Tower Guard rules, with these acknowledgements', () => {
  const { controls } = synth();
  const result = checkCompliance(controls.settingRestore!, [new CfnGuardValidator({ controlTowerRulesEnabled: true })]);
  expect(result.violations).toEqual([]);
  const fn = 'Baseline/Detective/SettingRestore/Function/Resource';
  const noVpc = 'The function calls only the Bedrock control-plane API (two account settings: configuration, no prompts or model output); it ' +
    'reads and stores no application data, so there is no private network path to protect.';
  expect(describeAcknowledgements(result.acknowledgements)).toEqual([
    'AwsSolutions::AwsSolutions-IAM5[Resource::*] @ Baseline/Detective/SettingRestore/Policy/Resource: The invocation logging and data retention ' +
      'APIs (bedrock:Get/PutModelInvocationLoggingConfiguration, bedrock:Get/PutAccountDataRetention) are account and region settings with no ' +
      'resource type in the Service Authorization Reference: they accept only Resource "*". The statement names those calls only; no Delete.',
    `cdk-validator-cfnguard::lambda_inside_vpc_check @ ${fn}: ${noVpc}`,
    ...['HIPAA.Security', 'NIST.800.53.R5'].flatMap(pack => [
      `${pack}::${pack}-LambdaConcurrency @ ${fn}: No reserved concurrency: new accounts often have a concurrency quota of 10, and reserving any ` +
        'there fails the deployment. The function runs only when a setting is changed outside the landing zone, once per CloudTrail event.',
      `${pack}::${pack}-LambdaDLQ @ ${fn}: The change that triggers a restore is already published to the governance notifications topic by ` +
        'BedrockDetectiveControls (BedrockSettingChanges); a failed restore is retried twice by Lambda and its error is kept in the encrypted log ' +
        'group, so a dead-letter queue would hold nothing unreported.',
      `${pack}::${pack}-LambdaInsideVPC @ ${fn}: ${noVpc}`,
    ]),
    `PCI.DSS.321::PCI.DSS.321-LambdaInsideVPC @ ${fn}: ${noVpc}`,
  ]);
});

describe('off by default, and bad input is a synth error', () => {
  const baseline = () => {
    const app = new App();
    const stack = new Stack(app, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    return { app, stack, topic: new GovernanceNotifications(stack, 'Notifications').topic };
  };

  test('detective controls without restoreSettings create no function and no restore rule', () => {
    const { stack, topic } = baseline();
    const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false });
    expect(controls.settingRestore).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(template.findResources('AWS::Events::Rule')).filter(id => id.includes('Restore'))).toEqual([]);
  });

  test('nothing to restore', () => {
    const { stack, topic } = baseline();
    const e = errorOf(() => new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false, restoreSettings: {} }));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe('BedrockSettingRestore: neither invocationLogging nor dataRetention is given: there is nothing to restore; give at least one of them');
  });

  test('a setting of another stack', () => {
    const { app, stack, topic } = baseline();
    const other = new Stack(app, 'Logging', { env: { account: ACCOUNT, region: REGION } });
    const logging = new ModelInvocationLogging(other, 'Logging');
    const e = errorOf(() => new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false, restoreSettings: { invocationLogging: logging } }));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe('BedrockSettingRestore: invocationLogging is in stack \'Logging\', and the restore in stack \'Baseline\': a setting is account and ' +
      'region wide, and the restore must be deployed with the construct that owns it; create the restore in the same stack');
  });

  test('invocation logging of the user\'s own (an IModelInvocationLogging that is not ModelInvocationLogging): nothing known to restore', () => {
    const { stack, topic } = baseline();
    const own = new Construct(stack, 'OwnLogging') as Construct & IModelInvocationLogging;
    Object.assign(own, { textDataDelivery: true });
    const e = errorOf(() => new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false, restoreSettings: { invocationLogging: own } }));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe('BedrockSettingRestore: invocationLogging has no configuration recorded: give the ModelInvocationLogging of this stack');
  });

  test('a second restore on the same controls', () => {
    const { stack, topic } = baseline();
    const retention = new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    const controls = new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: topic, configRules: false, restoreSettings: { dataRetention: retention } });
    const e = errorOf(() => controls.addSettingRestore({ dataRetention: retention }));
    expect(e.code).toBe(Code.DETECTIVE_CONTROLS_PROPS);
    expect(e.message).toBe('BedrockDetectiveControls: the setting restore is already added (restoring DataRetention); give every setting to ' +
      'restore in one call');
  });
});
