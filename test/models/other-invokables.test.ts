import { Stack, Tags, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from './fixtures';
import {
  ApplicationInferenceProfile, CrossRegionInferenceProfile, CustomModel, FoundationModel, Geography, ProvisionedModel,
} from '../../src';
import { evaluate, identityPoliciesOf } from '../support/iam';

function callerIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
}

describe('FoundationModel (one region)', () => {
  const stack = stackIn('eu-central-1');
  const role = callerIn(stack);
  FoundationModel.of(TITAN_EMBED_V2).grantInvoke(role);
  const identity = identityPoliciesOf(role);

  test('allows both invoke actions on the model in the stack region', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: fmArn('eu-central-1', TITAN_EMBED_V2) }))
      .toBe('Allowed');
  });

  test('denies the model in another region and another model', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', TITAN_EMBED_V2) })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', 'cohere.embed-english-v3') }))
      .toBe('ImplicitlyDenied');
  });

  test('a model not offered on demand in the region names where it is offered', () => {
    expect(() => FoundationModel.of(SONNET_45).invokeStatements(stackIn('eu-central-1'))).toThrow(
      `foundation model '${SONNET_45}' is not offered on demand in eu-central-1; it is offered in: (none); ` +
      'or through the inference profiles of: au, eu, global, jp, us, us-gov (use CrossRegionInferenceProfile.of(Geography.X, modelId))');
  });

  test('an explicit region works in an environment-agnostic stack', () => {
    const agnostic = new Stack();
    expect(FoundationModel.of(TITAN_EMBED_V2, { region: 'us-east-1' }).problemsFor(agnostic)).toEqual([]);
    expect(FoundationModel.of(TITAN_EMBED_V2).problemsFor(agnostic)).toEqual([
      expect.stringContaining('foundation model amazon.titan-embed-text-v2:0 needs the stack\'s region'),
    ]);
  });
});

