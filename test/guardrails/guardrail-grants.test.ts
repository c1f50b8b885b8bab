import { Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { guardrailAtts, logicalIdOf } from './fixtures';
import { CrossRegionInferenceProfile, FoundationModel, Geography, IGuardrailReference, ModelAccessPolicy } from '../../src';
import { Guardrail, GuardrailPreset } from '../../src/guardrails';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { PolicyDocument, TemplatePolicies, evaluate, identityPoliciesOf } from '../support/iam';

const GUARDRAIL_ARN = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr0123456789`;
const KEY_ARN = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const EU_GUARDRAIL_DESTINATIONS = Geography.EU.destinationRegions;
const guardrailProfile = (region: string, prefix = 'eu') => `arn:aws:bedrock:${region}:${ACCOUNT}:guardrail-profile/${prefix}.guardrail.v1:0`;

function setUp(crossRegion?: Geography): { stack: Stack; guardrail: Guardrail; role: iam.Role; atts: Record<string, string> } {
  const stack = stackIn('eu-central-1');
  const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE], crossRegion });
  const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  return { stack, guardrail, role, atts: guardrailAtts(stack, guardrail, { arn: GUARDRAIL_ARN, version: '4', keyArn: KEY_ARN }) };
}

function keyPolicyOf(stack: Stack, guardrail: Guardrail): PolicyDocument {
  const template = Template.fromStack(stack).toJSON();
  return new TemplatePolicies(template, { region: stack.region, accountId: stack.account })
    .documentOf(logicalIdOf(stack, guardrail.encryptionKey!.node.defaultChild), 'KeyPolicy');
}

describe('grantApply on an in-region guardrail', () => {
  const { stack, guardrail, role, atts } = setUp();
  guardrail.grantApply(role);
  const identity = identityPoliciesOf(role, { getAtts: atts });
  const keyPolicy = keyPolicyOf(stack, guardrail);

  test('allows applying this guardrail, and no other', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN.replace('gr0123456789', 'other0000000') }))
      .toBe('ImplicitlyDenied');
  });

  test('allows decrypting with the guardrail\'s key (identity and key policy), and nothing else on it', async () => {
    expect(await evaluate({ identity, resourcePolicy: keyPolicy }, { action: 'kms:Decrypt', resource: KEY_ARN })).toBe('Allowed');
    expect(await evaluate({ identity, resourcePolicy: keyPolicy }, { action: 'kms:Encrypt', resource: KEY_ARN })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity, resourcePolicy: keyPolicy }, { action: 'kms:ScheduleKeyDeletion', resource: KEY_ARN })).toBe('ImplicitlyDenied');
  });

  test('grants no guardrail profile', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('eu-central-1') })).toBe('ImplicitlyDenied');
  });
});

describe('grantApply on a cross-region (EU) guardrail', () => {
  const { guardrail, role, atts } = setUp(Geography.EU);
  guardrail.grantApply(role);
  const identity = identityPoliciesOf(role, { getAtts: atts });

  test('uses the EU guardrail profile of the stack\'s region', () => {
    expect(guardrail.resource.stack.resolve(guardrail.resource.crossRegionConfig)).toEqual({
      guardrailProfileArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:eu-central-1:${ACCOUNT}:guardrail-profile/eu.guardrail.v1:0`]] },
    });
  });

  test.each(EU_GUARDRAIL_DESTINATIONS)('allows the guardrail profile in destination region %s', async region => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile(region) })).toBe('Allowed');
  });

  test('denies the profile outside the geography and another geography\'s profile', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('us-east-1') })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('eu-central-1', 'us') })).toBe('ImplicitlyDenied');
  });

  test('still allows the guardrail itself', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
  });
});

describe('invoke grants that require a Guardrail of this app', () => {
  const { stack, guardrail, role, atts } = setUp(Geography.EU);
  CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, { requireGuardrail: guardrail });
  new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)], requireGuardrail: guardrail, roles: [role] });
  const identity = identityPoliciesOf(role, { getAtts: atts });
  const keyPolicy = keyPolicyOf(stack, guardrail);
  const EU_PROFILE = profileArn('eu-central-1', `eu.${SONNET_45}`);
  const withGuardrail = (version: string) => ({ 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:${version}` });

  test('pins invocations to the published version', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: withGuardrail('4') })).toBe('Allowed');
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModelWithResponseStream',
      resource: fmArn(EU_DESTINATIONS_FROM_FRANKFURT[1], SONNET_45),
      context: { ...withGuardrail('4'), 'bedrock:InferenceProfileArn': EU_PROFILE },
    })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2), context: withGuardrail('4') }))
      .toBe('Allowed');
  });

  test('explicitly denies another version and a call without a guardrail', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: withGuardrail('3') })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) })).toBe('ExplicitlyDenied');
  });

  test('adds applying the guardrail, its profile destinations and its key', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('eu-west-3') })).toBe('Allowed');
    expect(await evaluate({ identity, resourcePolicy: keyPolicy }, { action: 'kms:Decrypt', resource: KEY_ARN })).toBe('Allowed');
  });
});

describe('Guardrail.fromGuardrailAttributes', () => {
  test('grantApply covers the guardrail, the profile destinations and the given key', async () => {
    const stack = stackIn('eu-central-1');
    const imported = Guardrail.fromGuardrailAttributes(stack, 'Imported', {
      guardrailArn: GUARDRAIL_ARN,
      guardrailVersion: '7',
      crossRegion: Geography.EU,
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN),
    });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantApply(role);
    const identity = identityPoliciesOf(role);
    expect(imported.guardrailId).toBe('gr0123456789');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('eu-north-1') })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('us-east-1') })).toBe('ImplicitlyDenied');
    const defaultKeyPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    expect(await evaluate({ identity, resourcePolicy: defaultKeyPolicy }, { action: 'kms:Decrypt', resource: KEY_ARN })).toBe('Allowed');
  });

  test('a DRAFT version is refused', () => {
    expect(() => Guardrail.fromGuardrailAttributes(stackIn('eu-central-1'), 'Imported', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: 'DRAFT' }))
      .toThrow("Guardrail.fromGuardrailAttributes: guardrailVersion is 'DRAFT'; allowed: a numeric version 1 to 99999999 (not DRAFT)");
  });
});

describe('one way to reference a guardrail made elsewhere (issue 34)', () => {
  const requireImported = (guardrail: IGuardrailReference, role: iam.Role) =>
    CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, { requireGuardrail: guardrail });
  const applyThroughProfile = (identity: PolicyDocument[]) =>
    evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('eu-west-3') });

  test('Guardrail.fromGuardrailAttributes with crossRegion: the grant allows the guardrail profile a cross-region guardrail is applied through', async () => {
    const stack = stackIn('eu-central-1');
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    requireImported(Guardrail.fromGuardrailAttributes(stack, 'Imported', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '4', crossRegion: Geography.EU }), role);
    const identity = identityPoliciesOf(role);
    expect(await applyThroughProfile(identity)).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: guardrailProfile('us-east-1') })).toBe('ImplicitlyDenied');
  });

  test('an import that does not say it is cross-region gets no profile: its grant leaves the profile out', async () => {
    const stack = stackIn('eu-central-1');
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    requireImported(Guardrail.fromGuardrailAttributes(stack, 'Imported', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '4' }), role);
    const identity = identityPoliciesOf(role);
    expect(await applyThroughProfile(identity)).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
  });
});
