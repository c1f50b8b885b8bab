import { aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, SONNET_45, profileArn, stackIn } from './fixtures';
import {
  BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors,
  CrossRegionInferenceProfile, Geography, ServiceTier,
} from '../../src';
import { errorOf } from '../support/errors';
import { PolicyDocument, evaluate, identityPoliciesOf } from '../support/iam';
import { serviceControlPolicies } from '../support/service-control-policies';

/**
 * ServiceTier is an open value set (issue 34, ADR 0022): a constant per tier this release knows, and
 * `of(name)` for one AWS adds later. A tier the library does not know is allowed only where a list
 * names it: the organization's default list never allows it.
 */

const EU_PROFILE = profileArn('eu-central-1', `eu.${SONNET_45}`);
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('ServiceTier.of', () => {
  test('a known name gives its constant (the same object), which prints as the name', () => {
    expect(ServiceTier.of('flex')).toBe(ServiceTier.FLEX);
    expect(ServiceTier.all().map(t => `${t}`)).toEqual(['priority', 'default', 'flex', 'reserved']);
  });

  test('a tier added later keeps its name, and of() of it twice is one object', () => {
    expect(ServiceTier.of('batch').value).toBe('batch');
    expect(ServiceTier.of('batch')).toBe(ServiceTier.of('batch'));
  });

  test.each(['FLEX', '', 'has space', '1tier'])('of(%j) is refused with the type, the value and what is allowed', bad => {
    const error = errorOf(() => ServiceTier.of(bad));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.VALUE_SET_VALUE);
    expect((error as Error).message).toBe(`ServiceTier.of: value is the string '${bad}'; allowed: lower-case letters, digits, _ and -, as Bedrock spells a tier`);
  });
});

describe('a grant that lists a tier added later', () => {
  function invokeOn(tiers: ServiceTier[]) {
    const stack = stackIn('eu-central-1');
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, { allowedServiceTiers: tiers });
    const identity = identityPoliciesOf(role);
    return {
      stack,
      invoke: (tier: string) => evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'bedrock:ServiceTier': tier } }),
    };
  }

  test('writes it as its name and allows it; a tier it does not list is still denied', async () => {
    const { stack, invoke } = invokeOn([ServiceTier.of('batch'), ServiceTier.DEFAULT]);
    const conditions = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap(p => p.Properties.PolicyDocument.Statement).filter((s: any) => s.Effect === 'Deny' && s.Condition?.StringNotEquals?.['bedrock:ServiceTier'])
      .map((s: any) => s.Condition.StringNotEquals['bedrock:ServiceTier']);
    expect(conditions).toEqual([['batch', 'default']]);
    expect(await invoke('batch')).toBe('Allowed');
    expect(await invoke('priority')).toBe('ExplicitlyDenied');
  });

  test('a plain string where a ServiceTier belongs is refused, naming the value and the known tiers', () => {
    const error = errorOf(() => invokeOn(['flex' as any]));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.INVOKE_GRANT_OPTIONS);
    expect((error as any).problems).toEqual(["allowedServiceTiers holds 'flex'; expected one of priority, default, flex, reserved (ServiceTier)"]);
  });
});

describe('the organization policies and a tier the library does not know', () => {
  // An administrator of a member account tries a tier AWS added after this release.
  const invoke = (policies: PolicyDocument[], tier: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [policies] }, {
    action: 'bedrock:InvokeModel',
    resource: EU_PROFILE,
    resourceAccount: ACCOUNT,
    context: { 'aws:RequestedRegion': 'eu-central-1', 'bedrock:ServiceTier': tier },
  });

  test('is denied by default: the default list holds only the tiers this release knows', async () => {
    expect(await invoke(serviceControlPolicies(), 'batch')).toBe('ExplicitlyDenied');
  });

  test('is allowed once the platform team lists it', async () => {
    const policies = serviceControlPolicies({ allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.of('batch')] });
    expect(await invoke(policies, 'batch')).toBe('Allowed');
    expect(await invoke(policies, 'flex')).toBe('ExplicitlyDenied');
  });
});
