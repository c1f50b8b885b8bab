import { Stack, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockLandingZone, BedrockLandingZoneProps, CrossRegionInferenceProfile, FoundationModel, Geography, GovernanceProfile, Guardrail,
  GuardrailPreset, Jurisdiction, ModelInvocationLogging, BedrockEndpointService, BedrockPrivateEndpoints,
} from '../../src';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance } from '../support/nag';

const MODELS = [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)];

function landingZone(region: string, props: Partial<BedrockLandingZoneProps> = {}): { stack: Stack; lz: BedrockLandingZone } {
  const stack = stackIn(region);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: MODELS, applicationRoles: [role], ...props });
  return { stack, lz };
}

/** Every Bedrock ARN named in the stack's IAM policies and endpoint policies. */
function bedrockArns(stack: Stack): string[] {
  const template = Template.fromStack(stack).toJSON();
  const text = JSON.stringify(Object.values<any>(template.Resources)
    .filter(r => ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::EC2::VPCEndpoint'].includes(r.Type))
    .map(r => r.Properties.PolicyDocument));
  return [...new Set([...text.matchAll(/:bedrock:([a-z0-9-]*):[^"]*/g)].map(m => m[0]))].sort();
}

describe('BedrockLandingZone under EU residency (eu-central-1)', () => {
  const { stack, lz } = landingZone('eu-central-1', { profiles: [GovernanceProfile.BASELINE, GovernanceProfile.EU_RESIDENCY] });
  const euDestinations = Geography.EU.destinationRegions;

  test('resolves the approved list to the EU profile and the in-region model', () => {
    expect(lz.geography.prefix).toBe('eu');
    expect(lz.models.map(m => m.invocationIdentifier(stack))).toEqual([`eu.${SONNET_45}`, TITAN_EMBED_V2]);
  });

  test('no IAM or endpoint policy names a region outside the EU, or the region-less (global) model', () => {
    const regions = [...new Set(bedrockArns(stack).map(arn => arn.split(':')[2]))].sort();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.filter(r => !euDestinations.includes(r))).toEqual([]);
    expect(bedrockArns(stack).filter(arn => arn.includes('global.') || arn.startsWith(':bedrock::'))).toEqual([]);
  });

  test('a global model is refused at synth', () => {
    expect(() => landingZone('eu-central-1', {
      profiles: [GovernanceProfile.EU_RESIDENCY], approvedModels: [ApprovedModel.global(SONNET_45)],
    }).stack).toThrow(`BedrockLandingZone: approvedModels: global.${SONNET_45} may route to any commercial region, which profile ` +
      'eu-residency does not allow; use ApprovedModel.throughGeography(modelId) instead');
  });

  test('a region outside the EU is refused at synth', () => {
    expect(() => landingZone('us-east-1', { profiles: [GovernanceProfile.EU_RESIDENCY] }))
      .toThrow(/^BedrockLandingZone: region us-east-1 is not a source region of any allowed geography \(eu\) under profile eu-residency: deploy this landing zone in one of eu-central-1/);
  });

  test('residency is checked by meaning, whatever route a model was declared by', () => {
    const refused = (model: ApprovedModel) => () => landingZone('eu-central-1', { profiles: [GovernanceProfile.EU_RESIDENCY], approvedModels: [model] });
    expect(refused(ApprovedModel.of(CrossRegionInferenceProfile.of(Geography.GLOBAL, SONNET_45)))).toThrow(
      `BedrockLandingZone: approvedModels[0]: a fixed invokable (global.${SONNET_45}) may be processed in any region, ` +
      'outside the regions profile eu-residency allows ' +
      '(eu-central-1, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-3); approve it through the geography\'s profile or in-region, in an allowed region');
    expect(refused(ApprovedModel.of(FoundationModel.of(TITAN_EMBED_V2, { region: 'us-east-1' })))).toThrow(
      /^BedrockLandingZone: approvedModels\[0\]: a fixed invokable \(amazon\.titan-embed-text-v2:0\) may be processed in us-east-1, outside the regions profile eu-residency allows/);
    expect(refused(ApprovedModel.of(FoundationModel.of(TITAN_EMBED_V2)))).not.toThrow();
  });

  test('the account-wide guardrail evaluates the whole request, not only the content a caller tags', () => {
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::EnforcedGuardrailConfiguration', {
      SelectiveContentGuarding: { System: 'COMPREHENSIVE', Messages: 'COMPREHENSIVE' },
    });
  });

  test('EU residency means the member states: London is refused, and allowed under EU adequacy', () => {
    expect(() => landingZone('eu-west-2', { profiles: [GovernanceProfile.EU_RESIDENCY] })).toThrow(
      'BedrockLandingZone: region eu-west-2 is outside the regions profile eu-residency allows (jurisdiction eu-member-states): deploy this landing zone ' +
      'in one of eu-central-1, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-3');
    expect(() => landingZone('eu-west-2', { profiles: [GovernanceProfile.EU_ADEQUACY_RESIDENCY] })).not.toThrow();
  });

  test('a jurisdiction that a model\'s profile routes out of is refused, naming where it routes', () => {
    const noParis = GovernanceProfile.of('no-paris', { allowedGeographies: [Geography.EU], jurisdiction: Jurisdiction.of('no-paris', ['eu-central-1', 'eu-west-1']) });
    expect(() => landingZone('eu-central-1', { profiles: [noParis], approvedModels: [ApprovedModel.throughGeography(SONNET_45)] })).toThrow(
      /^BedrockLandingZone: approvedModels\[0\]: anthropic\.claude-sonnet-4-5-20250929-v1:0 \(through the geography's profile\) \(eu\.anthropic\.claude-sonnet-4-5-20250929-v1:0\) may be processed in eu-north-1, eu-south-1, eu-south-2, eu-west-3, outside/);
  });

  describe('the application role, by meaning', () => {
    const template = Template.fromStack(stack).toJSON();
    const ids = (type: string) => Object.entries<any>(template.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
    const guardrailId = ids('AWS::Bedrock::Guardrail')[0];
    const versionId = ids('AWS::Bedrock::GuardrailVersion')[0];
    const endpointId = ids('AWS::EC2::VPCEndpoint')[0];
    const guardrailArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr1`;
    const policies = new TemplatePolicies(template, {
      region: 'eu-central-1',
      accountId: ACCOUNT,
      refs: { [endpointId]: 'vpce-0runtime' },
      getAtts: {
        [`${guardrailId}.GuardrailArn`]: guardrailArn,
        [`${versionId}.Version`]: '1',
        [`${ids('AWS::KMS::Key').find(i => i.startsWith('LzGuardrailKey'))}.Arn`]: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/k1`,
      },
    });
    const identity = policies.identityPoliciesOf(ids('AWS::IAM::Role').find(i => i.startsWith('App'))!);
    const euProfile = profileArn('eu-central-1', `eu.${SONNET_45}`);
    const governed = { 'bedrock:GuardrailIdentifier': `${guardrailArn}:1`, 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false' };

    test('may invoke the approved models with the guardrail through the endpoint', async () => {
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: euProfile, context: governed })).toBe('Allowed');
      expect(await evaluate({ identity }, {
        action: 'bedrock:InvokeModelWithResponseStream',
        resource: fmArn('eu-west-3', SONNET_45),
        context: { ...governed, 'bedrock:InferenceProfileArn': euProfile },
      })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2), context: governed }))
        .toBe('Allowed');
    });

    test('is denied without the guardrail, outside the endpoint, and outside the EU', async () => {
      const { 'bedrock:GuardrailIdentifier': _g, ...noGuardrail } = governed;
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: euProfile, context: noGuardrail })).toBe('ExplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: euProfile, context: { ...governed, 'aws:SourceVpce': 'vpce-0other' } }))
        .toBe('ExplicitlyDenied');
      expect(await evaluate({ identity }, {
        action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', SONNET_45), context: { ...governed, 'bedrock:InferenceProfileArn': euProfile },
      })).toBe('ImplicitlyDenied');
    });
  });

  test('the four cdk-nag packs: no violation; acknowledgements come only from the parts, with reasons', () => {
    const result = checkCompliance(landingZone('eu-central-1', { profiles: [GovernanceProfile.EU_RESIDENCY] }).stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements.map(a => `${a.id} @ ${a.path}`)).toEqual([
      'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/LogBucket/Resource',
      'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'HIPAA.Security::HIPAA.Security-VPCDefaultSecurityGroupClosed @ Stack/Lz/Endpoints/Vpc/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/LogBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed @ Stack/Lz/Endpoints/Vpc/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ Stack/Lz/InvocationLogging/LogBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS @ Stack/Lz/InvocationLogging/AccessLogsBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-VPCDefaultSecurityGroupClosed @ Stack/Lz/Endpoints/Vpc/Resource',
    ]);
    expect(result.acknowledgements.filter(a => a.reason.length < 80)).toEqual([]);
  });

  test('one Lambda function; valid CloudFormation', () => {
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
    expect(() => expectValidCloudFormation(landingZone('eu-central-1').stack)).not.toThrow();
  });
});

