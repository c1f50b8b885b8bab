import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, Geography, GovernanceProfile, ServiceTier } from '../../src';
import { PolicySettings, statementClass } from '../../src/organization/private/statement-record';
import { HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * What the construct reads from its props before any statement is built (its policy settings and the
 * statement context: the residency regions, the governed regions, the defaults, the embedding models,
 * the ARNs an approved model is reached by, the props that lift a statement), stated by what a workload
 * administrator (identity: allow everything) may then do. Every policy set is built inside its test.
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const OU = 'ou-ab12-cd34ef56';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
const OWN_GUARDRAIL = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
const profileArn = (id: string, region = HOME) => `arn:aws:bedrock:${region}:${MEMBER}:inference-profile/${id}`;

function scpsOf(props: Partial<BedrockOrganizationPoliciesProps>): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    targetIds: [OU],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

interface Request {
  readonly action: string;
  readonly resource?: string;
  readonly region?: string;
  readonly context?: Record<string, string>;
}

/** The decision for each named request of a developer of a member account. */
async function decisions(scps: PolicyDocument[], requests: Record<string, Request>): Promise<Record<string, Decision>> {
  const entries = await Promise.all(Object.entries(requests).map(async ([name, r]) => [name, await evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    {
      action: r.action,
      resource: r.resource ?? '*',
      resourceAccount: MEMBER,
      principal: DEVELOPER,
      // AWS sets aws:ViaAWSService on every request: false for a caller's own.
      context: { 'aws:PrincipalArn': DEVELOPER, 'aws:RequestedRegion': r.region ?? HOME, 'aws:ViaAWSService': 'false', ...r.context },
    },
  )] as const));
  return Object.fromEntries(entries);
}

const invokeIn = (region: string): Request => ({ action: 'bedrock:InvokeModel', resource: fmArn(region, TITAN_EMBED_V2), region });

describe('the residency regions: the profile\'s regions inside the geographies the policies name', () => {
  test('a profile that allows the EU and the US, with the policies naming the EU: Bedrock runs in the EU only', async () => {
    const euAndUs = GovernanceProfile.of('eu-and-us', { allowedGeographies: [Geography.EU, Geography.US] });
    const scps = scpsOf({ profiles: [euAndUs], geographies: [Geography.EU], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)] });
    expect(await decisions(scps, { frankfurt: invokeIn('eu-central-1'), virginia: invokeIn('us-east-1') })).toEqual({
      frankfurt: 'Allowed', virginia: 'ExplicitlyDenied',
    });
  });

  test('a region counts when it is a source or a destination of a geography', async () => {
    const split = Geography.of('xx', ['eu-central-1'], ['eu-west-1']);
    const scps = scpsOf({
      profiles: [GovernanceProfile.of('split', { allowedGeographies: [split] })], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)],
    });
    expect(await decisions(scps, { source: invokeIn('eu-central-1'), destination: invokeIn('eu-west-1'), neither: invokeIn('eu-west-3') })).toEqual({
      source: 'Allowed', destination: 'Allowed', neither: 'ExplicitlyDenied',
    });
  });
});

describe('the governed regions', () => {
  test('the order and repetition of governedRegions change nothing in the policies; the regions outside are denied', async () => {
    const base = { geographies: [Geography.EU], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)] };
    const scps = scpsOf({ ...base, governedRegions: ['eu-west-1', 'eu-central-1', 'eu-west-1'] });
    expect(scps).toEqual(scpsOf({ ...base, governedRegions: ['eu-central-1', 'eu-west-1'] }));
    expect(await decisions(scps, { frankfurt: invokeIn('eu-central-1'), ireland: invokeIn('eu-west-1'), paris: invokeIn('eu-west-3') })).toEqual({
      frankfurt: 'Allowed', ireland: 'Allowed', paris: 'ExplicitlyDenied',
    });
  });
});

