import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * Who the organization policies exempt from what (src/organization/private/exempt-principals.ts), by
 * what a workload administrator (identity: allow everything) of a member account may do as each
 * principal. Every table is built inside its test: per-test coverage credits a mutant of the exempt
 * lists to the tests that build the policies, so the tests that judge them must build them.
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const OU = 'ou-ab12-cd34ef56';
const QUALIFIER = 'blz';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const role = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;
const DEVELOPER = role('developer');
const CONTROL_PLANE = role('bedrock-landing-zone/Baseline-BedrockLandingZoneContr-AbC123');
const CFN_EXEC = role(`cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`);
const OTHER_QUALIFIER_CFN_EXEC = role(`cdk-hnb659fds-cfn-exec-role-${MEMBER}-${HOME}`);
const STACKSETS = role('stacksets-exec-0123abcd');
const CONFIG_ADMIN = role('platform/config-admin');
const DEPLOY = role(`cdk-${QUALIFIER}-deploy-role-${MEMBER}-${HOME}`);
const ORG_ACCESS = role('OrganizationAccountAccessRole');
const CONTROL_TOWER = role('AWSControlTowerExecution');
const PIPELINE = role('pipeline-deployer');
const DELIVERY = role('bedrock-landing-zone-log-delivery/Baseline-Delivery-AbC123');
const FILE_PUBLISHER = role(`cdk-${QUALIFIER}-file-publishing-role-${MEMBER}-${HOME}`);
const IMAGE_PUBLISHER = role(`cdk-${QUALIFIER}-image-publishing-role-${MEMBER}-${HOME}`);

/** The policy set of the perimeter tests: a qualifier, a configuration admin and a pipeline role. */
const PERIMETER: Partial<BedrockOrganizationPoliciesProps> = {
  cdkBootstrapQualifier: QUALIFIER,
  configurationAdminRoleArnPatterns: ['arn:aws:iam::*:role/platform/config-admin'],
  deploymentPrincipalArnPatterns: ['arn:aws:iam::*:role/pipeline-deployer'],
};

function scpsOf(props: Partial<BedrockOrganizationPoliciesProps> = {}): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: [OU],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string>;
}

/** The decision for each principal making the same request under the policies. */
async function decisions(scps: PolicyDocument[], request: Request, principals: Record<string, string>): Promise<Record<string, Decision>> {
  const entries = await Promise.all(Object.entries(principals).map(async ([name, principal]) => [name, await evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    {
      action: request.action,
      resource: request.resource,
      resourceAccount: MEMBER,
      principal,
      context: { 'aws:PrincipalArn': principal, 'aws:RequestedRegion': HOME, ...request.context },
    },
  )] as const));
  return Object.fromEntries(entries);
}

const EVERY_PRINCIPAL = {
  DEVELOPER, CONTROL_PLANE, CFN_EXEC, STACKSETS, CONFIG_ADMIN, DEPLOY, ORG_ACCESS, CONTROL_TOWER, PIPELINE, DELIVERY, FILE_PUBLISHER,
};