describe('profiles', () => {
  test('baseline in us-east-1 uses the US geography and one year of logs, and enforces the guardrail account-wide', () => {
    const { stack, lz } = landingZone('us-east-1');
    expect(lz.geography.prefix).toBe('us');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/bedrock-landing-zone/model-invocations', RetentionInDays: 365 });
    template.resourceCountIs('AWS::Bedrock::EnforcedGuardrailConfiguration', 1);
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      ContentPolicyConfig: { FiltersConfig: Match.arrayWith([Match.objectLike({ Type: 'PROMPT_ATTACK', InputStrength: 'HIGH', OutputStrength: 'NONE' })]) },
    });
  });

  test('HIPAA keeps logs six years and blocks or anonymizes PHI', () => {
    const { stack } = landingZone('us-east-1', { profiles: [GovernanceProfile.HIPAA], spend: { existingBudgetName: 'bedrock-account' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/bedrock-landing-zone/model-invocations', RetentionInDays: 2192 });
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      SensitiveInformationPolicyConfig: { PiiEntitiesConfig: Match.arrayWith([Match.objectLike({ Type: 'US_SOCIAL_SECURITY_NUMBER', Action: 'BLOCK' })]) },
    });
  });

  test('FedRAMP Moderate adds the FIPS runtime endpoint and keeps logs three years', () => {
    const { stack } = landingZone('us-east-1', { profiles: [GovernanceProfile.FEDRAMP_MODERATE], spend: { existingBudgetName: 'bedrock-account' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.us-east-1.bedrock-runtime-fips' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/bedrock-landing-zone/model-invocations', RetentionInDays: 1096 });
  });

  test('profiles combine: presets add up, the longest retention wins, geographies intersect', () => {
    const combined = GovernanceProfile.combine([GovernanceProfile.PCI_DSS, GovernanceProfile.HIPAA, GovernanceProfile.EU_RESIDENCY]);
    expect(combined.name).toBe('pci-dss+hipaa+eu-residency');
    expect(combined.guardrailPresets.map(p => p.name)).toEqual(['baseline', 'pci-dss', 'hipaa']);
    expect(combined.minimumLogRetention).toBe(logs.RetentionDays.SIX_YEARS);
    expect(combined.allowedGeographies?.map(g => g.prefix)).toEqual(['eu']);
    expect(combined.allowsGlobalProfiles).toBe(false);
    expect(GovernanceProfile.combine([GovernanceProfile.EU_RESIDENCY, GovernanceProfile.of('us-only', { allowedGeographies: [Geography.US] })])
      .allowedGeographies).toEqual([]);
  });
});

