import { App, Duration, Lazy, Stack, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockLandingZone, BedrockOrganizationPolicies, BedrockPrivateEndpoints, CrossRegionInferenceProfile, EnforcedGuardrail,
  FoundationModel, Geography, GovernanceProfile, Guardrail, GuardrailPreset, IGuardrailReference, ModelAccessPolicy,
  ModelInvocationLogging,
  ProvisionedThroughput, ProvisionedThroughputModel, EmbeddingModel, VectorKnowledgeBase,
} from '../../src';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';

/**
 * Input that is only bad together: each part is valid alone, the combination cannot work or governs
 * less than it says. Each check, with the exact message (prop, value received, what is allowed).
 */

const REGION = 'eu-central-1';
const EU_SONNET = () => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
const role = (stack: Stack) => new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
/** A guardrail created elsewhere, imported into a stack of the same environment as the one that uses it. */
const reference = (guardrailArn: string, guardrailVersion = '1') =>
  Guardrail.fromGuardrailAttributes(stackIn(REGION), 'Imported', { guardrailArn, guardrailVersion });
/**
 * A reference of the caller's own making (jsii callers implement IGuardrailReference): it skips the
 * checks of Guardrail.fromGuardrailAttributes, so the grant checks it again.
 */
const ownReference = (guardrailArn: string, guardrailVersion = '1'): IGuardrailReference => ({ guardrailArn, guardrailVersion, applyStatements: () => [] });
const GUARDRAIL_HERE = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;

