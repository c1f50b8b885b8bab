import { aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, SONNET_45, profileArn, stackIn } from './fixtures';
import {
  ApprovedModel, BedrockLandingZone, BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors,
  CrossRegionInferenceProfile, Geography, GovernanceProfile, ModelAccessPolicy,
  ServiceTier,
} from '../../src';
import { errorOf } from '../support/errors';
import { PolicyDocument, evaluate, identityPoliciesOf } from '../support/iam';
import { serviceControlPolicies } from '../support/service-control-policies';

const EU_PROFILE = profileArn('eu-central-1', `eu.${SONNET_45}`);

function grant(tiers?: ServiceTier[], acknowledgeReservedCapacity?: boolean) {
  const stack = stackIn('eu-central-1');
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, { allowedServiceTiers: tiers, acknowledgeReservedCapacity });
  const identity = identityPoliciesOf(role);
  return (tier?: string, action = 'bedrock:InvokeModel') => evaluate({ identity }, {
    action, resource: EU_PROFILE, context: tier ? { 'bedrock:ServiceTier': tier } : {},
  });
}

describe('InvokeGrantOptions.allowedServiceTiers', () => {
  test('with the default tier allowed: a request without a tier and the listed tiers pass, the others are denied', async () => {
    const invoke = grant([ServiceTier.DEFAULT, ServiceTier.FLEX]);
    expect(await invoke()).toBe('Allowed');
    expect(await invoke('default')).toBe('Allowed');
    expect(await invoke('flex', 'bedrock:InvokeModelWithResponseStream')).toBe('Allowed');
    expect(await invoke('priority')).toBe('ExplicitlyDenied');
    expect(await invoke('reserved', 'bedrock:InvokeModelWithResponseStream')).toBe('ExplicitlyDenied');
  });

  test('without the default tier: a request that names no tier runs on it, so it is denied too', async () => {
    const invoke = grant([ServiceTier.PRIORITY]);
    expect(await invoke('priority')).toBe('Allowed');
    expect(await invoke()).toBe('ExplicitlyDenied');
    expect(await invoke('default')).toBe('ExplicitlyDenied');
  });

  test('without the option, every tier the model allows passes', async () => {
    const invoke = grant();
    expect(await invoke('reserved')).toBe('Allowed');
    expect(await invoke()).toBe('Allowed');
  });

  test('reserved capacity needs its acknowledgement; an empty list is refused', () => {
    const error = errorOf(() => grant([ServiceTier.RESERVED]));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.INVOKE_GRANT_OPTIONS);
    expect(error.problems).toEqual([
      'allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it',
    ]);
    expect(() => grant([ServiceTier.RESERVED], true)).not.toThrow();
    expect(errorOf(() => grant([])).problems).toEqual(['allowedServiceTiers is empty: no invocation could run; give at least one tier, or leave it out']);
    expect(errorOf(() => grant(['standard' as any])).problems).toEqual(["allowedServiceTiers holds 'standard'; expected one of priority, default, flex, reserved (ServiceTier)"]);
  });

  test('ModelAccessPolicy passes the option on', async () => {
    const stack = stackIn('eu-central-1');
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new ModelAccessPolicy(stack, 'Access', {
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], roles: [role], allowedServiceTiers: [ServiceTier.FLEX],
    });
    const identity = identityPoliciesOf(role);
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'bedrock:ServiceTier': 'flex' } })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE })).toBe('ExplicitlyDenied');
  });
});

describe('governance profiles restrict the tiers', () => {
  test('a profile of one\'s own: tiers intersect when combined; reserved needs its acknowledgement', () => {
    const costs = GovernanceProfile.of('costs', { allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.FLEX] });
    const batch = GovernanceProfile.of('batch', { allowedServiceTiers: [ServiceTier.FLEX, ServiceTier.RESERVED], acknowledgeReservedCapacity: true });
    expect(GovernanceProfile.combine([GovernanceProfile.BASELINE, costs, batch]).allowedServiceTiers).toEqual([ServiceTier.FLEX]);
    expect(GovernanceProfile.BASELINE.allowedServiceTiers).toBeUndefined();
    const error = errorOf(() => GovernanceProfile.of('mine', { allowedServiceTiers: [ServiceTier.RESERVED] }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
    expect(error.message).toBe("GovernanceProfile 'mine': allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: " +
      'set acknowledgeReservedCapacity: true to allow it');
  });

  test('the landing zone\'s model access policy carries the profile\'s tiers', async () => {
    const stack = stackIn('eu-central-1');
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new BedrockLandingZone(stack, 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      applicationRoles: [role],
      profiles: [GovernanceProfile.of('costs', { allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.FLEX] })],
    });
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))
      .flatMap(p => p.Properties.PolicyDocument.Statement).filter((s: any) => JSON.stringify(s.Condition ?? {}).includes('bedrock:ServiceTier'));
    expect(statements.map((s: any) => [s.Effect, s.Condition])).toEqual([
      ['Deny', { StringNotEquals: { 'bedrock:ServiceTier': ['default', 'flex'] }, Null: { 'bedrock:ServiceTier': 'false' } }],
    ]);
  });
});

describe('the organization policies deny tiers organization-wide', () => {
  const MEMBER = ACCOUNT;
  const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const invoke = (policies: PolicyDocument[], tier?: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [policies] }, {
    action: 'bedrock:InvokeModel',
    resource: EU_PROFILE,
    resourceAccount: MEMBER,
    context: { 'aws:RequestedRegion': 'eu-central-1', ...(tier ? { 'bedrock:ServiceTier': tier } : {}) },
  });

  test('by default every tier but reserved', async () => {
    const policies = serviceControlPolicies();
    expect(await invoke(policies)).toBe('Allowed');
    expect(await invoke(policies, 'priority')).toBe('Allowed');
    expect(await invoke(policies, 'reserved')).toBe('ExplicitlyDenied');
  });

  test('a list without the default tier denies requests that name none; reserved acknowledged is allowed and can be bought', async () => {
    const policies = serviceControlPolicies({ allowedServiceTiers: [ServiceTier.FLEX, ServiceTier.RESERVED], acknowledgeReservedCapacity: true });
    expect(await invoke(policies, 'flex')).toBe('Allowed');
    expect(await invoke(policies, 'reserved')).toBe('Allowed');
    expect(await invoke(policies)).toBe('ExplicitlyDenied');
    expect(policies.flatMap(p => p.Statement.map((s: any) => s.Sid))).not.toContain('DenyReservedCapacity');
  });

  test('bad input fails synth: reserved unacknowledged, a tier the profile forbids, the OpenAI-compatible endpoint with requireGuardrail', () => {
    const error = errorOf(() => serviceControlPolicies({
      allowedServiceTiers: [ServiceTier.RESERVED, ServiceTier.PRIORITY],
      profiles: [GovernanceProfile.of('costs', { allowedServiceTiers: [ServiceTier.FLEX] })],
      allowOpenAiCompatibleEndpoint: true,
      requireGuardrail: true,
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.ORGANIZATION_POLICIES_PROPS);
    expect(error.problems).toEqual([
      'allowedServiceTiers holds ServiceTier.RESERVED, a capacity commitment billed whether used or not: set acknowledgeReservedCapacity: true to allow it',
      'allowedServiceTiers reserved, priority are not allowed by profile costs; allowed: flex',
      'allowOpenAiCompatibleEndpoint and requireGuardrail are both true: no guardrail is known to apply on the OpenAI-compatible endpoint, ' +
      'so requireGuardrail denies it anyway; leave one of them out',
    ]);
  });
});
