import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, GovernanceProfile } from '../../src';
import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';
import { SONNET_45 } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * How a developer with AdministratorAccess in a workload account would get around the restore, under
 * the organization's policies (evaluated by the IAM simulator): make it write something else (its
 * environment holds what it writes), call it with a crafted event, borrow its role or make their own
 * writes look like the landing zone's (a role on its path), or widen its policy. Each attempt must be
 * denied, and the same request on a resource that is not the landing zone's allowed. The restore role
 * itself must still be allowed to put the settings back.
 */
const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
// The restore role as the template names it: on the landing zone's path (test/detective/bedrock-setting-restore.test.ts pins the path).
const RESTORE_ROLE = `arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/Baseline-DetectiveSettingRestoreRole-1A2B3C4D5E6F`;
const RESTORE_FUNCTION = `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-DetectiveSettingRestoreFunction-1A2B3C4D5E6F`;
const TEAM_FUNCTION = `arn:aws:lambda:${HOME}:${MEMBER}:function:claims-app`;
const TAGGED = { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: 'true' };

function organizationPolicies(): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    cdkBootstrapQualifier: 'blz',
    targetIds: ['ou-ab12-cd34ef56'],
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}
const scps = organizationPolicies();

interface Attempt {
  readonly action: string;
  readonly resource: string;
  readonly principal?: string;
  readonly context?: Record<string, string>;
}

function run(attempt: Attempt): Promise<Decision> {
  const principal = attempt.principal ?? DEVELOPER;
  return evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
    action: attempt.action,
    resource: attempt.resource,
    resourceAccount: MEMBER,
    principal,
    context: { 'aws:RequestedRegion': HOME, 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, 'aws:ViaAWSService': 'false', ...attempt.context },
  });
}

describe('a workload administrator cannot subvert the restore', () => {
  test.each<[string, Attempt, Attempt]>([
    ['rewrite what it writes back (its environment)',
      { action: 'lambda:UpdateFunctionConfiguration', resource: RESTORE_FUNCTION, context: TAGGED },
      { action: 'lambda:UpdateFunctionConfiguration', resource: TEAM_FUNCTION }],
    ['replace its code',
      { action: 'lambda:UpdateFunctionCode', resource: RESTORE_FUNCTION, context: TAGGED },
      { action: 'lambda:UpdateFunctionCode', resource: TEAM_FUNCTION }],
    ['invoke it with a crafted event',
      { action: 'lambda:InvokeFunction', resource: RESTORE_FUNCTION, context: TAGGED },
      { action: 'lambda:InvokeFunction', resource: TEAM_FUNCTION }],
    ['let another rule or account invoke it',
      { action: 'lambda:AddPermission', resource: RESTORE_FUNCTION, context: TAGGED },
      { action: 'lambda:AddPermission', resource: TEAM_FUNCTION }],
    ['pass its role to a function of their own',
      { action: 'iam:PassRole', resource: RESTORE_ROLE, context: TAGGED },
      { action: 'iam:PassRole', resource: `arn:aws:iam::${MEMBER}:role/claims-app` }],
    ['create a role on the landing zone\'s path, whose writes the restore would take for the landing zone\'s',
      { action: 'iam:CreateRole', resource: `arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/my-role` },
      { action: 'iam:CreateRole', resource: `arn:aws:iam::${MEMBER}:role/team/my-role` }],
    ['widen its managed policy (on the landing zone\'s path)',
      { action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/bedrock-landing-zone/Baseline-DetectiveSettingRestorePolicy-1A2B` },
      { action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${MEMBER}:policy/team/claims-app` }],
    ['attach a policy to its role',
      { action: 'iam:AttachRolePolicy', resource: RESTORE_ROLE, context: TAGGED },
      { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${MEMBER}:role/claims-app` }],
  ])('%s: denied; the same on a team\'s resource: allowed', async (_attack, attempt, control) => {
    expect(await run(attempt)).toBe('ExplicitlyDenied');
    expect(await run(control)).toBe('Allowed');
  });
});

describe('under the same policies, the restore can do its job and the developer cannot', () => {
  test.each([
    ['bedrock:PutModelInvocationLoggingConfiguration'],
    ['bedrock:PutAccountDataRetention'],
  ])('%s: the restore role is allowed, the developer denied', async action => {
    expect(await run({ action, resource: '*', principal: RESTORE_ROLE })).toBe('Allowed');
    expect(await run({ action, resource: '*' })).toBe('ExplicitlyDenied');
  });
});