describe('ApplicationInferenceProfile over an EU profile', () => {
  const stack = stackIn('eu-central-1');
  const source = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
  const profile = new ApplicationInferenceProfile(stack, 'Profile', {
    inferenceProfileName: 'claims-assistant',
    modelSource: source,
    tags: { CostCenter: 'cc-42', Team: 'claims' },
  });
  const role = callerIn(stack);
  profile.grantInvoke(role);
  const appProfileArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:application-inference-profile/abc123`;
  const identity = identityPoliciesOf(role, { getAtts: { 'Profile6F32097C.InferenceProfileArn': appProfileArn } });
  const through = { 'bedrock:InferenceProfileArn': appProfileArn };

  test('creates the profile copying the system profile, with cost-allocation tags', () => {
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::ApplicationInferenceProfile', {
      InferenceProfileName: 'claims-assistant',
      ModelSource: { CopyFrom: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:eu-central-1:${ACCOUNT}:inference-profile/eu.${SONNET_45}`]] } },
      Tags: [{ Key: 'CostCenter', Value: 'cc-42' }, { Key: 'Team', Value: 'claims' }],
    });
  });

  test('allows the application profile, streaming included', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: appProfileArn })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: appProfileArn })).toBe('Allowed');
  });

  test.each(EU_DESTINATIONS_FROM_FRANKFURT)('allows the model in %s and the system profile only through the application profile', async region => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: fmArn(region, SONNET_45), context: through }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('eu-central-1', `eu.${SONNET_45}`), context: through }))
      .toBe('Allowed');
  });

  test('denies the system profile and the model when called without the application profile', async () => {
    const viaSystemProfile = { 'bedrock:InferenceProfileArn': profileArn('eu-central-1', `eu.${SONNET_45}`) };
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profileArn('eu-central-1', `eu.${SONNET_45}`) }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-west-1', SONNET_45), context: viaSystemProfile }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', SONNET_45), context: through }))
      .toBe('ImplicitlyDenied');
  });

  test('Tags.of() applies to the profile too', () => {
    const s = stackIn('eu-central-1');
    const p = new ApplicationInferenceProfile(s, 'P', { modelSource: FoundationModel.of(TITAN_EMBED_V2) });
    Tags.of(p).add('Owner', 'platform');
    Template.fromStack(s).hasResourceProperties('AWS::Bedrock::ApplicationInferenceProfile', {
      InferenceProfileName: 'Stack-P-8CEA4A57',
      Tags: [{ Key: 'Owner', Value: 'platform' }],
    });
  });

  test('bad props fail together, naming each prop and value', () => {
    const s = stackIn('eu-central-1');
    expect(() => new ApplicationInferenceProfile(s, 'Bad', {
      inferenceProfileName: 'no/slashes',
      description: 'x'.repeat(201),
      modelSource: CrossRegionInferenceProfile.of(Geography.US, HAIKU_45),
    })).toThrow([
      'ApplicationInferenceProfile:',
      "  - inferenceProfileName 'no/slashes' is not allowed: use 1 to 64 letters, digits, spaces, '_' or '-', starting with a letter or digit",
      '  - description has 201 characters; at most 200 are allowed',
      "  - modelSource: the stack region eu-central-1 is not a source region of geography 'us', so inference profile " +
      `us.${HAIKU_45} cannot be called from it; source regions: ca-central-1, ca-west-1, us-east-1, us-east-2, us-west-1, us-west-2`,
    ].join('\n'));
  });

  test('a JavaScript caller\'s source that is not a foundation model or system profile is an error, created or imported', () => {
    const s = stackIn('eu-central-1');
    const provisioned = ProvisionedModel.fromProvisionedModelArn(s, 'Pm', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:provisioned-model/pm1`);
    const expected = `modelSource is a ${provisioned.constructor.name}; expected a FoundationModel or a CrossRegionInferenceProfile: an application ` +
      'inference profile copies a foundation model or a system-defined inference profile (CloudFormation\'s ModelSource.CopyFrom accepts no other)';
    expect(() => new ApplicationInferenceProfile(s, 'OfProvisioned', { modelSource: provisioned as any })).toThrow(`ApplicationInferenceProfile: ${expected}`);
    expect(() => ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(s, 'ImportedOfProvisioned', {
      applicationInferenceProfileArn: appProfileArn, modelSource: provisioned as any,
    })).toThrow(`ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes: ${expected}`);
    expect(() => new ApplicationInferenceProfile(s, 'OfString', { modelSource: SONNET_45 as any })).toThrow(
      `ApplicationInferenceProfile: modelSource is the string '${SONNET_45}'; expected a FoundationModel or a CrossRegionInferenceProfile`);
  });

  test('an imported profile\'s ARN must be an application inference profile\'s', () => {
    const systemProfile = profileArn('eu-central-1', `eu.${SONNET_45}`);
    expect(() => ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(stackIn('eu-central-1'), 'Imported', {
      applicationInferenceProfileArn: systemProfile, modelSource: FoundationModel.of(TITAN_EMBED_V2),
    })).toThrow(`ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes: applicationInferenceProfileArn '${systemProfile}' is not an ` +
      'application inference profile ARN; allowed: arn:<partition>:bedrock:<region>:<account>:application-inference-profile/<id>');
  });

  test('a description CloudFormation refuses (punctuation beyond \':\' and \'.\') is an error', () => {
    expect(() => new ApplicationInferenceProfile(stackIn('eu-central-1'), 'Described', {
      modelSource: FoundationModel.of(TITAN_EMBED_V2), description: 'Claims, for R&D!',
    })).toThrow("ApplicationInferenceProfile: description 'Claims, for R&D!' is not allowed: letters, digits, ':' and '.', " +
      "separated by single spaces, '_' or '-'");
    expect(() => new ApplicationInferenceProfile(stackIn('eu-central-1'), 'Described', {
      modelSource: FoundationModel.of(TITAN_EMBED_V2), description: 'Claims team: embeddings v2.0 for search_index-prod',
    })).not.toThrow();
  });

  test('tags Bedrock refuses are an error', () => {
    expect(() => new ApplicationInferenceProfile(stackIn('eu-central-1'), 'Tagged', {
      modelSource: FoundationModel.of(TITAN_EMBED_V2),
      tags: { '': 'empty key', 'CostCenter': 'R&D' },
    })).toThrow([
      'ApplicationInferenceProfile:',
      "  - tags key '' is not allowed: 1 to 128 letters, digits, spaces and . _ : / = + @ -",
      "  - tags['CostCenter'] value 'R&D' is not allowed: up to 256 letters, digits, spaces and . _ : / = + @ -",
    ].join('\n'));
  });

  test('an imported profile grants the same way', async () => {
    const s = stackIn('eu-central-1');
    const imported = ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(s, 'Imported', {
      applicationInferenceProfileArn: appProfileArn,
      modelSource: FoundationModel.of(TITAN_EMBED_V2),
    });
    expect(imported.applicationInferenceProfileId).toBe('abc123');
    const r = callerIn(s);
    imported.grantInvoke(r);
    const ids = identityPoliciesOf(r);
    expect(await evaluate({ identity: ids }, { action: 'bedrock:InvokeModel', resource: appProfileArn })).toBe('Allowed');
    expect(await evaluate({ identity: ids }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2), context: through }))
      .toBe('Allowed');
    expect(await evaluate({ identity: ids }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) }))
      .toBe('ImplicitlyDenied');
  });
});

describe('provisioned, custom and imported models', () => {
  test('InvokeModel does not accept a custom-model ARN, so there is no importer for one (IAM service data)', async () => {
    const customModel = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:custom-model/cm123`;
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: customModel }] };
    await expect(evaluate({ identity: [allowAll] }, { action: 'bedrock:InvokeModel', resource: customModel })).rejects.toThrow(/no.resource.types/);
  });

  const pmArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:provisioned-model/pm123`;
  const cmArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:custom-model-deployment/cm123`;
  const imArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:imported-model/im123`;

  test('each allows both invoke actions on its own ARN only', async () => {
    const stack = stackIn('eu-central-1');
    const role = callerIn(stack);
    ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', pmArn).grantInvoke(role);
    CustomModel.fromCustomModelDeploymentArn(stack, 'Cm', cmArn).grantInvoke(role);
    CustomModel.fromImportedModelArn(stack, 'Im', imArn).grantInvoke(role);
    const identity = identityPoliciesOf(role);
    for (const arn of [pmArn, cmArn, imArn]) {
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: arn })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: arn })).toBe('Allowed');
    }
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: pmArn.replace('pm123', 'other') })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) })).toBe('ImplicitlyDenied');
  });

  test('an ARN of the wrong kind fails at synth', () => {
    const stack = stackIn('eu-central-1');
    expect(() => ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', cmArn)).toThrow(
      `ProvisionedModel.fromProvisionedModelArn: provisioned model ARN '${cmArn}' is not a provisioned-model ARN; ` +
      'expected arn:<partition>:bedrock:<region>:<account>:provisioned-model/<id>');
    expect(() => CustomModel.fromImportedModelArn(stack, 'Im', cmArn)).toThrow(/is not a imported-model ARN/);
  });
});