describe('the defaults', () => {
  const tier = (value: string): Request => ({ action: 'bedrock:InvokeModel', resource: fmArn(HOME, TITAN_EMBED_V2), context: { 'bedrock:ServiceTier': value } });

  test('without allowedServiceTiers or a profile\'s tiers, every tier but reserved; the OpenAI-compatible endpoint and harnesses are denied', async () => {
    const scps = scpsOf({ geographies: [Geography.EU] });
    expect(await decisions(scps, {
      priority: tier('priority'),
      default: tier('default'),
      flex: tier('flex'),
      reserved: tier('reserved'),
      noTier: { action: 'bedrock:InvokeModel', resource: fmArn(HOME, TITAN_EMBED_V2) },
      openAi: { action: 'bedrock-mantle:CreateInference', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default`, context: { 'bedrock-mantle:Model': SONNET_45 } },
      harness: { action: 'bedrock-agentcore:CreateHarness' },
      reservation: { action: 'bedrock-mantle:CreateReservation' },
    })).toEqual({
      priority: 'Allowed',
      default: 'Allowed',
      flex: 'Allowed',
      reserved: 'ExplicitlyDenied',
      noTier: 'Allowed',
      openAi: 'ExplicitlyDenied',
      harness: 'ExplicitlyDenied',
      reservation: 'ExplicitlyDenied',
    });
  });

  test('allowedServiceTiers replaces the default tiers', async () => {
    const scps = scpsOf({ geographies: [Geography.EU], allowedServiceTiers: [ServiceTier.FLEX] });
    expect(await decisions(scps, { flex: tier('flex'), priority: tier('priority'), default: tier('default') })).toEqual({
      flex: 'Allowed', priority: 'ExplicitlyDenied', default: 'ExplicitlyDenied',
    });
  });

  test('a profile\'s tiers replace the default tiers', async () => {
    const flexOnly = GovernanceProfile.of('flex-only', { allowedGeographies: [Geography.EU], allowedServiceTiers: [ServiceTier.FLEX] });
    const scps = scpsOf({ profiles: [flexOnly] });
    expect(await decisions(scps, { flex: tier('flex'), priority: tier('priority') })).toEqual({ flex: 'Allowed', priority: 'ExplicitlyDenied' });
  });

  test('allowOpenAiCompatibleEndpoint and governAgentCore: false open what they name', async () => {
    const scps = scpsOf({ geographies: [Geography.EU], allowOpenAiCompatibleEndpoint: true, governAgentCore: false });
    expect(await decisions(scps, {
      openAi: { action: 'bedrock-mantle:CreateInference', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default`, context: { 'bedrock-mantle:Model': `eu.${SONNET_45}` } },
      harness: { action: 'bedrock-agentcore:CreateHarness' },
    })).toEqual({ openAi: 'Allowed', harness: 'Allowed' });
  });
});

describe('the embedding models and the guardrail requirement', () => {
  test('an approved embedding model runs without a guardrail; a text model only with the member\'s own', async () => {
    const scps = scpsOf({ profiles: [GovernanceProfile.EU_RESIDENCY], requireGuardrail: true });
    expect(await decisions(scps, {
      embedding: invokeIn(HOME),
      textWithout: { action: 'bedrock:InvokeModel', resource: profileArn(`eu.${SONNET_45}`) },
      textWith: { action: 'bedrock:InvokeModel', resource: profileArn(`eu.${SONNET_45}`), context: { 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL } },
    })).toEqual({ embedding: 'Allowed', textWithout: 'ExplicitlyDenied', textWith: 'Allowed' });
  });
});

