import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildLandingZone } from '../../examples/app/build';
import { ACCOUNTS, APPROVED_MODELS, LANDING_ZONE_QUALIFIER, REGIONS, STACKSET_REGIONS, WORKLOADS_OU } from '../../examples/app/settings';
import { BedrockOrganizationPolicies, Geography, ModelInvocationLogging, ServiceTier } from '../../src';
import { PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from '../../src/core/protected-resources';
import { Decision, PolicyDocument, TemplatePolicies, evaluate, resolveCfn } from '../support/iam';

/**
 * Issue 34: upgrading from the first release (2026-11-22) must lose no invocation log record,
 * whichever is deployed first, the organization policies or the baselines. Each phase of each order
 * is a pair (baseline, policies) that exists in the organization for a while; in each, the role the
 * logging configuration names must be allowed to deliver. The release's side is its own fixture
 * templates (test/upgrade/fixtures/2026-11-22), today's side is built by today's code.
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const REGION = 'us-east-1';
const FIXTURE = path.join(__dirname, 'fixtures', '2026-11-22');
const STREAM = `arn:aws:logs:${REGION}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations:log-stream:aws/bedrock/modelinvocations`;
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

interface Baseline {
  /** The role the logging configuration names */
  readonly deliveryRoleArn: string;
  readonly deliveryPolicies: PolicyDocument[];
}

function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE, name), 'utf8'));
}

/** The release's baseline: its delivery role has no Path (the root path) and a name CloudFormation generated. */
function releaseBaseline(): Baseline {
  const template = fixture(`Baseline-dev-${REGION}.template.json`);
  const roleId = 'LandingZoneInvocationLoggingDeliveryRoleCAEDDD2F';
  expect(template.Resources[roleId].Properties.Path).toBeUndefined();
  return {
    // The shape CloudFormation gives a generated name: stack, logical ID (both cut short) and a random suffix.
    deliveryRoleArn: `arn:aws:iam::${MEMBER}:role/Baseline-dev-us-east-1-LandingZoneInvocationLo-1Q2W3E4R5T6Y`,
    deliveryPolicies: new TemplatePolicies(template, { region: REGION, accountId: MEMBER }).identityPoliciesOf(roleId),
  };
}

/** Today's baseline: the delivery role on its path, as today's ModelInvocationLogging writes it. */
function todaysBaseline(): Baseline {
  const stack = new Stack(new App(), 'Baseline', { env: { account: MEMBER, region: REGION } });
  const logging = new ModelInvocationLogging(stack, 'Logging');
  const template = Template.fromStack(stack).toJSON();
  const roleId = stack.resolve((logging.deliveryRole!.node.defaultChild as any).logicalId) as string;
  const rolePath = template.Resources[roleId].Properties.Path;
  expect(rolePath).toBe('/bedrock-landing-zone-log-delivery/');
  return {
    deliveryRoleArn: `arn:aws:iam::${MEMBER}:role${rolePath}Baseline-LoggingDeliveryRole-7U8I9O0P1A2S`,
    deliveryPolicies: new TemplatePolicies(template, { region: REGION, accountId: MEMBER }).identityPoliciesOf(roleId),
  };
}

function scpsOf(template: any): PolicyDocument[] {
  return Object.values<any>(template.Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: REGION, accountId: MANAGEMENT }));
}

const releasePolicies = () => scpsOf(fixture('Organization.template.json'));

/** Today's policies with the example organization's settings. */
function todaysPolicies(protectInvocationLogStreams?: boolean): { scps: PolicyDocument[]; stack: Stack } {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: REGION } });
  new BedrockOrganizationPolicies(stack, 'BedrockPolicies', {
    approvedModels: APPROVED_MODELS,
    geographies: [Geography.US, Geography.EU],
    targetIds: [WORKLOADS_OU],
    requireGuardrail: true,
    governedRegions: STACKSET_REGIONS.map(r => r.region),
    cdkBootstrapQualifier: LANDING_ZONE_QUALIFIER,
    allowedServiceTiers: [ServiceTier.PRIORITY, ServiceTier.DEFAULT, ServiceTier.FLEX],
    protectInvocationLogStreams,
  });
  return { scps: scpsOf(Template.fromStack(stack).toJSON()), stack };
}