describe('a guardrail requirement that belongs elsewhere', () => {
  const policyWith = (guardrail: IGuardrailReference) => () => {
    const stack = stackIn(REGION);
    new ModelAccessPolicy(stack, 'Access', { models: [EU_SONNET()], requireGuardrail: guardrail, roles: [role(stack)] });
  };

  test('DRAFT is refused, by ModelAccessPolicy and by grantInvoke alike', () => {
    const message = "InvokeGrantOptions: requireGuardrail.guardrailVersion is 'DRAFT'; allowed: a numeric version 1 to 99999999 (not DRAFT)";
    expect(policyWith(ownReference(GUARDRAIL_HERE, 'DRAFT'))).toThrow(message);
    const stack = stackIn(REGION);
    expect(() => EU_SONNET().grantInvoke(role(stack), { requireGuardrail: ownReference(GUARDRAIL_HERE, 'DRAFT') })).toThrow(message);
  });

  test('Guardrail.fromGuardrailAttributes refuses DRAFT and a versioned ARN, and passes a numeric version and tokens', () => {
    expect(() => reference(`${GUARDRAIL_HERE}:3`, 'DRAFT')).toThrow([
      'Guardrail.fromGuardrailAttributes:',
      '  - guardrailVersion is \'DRAFT\'; allowed: a numeric version 1 to 99999999 (not DRAFT)',
      `  - guardrailArn '${GUARDRAIL_HERE}:3' is not a guardrail ARN; allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id> ` +
      '(without the version: give it as guardrailVersion)',
    ].join('\n'));
    expect(() => reference(GUARDRAIL_HERE, '3')).not.toThrow();
    expect(() => reference(Lazy.string({ produce: () => 'x' }), Lazy.string({ produce: () => 'DRAFT' }))).not.toThrow();
  });

  test('a guardrail ID CloudFormation and Bedrock refuse (capitals, \'_\') makes the ARN not a guardrail ARN', () => {
    const arn = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/My_Guardrail`;
    expect(() => reference(arn)).toThrow(`Guardrail.fromGuardrailAttributes: guardrailArn '${arn}' is not a guardrail ARN; ` +
      'allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id> (the id is lowercase letters and digits)');
    expect(() => new EnforcedGuardrail(stackIn(REGION), 'Enforced', { guardrail: ownReference(arn) })).toThrow(
      `EnforcedGuardrail: guardrail.guardrailArn '${arn}' is not a guardrail ARN; ` +
      'allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id> (the id is lowercase letters and digits)');
  });

  test('a guardrail of another region or another account is refused', () => {
    expect(policyWith(reference(`arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/gr123`))).toThrow(
      'InvokeGrantOptions: requireGuardrail.guardrailArn is in us-east-1, but the stack region is eu-central-1; allowed: a guardrail in eu-central-1');
    expect(policyWith(reference(`arn:aws:bedrock:${REGION}:444444444444:guardrail/gr123`))).toThrow(
      `InvokeGrantOptions: requireGuardrail.guardrailArn is in account 444444444444, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`);
  });

  test('an ARN that is not a guardrail ARN is refused; one with its version says where the version goes', () => {
    expect(policyWith(ownReference(`arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678`))).toThrow(
      `InvokeGrantOptions: requireGuardrail.guardrailArn 'arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678' is not a guardrail ARN; ` +
      'allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id>');
    expect(policyWith(ownReference(`${GUARDRAIL_HERE}:3`))).toThrow(
      `InvokeGrantOptions: requireGuardrail.guardrailArn '${GUARDRAIL_HERE}:3' is not a guardrail ARN; ` +
      'allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id> (without the version: give it as guardrailVersion)');
  });

  test('a Guardrail of the app in another region\'s stack is refused, though its ARN is a token', () => {
    const app = new App();
    const us = new Stack(app, 'Us', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const eu = new Stack(app, 'Eu', { env: { account: ACCOUNT, region: REGION } });
    const guardrail = new Guardrail(us, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
    expect(() => new ModelAccessPolicy(eu, 'Access', { models: [EU_SONNET()], requireGuardrail: guardrail })).toThrow(
      'InvokeGrantOptions: requireGuardrail.guardrailArn is in us-east-1, but the stack region is eu-central-1; allowed: a guardrail in eu-central-1');
    expect(() => new ModelAccessPolicy(us, 'Access', { models: [CrossRegionInferenceProfile.of(Geography.US, SONNET_45)], requireGuardrail: guardrail }))
      .not.toThrow();
  });

  test('a Guardrail imported into this stack is where its ARN says: another region\'s or account\'s is refused', () => {
    const stack = stackIn(REGION);
    const imported = Guardrail.fromGuardrailAttributes(stack, 'Imported', { guardrailArn: 'arn:aws:bedrock:us-east-1:444444444444:guardrail/gr123', guardrailVersion: '1' });
    expect(() => EU_SONNET().grantInvoke(role(stack), { requireGuardrail: imported })).toThrow([
      'InvokeGrantOptions:',
      '  - requireGuardrail.guardrailArn is in us-east-1, but the stack region is eu-central-1; allowed: a guardrail in eu-central-1',
      `  - requireGuardrail.guardrailArn is in account 444444444444, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`,
    ].join('\n'));
    const here = Guardrail.fromGuardrailAttributes(stack, 'Here', { guardrailArn: GUARDRAIL_HERE, guardrailVersion: '1' });
    expect(() => new ModelAccessPolicy(stack, 'Access', { models: [EU_SONNET()], requireGuardrail: here })).not.toThrow();
  });

  test('the enforced guardrail refuses another account\'s guardrail too', () => {
    expect(() => new EnforcedGuardrail(stackIn(REGION), 'Enforced', { guardrail: reference(`arn:aws:bedrock:${REGION}:444444444444:guardrail/gr123`) })).toThrow(
      `EnforcedGuardrail: guardrail.guardrailArn is in account 444444444444, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`);
  });
});

describe('an endpoint that belongs elsewhere', () => {
  test('an endpoint of another region\'s stack is refused as requireVpcEndpoints', () => {
    const app = new App();
    const us = new Stack(app, 'Us', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const eu = new Stack(app, 'Eu', { env: { account: ACCOUNT, region: REGION } });
    const endpoints = new BedrockPrivateEndpoints(us, 'Endpoints', { models: [CrossRegionInferenceProfile.of(Geography.US, SONNET_45)] });
    expect(() => new ModelAccessPolicy(eu, 'Access', { models: [EU_SONNET()], requireVpcEndpoints: endpoints.runtimeEndpoints })).toThrow(
      'InvokeGrantOptions: requireVpcEndpoints[0] is an endpoint in us-east-1 (Us/Endpoints/Runtime), but the stack region is eu-central-1; ' +
      'allowed: endpoints in eu-central-1');
  });
});

describe('a replaced landing-zone part must meet the profile', () => {
  const landingZoneWith = (logging: (stack: Stack) => ModelInvocationLogging, profiles = [GovernanceProfile.HIPAA]) => () => {
    const stack = stackIn(REGION);
    new BedrockLandingZone(stack, 'Lz', {
      profiles,
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      invocationLogging: logging(stack),
      spend: { existingBudgetName: 'bedrock-account' },
    });
  };

  test('a log group kept one year under HIPAA (six years) is refused', () => {
    expect(landingZoneWith(s => new ModelInvocationLogging(s, 'Logging', { logRetention: logs.RetentionDays.ONE_YEAR }))).toThrow(
      'BedrockLandingZone: invocationLogging keeps its log group 365 days, but profile hipaa requires at least 2192 days: ' +
      'set its logRetention to at least logs.RetentionDays with 2192 days');
    expect(landingZoneWith(s => new ModelInvocationLogging(s, 'Logging', { logRetention: logs.RetentionDays.SIX_YEARS }))).not.toThrow();
  });

  test('logs that expire before the retention the profile requires, and logging without text, are refused', () => {
    expect(landingZoneWith(s => new ModelInvocationLogging(s, 'Logging', {
      logRetention: logs.RetentionDays.SIX_YEARS, expiration: Duration.days(400), textDataDelivery: false,
    }))).toThrow([
      'BedrockLandingZone:',
      '  - invocationLogging expires its logs in the bucket after 400 days, but profile hipaa requires at least 2192 days: ' +
      'set its expiration to at least Duration.days(2192), or leave it out',
      '  - invocationLogging does not deliver text (textDataDelivery: false), but profile hipaa requires prompts and answers to be logged: ' +
      'set textDataDelivery to true',
    ].join('\n'));
  });
});

describe('an identifier of one kind where another is expected', () => {
  test('a profile ID given as a foundation model says what was meant, even with allowUnlistedModel', () => {
    const message = `FoundationModel eu.${SONNET_45}: modelId 'eu.${SONNET_45}' is the ID of the 'eu' inference profile of ${SONNET_45}, ` +
      `not a foundation model ID: use CrossRegionInferenceProfile.of(Geography.EU, '${SONNET_45}'), or FoundationModel.of('${SONNET_45}') for the model in region`;
    expect(() => FoundationModel.of(`eu.${SONNET_45}`).grantInvoke(role(stackIn(REGION)))).toThrow(message);
    expect(() => FoundationModel.of(`eu.${SONNET_45}`, { allowUnlistedModel: true }).grantInvoke(role(stackIn(REGION)))).toThrow(message);
  });

  test('a geography prefix written twice says what was meant', () => {
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, `eu.${SONNET_45}`, { allowUnlistedModel: true }).grantInvoke(role(stackIn(REGION)))).toThrow(
      `CrossRegionInferenceProfile eu.eu.${SONNET_45}: modelId 'eu.${SONNET_45}' already carries the geography prefix 'eu.' (the profile would be ` +
      `'eu.eu.${SONNET_45}'): give the model ID without it: CrossRegionInferenceProfile.of(Geography.EU, '${SONNET_45}')`);
  });

  test('an inference-profile ID reserved as provisioned throughput is refused; an unknown model is reserved with a named warning', () => {
    expect(() => new ProvisionedThroughput(stackIn('us-east-1'), 'Claims', {
      model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(`us.${SONNET_45}`)), modelUnits: 1,
    })).toThrow(`ProvisionedThroughput: model 'us.${SONNET_45}' is the ID of the 'us' inference profile of ${SONNET_45}; provisioned throughput ` +
      `reserves a foundation model or a custom model, in the stack's region: use ProvisionedThroughputModel.foundationModel(FoundationModel.of('${SONNET_45}'))`);
    const stack = stackIn('us-east-1');
    new ProvisionedThroughput(stack, 'Claims', { model: ProvisionedThroughputModel.foundationModel(FoundationModel.of('vendor.new-model-v1:0')), modelUnits: 1 });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('unlistedProvisionedModel')).map(w => String(w.entry.data));
    expect(warnings).toEqual([
      "model 'vendor.new-model-v1:0' is not in the library's region data: check the model ID and that provisioned throughput is offered for it in this " +
      'region before buying model units (Bedrock lists them with ListFoundationModels, byInferenceType PROVISIONED) [ack: cdk-bedrock-landing-zone:unlistedProvisionedModel]',
    ]);
  });
});

