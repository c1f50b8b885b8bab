import {
  CFN_EXEC, HOME, MEMBER, OUTSIDER, OWN_GUARDRAIL, QUALIFIER, Request, arnFor, bedrockArn, decisions, each, profileArn, scpsOf,
} from './organization-scps';
import { ApprovedModel, Geography, GovernanceProfile, ServiceTier } from '../../src';
import { HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn } from '../models/fixtures';

/**
 * What the statements about models, regions, tiers, guardrails, the data perimeter and API keys deny
 * and leave allowed (src/organization/statements: models, regions, service-tiers, guardrails,
 * data-perimeter, credentials), stated with the IAM simulator: each attack of a workload administrator
 * beside the governed use that must stay allowed. Every policy set is built inside its test.
 */

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
      unapproved: 'ExplicitlyDenied',
      unapprovedSource: 'ExplicitlyDenied',
      approvedSource: 'Allowed',
      approved: 'Allowed',
      applicationProfile: 'Allowed',
      provisioned: 'Allowed',
      batchJob: 'Allowed',
      customDeployment: 'ExplicitlyDenied',
    });
  });

  test('with allowModelCustomization, custom and imported models and their deployments pass', async () => {
    const scps = scpsOf({ allowModelCustomization: true });
    const invoke = (resource: string) => ({ action: 'bedrock:InvokeModel', resource });
    expect(await decisions(scps, {
      batchOnCustom: { action: 'bedrock:CreateModelInvocationJob', resource: bedrockArn('custom-model/claims-tuned') },
      deployment: invoke(bedrockArn('custom-model-deployment/claims')),
      imported: invoke(bedrockArn('imported-model/weights')),
      unapproved: invoke(fmArn(HOME, HAIKU_45)),
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
      buyApproved: buy(fmArn(HOME, SONNET_45)),
      buyUnapproved: buy(fmArn(HOME, HAIKU_45)),
      buyCustom: buy(bedrockArn('custom-model/claims-tuned')),
      tuneApproved: tune(fmArn(HOME, SONNET_45)),
      tuneUnapproved: tune(fmArn(HOME, HAIKU_45)),
      tuneCustom: tune(bedrockArn('custom-model/claims-tuned')),
    })).toEqual({
      buyApproved: 'Allowed',
      buyUnapproved: 'ExplicitlyDenied',
      buyCustom: 'Allowed',
      tuneApproved: 'Allowed',
      tuneUnapproved: 'ExplicitlyDenied',
      tuneCustom: 'Allowed',
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
      action: 'bedrock:InvokeModel',
      resource: fmArn('eu-west-1', SONNET_45),
      region: 'eu-west-1',
      context: { 'bedrock:InferenceProfileArn': profileArn(`eu.${SONNET_45}`, profileRegion) },
    });
    expect(await decisions(scps, {
      governed: { action: 'bedrock:GetGuardrail', resource: bedrockArn('guardrail/abc123') },
      ungoverned: { action: 'bedrock:GetGuardrail', resource: bedrockArn('guardrail/abc123', 'eu-west-1'), region: 'eu-west-1' },
      legOfGovernedProfile: leg('eu-central-1'),
      legOfUngovernedProfile: leg('eu-west-3'),
      profileCalledInUngoverned: {
        action: 'bedrock:InvokeModel',
        resource: profileArn(`eu.${SONNET_45}`, 'eu-west-3'),
        region: 'eu-central-1',
        context: { 'bedrock:InferenceProfileArn': profileArn(`eu.${SONNET_45}`, 'eu-west-3') },
      },
      guardrailProfileLeg: {
        action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:eu-west-1:${MEMBER}:guardrail-profile/eu.guardrail.v1:0`, region: 'eu-west-1',
      },
    })).toEqual({
      governed: 'Allowed',
      ungoverned: 'ExplicitlyDenied',
      legOfGovernedProfile: 'Allowed',
      legOfUngovernedProfile: 'ExplicitlyDenied',
      profileCalledInUngoverned: 'ExplicitlyDenied',
      guardrailProfileLeg: 'Allowed',
    });
  });
});

describe('Service tiers', () => {
  const tier = (action: string, key: string, value?: string): Request => ({
    action,
    resource: action.startsWith('bedrock-mantle') ? `arn:aws:bedrock-mantle:${HOME}:${MEMBER}:project/default` : profileArn(`eu.${SONNET_45}`),
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
      leave: { action: 'organizations:LeaveOrganization' },
      close: { action: 'account:CloseAccount' },
      thirdParty: { action: 'bedrock:AssociateThirdPartyKnowledgeBase' },
      outsideSink: link('o-otherorg22'),
      ownSink: link('o-exampleorg1'),
      updateOutside: { action: 'oam:UpdateLink', context: { 'aws:ResourceOrgID': 'o-otherorg22', 'aws:PrincipalOrgID': 'o-exampleorg1' } },
      q: { action: 'q:SendMessage' },
    })).toEqual({
      leave: 'ExplicitlyDenied',
      close: 'ExplicitlyDenied',
      thirdParty: 'ExplicitlyDenied',
      outsideSink: 'ExplicitlyDenied',
      ownSink: 'Allowed',
      updateOutside: 'ExplicitlyDenied',
      q: 'ExplicitlyDenied',
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
      createBedrock: credential('bedrock.amazonaws.com'),
      createMantle: credential('bedrock-mantle.amazonaws.com'),
      createOther: credential('codecommit.amazonaws.com'),
      runtimeLong: bearer('bedrock', 'LONG_TERM'),
      runtimeShort: bearer('bedrock', 'SHORT_TERM'),
      mantleLong: bearer('bedrock-mantle', 'LONG_TERM'),
      mantleShort: bearer('bedrock-mantle', 'SHORT_TERM'),
    })).toEqual({
      createBedrock: 'ExplicitlyDenied',
      createMantle: 'ExplicitlyDenied',
      createOther: 'Allowed',
      runtimeLong: 'ExplicitlyDenied',
      runtimeShort: 'Allowed',
      mantleLong: 'ExplicitlyDenied',
      mantleShort: 'Allowed',
    });
  });
});
