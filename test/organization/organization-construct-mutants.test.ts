import { aws_cloudformation as cloudformation } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildOrganizationPolicies as build, propsError, propsErrorOf as errorOf } from './organization-props';
import { DEPLOY, DEVELOPER, HOME, MANAGEMENT, MEMBER, OU, decisions } from './organization-scps';
import { ApprovedModel, BedrockOrganizationPolicies, Geography, GovernanceProfile, ServiceTier } from '../../src';
import { TITAN_EMBED_V2 } from '../models/fixtures';
import { resolveCfn } from '../support/iam';

/**
 * What src/organization/bedrock-organization-policies.ts decides that its other tests left to chance, found by
 * mutation testing (docs/mutation/2026-12-07-organization-3.md): the edges of each ID and name it checks (a
 * valid ID with something before or after it is not one), the AgentCore opt-in the other tests never give, the
 * checks that depend on another prop, the logical IDs of the policies (a changed one makes CloudFormation replace
 * the policy), the documents the construct hands its caller, the tag `protect` puts on a StackSet, the residency
 * regions of two geographies and the execution roles exempt without a qualifier, by what the policies then deny.
 * Every policy set is built inside its test: per-test coverage credits a mutant only to the tests that build it.
 */

const ROOT = 'r-ab12';


describe('an ID or a name with something before or after a valid one is rejected', () => {
  test('guardrailAccounts: twelve digits exactly', () => {
    const accounts = (guardrailAccounts: string[]) => errorOf({ requireGuardrail: true, guardrailAccounts });
    expect(accounts(['a222222222222'])).toEqual(propsError("guardrailAccounts: 'a222222222222' is not an account ID (12 digits)"));
    expect(accounts(['2222222222223'])).toEqual(propsError("guardrailAccounts: '2222222222223' is not an account ID (12 digits)"));
    expect(accounts(['222222222222'])).toBeUndefined();
  });

  test('governedRegions: a region name with a letter before it is not one', () => {
    expect(errorOf({ governedRegions: ['xeu-central-1'] })).toEqual(propsError("governedRegions: 'xeu-central-1' is not a region name (e.g. eu-central-1)"));
    expect(errorOf({ governedRegions: ['eu-central-1'] })).toBeUndefined();
  });

  test('cdkBootstrapQualifier: at most ten lowercase letters and digits, nothing after them', () => {
    const message = (q: string) => propsError(`cdkBootstrapQualifier: '${q}' is not a CDK bootstrap qualifier (1 to 10 lowercase letters and digits)`);
    expect(errorOf({ cdkBootstrapQualifier: 'landingzone' })).toEqual(message('landingzone'));
    expect(errorOf({ cdkBootstrapQualifier: 'blz-x' })).toEqual(message('blz-x'));
    expect(errorOf({ cdkBootstrapQualifier: 'landingzon' })).toBeUndefined();
    expect(errorOf({ cdkBootstrapQualifier: 'blz2' })).toBeUndefined();
  });

  test('targetIds: a root, OU or account ID with something before or after it is rejected', () => {
    const message = (t: string) => `  - targetIds: '${t}' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID`;
    expect(errorOf({ targetIds: ['xr-ab12', `${OU}/x`, '1234567890123'] })).toEqual({
      code: 'BedrockOrganizationPolicies.Props',
      message: ['BedrockOrganizationPolicies:', message('xr-ab12'), message(`${OU}/x`), message('1234567890123')].join('\n'),
    });
    expect(errorOf({ targetIds: [ROOT, OU, '123456789012'] })).toBeUndefined();
  });

  test('protectionTargetIds: a root or OU ID with something before or after it is rejected', () => {
    const message = (t: string) => `  - protectionTargetIds: '${t}' is not a root (r-...) or organizational unit (ou-...-...) ID; an account would need ` +
      'the policies attached to itself, which targetIds already does';
    expect(errorOf({ protectionTargetIds: ['xr-ab12', 'r-ab12/x'] })).toEqual({
      code: 'BedrockOrganizationPolicies.Props',
      message: ['BedrockOrganizationPolicies:', message('xr-ab12'), message('r-ab12/x')].join('\n'),
    });
    expect(errorOf({ protectionTargetIds: [ROOT] })).toBeUndefined();
  });

  test('deploymentAssetBucketNames: a lowercase name with a character S3 does not allow is rejected', () => {
    expect(errorOf({ cdkBootstrapQualifier: 'blz', deploymentAssetBucketNames: ['assets_bucket'] })).toEqual(propsError(
      "deploymentAssetBucketNames: 'assets_bucket' is not an S3 bucket name (lowercase letters, digits, dots and hyphens, 3 to 63 characters; " +
      '* matches any characters)'));
    expect(errorOf({ cdkBootstrapQualifier: 'blz', deploymentAssetBucketNames: ['assets-bucket'] })).toBeUndefined();
  });
});

test('allowAgentCoreJwtAuthorizers without governAgentCore is named; with AgentCore governed it passes', () => {
  expect(errorOf({ governAgentCore: false, allowAgentCoreJwtAuthorizers: true })).toEqual(propsError(
    'allowAgentCoreJwtAuthorizers given but governAgentCore is false: AgentCore is not governed at all, so there is nothing to allow; leave ' +
    'them out or govern AgentCore'));
  expect(errorOf({ allowAgentCoreJwtAuthorizers: true })).toBeUndefined();
});

