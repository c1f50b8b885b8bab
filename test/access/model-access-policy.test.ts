import { Stack, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  ApplicationInferenceProfile, CrossRegionInferenceProfile, CustomModel, FoundationModel, Geography, Guardrail,
  ModelAccessPolicy, ProvisionedModel,
} from '../../src';
import { ACCOUNT, HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { evaluate, identityPoliciesOf } from '../support/iam';
import { checkCompliance } from '../support/nag';

const GUARDRAIL_ARN = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr123`;
const EU_PROFILE = profileArn('eu-central-1', `eu.${SONNET_45}`);

function roleIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
}

describe('ModelAccessPolicy requiring a guardrail', () => {
  const stack = stackIn('eu-central-1');
  const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-central-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`);
  const role = roleIn(stack);
  new ModelAccessPolicy(stack, 'Access', {
    models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), FoundationModel.of(TITAN_EMBED_V2)],
    requireGuardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3', encryptionKey: key }),
    roles: [role],
  });
  const identity = identityPoliciesOf(role);
  const withGuardrail = (version: string) => ({ 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:${version}` });

  test('allows invoking with the guardrail at the pinned version', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: withGuardrail('3') })).toBe('Allowed');
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModelWithResponseStream',
      resource: fmArn('eu-west-3', SONNET_45),
      context: { ...withGuardrail('3'), 'bedrock:InferenceProfileArn': EU_PROFILE },
    })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2), context: withGuardrail('3') }))
      .toBe('Allowed');
  });

  test('explicitly denies another version and a call without a guardrail', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: withGuardrail('2') })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) })).toBe('ExplicitlyDenied');
  });

  test('allows applying the guardrail and decrypting with its key', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN })).toBe('Allowed');
    // KMS needs the key policy too: the default one delegates to the account's IAM policies.
    const defaultKeyPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    const keyArn = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
    expect(await evaluate({ identity, resourcePolicy: defaultKeyPolicy }, { action: 'kms:Decrypt', resource: keyArn })).toBe('Allowed');
    expect(await evaluate({ identity, resourcePolicy: defaultKeyPolicy }, { action: 'kms:Encrypt', resource: keyArn })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN.replace('gr123', 'other') })).toBe('ImplicitlyDenied');
  });
});

describe('ModelAccessPolicy holds only the statements it writes (issue 34)', () => {
  const stack = stackIn('eu-central-1');
  const role = roleIn(stack);
  const access = new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
  role.addManagedPolicy(access);
  const broad = new iam.PolicyStatement({ actions: ['bedrock:*'], resources: ['*'] });

  test('a developer has no API to add a statement: no addStatements, no document, not a grantee', () => {
    const typed = (p: ModelAccessPolicy) => {
      // @ts-expect-error: the governed policy has no addStatements (it did while it extended iam.ManagedPolicy).
      p.addStatements(broad);
      // @ts-expect-error: nor a grant principal a grant could write into.
      iam.Grant.addToPrincipal({ grantee: p, actions: ['bedrock:*'], resourceArns: ['*'] });
    };
    expect(typeof typed).toBe('function');
    const untyped = access as unknown as Record<string, unknown>;
    expect([untyped.addStatements, untyped.document, untyped.grantPrincipal]).toEqual([undefined, undefined, undefined]);
    expect(() => iam.Grant.addToPrincipal({ grantee: untyped as unknown as iam.IGrantable, actions: ['bedrock:*'], resourceArns: ['*'] }))
      .toThrow(TypeError);
  });

  test('attached through aws-cdk-lib\'s own API (role.addManagedPolicy), it allows its model and nothing else', async () => {
    const identity = identityPoliciesOf(role);
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', TITAN_EMBED_V2) })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-central-1', SONNET_45) })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:CreateGuardrail', resource: '*' })).toBe('ImplicitlyDenied');
  });

  test('the managed policy keeps the logical ID it had as a ManagedPolicy subclass (its child is Default, which logical IDs leave out)', () => {
    const before = stackIn('eu-central-1');
    new iam.ManagedPolicy(before, 'Access', { statements: [broad] });
    const ids = (s: Stack) => Object.keys(Template.fromStack(s).findResources('AWS::IAM::ManagedPolicy'));
    expect(ids(stack)).toEqual(ids(before));
    expect(ids(stack)).toHaveLength(1);
  });

});

describe('ModelAccessPolicy requiring the private endpoint', () => {
  const stack = stackIn('eu-central-1');
  const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: 'vpce-0abc', port: 443 });
  const role = roleIn(stack);
  new ModelAccessPolicy(stack, 'Access', {
    models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
    requireVpcEndpoints: [endpoint],
    roles: [role],
  });
  const identity = identityPoliciesOf(role);

  test('allows calls through the endpoint', async () => {
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'aws:SourceVpce': 'vpce-0abc', 'aws:ViaAWSService': 'false' },
    })).toBe('Allowed');
  });

  test('explicitly denies calls through another endpoint or the public endpoint', async () => {
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'aws:SourceVpce': 'vpce-0other', 'aws:ViaAWSService': 'false' },
    })).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, {
      action: 'bedrock:InvokeModelWithResponseStream', resource: EU_PROFILE, context: { 'aws:ViaAWSService': 'false' },
    })).toBe('ExplicitlyDenied');
  });

  test('the other bedrock-runtime doors (token counting, ApplyGuardrail) are denied outside the endpoint too, whatever else allows them', async () => {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const call = (action: string, resource: string, vpce?: string) => evaluate({ identity: [...identity, allowAll] }, {
      action, resource, context: { 'aws:ViaAWSService': 'false', ...(vpce ? { 'aws:SourceVpce': vpce } : {}) },
    });
    const guardrail = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr123`;
    expect(await call('bedrock:CountTokens', fmArn('eu-central-1', SONNET_45))).toBe('ExplicitlyDenied');
    expect(await call('bedrock:ApplyGuardrail', guardrail, 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await call('bedrock:CountTokens', fmArn('eu-central-1', SONNET_45), 'vpce-0abc')).toBe('Allowed');
    expect(await call('bedrock:ApplyGuardrail', guardrail, 'vpce-0abc')).toBe('Allowed');
    // Retrieval goes through bedrock-agent-runtime, which this requirement does not name.
    expect(await call('bedrock:Retrieve', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:knowledge-base/KB12345678`)).toBe('Allowed');
  });

  test('does not deny calls Bedrock makes on the principal\'s behalf', async () => {
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'aws:ViaAWSService': 'true' } }))
      .toBe('Allowed');
  });
});

describe('ModelAccessPolicy with every kind of invokable', () => {
  function everyKind(): Stack {
    const stack = stackIn('eu-central-1');
    const appProfile = new ApplicationInferenceProfile(stack, 'Profile', {
      inferenceProfileName: 'team-a', modelSource: CrossRegionInferenceProfile.of(Geography.EU, HAIKU_45),
    });
    const role = roleIn(stack);
    const requireGuardrail = Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' });
    // Two policies: one holding all six would pass IAM's 6,144 characters (see 'size' below).
    new ModelAccessPolicy(stack, 'Access', {
      models: [
        FoundationModel.of(TITAN_EMBED_V2),
        CrossRegionInferenceProfile.of(Geography.EU, SONNET_45),
        CrossRegionInferenceProfile.of(Geography.GLOBAL, SONNET_45),
      ],
      requireGuardrail,
      roles: [role],
    });
    new ModelAccessPolicy(stack, 'AccountModels', {
      models: [
        appProfile,
        ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:provisioned-model/pm1`),
        CustomModel.fromImportedModelArn(stack, 'Im', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:imported-model/im1`),
      ],
      requireGuardrail,
      roles: [role],
    });
    return stack;
  }

  test('no bedrock:* action and no Resource "*" on any action', () => {
    const template = Template.fromStack(everyKind()).toJSON();
    const statements = Object.values<any>(template.Resources)
      .filter(r => r.Type === 'AWS::IAM::ManagedPolicy')
      .flatMap(r => r.Properties.PolicyDocument.Statement);
    expect(statements.length).toBeGreaterThan(0);
    const actions = statements.flatMap(s => [s.Action].flat());
    expect(actions.filter(a => a === '*' || a.endsWith(':*'))).toEqual([]);
    expect(statements.filter(s => [s.Resource].flat().includes('*'))).toEqual([]);
  });

  test('passes the four cdk-nag packs with no violation and no acknowledgement', () => {
    expect(checkCompliance(everyKind())).toEqual({ violations: [], acknowledgements: [] });
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    expect(() => expectValidCloudFormation(everyKind())).not.toThrow();
  });

  test('every problem of every model is reported at once', () => {
    const stack = stackIn('us-east-1');
    expect(() => new ModelAccessPolicy(stack, 'Access', {
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), FoundationModel.of('no.such-model-v1:0')],
      requireVpcEndpoints: [],
    })).toThrow([
      'ModelAccessPolicy:',
      "  - models[0]: the stack region us-east-1 is not a source region of geography 'eu', so inference profile " +
      `eu.${SONNET_45} cannot be called from it; source regions: eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1`,
      "  - models[1]: modelId 'no.such-model-v1:0' is not in the library's region data: use a listed model ID, or pass allowUnlistedModel: true for a model newer than the data",
      '  - requireVpcEndpoints is empty: give at least one endpoint, or leave it undefined',
    ].join('\n'));
  });

  test('an empty model list is an error', () => {
    expect(() => new ModelAccessPolicy(stackIn('eu-central-1'), 'Access', { models: [] }))
      .toThrow('ModelAccessPolicy: models is empty: give at least one approved model or profile');
  });
});

describe('requirements are never dropped', () => {
  test('grantInvoke with a guardrail on a principal without a policy fails instead of leaving out the Deny', () => {
    const stack = stackIn('eu-central-1');
    // A grantee whose principal has no policy to add to (CDK says so with statementAdded: false).
    class ServiceGrantee extends Construct implements iam.IGrantable {
      public readonly grantPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
    }
    const role = new ServiceGrantee(stack, 'Grantee');
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(role, {
      requireGuardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
    })).toThrow(/has no policy the required Deny \(guardrail or VPC endpoint\) can be added to/);
  });
});

describe('size', () => {
  test('a policy over IAM\'s 6,144 characters fails synth and says how to split it', () => {
    const stack = stackIn('eu-central-1');
    new ModelAccessPolicy(stack, 'Access', {
      models: Array.from({ length: 60 }, (_, i) => FoundationModel.of(`vendor.model-number-${i}-v1:0`, { allowUnlistedModel: true })),
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /ModelAccessPolicy: the policy for 60 model\(s\) is about \d+ characters, over IAM's 6144 for a managed policy: split the models/);
  });

  test('the policy of the example\'s models is well under the limit', () => {
    const stack = stackIn('eu-central-1');
    new ModelAccessPolicy(stack, 'Access', {
      models: [
        CrossRegionInferenceProfile.of(Geography.EU, SONNET_45),
        CrossRegionInferenceProfile.of(Geography.EU, HAIKU_45),
        FoundationModel.of(TITAN_EMBED_V2),
      ],
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

test('onProtectedPath puts the policy on the landing zone\'s path, which the organization policies let only the role admins version; by default the root path, a team\'s own', () => {
  const paths = [undefined, false, true].map(onProtectedPath => {
    const stack = stackIn('eu-central-1');
    new ModelAccessPolicy(stack, 'Access', { models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], roles: [roleIn(stack)], onProtectedPath });
    return Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')).map(r => r.Properties.Path);
  });
  expect(paths).toEqual([['/'], ['/'], ['/bedrock-landing-zone/']]);
});