describe('names the service requires to be unique per account and region', () => {
  test('two guardrails with one name in one account and region fail synth, naming both; other regions are independent', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: { account: ACCOUNT, region: REGION } });
    const b = new Stack(app, 'B', { env: { account: ACCOUNT, region: REGION } });
    const c = new Stack(app, 'C', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    for (const stack of [a, b, c]) new Guardrail(stack, 'Guardrail', { guardrailName: 'claims', presets: [GuardrailPreset.BASELINE] });
    expect(() => app.synth()).toThrow(`guardrailName 'claims' is used by 2 guardrails in account ${ACCOUNT} region ${REGION} (A/Guardrail, B/Guardrail); ` +
      'a guardrail name must be unique in its account and region: give each its own name');
    const apart = new App();
    new Guardrail(new Stack(apart, 'A', { env: { account: ACCOUNT, region: REGION } }), 'Guardrail', { guardrailName: 'claims', presets: [GuardrailPreset.BASELINE] });
    new Guardrail(new Stack(apart, 'C', { env: { account: ACCOUNT, region: 'eu-west-1' } }), 'Guardrail', { guardrailName: 'claims', presets: [GuardrailPreset.BASELINE] });
    expect(() => apart.synth()).not.toThrow();
  });
});

describe('other service-scoped names', () => {
  test('two knowledge bases, or two identical reservations, in one account and region fail synth', () => {
    const app = new App();
    for (const id of ['A', 'B']) {
      const stack = new Stack(app, id, { env: { account: ACCOUNT, region: 'us-east-1' } });
      new VectorKnowledgeBase(stack, 'Kb', { knowledgeBaseName: 'handbook', embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
      new ProvisionedThroughput(stack, 'Claims', {
        model: ProvisionedThroughputModel.foundationModel(FoundationModel.of('amazon.nova-pro-v1:0')), modelUnits: 1, provisionedModelName: 'claims',
      });
    }
    expect(() => app.synth()).toThrow(/knowledgeBaseName 'handbook' is used by 2 knowledge bases in account 111111111111 region us-east-1 \(A\/Kb, B\/Kb\)/);
    expect(() => app.synth()).toThrow(/provisionedModelName \(deployed as\) 'claims-1mu-[0-9a-f]{6}' is used by 2 provisioned throughputs/);
  });
});

describe('JavaScript and Python callers passing strings where model references belong', () => {
  const asAny = (value: unknown) => value as any;

  test('ModelAccessPolicy and BedrockPrivateEndpoints name the prop and what to write', () => {
    expect(() => new ModelAccessPolicy(stackIn(REGION), 'Access', { models: [EU_SONNET(), asAny(SONNET_45)] })).toThrow(
      `ModelAccessPolicy: models[1] is the string '${SONNET_45}'; expected a model reference: FoundationModel.of('${SONNET_45}') or ` +
      `CrossRegionInferenceProfile.of(Geography.EU, '${SONNET_45}')`);
    expect(() => new BedrockPrivateEndpoints(stackIn(REGION), 'Endpoints', { models: [asAny(42)] })).toThrow(
      'BedrockPrivateEndpoints: models[0] is the number 42; expected a model reference (FoundationModel, CrossRegionInferenceProfile, ...)');
  });

  test('the landing zone and the organization policies want ApprovedModel', () => {
    expect(() => new BedrockLandingZone(stackIn(REGION), 'Lz', { approvedModels: [asAny(TITAN_EMBED_V2)] })).toThrow(
      `BedrockLandingZone: approvedModels[0] is the string '${TITAN_EMBED_V2}'; expected an ApprovedModel: ApprovedModel.throughGeography('${TITAN_EMBED_V2}') ` +
      `or ApprovedModel.inRegion('${TITAN_EMBED_V2}')`);
    expect(() => new BedrockOrganizationPolicies(stackIn('us-east-1'), 'Scps', { approvedModels: [asAny({ modelId: SONNET_45 })], targetIds: ['ou-ab12-cd34ef56'] }))
      .toThrow('BedrockOrganizationPolicies: approvedModels[0] is an object; expected an ApprovedModel');
  });

  test('provisioned throughput wants a ProvisionedThroughputModel', () => {
    expect(() => new ProvisionedThroughput(stackIn('us-east-1'), 'Claims', { model: asAny(SONNET_45), modelUnits: 1 })).toThrow(
      `ProvisionedThroughput: model is the string '${SONNET_45}'; expected a ProvisionedThroughputModel: ` +
      'ProvisionedThroughputModel.foundationModel(FoundationModel.of(modelId)) or ProvisionedThroughputModel.customModel(customModelArn)');
  });

  test('the checks do not fire on valid input', () => {
    const stack = stackIn(REGION);
    expect(() => new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)] }))
      .not.toThrow();
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