/** Both calls Bedrock makes with the delivery role, for one role under one set of policies. */
async function delivery(baseline: Baseline, scps: PolicyDocument[]): Promise<Decision[]> {
  return Promise.all(['logs:CreateLogStream', 'logs:PutLogEvents'].map(action => evaluate(
    { identity: baseline.deliveryPolicies, serviceControlPolicies: [scps] },
    { action, resource: STREAM, principal: baseline.deliveryRoleArn, context: contextOf(baseline.deliveryRoleArn) },
  )));
}

/** The request context AWS sets for a role's call (the simulator does not derive it from the principal). */
function contextOf(principal: string): Record<string, string> {
  return { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, 'aws:RequestedRegion': REGION, 'aws:ViaAWSService': 'false' };
}

/** A developer (or, given, a deployer) disables a tagged EventBridge rule of the detective controls, new in 1.0.0. */
async function disableNewControl(scps: PolicyDocument[], principal = `arn:aws:iam::${MEMBER}:role/developer`): Promise<Decision> {
  return evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    {
      action: 'events:DisableRule',
      resource: `arn:aws:events:${REGION}:${MEMBER}:rule/Baseline-dev-us-east-1-LandingZoneDetectiveControlsBedrockSettingChan-AbCdEf`,
      principal,
      context: { ...contextOf(principal), [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: PROTECTED_TAG_VALUE },
    },
  );
}

async function forgedLine(scps: PolicyDocument[]): Promise<Decision> {
  const developer = `arn:aws:iam::${MEMBER}:role/developer`;
  return evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    { action: 'logs:PutLogEvents', resource: STREAM, principal: developer, context: contextOf(developer) },
  );
}

const DELIVERED: Decision[] = ['Allowed', 'Allowed'];