describe('the settings admins: the control plane and the deployers', () => {
  test('only the control plane, the qualifier\'s execution role, StackSets and the configuration admins change the logging configuration', async () => {
    expect(await decisions(scpsOf(PERIMETER), { action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*' }, EVERY_PRINCIPAL)).toEqual({
      DEVELOPER: 'ExplicitlyDenied',
      CONTROL_PLANE: 'Allowed',
      CFN_EXEC: 'Allowed',
      STACKSETS: 'Allowed',
      CONFIG_ADMIN: 'Allowed',
      DEPLOY: 'ExplicitlyDenied',
      ORG_ACCESS: 'ExplicitlyDenied',
      CONTROL_TOWER: 'ExplicitlyDenied',
      PIPELINE: 'ExplicitlyDenied',
      DELIVERY: 'ExplicitlyDenied',
      FILE_PUBLISHER: 'ExplicitlyDenied',
    });
  });

  test('without a qualifier, the execution role of any qualifier is a deployer; with one, only its own', async () => {
    const change = { action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*' };
    expect(await decisions(scpsOf(), change, { CFN_EXEC, OTHER_QUALIFIER_CFN_EXEC, DEVELOPER })).toEqual({
      CFN_EXEC: 'Allowed', OTHER_QUALIFIER_CFN_EXEC: 'Allowed', DEVELOPER: 'ExplicitlyDenied',
    });
    expect(await decisions(scpsOf({ cdkBootstrapQualifier: QUALIFIER }), change, { CFN_EXEC, OTHER_QUALIFIER_CFN_EXEC })).toEqual({
      CFN_EXEC: 'Allowed', OTHER_QUALIFIER_CFN_EXEC: 'ExplicitlyDenied',
    });
  });
});

describe('the role admins: the deployers, the qualifier\'s deploy role and the bootstrap roles', () => {
  test('a role with a trusted name is created only by the role admins (not the control plane, not the pipeline)', async () => {
    const create = { action: 'iam:CreateRole', resource: role(`cdk-${QUALIFIER}-lookup-role-${MEMBER}-${HOME}`) };
    expect(await decisions(scpsOf(PERIMETER), create, EVERY_PRINCIPAL)).toEqual({
      DEVELOPER: 'ExplicitlyDenied',
      CONTROL_PLANE: 'ExplicitlyDenied',
      CFN_EXEC: 'Allowed',
      STACKSETS: 'Allowed',
      CONFIG_ADMIN: 'Allowed',
      DEPLOY: 'Allowed',
      ORG_ACCESS: 'Allowed',
      CONTROL_TOWER: 'Allowed',
      PIPELINE: 'ExplicitlyDenied',
      DELIVERY: 'ExplicitlyDenied',
      FILE_PUBLISHER: 'ExplicitlyDenied',
    });
  });

  test('every exempt or trusted name is protected from the developer; other names, and other qualifiers\' lookup roles, are not', async () => {
    const scps = scpsOf(PERIMETER);
    const names: Record<string, string> = {
      controlPlane: 'bedrock-landing-zone/Borrowed',
      delivery: 'bedrock-landing-zone-log-delivery/Borrowed',
      execution: `cdk-${QUALIFIER}-cfn-exec-role-x`,
      deploy: `cdk-${QUALIFIER}-deploy-role-x`,
      lookup: `cdk-${QUALIFIER}-lookup-role-x`,
      stackSets: 'stacksets-exec-x',
      orgAccess: 'OrganizationAccountAccessRole',
      controlTower: 'AWSControlTowerExecution',
      pipeline: 'pipeline-deployer',
      configAdmin: 'platform/config-admin',
      otherQualifierLookup: `cdk-hnb659fds-lookup-role-${MEMBER}-${HOME}`,
      app: 'app-role',
    };
    const results = await Promise.all(Object.entries(names).map(async ([what, name]) =>
      [what, (await decisions(scps, { action: 'iam:CreateRole', resource: role(name) }, { DEVELOPER })).DEVELOPER] as const));
    expect(Object.fromEntries(results)).toEqual({
      controlPlane: 'ExplicitlyDenied',
      delivery: 'ExplicitlyDenied',
      execution: 'ExplicitlyDenied',
      deploy: 'ExplicitlyDenied',
      lookup: 'ExplicitlyDenied',
      stackSets: 'ExplicitlyDenied',
      orgAccess: 'ExplicitlyDenied',
      controlTower: 'ExplicitlyDenied',
      pipeline: 'ExplicitlyDenied',
      configAdmin: 'ExplicitlyDenied',
      otherQualifierLookup: 'Allowed',
      app: 'Allowed',
    });
  });

  test('without a qualifier no CDK role is trusted by name beyond the execution and deploy roles', async () => {
    const scps = scpsOf();
    const create = (name: string) => decisions(scps, { action: 'iam:CreateRole', resource: role(name) }, { DEVELOPER });
    expect(await create(`cdk-hnb659fds-lookup-role-${MEMBER}-${HOME}`)).toEqual({ DEVELOPER: 'Allowed' });
    expect(await create(`cdk-hnb659fds-cfn-exec-role-${MEMBER}-${HOME}`)).toEqual({ DEVELOPER: 'ExplicitlyDenied' });
    expect(await create(`cdk-hnb659fds-deploy-role-${MEMBER}-${HOME}`)).toEqual({ DEVELOPER: 'ExplicitlyDenied' });
  });

  test('an exempt role is passed only by the role admins; an application role by anyone', async () => {
    const scps = scpsOf(PERIMETER);
    const pass = (name: string) => decisions(scps, { action: 'iam:PassRole', resource: role(name) }, { DEVELOPER, CONTROL_PLANE, DEPLOY });
    expect(await pass(`cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`)).toEqual({ DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', DEPLOY: 'Allowed' });
    expect(await pass('bedrock-landing-zone/Baseline-Provider')).toEqual({ DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', DEPLOY: 'Allowed' });
    expect(await pass('pipeline-deployer')).toEqual({ DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', DEPLOY: 'Allowed' });
    expect(await pass(`cdk-${QUALIFIER}-lookup-role-x`)).toEqual({ DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', DEPLOY: 'Allowed' });
    expect(await pass('app-role')).toEqual({ DEVELOPER: 'Allowed', CONTROL_PLANE: 'Allowed', DEPLOY: 'Allowed' });
  });
});

describe('all admins: the tagged resources', () => {
  test('the tagged control-plane function\'s code is changed only by the settings and role admins; an untagged function\'s by anyone', async () => {
    const scps = scpsOf(PERIMETER);
    const fn = `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`;
    const tagged = { action: 'lambda:UpdateFunctionCode', resource: fn, context: { 'aws:ResourceTag/bedrock-landing-zone:protected': 'true' } };
    expect(await decisions(scps, tagged, EVERY_PRINCIPAL)).toEqual({
      DEVELOPER: 'ExplicitlyDenied',
      CONTROL_PLANE: 'Allowed',
      CFN_EXEC: 'Allowed',
      STACKSETS: 'Allowed',
      CONFIG_ADMIN: 'Allowed',
      DEPLOY: 'Allowed',
      ORG_ACCESS: 'Allowed',
      CONTROL_TOWER: 'Allowed',
      PIPELINE: 'ExplicitlyDenied',
      DELIVERY: 'ExplicitlyDenied',
      FILE_PUBLISHER: 'ExplicitlyDenied',
    });
    expect(await decisions(scps, { action: 'lambda:UpdateFunctionCode', resource: fn }, { DEVELOPER })).toEqual({ DEVELOPER: 'Allowed' });
  });
});

describe('the deployment roles and the principals that may assume them', () => {
  test('the qualifier\'s CDK roles and the StackSets roles are assumed only by the bootstrap roles and the deployment principals', async () => {
    const scps = scpsOf(PERIMETER);
    const assume = (name: string) => decisions(scps, { action: 'sts:AssumeRole', resource: role(name) },
      { DEVELOPER, CONTROL_PLANE, CFN_EXEC, ORG_ACCESS, CONTROL_TOWER, PIPELINE });
    const onlyBootstrapAndPipeline = {
      DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', CFN_EXEC: 'ExplicitlyDenied', ORG_ACCESS: 'Allowed', CONTROL_TOWER: 'Allowed', PIPELINE: 'Allowed',
    };
    expect(await assume(`cdk-${QUALIFIER}-deploy-role-${MEMBER}-${HOME}`)).toEqual(onlyBootstrapAndPipeline);
    expect(await assume('stacksets-exec-0123abcd')).toEqual(onlyBootstrapAndPipeline);
    expect(await assume(`cdk-hnb659fds-deploy-role-${MEMBER}-${HOME}`)).toEqual({
      DEVELOPER: 'Allowed', CONTROL_PLANE: 'Allowed', CFN_EXEC: 'Allowed', ORG_ACCESS: 'Allowed', CONTROL_TOWER: 'Allowed', PIPELINE: 'Allowed',
    });
  });

  test('the asset bucket and repository are written only by the publishing roles, the role admins and the deployment principals', async () => {
    const scps = scpsOf(PERIMETER);
    const writers = { DEVELOPER, CONTROL_PLANE, FILE_PUBLISHER, IMAGE_PUBLISHER, DEPLOY, PIPELINE };
    const object = { action: 's3:PutObject', resource: `arn:aws:s3:::cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}/asset.zip` };
    const image = { action: 'ecr:PutImage', resource: `arn:aws:ecr:${HOME}:${MEMBER}:repository/cdk-${QUALIFIER}-container-assets-${MEMBER}-${HOME}` };
    const allowedWriters = {
      DEVELOPER: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied', FILE_PUBLISHER: 'Allowed', IMAGE_PUBLISHER: 'Allowed', DEPLOY: 'Allowed', PIPELINE: 'Allowed',
    };
    expect(await decisions(scps, object, writers)).toEqual(allowedWriters);
    expect(await decisions(scps, image, writers)).toEqual(allowedWriters);
  });
});

describe('the log delivery roles', () => {
  test('only a role on the delivery path writes the invocation log streams; the deployers do not', async () => {
    const write = {
      action: 'logs:PutLogEvents',
      resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations`,
    };
    expect(await decisions(scpsOf(PERIMETER), write, { DEVELOPER, DELIVERY, CFN_EXEC, CONTROL_PLANE })).toEqual({
      DEVELOPER: 'ExplicitlyDenied', DELIVERY: 'Allowed', CFN_EXEC: 'ExplicitlyDenied', CONTROL_PLANE: 'ExplicitlyDenied',
    });
  });
});