describe('the policies as the construct deploys and returns them', () => {
  test('the logical IDs are API: Policy1.. for the targets, ProtectionPolicy1.. for the parent (a changed one replaces the policy)', () => {
    const { stack } = build({ profiles: [GovernanceProfile.EU_RESIDENCY], geographies: undefined, protectionTargetIds: [ROOT] });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::Organizations::Policy'))).toEqual([
      'ScpsPolicy1BD0CC1A3', 'ScpsPolicy29A403414', 'ScpsPolicy3478C9586', 'ScpsProtectionPolicy1B9590F8E',
    ]);
  });

  test('documents are the policies\' contents, in the order of policies: the targets\', then the parent\'s', () => {
    const { stack, policies } = build({ profiles: [GovernanceProfile.EU_RESIDENCY], geographies: undefined, protectionTargetIds: [ROOT] });
    const contents = policies.policies.map(p => stack.resolve(p.content));
    expect(policies.documents.map(d => stack.resolve(d.toJSON()))).toEqual(contents);
    expect(policies.policies.map(p => p.targetIds)).toEqual([[OU], [OU], [OU], [ROOT]]);
    expect(contents[3].Statement.map((s: any) => s.Sid)).toEqual(['ProtectGovernanceResources', 'ProtectGovernanceControls', 'DenyGovernedDataCopies']);
  });
});

test('protect: a StackSet carries the protection tag, and a stack it deploys with the tag is changed by the deployment roles only', async () => {
  const { stack } = build();
  const stackSet = new cloudformation.CfnStackSet(stack, 'Baseline', { stackSetName: 'baseline', permissionModel: 'SERVICE_MANAGED' });
  BedrockOrganizationPolicies.protect(stackSet);
  const template = Template.fromStack(stack).toJSON();
  const tags: { Key: string; Value: string }[] = template.Resources[stack.getLogicalId(stackSet)].Properties.Tags;
  expect(tags).toEqual([{ Key: 'bedrock-landing-zone:protected', Value: 'true' }]);
  const scps = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
  const instance = `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/StackSet-baseline-0123/4a5b6c7d-1111-2222-3333-444455556666`;
  const withTags = { ...Object.fromEntries(tags.map(t => [`aws:ResourceTag/${t.Key}`, t.Value])) };
  const deleteStack = (principal: string, context: Record<string, string>) => ({ action: 'cloudformation:DeleteStack', resource: instance, principal, context });
  expect(await decisions(scps, {
    developer: deleteStack(DEVELOPER, withTags),
    deployRole: deleteStack(DEPLOY, withTags),
    developerUntagged: deleteStack(DEVELOPER, {}),
  })).toEqual({ developer: 'ExplicitlyDenied', deployRole: 'Allowed', developerUntagged: 'Allowed' });
});

test('under residency, a region of any geography the policies name is a residency region, not only one of all of them', async () => {
  const euAndUs = GovernanceProfile.of('eu-and-us', { allowedGeographies: [Geography.EU, Geography.US] });
  const { stack } = build({
    profiles: [euAndUs], geographies: [Geography.EU, Geography.US], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)],
  });
  const scps = Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
  const invokeIn = (region: string) => ({ action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${region}::foundation-model/${TITAN_EMBED_V2}`, region });
  expect(await decisions(scps, { frankfurt: invokeIn('eu-central-1'), virginia: invokeIn('us-east-1'), tokyo: invokeIn('ap-northeast-1') })).toEqual({
    frankfurt: 'Allowed', virginia: 'Allowed', tokyo: 'ExplicitlyDenied',
  });
});

describe('checks that depend on another prop', () => {
  test('deploymentPrincipalArnPatterns with cdkBootstrapQualifier passes (without it, the error is bedrock-organization-policies.test.ts\')', () => {
    expect(errorOf({ cdkBootstrapQualifier: 'blz', deploymentPrincipalArnPatterns: [`arn:aws:iam::${MEMBER}:role/pipeline`] })).toBeUndefined();
  });

  test('allowedServiceTiers: the reserved tier needs acknowledgeReservedCapacity; an empty list is an error', () => {
    expect(errorOf({ allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.RESERVED] })).toEqual(propsError(
      'allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it'));
    expect(errorOf({ allowedServiceTiers: [] })).toEqual(propsError('allowedServiceTiers is empty: no invocation could run; give at least one tier, or leave it out'));
    expect(errorOf({ allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.RESERVED], acknowledgeReservedCapacity: true })).toBeUndefined();
  });
});

test('without cdkBootstrapQualifier, the CloudFormation execution role of any qualifier changes the governance settings; a developer does not', async () => {
  const { stack } = build();
  const scps = Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
  const logging = (principal: string) => ({ action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*', principal });
  expect(await decisions(scps, {
    defaultQualifier: logging(`arn:aws:iam::${MEMBER}:role/cdk-hnb659fds-cfn-exec-role-${MEMBER}-${HOME}`),
    ownQualifier: logging(`arn:aws:iam::${MEMBER}:role/cdk-blz-cfn-exec-role-${MEMBER}-${HOME}`),
    developer: logging(DEVELOPER),
  })).toEqual({ defaultQualifier: 'Allowed', ownQualifier: 'Allowed', developer: 'ExplicitlyDenied' });
});