describe('no invocation log record is lost during the upgrade from 2026-11-22', () => {
  const before = releaseBaseline();
  const after = todaysBaseline();
  const upgrading = todaysPolicies(false).scps;
  const protectedScps = todaysPolicies().scps;

  test('before the upgrade: the release delivers under the release\'s policies', async () => {
    expect(await delivery(before, releasePolicies())).toEqual(DELIVERED);
  });

  describe('the example, deployed as one app: the policies go before the baselines (deployBefore), the first deployment with protectInvocationLogStreams: false', () => {
    const app = new App();
    const stacks = buildLandingZone(app);
    const assembly = app.synth();
    const organization = assembly.getStackByName('Organization');

    test('every baseline stack of the app is deployed after the Organization stack, and both baseline StackSets after every policy', () => {
      const baselines = stacks.filter(s => s.stackName.startsWith('Baseline-'));
      expect(baselines.length).toBe(Object.keys(ACCOUNTS).length * REGIONS.length);
      expect(baselines.map(b => assembly.getStackByName(b.stackName).dependencies.map(d => d.id).includes('Organization')))
        .toEqual(baselines.map(() => true));
      expect(organization.dependencies.map(d => d.id).filter(id => !id.endsWith('.assets'))).toEqual([]);
      const resources = Object.entries<any>(organization.template.Resources);
      const policies = resources.filter(([, r]) => r.Type === 'AWS::Organizations::Policy').map(([id]) => id).sort();
      const stackSets = resources.filter(([, r]) => r.Type === 'AWS::CloudFormation::StackSet').map(([, r]) => r);
      expect(stackSets.length).toBe(STACKSET_REGIONS.length);
      expect(stackSets.map(s => policies.filter(id => (s.DependsOn ?? []).includes(id)))).toEqual(stackSets.map(() => policies));
    });

    test('a stack instance that fails in one account does not fail the StackSet, so it cannot roll the policies back', () => {
      // "SUCCEEDED: The operation completed creating or updating all the specified stacks without exceeding the failure
      // tolerance" (StackSetOperation, CloudFormation API reference); the default tolerance is 0 (StackSetOperationPreferences).
      const stackSets = Object.values<any>(organization.template.Resources).filter(r => r.Type === 'AWS::CloudFormation::StackSet');
      expect(stackSets.map(s => s.Properties.OperationPreferences)).toEqual(stackSets.map(() => ({
        FailureTolerancePercentage: 100, MaxConcurrentPercentage: 100, RegionConcurrencyType: 'PARALLEL',
      })));
    });

    test('so each phase is one of organization first: the release; today\'s policies, lifted; updated baselines; today\'s policies, protected', async () => {
      expect(await delivery(before, releasePolicies())).toEqual(DELIVERED);
      expect(await delivery(before, upgrading)).toEqual(DELIVERED);
      expect(await delivery(after, upgrading)).toEqual(DELIVERED);
      expect(await delivery(after, protectedScps)).toEqual(DELIVERED);
    });

    test('and a control the release adds is protected from the moment it exists: disabling the setting-change rule, denied in every phase it exists', async () => {
      // Baselines first left it to the release's policies until the organization's arrived (the red team's R4-8).
      expect(await disableNewControl(releasePolicies())).toBe('Allowed');
      expect(await disableNewControl(upgrading)).toBe('ExplicitlyDenied');
      expect(await disableNewControl(protectedScps)).toBe('ExplicitlyDenied');
      expect(await disableNewControl(protectedScps, `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123456789abcdef0123456789abcdef`)).toBe('Allowed');
    });

    test('and the protection is the default one: a developer with AdministratorAccess cannot forge a line; the delivery role can write it', async () => {
      expect(await forgedLine(protectedScps)).toBe('ExplicitlyDenied');
      expect(await delivery(after, protectedScps)).toEqual(DELIVERED);
    });
  });

  describe('organization first, for a baseline the app cannot wait for (another app or pipeline): protectInvocationLogStreams: false until it is done', () => {
    test('the release\'s baselines keep delivering under today\'s policies', async () => {
      expect(await delivery(before, upgrading)).toEqual(DELIVERED);
    });
    test('an updated baseline delivers through its new role', async () => {
      expect(await delivery(after, upgrading)).toEqual(DELIVERED);
    });
    test('with the protection back once every baseline is updated, the new roles deliver', async () => {
      expect(await delivery(after, protectedScps)).toEqual(DELIVERED);
    });
  });

  describe('baselines first', () => {
    test('an updated baseline delivers through its new role under the release\'s policies', async () => {
      expect(await delivery(after, releasePolicies())).toEqual(DELIVERED);
    });
    test('then today\'s policies, protected: the new roles deliver', async () => {
      expect(await delivery(after, protectedScps)).toEqual(DELIVERED);
    });
  });

  test('the hazard the setting exists for: today\'s protected policies deny the release\'s delivery role (the order the issue found)', async () => {
    expect(await delivery(before, protectedScps)).toEqual(['ExplicitlyDenied', 'ExplicitlyDenied']);
  });

  test('what the setting costs while it is false: a developer with AdministratorAccess can forge lines; protected, denied', async () => {
    expect(await forgedLine(upgrading)).toBe('Allowed');
    expect(await forgedLine(protectedScps)).toBe('ExplicitlyDenied');
  });

  test('synth warns while the protection is off, and not otherwise', () => {
    const warnings = (s: Stack) => Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('protectInvocationLogStreams')).map(w => w.entry.data);
    expect(warnings(todaysPolicies(false).stack)).toEqual([
      'protectInvocationLogStreams is false: any principal of the target accounts can write to and delete the invocation log streams. ' +
      'It is for upgrades from a release before 1.0.0; remove it once every baseline is deployed. [ack: cdk-bedrock-landing-zone:invocationLogStreamsUnprotected]',
    ]);
    expect(warnings(todaysPolicies().stack)).toEqual([]);
  });
});
