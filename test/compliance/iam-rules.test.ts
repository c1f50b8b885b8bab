import { Fn, Stack, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';

const PROFILE_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/eu.${SONNET_45}`;
const GUARDED = { StringEquals: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc:3` } };

function policy(stack: Stack, id: string, statements: unknown[], extra: Partial<iam.CfnManagedPolicyProps> = {}): iam.CfnManagedPolicy {
  return new iam.CfnManagedPolicy(stack, id, { policyDocument: { Version: '2012-10-17', Statement: statements }, ...extra });
}

describe('Bedrock-IAM1 NoBedrockAdminAccess', () => {
  test('invoke and read actions, a Deny, and the logging API for the control plane only: compliant', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Invoke', [{ Effect: 'Allow', Action: ['bedrock:InvokeModel*', 'bedrock:Get*', 'bedrock:List*'], Resource: PROFILE_ARN }]);
    policy(stack, 'DenyAll', [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }]);
    const controlPlane = new iam.CfnRole(stack, 'ControlPlane', {
      path: '/bedrock-landing-zone/',
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    });
    new iam.CfnPolicy(stack, 'ControlPlanePolicy', {
      policyName: 'cp',
      roles: [controlPlane.ref],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: ['bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration'], Resource: '*' }] },
    });
    expect(bedrockFindings(stack, {}, 'IAM1')).toEqual([]);
  });

  test('the governance switches for any other principal, a control-plane path assumed by others, a Deny that lets one through: reported', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Logging', [{ Effect: 'Allow', Action: 'bedrock:PutModelInvocationLoggingConfiguration', Resource: '*' }]);
    policy(stack, 'Wildcard', [{ Sid: 'Off', Effect: 'Allow', Action: 'bedrock:*Enforced*', Resource: '*' }]);
    policy(stack, 'DenyElse', [
      { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
      { Effect: 'Deny', NotAction: ['bedrock:DeleteModelInvocationLoggingConfiguration'], Resource: '*' },
    ]);
    const impostor = new iam.CfnRole(stack, 'Impostor', {
      path: '/bedrock-landing-zone/',
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }] },
    });
    new iam.CfnPolicy(stack, 'ImpostorPolicy', {
      policyName: 'i',
      roles: [impostor.ref],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:PutAccountDataRetention', Resource: '*' }] },
    });
    expect(bedrockFindings(stack, {}, 'IAM1')).toEqual([
      'Bedrock-IAM1[Sid::Off::Action::bedrock:*Enforced*] @ Stack/Wildcard',
      'Bedrock-IAM1[Statement::1::Action::bedrock:*] @ Stack/DenyElse',
      'Bedrock-IAM1[Statement::1::Action::bedrock:PutAccountDataRetention] @ Stack/ImpostorPolicy',
      'Bedrock-IAM1[Statement::1::Action::bedrock:PutModelInvocationLoggingConfiguration] @ Stack/Logging',
    ]);
  });

  test('wildcards covering administration, administrative actions, AmazonBedrockFullAccess (literal or Fn::Join): reported', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Star', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    policy(stack, 'BedrockStar', [{ Effect: 'Allow', Action: ['bedrock:*'], Resource: '*' }]);
    policy(stack, 'DeleteStar', [{ Effect: 'Allow', Action: ['bedrock:Delete*'], Resource: '*' }]);
    policy(stack, 'ModelAccess', [{ Effect: 'Allow', Action: ['bedrock:PutFoundationModelEntitlement', 'bedrock:CreateFoundationModelAgreement'], Resource: '*' }]);
    new iam.CfnRole(stack, 'FullAccess', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      managedPolicyArns: [Fn.join('', ['arn:', stack.partition, ':iam::aws:policy/AmazonBedrockFullAccess'])],
    });
    new iam.CfnUser(stack, 'User', { policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:Put*', Resource: '*' }] } }] });
    expect(bedrockFindings(stack, {}, 'IAM1')).toEqual([
      'Bedrock-IAM1[Policy::AmazonBedrockFullAccess] @ Stack/FullAccess',
      'Bedrock-IAM1[Statement::1::Action::*] @ Stack/Star',
      'Bedrock-IAM1[Statement::1::Action::bedrock:*] @ Stack/BedrockStar',
      'Bedrock-IAM1[Statement::1::Action::bedrock:CreateFoundationModelAgreement] @ Stack/ModelAccess',
      'Bedrock-IAM1[Statement::1::Action::bedrock:Delete*] @ Stack/DeleteStar',
      'Bedrock-IAM1[Statement::1::Action::bedrock:Put*] @ Stack/User',
      'Bedrock-IAM1[Statement::1::Action::bedrock:PutFoundationModelEntitlement] @ Stack/ModelAccess',
    ]);
  });
});