describe('the ARNs an approved model is reached by', () => {
  const invoke = (resource: string, region = HOME): Request => ({ action: 'bedrock:InvokeModel', resource, region });

  test('global: its global profile and the model; not a geography\'s profile', async () => {
    const scps = scpsOf({ geographies: [Geography.EU], approvedModels: [ApprovedModel.global(SONNET_45)] });
    expect(await decisions(scps, {
      global: invoke(profileArn(`global.${SONNET_45}`)), eu: invoke(profileArn(`eu.${SONNET_45}`)), model: invoke(fmArn(HOME, SONNET_45)),
    })).toEqual({ global: 'Allowed', eu: 'ExplicitlyDenied', model: 'Allowed' });
  });

  test('in-region: the model only; through a geography: each named geography\'s profile and the model', async () => {
    const scps = scpsOf({
      geographies: [Geography.EU, Geography.US], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2), ApprovedModel.throughGeography(SONNET_45)],
    });
    expect(await decisions(scps, {
      inRegionModel: invoke(fmArn(HOME, TITAN_EMBED_V2)),
      inRegionProfile: invoke(profileArn(`eu.${TITAN_EMBED_V2}`)),
      euProfile: invoke(profileArn(`eu.${SONNET_45}`)),
      usProfile: invoke(profileArn(`us.${SONNET_45}`, 'us-east-1'), 'us-east-1'),
      apacProfile: invoke(profileArn(`apac.${SONNET_45}`, 'ap-northeast-1'), 'ap-northeast-1'),
      globalProfile: invoke(profileArn(`global.${SONNET_45}`)),
      model: invoke(fmArn(HOME, SONNET_45)),
      unapproved: invoke(fmArn(HOME, HAIKU_45)),
    })).toEqual({
      inRegionModel: 'Allowed',
      inRegionProfile: 'ExplicitlyDenied',
      euProfile: 'Allowed',
      usProfile: 'Allowed',
      apacProfile: 'ExplicitlyDenied',
      globalProfile: 'ExplicitlyDenied',
      model: 'Allowed',
      unapproved: 'ExplicitlyDenied',
    });
  });

  test('provisioned throughput is bought for an approved foundation model only', async () => {
    const scps = scpsOf({ profiles: [GovernanceProfile.EU_RESIDENCY] });
    const buy = (model: string): Request => ({ action: 'bedrock:CreateProvisionedModelThroughput', resource: fmArn(HOME, model) });
    expect(await decisions(scps, { approved: buy(SONNET_45), embedding: buy(TITAN_EMBED_V2), unapproved: buy(HAIKU_45) })).toEqual({
      approved: 'Allowed', embedding: 'Allowed', unapproved: 'ExplicitlyDenied',
    });
  });

  test('a model approved twice costs no characters: the policies are those of approving it once', () => {
    expect(scpsOf({ geographies: [Geography.EU], approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(SONNET_45)] }))
      .toEqual(scpsOf({ geographies: [Geography.EU], approvedModels: [ApprovedModel.throughGeography(SONNET_45)] }));
  });
});

describe('the props that lift a statement', () => {
  const importJob: Request = { action: 'bedrock:CreateModelImportJob' };
  const otherService: Request = { action: 'q:SendMessage' };

  test('the value the record names lifts it; another value of the same prop, or its absence, does not', async () => {
    const base = { geographies: [Geography.EU] };
    expect(await decisions(scpsOf(base), { importJob, otherService })).toEqual({ importJob: 'ExplicitlyDenied', otherService: 'ExplicitlyDenied' });
    const explicitlyOff = scpsOf({ ...base, allowModelCustomization: false, allowGenerativeFeaturesOfOtherServices: false });
    expect(await decisions(explicitlyOff, { importJob, otherService })).toEqual({ importJob: 'ExplicitlyDenied', otherService: 'ExplicitlyDenied' });
    const lifted = scpsOf({ ...base, allowModelCustomization: true, allowGenerativeFeaturesOfOtherServices: true });
    expect(await decisions(lifted, { importJob, otherService })).toEqual({ importJob: 'Allowed', otherService: 'Allowed' });
  });

  test('a record lifted by two props stays in unless the props hold both values', () => {
    const record = statementClass({
      title: 'Two props',
      summary: 'A record whose lifting needs two props.',
      statements: [{ sid: 'DenyBoth', denies: 'nothing', why: 'a test', liftedBy: { allowModelCustomization: true, requireGuardrail: false }, build: () => ({}) }],
    }).statements[0];
    const settings = (props: Partial<BedrockOrganizationPoliciesProps>) =>
      ({ props: { approvedModels: [], targetIds: [], ...props } }) as unknown as PolicySettings;
    expect([
      record.applies(settings({})),
      record.applies(settings({ allowModelCustomization: true })),
      record.applies(settings({ requireGuardrail: false })),
      record.applies(settings({ allowModelCustomization: true, requireGuardrail: false })),
    ]).toEqual([true, true, true, false]);
  });

  test('a statement that names a condition keeps it: a long-term API key for Bedrock is denied, one for another service is not', async () => {
    const credential = (service: string): Request => ({
      action: 'iam:CreateServiceSpecificCredential', resource: `arn:aws:iam::${MEMBER}:user/dev`, context: { 'iam:ServiceSpecificCredentialServiceName': service },
    });
    expect(await decisions(scpsOf({ geographies: [Geography.EU] }), { bedrock: credential('bedrock.amazonaws.com'), codecommit: credential('codecommit.amazonaws.com') }))
      .toEqual({ bedrock: 'ExplicitlyDenied', codecommit: 'Allowed' });
  });
});
