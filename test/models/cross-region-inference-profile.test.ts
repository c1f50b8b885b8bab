import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, HAIKU_45, SONNET_45, fmArn, profileArn, stackIn } from './fixtures';
import { CrossRegionInferenceProfile, Geography } from '../../src';
import { evaluate, identityPoliciesOf } from '../support/iam';

function roleWith(stack: Stack, grant: (role: iam.Role) => void): iam.Role {
  const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  grant(role);
  return role;
}

describe('geographic profile (EU, called from eu-central-1)', () => {
  const profile = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
  const stack = stackIn('eu-central-1');
  const role = roleWith(stack, r => profile.grantInvoke(r));
  const identity = identityPoliciesOf(role);
  const euProfile = profileArn('eu-central-1', `eu.${SONNET_45}`);
  const through = { 'bedrock:InferenceProfileArn': euProfile };

  test('the profile is allowed, streaming included', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: euProfile })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: euProfile })).toBe('Allowed');
  });

  test.each(EU_DESTINATIONS_FROM_FRANKFURT)('the model in %s is allowed through the profile', async region => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(region, SONNET_45), context: through }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: fmArn(region, SONNET_45), context: through }))
      .toBe('Allowed');
  });

  test('the model called directly, without the profile, is denied', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', SONNET_45) }))
      .toBe('ImplicitlyDenied');
  });

  test.each(['us-east-1', 'us-west-2', 'ap-northeast-1', 'eu-west-2'])('the model in %s is denied even with the profile context', async region => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(region, SONNET_45), context: through }))
      .toBe('ImplicitlyDenied');
  });

  test('another model and another profile are denied', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', HAIKU_45), context: through }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('eu-central-1', `eu.${HAIKU_45}`) }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('eu-central-1', `global.${SONNET_45}`) }))
      .toBe('ImplicitlyDenied');
  });

  test('the profile through a US source region is denied', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('us-east-1', `us.${SONNET_45}`) }))
      .toBe('ImplicitlyDenied');
  });

  test('names exactly the destination regions of the caller region, never a wildcard', () => {
    expect(profile.destinationRegions(stack)).toEqual(EU_DESTINATIONS_FROM_FRANKFURT);
    const resources = identity.flatMap(d => d.Statement.flatMap(s => [s.Resource].flat()));
    expect(resources.sort()).toEqual([euProfile, ...EU_DESTINATIONS_FROM_FRANKFURT.map(r => fmArn(r, SONNET_45))].sort());
  });

  test('a source region that routes to itself gets itself as a destination (eu-west-2)', () => {
    expect(profile.destinationRegions(stackIn('eu-west-2'))).toEqual([...EU_DESTINATIONS_FROM_FRANKFURT, 'eu-west-2'].sort());
  });
});

describe('global profile (called from eu-central-1)', () => {
  const profile = CrossRegionInferenceProfile.of(Geography.GLOBAL, SONNET_45);
  const stack = stackIn('eu-central-1');
  const identity = identityPoliciesOf(roleWith(stack, r => profile.grantInvoke(r)));
  const globalProfile = profileArn('eu-central-1', `global.${SONNET_45}`);
  const through = { 'bedrock:InferenceProfileArn': globalProfile };

  test('the profile is allowed in the source region only', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: globalProfile, context: { 'aws:RequestedRegion': 'eu-central-1' } }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: globalProfile, context: { 'aws:RequestedRegion': 'eu-central-1' } }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: globalProfile, context: { 'aws:RequestedRegion': 'us-east-1' } }))
      .toBe('ImplicitlyDenied');
  });

  test('the source-region model and the region-less model are allowed through the profile', async () => {
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', SONNET_45), context: { ...through, 'aws:RequestedRegion': 'eu-central-1' },
    })).toBe('Allowed');
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: fmArn('', SONNET_45), context: { ...through, 'aws:RequestedRegion': 'unspecified' },
    })).toBe('Allowed');
  });

  test('the region-less model without the profile, and the model in another region, are denied', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('', SONNET_45), context: { 'aws:RequestedRegion': 'unspecified' } }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', SONNET_45), context: { ...through, 'aws:RequestedRegion': 'us-east-1' },
    })).toBe('ImplicitlyDenied');
  });
});

describe('validation at synth', () => {
  test('a model the geography does not offer names the geographies that do', () => {
    const stack = stackIn('ap-northeast-1');
    expect(() => CrossRegionInferenceProfile.of(Geography.APAC, SONNET_45).grantInvoke(roleWith(stack, () => {})))
      .toThrow(`model '${SONNET_45}' has no 'apac' inference profile; it is offered through the profiles of: au, eu, global, jp, us, us-gov`);
  });

  test('a stack region outside the geography names its source regions', () => {
    const stack = stackIn('us-east-1');
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack))
      .toThrow(/the stack region us-east-1 is not a source region of geography 'eu'.*source regions: eu-central-1, eu-central-2, eu-north-1/);
  });

  test('an environment-agnostic stack is told how to fix it', () => {
    const stack = new Stack();
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack))
      .toThrow(/needs the stack's region .* give the stack an env with a region/);
  });

  test('a model newer than the data fails, unless explicitly allowed, which warns', () => {
    const newer = 'anthropic.claude-future-5-v1:0';
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, newer).invokeStatements(stackIn('eu-central-1')))
      .toThrow(`modelId '${newer}' is not in the library's region data: use a listed model ID, or pass allowUnlistedModel: true`);
    const stack = stackIn('eu-central-1');
    roleWith(stack, r => CrossRegionInferenceProfile.of(Geography.EU, newer, { allowUnlistedModel: true }).grantInvoke(r));
    Annotations.fromStack(stack).hasWarning('/Stack/Caller', Match.stringLikeRegexp(`eu.${newer} is not in the library's region data for geography 'eu'`));
  });

  test('a custom geography uses its own regions', async () => {
    const geo = Geography.of('xx', ['eu-central-1'], ['eu-central-1', 'eu-west-1']);
    const stack = stackIn('eu-central-1');
    const identity = identityPoliciesOf(roleWith(stack, r => CrossRegionInferenceProfile.of(geo, SONNET_45).grantInvoke(r)));
    const through = { 'bedrock:InferenceProfileArn': profileArn('eu-central-1', `xx.${SONNET_45}`, ACCOUNT) };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-west-1', SONNET_45), context: through })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-north-1', SONNET_45), context: through })).toBe('ImplicitlyDenied');
  });
});