describe('every part can be replaced', () => {
  test('your own guardrail and logging are used, not created', () => {
    const stack = stackIn('eu-central-1');
    const guardrail = new Guardrail(stack, 'Mine', { presets: [GuardrailPreset.STRICT] });
    const logging = new ModelInvocationLogging(stack, 'MyLogging');
    const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: MODELS, guardrail, invocationLogging: logging, enforceGuardrailAccountWide: false });
    expect(lz.guardrail).toBe(guardrail);
    expect(lz.invocationLogging).toBe(logging);
    expect(lz.enforcedGuardrail).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Bedrock::Guardrail', 1);
    template.resourceCountIs('Custom::BedrockModelInvocationLogging', 1);
    template.resourceCountIs('AWS::Bedrock::EnforcedGuardrailConfiguration', 0);
  });

  test('an empty approved list and an environment-agnostic stack are errors', () => {
    expect(() => landingZone('eu-central-1', { approvedModels: [] })).toThrow('BedrockLandingZone: approvedModels is empty: give at least one approved model');
    expect(() => new BedrockLandingZone(new Stack(), 'Lz', { approvedModels: MODELS })).toThrow(/the stack is environment-agnostic/);
  });
});

describe('review fixes', () => {
  test('a profile that only restricts geography still gets the baseline filters', () => {
    const { stack } = landingZone('eu-central-1', { profiles: [GovernanceProfile.EU_RESIDENCY] });
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::Guardrail', {
      ContentPolicyConfig: { FiltersConfig: Match.arrayWith([Match.objectLike({ Type: 'PROMPT_ATTACK', InputStrength: 'HIGH' })]) },
    });
    expect(GovernanceProfile.combine([]).name).toBe('baseline');
  });

  test('embedding models need no guardrail (they carry no text to filter) and are left out of the account-wide enforcement', async () => {
    const { stack } = landingZone('eu-central-1');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Bedrock::EnforcedGuardrailConfiguration', {
      ModelEnforcement: { IncludedModels: ['ALL'], ExcludedModels: [TITAN_EMBED_V2] },
    });
    const json = template.toJSON();
    const roleId = Object.keys(json.Resources).find(id => id.startsWith('App') && json.Resources[id].Type === 'AWS::IAM::Role')!;
    const endpointId = Object.keys(json.Resources).find(id => json.Resources[id].Type === 'AWS::EC2::VPCEndpoint')!;
    const identity = new TemplatePolicies(json, {
      region: 'eu-central-1',
      accountId: ACCOUNT,
      refs: { [endpointId]: 'vpce-0runtime' },
      getAtts: {
        [`${Object.keys(json.Resources).find(id => json.Resources[id].Type === 'AWS::Bedrock::Guardrail')}.GuardrailArn`]: 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/g',
        [`${Object.keys(json.Resources).find(id => json.Resources[id].Type === 'AWS::Bedrock::GuardrailVersion')}.Version`]: '1',
        [`${Object.keys(json.Resources).find(id => id.startsWith('LzGuardrailKey'))}.Arn`]: 'arn:aws:kms:eu-central-1:111111111111:key/k',
      },
    }).identityPoliciesOf(roleId);
    const noGuardrail = { 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false' };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2), context: noGuardrail }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('eu-central-1', `eu.${SONNET_45}`), context: noGuardrail }))
      .toBe('ExplicitlyDenied');
  });

  test('giving a part and the props for a new one is an error', () => {
    const stack = stackIn('eu-central-1');
    const guardrail = new Guardrail(stack, 'Mine', { presets: [GuardrailPreset.STRICT] });
    expect(() => new BedrockLandingZone(stack, 'Lz', { approvedModels: MODELS, guardrail, guardrailProps: { presets: [GuardrailPreset.HIPAA] } }))
      .toThrow('BedrockLandingZone: guardrail and guardrailProps are both given: guardrailProps configures the guardrail this construct creates; ' +
        'configure your own guardrail directly');
  });
});

describe('BedrockLandingZone on AgentCore', () => {
  test('agentCore: the endpoints include AgentCore\'s data plane, gateway and control plane', () => {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'LandingZone', { approvedModels: MODELS, profiles: [GovernanceProfile.EU_RESIDENCY], agentCore: true });
    expect(BedrockEndpointService.agentCore().map(s => lz.endpoints.endpointFor(s) !== undefined)).toEqual([true, true, true]);
  });

  test('agentCore with endpoints of your own that have no AgentCore endpoint: an error that says what to do', () => {
    const stack = stackIn('eu-central-1');
    const endpoints = new BedrockPrivateEndpoints(stack, 'Mine', { allowAnyBedrockAction: true });
    expect(() => new BedrockLandingZone(stack, 'LandingZone', { approvedModels: MODELS, profiles: [GovernanceProfile.EU_RESIDENCY], agentCore: true, endpoints })).toThrow(/agentCore is true but the endpoints given have no AgentCore endpoint: create them with services: BedrockEndpointService.agentCore\(\)/);
  });
});