describe('Bedrock-IAM2 InvokeGrantsScoped', () => {
  test('exact ARNs (literal or Fn::Join), and a region wildcard behind the profile fence: compliant', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Exact', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: [PROFILE_ARN, Fn.join('', ['arn:', stack.partition, `:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}`])] }]);
    policy(stack, 'Fenced', [{
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: `arn:aws:bedrock:*::foundation-model/${SONNET_45}`,
      Condition: { StringEquals: { 'bedrock:InferenceProfileArn': PROFILE_ARN } },
    }]);
    expect(bedrockFindings(stack, {}, 'IAM2')).toEqual([]);
  });

  test('Resource "*", every model, a region wildcard without the fence, NotResource: reported', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Star', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }]);
    policy(stack, 'AllModels', [{ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: `arn:aws:bedrock:${REGION}::foundation-model/*` }]);
    policy(stack, 'AnyRegion', [{ Effect: 'Allow', Action: 'bedrock:InvokeModelWithResponseStream', Resource: Fn.join('', ['arn:', stack.partition, `:bedrock:*::foundation-model/${SONNET_45}`]) }]);
    policy(stack, 'NotResource', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: PROFILE_ARN }]);
    policy(stack, 'Vendor', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/anthropic.*` }]);
    expect(bedrockFindings(stack, {}, 'IAM2')).toEqual([
      'Bedrock-IAM2[Statement::1::NotResource] @ Stack/NotResource',
      'Bedrock-IAM2[Statement::1::Resource::*] @ Stack/Star',
      `Bedrock-IAM2[Statement::1::Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${SONNET_45}] @ Stack/AnyRegion`,
      `Bedrock-IAM2[Statement::1::Resource::arn:aws:bedrock:${REGION}::foundation-model/*] @ Stack/AllModels`,
      `Bedrock-IAM2[Statement::1::Resource::arn:aws:bedrock:${REGION}::foundation-model/anthropic.*] @ Stack/Vendor`,
    ]);
  });
});

describe('Bedrock-IAM3 InvokeRequiresGuardrail', () => {
  const invoke = (condition?: unknown) => ({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE_ARN, Condition: condition });
  const bedrockRole = (stack: Stack, id: string) => new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });

  test('a guardrail condition (literal or Fn::GetAtt), or a policy of a Bedrock service role: compliant', () => {
    const stack = stackIn(REGION);
    const g = new bedrock.CfnGuardrail(stack, 'G', { name: 'g', blockedInputMessaging: 'n', blockedOutputsMessaging: 'n' });
    policy(stack, 'Literal', [invoke(GUARDED)]);
    policy(stack, 'GetAtt', [invoke({ StringEquals: { 'bedrock:GuardrailIdentifier': `${g.attrGuardrailArn}:1` } })]);
    const kbRole = bedrockRole(stack, 'KbRole');
    new iam.CfnPolicy(stack, 'KbPolicy', { policyName: 'kb', roles: [kbRole.ref], policyDocument: { Statement: [invoke()] } });
    expect(bedrockFindings(stack, {}, 'IAM3')).toEqual([]);
  });

  test('no guardrail condition and no enforced guardrail: reported; the profile can switch the rule off', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Unguarded', [invoke()]);
    new iam.CfnRole(stack, 'Inline', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'p', policyDocument: { Statement: [invoke()] } }],
    });
    expect(bedrockFindings(stack, {}, 'IAM3')).toEqual(['Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Inline', 'Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Unguarded']);
    expect(bedrockFindings(stack, { requireGuardrailOnInvoke: false }, 'IAM3')).toEqual([]);
  });

  // Doors that generate but cannot carry a guardrail, of the OpenAI-compatible endpoint and of the services outside Bedrock;
  // their token counting generates nothing (mutation testing, docs/mutation/2026-12-07-catalogue.md).
  test('an Allow of a door that cannot carry a guardrail outside bedrock: reported by the action; token counting: compliant', () => {
    const stack = stackIn(REGION);
    const allow = (action: string) => [{ Effect: 'Allow', Action: action, Resource: '*' }];
    policy(stack, 'NovaAct', allow('nova-act:CreateAct'));
    policy(stack, 'ClaudeInference', allow('aws-external-anthropic:CreateInference'));
    policy(stack, 'ClaudeTokens', allow('aws-external-anthropic:CountTokens'));
    policy(stack, 'MantleInference', allow('bedrock-mantle:CreateInference'));
    policy(stack, 'MantleTokens', allow('bedrock-mantle:CountTokens'));
    expect(bedrockFindings(stack, {}, 'IAM3')).toEqual([
      'Bedrock-IAM3[Statement::1::Action::aws-external-anthropic:CreateInference] @ Stack/ClaudeInference',
      'Bedrock-IAM3[Statement::1::Action::bedrock-mantle:CreateInference] @ Stack/MantleInference',
      'Bedrock-IAM3[Statement::1::Action::nova-act:CreateAct] @ Stack/NovaAct',
    ]);
  });

  test('an enforced guardrail in the same account and region covers the models it does not exclude', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Sonnet', [invoke()]);
    const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';
    policy(stack, 'Haiku', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/${haiku}` }]);
    const baseline = new Stack(stack.node.root, 'Baseline', { env: { account: ACCOUNT, region: REGION } });
    new bedrock.CfnEnforcedGuardrailConfiguration(baseline, 'Enforced', {
      guardrailIdentifier: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc`,
      guardrailVersion: '3',
      modelEnforcement: { includedModels: ['ALL'], excludedModels: [haiku] },
    });
    const elsewhere = new Stack(stack.node.root, 'Elsewhere', { env: { account: '222222222222', region: REGION } });
    policy(elsewhere, 'Sonnet', [invoke()]);
    expect(bedrockFindings(stack, {}, 'IAM3')).toEqual(['Bedrock-IAM3[Statement::1::Guardrail::none] @ Elsewhere/Sonnet', 'Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Haiku']);
  });

  test('a grant on embedding models only needs no guardrail: an embedding call has no text to filter', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Titan', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}` }]);
    policy(stack, 'Mixed', [{
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: [`arn:aws:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}`, `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}`],
    }]);
    expect(bedrockFindings(stack, {}, 'IAM3')).toEqual(['Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Mixed']);
  });
});

describe('Bedrock-IAM4 ServiceRoleConfusedDeputy', () => {
  const trust = (condition?: unknown, service: unknown = 'bedrock.amazonaws.com') => ({
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: condition }],
  });

  test('both conditions (any operator, values from Fn::Join): compliant; other services: not checked', () => {
    const stack = stackIn(REGION);
    new iam.CfnRole(stack, 'Both', {
      assumeRolePolicyDocument: trust({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': Fn.join('', ['arn:', stack.partition, ':bedrock:', stack.region, ':', stack.account, ':knowledge-base/*']) },
      }),
    });
    new iam.CfnRole(stack, 'Lambda', { assumeRolePolicyDocument: trust(undefined, 'lambda.amazonaws.com') });
    expect(bedrockFindings(stack, {}, 'IAM4')).toEqual([]);
  });

  test('no condition, or only one of the two (service principal given as Fn::Join): reported', () => {
    const stack = stackIn(REGION);
    new iam.CfnRole(stack, 'None', { assumeRolePolicyDocument: trust() });
    new iam.CfnRole(stack, 'AccountOnly', { assumeRolePolicyDocument: trust({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }, Fn.join('', ['bedrock.', stack.urlSuffix])) });
    expect(bedrockFindings(stack, {}, 'IAM4')).toEqual(['Bedrock-IAM4[Statement::1] @ Stack/AccountOnly', 'Bedrock-IAM4[Statement::1] @ Stack/None']);
  });
});

describe('Bedrock-IAM5 NoLongTermApiKeys', () => {
  test('short-term bearer tokens, credentials for other services: compliant', () => {
    const stack = stackIn(REGION);
    policy(stack, 'ShortTerm', [{ Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*', Condition: { StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' } } }]);
    policy(stack, 'CodeCommit', [{
      Effect: 'Allow',
      Action: 'iam:CreateServiceSpecificCredential',
      Resource: Fn.join('', ['arn:', stack.partition, ':iam::', stack.account, ':user/dev']),
      Condition: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' } },
    }]);
    expect(bedrockFindings(stack, {}, 'IAM5')).toEqual([]);
  });

  test('creating Bedrock credentials, or using long-term bearer tokens: reported', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Create', [{ Effect: 'Allow', Action: 'iam:CreateServiceSpecificCredential', Resource: '*' }]);
    policy(stack, 'CreateBedrock', [{
      Effect: 'Allow',
      Action: 'iam:*ServiceSpecificCredential',
      Resource: '*',
      Condition: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' } },
    }]);
    policy(stack, 'Bearer', [{ Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*' }]);
    expect(bedrockFindings(stack, {}, 'IAM5')).toEqual([
      'Bedrock-IAM5[Statement::1::Action::bedrock:CallWithBearerToken] @ Stack/Bearer',
      'Bedrock-IAM5[Statement::1::Action::iam:CreateServiceSpecificCredential] @ Stack/Create',
      'Bedrock-IAM5[Statement::1::Action::iam:CreateServiceSpecificCredential] @ Stack/CreateBedrock',
    ]);
  });
});
