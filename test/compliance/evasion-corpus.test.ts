import { CfnCondition, CfnOutput, CfnParameter, CfnResource, Fn, Stack, aws_bedrock as bedrock, aws_bedrockagentcore as agentcore, aws_ec2 as ec2, aws_iam as iam, aws_sso as sso } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { BedrockGovernanceChecksProps } from '../../src/compliance';
import { Geography } from '../../src/models/geography';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';

/**
 * The evasion corpus: violations written as ordinary CloudFormation by a team that does not use the
 * library's constructs, in the spellings IAM accepts, each of which the pack must flag with the right
 * rule and a finding that names the statement; and correct policies, hand-written, that it must not.
 * The pack runs with approved models, EU residency and logging where the case says so.
 */

const SETTINGS: BedrockGovernanceChecksProps = {
  approvedModels: [SONNET_45, TITAN_EMBED_V2],
  approvedGeographies: [Geography.EU],
};
const PROFILE = `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/eu.${SONNET_45}`;
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc123:2`;
const GUARDED = { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } };

/** Invocation logging in the stack's account and region, as the logging construct renders it. */
function withLogging(stack: Stack): void {
  new CfnResource(stack, 'Logging', {
    type: 'Custom::BedrockModelInvocationLogging',
    properties: { ServiceToken: 'arn', LoggingConfig: { s3Config: { bucketName: 'logs' }, textDataDeliveryEnabled: true } },
  });
}

/** One managed policy with the given statements; logging configured in its account and region. */
function managedPolicy(statements: unknown[], extra: (stack: Stack) => void = () => undefined): Stack {
  const stack = stackIn(REGION);
  withLogging(stack);
  new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: { Version: '2012-10-17', Statement: statements } });
  extra(stack);
  return stack;
}

function role(stack: Stack, id: string, managedPolicyArns: string[]): iam.CfnRole {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    managedPolicyArns,
  });
}

/** An interface endpoint with private DNS for a Bedrock service, in a VPC of the stack (one per stack). */
function endpoint(stack: Stack, id: string, service: string, policyDocument: unknown): ec2.CfnVPCEndpoint {
  const vpc = (stack.node.tryFindChild('Vpc') as ec2.CfnVPC | undefined) ?? new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  return new ec2.CfnVPCEndpoint(stack, id, {
    vpcId: vpc.ref, vpcEndpointType: 'Interface', privateDnsEnabled: true, serviceName: `com.amazonaws.${REGION}.${service}`, policyDocument,
  });
}

const findings = (stack: Stack, rule: string, props: BedrockGovernanceChecksProps = SETTINGS) => bedrockFindings(stack, props, rule);

describe('the cases the pack used to pass', () => {
  test('InvokeModel on `foundation-model*` (no slash) and on `arn:aws:bedrock:eu-central-1:*:*`: IAM2', () => {
    const stack = managedPolicy([
      { Sid: 'NoSlash', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model*` },
      { Sid: 'AnyAccount', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}:*:*` },
    ]);
    expect(findings(stack, 'IAM2')).toEqual([
      `Bedrock-IAM2[Sid::AnyAccount::Resource::arn:aws:bedrock:${REGION}:*:*] @ Stack/Policy`,
      `Bedrock-IAM2[Sid::NoSlash::Resource::arn:aws:bedrock:${REGION}::foundation-model*] @ Stack/Policy`,
    ]);
  });

  test('AdministratorAccess, PowerUserAccess (literal or partition-joined ARN): IAM1', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    role(stack, 'Admin', ['arn:aws:iam::aws:policy/AdministratorAccess']);
    role(stack, 'PowerUser', [Fn.join('', ['arn:', stack.partition, ':iam::aws:policy/PowerUserAccess'])]);
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Policy::AdministratorAccess] @ Stack/Admin',
      'Bedrock-IAM1[Policy::PowerUserAccess] @ Stack/PowerUser',
    ]);
  });

  test('a workload role allowed to delete or overwrite the invocation logging configuration: IAM1', () => {
    const stack = managedPolicy([
      { Sid: 'Overwrite', Effect: 'Allow', Action: 'bedrock:PutModelInvocationLoggingConfiguration', Resource: '*' },
      { Sid: 'Delete', Effect: 'Allow', Action: 'bedrock:*Logging*', Resource: '*' },
    ]);
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Sid::Delete::Action::bedrock:*Logging*] @ Stack/Policy',
      'Bedrock-IAM1[Sid::Overwrite::Action::bedrock:PutModelInvocationLoggingConfiguration] @ Stack/Policy',
    ]);
  });

  test('`bedrock-mantle:CreateInference` or `bedrock-mantle:*` on `*`: IAM2, MD1, IAM3 and LG1', () => {
    const stack = managedPolicy([
      { Sid: 'Create', Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: '*' },
      { Sid: 'All', Effect: 'Allow', Action: 'bedrock-mantle:*', Resource: '*' },
    ]);
    expect(findings(stack, 'IAM2')).toEqual([
      'Bedrock-IAM2[Sid::All::Condition::bedrock-mantle:Model] @ Stack/Policy',
      'Bedrock-IAM2[Sid::Create::Condition::bedrock-mantle:Model] @ Stack/Policy',
    ]);
    expect(findings(stack, 'MD1')).toEqual([
      'Bedrock-MD1[Sid::All::Condition::bedrock-mantle:Model] @ Stack/Policy',
      'Bedrock-MD1[Sid::Create::Condition::bedrock-mantle:Model] @ Stack/Policy',
    ]);
    expect(findings(stack, 'IAM3')).toEqual([
      'Bedrock-IAM3[Sid::All::Action::bedrock-mantle:CreateInference] @ Stack/Policy',
      'Bedrock-IAM3[Sid::Create::Action::bedrock-mantle:CreateInference] @ Stack/Policy',
    ]);
    // Invocation logging never records the OpenAI-compatible endpoint, even where it is configured.
    expect(findings(stack, 'LG1')).toEqual([
      'Bedrock-LG1[Sid::All::Action::bedrock-mantle:CountTokens] @ Stack/Policy',
      'Bedrock-LG1[Sid::All::Action::bedrock-mantle:CreateInference] @ Stack/Policy',
      'Bedrock-LG1[Sid::Create::Action::bedrock-mantle:CreateInference] @ Stack/Policy',
    ]);
  });

  test('a bedrock-runtime endpoint whose policy allows `bedrock:*` on `*` to `"*"`: NW2', () => {
    const stack = stackIn(REGION);
    endpoint(stack, 'Runtime', 'bedrock-runtime', { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:*', Resource: '*' }] });
    expect(findings(stack, 'NW2')).toEqual(['Bedrock-NW2[Statement::1::Principal::outside] @ Stack/Runtime']);
  });

  test('a resource chosen by Fn::If, one branch scoped, the other `foundation-model/*`: IAM2', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('prod', 'dev') });
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: {
        Statement: [{
          Sid: 'Invoke',
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: Fn.conditionIf('IsProd', PROFILE, `arn:aws:bedrock:${REGION}::foundation-model/*`),
          Condition: GUARDED,
        }],
      },
    });
    expect(findings(stack, 'IAM2')).toEqual([`Bedrock-IAM2[Sid::Invoke::Resource::arn:aws:bedrock:${REGION}::foundation-model/*] @ Stack/Policy`]);
  });

  test('fences that fence nothing: a `*` profile fence, any guardrail, `aws:SourceAccount "*"`', () => {
    const stack = managedPolicy([
      {
        Sid: 'AnyProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: `arn:aws:bedrock:*::foundation-model/${SONNET_45}`,
        Condition: { StringLike: { 'bedrock:InferenceProfileArn': '*' }, ...GUARDED },
      },
      { Sid: 'AnyGuardrail', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: { StringLike: { 'bedrock:GuardrailIdentifier': '*' } } },
      { Sid: 'NullGuardrail', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: { Null: { 'bedrock:GuardrailIdentifier': 'false' } } },
      { Sid: 'NotOther', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': 'x' } } },
    ], s => new iam.CfnRole(s, 'KbRole', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'aws:SourceAccount': '*' }, ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:*:*:knowledge-base/*' } },
        }],
      },
    }));
    expect(findings(stack, 'IAM2')).toEqual(['Bedrock-IAM2[Sid::AnyProfile::Condition::bedrock:InferenceProfileArn] @ Stack/Policy']);
    expect(findings(stack, 'IAM3')).toEqual([
      'Bedrock-IAM3[Sid::AnyGuardrail::Guardrail::any] @ Stack/Policy',
      'Bedrock-IAM3[Sid::NotOther::Guardrail::none] @ Stack/Policy',
      'Bedrock-IAM3[Sid::NullGuardrail::Guardrail::any] @ Stack/Policy',
    ]);
    expect(findings(stack, 'IAM4')).toEqual(['Bedrock-IAM4[Statement::1] @ Stack/KbRole']);
  });

  test('an enforced guardrail of one region does not exempt a grant in another', () => {
    const stack = stackIn('eu-west-1');
    new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', {
      guardrailIdentifier: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:guardrail/abc`, guardrailVersion: '3',
    });
    new iam.CfnManagedPolicy(stack, 'Here', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:eu-west-1::foundation-model/${SONNET_45}` }] } });
    new iam.CfnManagedPolicy(stack, 'There', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE }] } });
    expect(findings(stack, 'IAM3')).toEqual(['Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/There']);
  });
});

/** Three or more spellings of each violation, per rule that reads a policy; each must be flagged. */
describe('every rule that reads a policy flags each spelling', () => {
  test.each([
    ['`*`', { Action: '*', Resource: '*' }, 'Action::*'],
    ['an action wildcard inside the name', { Action: 'bedrock:*Foundation*', Resource: '*' }, 'Action::bedrock:*Foundation*'],
    ['NotAction that leaves administration in', { NotAction: 'bedrock:Invoke*', Resource: '*' }, 'NotAction'],
    ['a lower-case action', { Action: 'bedrock:putfoundationmodelentitlement', Resource: '*' }, 'Action::bedrock:putfoundationmodelentitlement'],
  ])('IAM1: %s', (_name, statement, finding) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', ...statement }]), 'IAM1')).toEqual([`Bedrock-IAM1[Sid::S::${finding}] @ Stack/Policy`]);
  });

  test.each([
    ['a wildcard model', `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-*`, undefined],
    ['a wildcard account and resource', `arn:aws:bedrock:${REGION}:*:*`, undefined],
    ['`?` in the model', `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-sonnet-4-5-2025092?-v1:0`, undefined],
    ['a Fn::Sub with a wildcard', Fn.sub('arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/*'), `arn:<AWS::Partition>:bedrock:${REGION}::foundation-model/*`],
    ['imported models', `arn:aws:bedrock:${REGION}:${ACCOUNT}:imported-model/*`, undefined],
  ])('IAM2: %s', (_name, resource, rendered) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resource, Condition: GUARDED }]), 'IAM2'))
      .toEqual([`Bedrock-IAM2[Sid::S::Resource::${rendered ?? resource}] @ Stack/Policy`]);
  });

  test.each([
    ['no condition', undefined],
    ['StringLike *', { StringLike: { 'bedrock:GuardrailIdentifier': '*' } }],
    ['a guardrail of any account', { StringLike: { 'bedrock:GuardrailIdentifier': 'arn:aws:bedrock:*:*:guardrail/*' } }],
    ['IfExists on a positive operator', { StringEqualsIfExists: { 'bedrock:GuardrailIdentifier': GUARDRAIL } }],
  ])('IAM3: %s', (_name, condition) => {
    const out = findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: condition }]), 'IAM3');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^Bedrock-IAM3\[Sid::S::Guardrail::(none|any)\] @ Stack\/Policy$/);
  });

  test.each([
    ['batch inference', 'bedrock:CreateModelInvocationJob'],
    ['RetrieveAndGenerate', 'bedrock:RetrieveAndGenerate'],
    ['an AgentCore evaluation', 'bedrock-agentcore:Evaluate'],
  ])('IAM3: a door that cannot carry a guardrail: %s', (_name, action) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: action, Resource: '*' }]), 'IAM3')).toEqual([`Bedrock-IAM3[Sid::S::Action::${action}] @ Stack/Policy`]);
  });

  test.each([
    ['a region wildcard', `arn:aws:bedrock:*::foundation-model/${SONNET_45}`, 'Region::*'],
    ['a US region', `arn:aws:bedrock:us-east-2::foundation-model/${SONNET_45}`, 'Region::us-east-2'],
    ['a `us-*` region', `arn:aws:bedrock:us-*::foundation-model/${SONNET_45}`, 'Region::us-east-1'],
    ['a US profile', `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_45}`, 'Geography::us'],
  ])('MD2: %s', (_name, resource, finding) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resource, Condition: GUARDED }]), 'MD2'))
      .toContain(`Bedrock-MD2[Sid::S::${finding}] @ Stack/Policy`);
  });

  test.each([
    ['a global profile wildcard', `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/*`],
    ['the region-less leg', `arn:aws:bedrock:::foundation-model/${SONNET_45}`],
    ['every profile of the account', `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/*.${SONNET_45}`],
  ])('MD3: %s', (_name, resource) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resource, Condition: GUARDED }]), 'MD3')
      .some(f => f.startsWith('Bedrock-MD3[Sid::S::'))).toBe(true);
  });

  test.each([
    ['Nova Act', { Action: 'nova-act:*', Resource: '*' }, 'Sid::S::Action::nova-act:CreateWorkflowRun'],
    // The vendor's own platform runs the approved models with none of Bedrock's logging, guardrail or residency.
    ['Claude Platform on AWS', { Action: 'aws-external-anthropic:*', Resource: '*' }, 'Sid::S::Action::aws-external-anthropic:CreateInference'],
    ['an unapproved vendor by wildcard', { Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/meta.*` }, `Sid::S::Resource::arn:aws:bedrock:${REGION}::foundation-model/meta.*`],
    ['the OpenAI-compatible endpoint with a model wildcard', { Action: 'bedrock-mantle:CreateInference', Resource: '*', Condition: { StringLike: { 'bedrock-mantle:Model': '*' } } }, 'Sid::S::Condition::bedrock-mantle:Model'],
  ])('MD1: %s', (_name, statement, finding) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', ...statement, Condition: { ...GUARDED, ...(statement as any).Condition } }]), 'MD1'))
      .toContain(`Bedrock-MD1[${finding}] @ Stack/Policy`);
  });

  test.each([
    ['AgentCore runtimes', 'bedrock-agentcore:InvokeAgentRuntime', ['Bedrock-LG1 @ Stack/Policy']],
    ['`bedrock:*`', 'bedrock:*', ['Bedrock-LG1 @ Stack/Policy']],
    // Nova Act is never logged, so it is named even beside the missing configuration.
    ['Invoke* of any service', '*:Invoke*', ['Bedrock-LG1[NoLogging] @ Stack/Policy', 'Bedrock-LG1[Sid::S::Action::nova-act:InvokeActStep] @ Stack/Policy']],
  ])('LG1 without logging: %s', (_name, action, expected) => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: { Statement: [{ Sid: 'S', Effect: 'Allow', Action: action, Resource: '*' }] } });
    expect(findings(stack, 'LG1')).toEqual(expected);
  });

  test.each([
    ['{ AWS: "*" }', { AWS: '*' }, undefined],
    ['a condition on a key that is absent for outsiders, negated', '*', { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:SourceVpc': 'vpc-1' } }],
    ['an organization condition that matches any organization', '*', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
  ])('NW2: %s', (_name, principal, condition) => {
    const stack = stackIn(REGION);
    endpoint(stack, 'Runtime', 'bedrock-mantle', { Statement: [{ Effect: 'Allow', Principal: principal, Action: 'bedrock-mantle:*', Resource: '*', Condition: condition }] });
    expect(findings(stack, 'NW2')).toEqual(['Bedrock-NW2[Statement::1::Principal::outside] @ Stack/Runtime']);
  });

  test.each([
    ['a wildcard service name', 'iam:CreateServiceSpecificCredential', { StringLike: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock*' } }],
    ['a negated operator', 'iam:CreateServiceSpecificCredential', { StringNotEquals: { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' } }],
    ['mantle keys of any type', 'bedrock-mantle:CallWithBearerToken', undefined],
  ])('IAM5: %s', (_name, action, condition) => {
    expect(findings(managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: action, Resource: '*', Condition: condition }]), 'IAM5'))
      .toEqual([`Bedrock-IAM5[Sid::S::Action::${action}] @ Stack/Policy`]);
  });
});

describe('correct policies the pack must not flag', () => {
  test('a hand-written scoped grant: a profile and its legs behind the profile fence, with the guardrail; the matching Deny style too', () => {
    const stack = managedPolicy([
      { Sid: 'Profile', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: PROFILE, Condition: GUARDED },
      {
        Sid: 'Legs',
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: 'arn:aws:bedrock:eu-*::foundation-model/' + SONNET_45,
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': PROFILE } },
      },
      { Sid: 'OnlyTheGuardrail', Effect: 'Deny', Action: 'bedrock:InvokeModel*', Resource: '*', Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } } },
      { Sid: 'Embed', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}` },
    ]);
    for (const rule of ['IAM1', 'IAM2', 'IAM3', 'IAM5', 'MD1', 'MD2', 'MD3', 'LG1']) expect([rule, findings(stack, rule)]).toEqual([rule, []]);
  });

  test('an endpoint policy for the organization only, and a trust policy held to the account', () => {
    const stack = stackIn(REGION);
    endpoint(stack, 'Runtime', 'bedrock-runtime', { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] });
    new iam.CfnRole(stack, 'KbRole', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/*` } },
        }],
      },
    });
    expect(findings(stack, 'NW2')).toEqual([]);
    expect(findings(stack, 'IAM4')).toEqual([]);
    expect(findings(stack, 'MD1')).toEqual([]);
  });
});

describe('data that leaves the governed boundary: MD2', () => {
  type Storage = bedrock.CfnKnowledgeBase.StorageConfigurationProperty;
  const kb = (stack: Stack, id: string, storageConfiguration: Storage) => new bedrock.CfnKnowledgeBase(stack, id, {
    name: id,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/kb`,
    knowledgeBaseConfiguration: { type: 'VECTOR', vectorKnowledgeBaseConfiguration: { embeddingModelArn: `arn:aws:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}` } },
    storageConfiguration,
  });
  const fields = { textField: 't', metadataField: 'm' };

  test('vector stores outside AWS, a store in another region, an agent tool and a flow function in another region: reported', () => {
    const stack = stackIn(REGION);
    kb(stack, 'Pinecone', { type: 'PINECONE', pineconeConfiguration: { connectionString: 'https://x.pinecone.io', credentialsSecretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:s', fieldMapping: fields } });
    kb(stack, 'Atlas', {
      type: 'MONGO_DB_ATLAS',
      mongoDbAtlasConfiguration: {
        endpoint: 'x.mongodb.net',
        databaseName: 'd',
        collectionName: 'c',
        vectorIndexName: 'v',
        credentialsSecretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:s',
        fieldMapping: { ...fields, vectorField: 'v' },
      },
    });
    kb(stack, 'Virginia', {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: { collectionArn: `arn:aws:aoss:us-east-1:${ACCOUNT}:collection/abc`, vectorIndexName: 'i', fieldMapping: { ...fields, vectorField: 'v' } },
    });
    new bedrock.CfnAgent(stack, 'Agent', {
      agentName: 'a',
      foundationModel: `eu.${SONNET_45}`,
      actionGroups: [{ actionGroupName: 'tools', actionGroupExecutor: { lambda: `arn:aws:lambda:us-west-2:${ACCOUNT}:function:tool` } }],
    });
    new bedrock.CfnFlow(stack, 'Flow', {
      name: 'f',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow`,
      definition: { nodes: [{ name: 'fn', type: 'LambdaFunction', configuration: { lambdaFunction: { lambdaArn: `arn:aws:lambda:ap-south-1:${ACCOUNT}:function:f` } } }] },
    });
    expect(findings(stack, 'MD2')).toEqual([
      'Bedrock-MD2[Region::ap-south-1] @ Stack/Flow',
      'Bedrock-MD2[Region::us-east-1] @ Stack/Virginia',
      'Bedrock-MD2[Region::us-west-2] @ Stack/Agent',
      'Bedrock-MD2[Store::MONGO_DB_ATLAS] @ Stack/Atlas',
      'Bedrock-MD2[Store::PINECONE] @ Stack/Pinecone',
    ]);
    // Residency off and no geographies: an external store is a choice the profile allows.
    expect(findings(stack, 'MD2', { dataResidency: false })).toEqual([]);
  });

  test('stores, tools and functions of the geography, and keys and roles of any region: compliant', () => {
    const stack = stackIn(REGION);
    kb(stack, 'Frankfurt', {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: { collectionArn: `arn:aws:aoss:${REGION}:${ACCOUNT}:collection/abc`, vectorIndexName: 'i', fieldMapping: { ...fields, vectorField: 'v' } },
    });
    new bedrock.CfnAgent(stack, 'Agent', {
      agentName: 'a',
      foundationModel: `eu.${SONNET_45}`,
      customerEncryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      actionGroups: [{ actionGroupName: 'tools', actionGroupExecutor: { lambda: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:tool` } }],
    });
    expect(findings(stack, 'MD2')).toEqual([]);
  });
});

/** The red team's round against the meaning-based pack: each bypass it found, now flagged. */
describe('red-team round 1: each bypass is flagged', () => {
  const BEDROCK_ALL = { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' };
  const conditional = (stack: Stack) => new CfnCondition(stack, 'C', { expression: Fn.conditionEquals('a', 'b') });

  test('Fn::If around the document, the statement list, a policy entry, a managed-policy ARN', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    conditional(stack);
    const other = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    new iam.CfnManagedPolicy(stack, 'Document', { policyDocument: Fn.conditionIf('C', { Statement: [BEDROCK_ALL] }, other) });
    new iam.CfnManagedPolicy(stack, 'List', { policyDocument: { Statement: Fn.conditionIf('C', [BEDROCK_ALL], other.Statement) } });
    // Inside an intrinsic, the policy entry is written as CloudFormation has it (PascalCase).
    role(stack, 'Entry', []).policies = [Fn.conditionIf('C', { PolicyName: 'p', PolicyDocument: { Statement: [BEDROCK_ALL] } }, Fn.ref('AWS::NoValue')) as any];
    role(stack, 'Arn', [Fn.conditionIf('C', 'arn:aws:iam::aws:policy/AdministratorAccess', Fn.ref('AWS::NoValue')).toString()]);
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Policy::AdministratorAccess] @ Stack/Arn',
      'Bedrock-IAM1[Statement::1::Action::bedrock:*] @ Stack/Document',
      'Bedrock-IAM1[Statement::1::Action::bedrock:*] @ Stack/Entry',
      'Bedrock-IAM1[Statement::1::Action::bedrock:*] @ Stack/List',
    ]);
  });

  test('raw Fn::Select, Fn::FindInMap, Fn::Split and the variable map of Fn::Sub', () => {
    const stack = managedPolicy([
      { Sid: 'Select', Effect: 'Allow', Action: { 'Fn::Select': [0, ['bedrock:*']] }, Resource: '*' },
      { Sid: 'Map', Effect: 'Allow', Action: { 'Fn::FindInMap': ['M', 'a', 'b'] }, Resource: '*' },
      { Sid: 'Split', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: { 'Fn::Split': [',', '*'] }, Condition: GUARDED },
      { Sid: 'Sub', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: { 'Fn::Sub': ['arn:aws:bedrock:${R}::foundation-model/${M}', { R: '*', M: '*' }] }, Condition: GUARDED },
    ]);
    expect(findings(stack, 'IAM1')).toEqual(['Bedrock-IAM1[Sid::Map::Action::*] @ Stack/Policy', 'Bedrock-IAM1[Sid::Select::Action::bedrock:*] @ Stack/Policy']);
    expect(findings(stack, 'IAM2')).toEqual([
      // An action the pack cannot know is any action, the OpenAI-compatible endpoint's too.
      'Bedrock-IAM2[Sid::Map::Condition::bedrock-mantle:Model] @ Stack/Policy',
      'Bedrock-IAM2[Sid::Map::Resource::*] @ Stack/Policy',
      'Bedrock-IAM2[Sid::Select::Resource::*] @ Stack/Policy',
      'Bedrock-IAM2[Sid::Split::Resource::*] @ Stack/Policy',
      'Bedrock-IAM2[Sid::Sub::Resource::arn:aws:bedrock:*::foundation-model/*] @ Stack/Policy',
    ]);
  });

  test('five inline policies with one Fn::If each: every branch is seen', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    for (const c of ['C1', 'C2', 'C3', 'C4', 'C5']) new CfnCondition(stack, c, { expression: Fn.conditionEquals('a', 'b') });
    const off = { Effect: 'Allow', Action: 'bedrock:DeleteModelInvocationLoggingConfiguration', Resource: '*' };
    const harmless = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    const r = role(stack, 'Role', []);
    r.policies = ['C1', 'C2', 'C3', 'C4', 'C5'].map((c, i) => ({ policyName: `p${i}`, policyDocument: { Statement: [Fn.conditionIf(c, i === 0 ? off : harmless, harmless)] } }));
    expect(findings(stack, 'IAM1')).toEqual(['Bedrock-IAM1[Statement::1::Action::bedrock:DeleteModelInvocationLoggingConfiguration] @ Stack/Role']);
  });

  test('administration on the resource the policy names, a Deny carve-out, a user of the control plane\'s policy', () => {
    const guardrail = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc123`;
    const stack = managedPolicy([{ Sid: 'Named', Effect: 'Allow', Action: 'bedrock:DeleteGuardrail', Resource: guardrail }]);
    const carve = new iam.CfnManagedPolicy(stack, 'CarveOut', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:DeleteGuardrail', Resource: '*' }, { Effect: 'Deny', Action: 'bedrock:DeleteGuardrail', NotResource: guardrail }] },
    });
    const gov = new iam.CfnManagedPolicy(stack, 'Gov', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:DeleteModelInvocationLoggingConfiguration', Resource: '*' }] } });
    new iam.CfnRole(stack, 'ControlPlane', {
      path: '/bedrock-landing-zone/',
      managedPolicyArns: [gov.ref],
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    });
    new iam.CfnUser(stack, 'Dev', { managedPolicyArns: [gov.ref] });
    expect(carve.node.id).toBe('CarveOut');
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Sid::Named::Action::bedrock:DeleteGuardrail] @ Stack/Policy',
      'Bedrock-IAM1[Statement::1::Action::bedrock:DeleteGuardrail] @ Stack/CarveOut',
      'Bedrock-IAM1[Statement::1::Action::bedrock:DeleteModelInvocationLoggingConfiguration] @ Stack/Gov',
    ]);
  });

  test('long-term keys for a named user or the caller itself; Marketplace subscriptions and model import are administration', () => {
    const stack = managedPolicy([
      { Sid: 'Alice', Effect: 'Allow', Action: 'iam:CreateServiceSpecificCredential', Resource: `arn:aws:iam::${ACCOUNT}:user/alice` },
      { Sid: 'Self', Effect: 'Allow', Action: 'iam:CreateServiceSpecificCredential', Resource: 'arn:aws:iam::*:user/${aws:username}' },
      { Sid: 'Subscribe', Effect: 'Allow', Action: ['aws-marketplace:Subscribe'], Resource: '*' },
      { Sid: 'Import', Effect: 'Allow', Action: ['bedrock:CreateModelImportJob'], Resource: '*' },
    ]);
    expect(findings(stack, 'IAM5')).toEqual([
      'Bedrock-IAM5[Sid::Alice::Action::iam:CreateServiceSpecificCredential] @ Stack/Policy',
      'Bedrock-IAM5[Sid::Self::Action::iam:CreateServiceSpecificCredential] @ Stack/Policy',
    ]);
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Sid::Import::Action::bedrock:CreateModelImportJob] @ Stack/Policy',
      'Bedrock-IAM1[Sid::Subscribe::Action::aws-marketplace:Subscribe] @ Stack/Policy',
    ]);
  });

  test('a Deny that leaves out exactly an unapproved model; imported and provisioned models named literally', () => {
    const llama = `arn:aws:bedrock:${REGION}::foundation-model/meta.llama3-70b-instruct-v1:0`;
    const stack = managedPolicy([
      { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: GUARDED },
      { Effect: 'Deny', Action: 'bedrock:InvokeModel', NotResource: llama },
    ]);
    new iam.CfnManagedPolicy(stack, 'Imported', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:imported-model/evil123`, Condition: GUARDED }] },
    });
    expect(findings(stack, 'MD1')).toEqual([
      `Bedrock-MD1[Statement::1::Resource::arn:aws:bedrock:${REGION}:${ACCOUNT}:imported-model/evil123] @ Stack/Imported`,
      `Bedrock-MD1[Statement::1::Resource::${llama}] @ Stack/Policy`,
    ]);
  });

  test('endpoint policies: principal conditions an outsider meets, another account, the AgentCore gateway, a JSON string', () => {
    const stack = stackIn(REGION);
    const open = (condition: unknown) => ({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: condition }] });
    endpoint(stack, 'AnyRole', 'bedrock-runtime', open({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }));
    endpoint(stack, 'NotService', 'bedrock-runtime', open({ Bool: { 'aws:PrincipalIsAWSService': 'false' } }));
    endpoint(stack, 'AnyPath', 'bedrock-runtime', open({ StringLike: { 'aws:PrincipalOrgPaths': '*' } }));
    endpoint(stack, 'OtherAccount', 'bedrock-runtime', { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: '*', Resource: '*' }] });
    endpoint(stack, 'Gateway', 'bedrock-agentcore.gateway', open(undefined));
    // aws-cdk-lib's L1 refuses a string document; an escape hatch writes one, and CloudFormation accepts it.
    endpoint(stack, 'Text', 'bedrock-runtime', undefined).addPropertyOverride('PolicyDocument', JSON.stringify(open(undefined)));
    expect(findings(stack, 'NW2')).toEqual([
      'Bedrock-NW2[Statement::1::Principal::222222222222] @ Stack/OtherAccount',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/AnyPath',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/AnyRole',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/Gateway',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/NotService',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/Text',
    ]);
  });

  test('an endpoint fenced to own roles by a wildcard still reaches unapproved models (MD1)', () => {
    const stack = stackIn(REGION);
    endpoint(stack, 'Runtime', 'bedrock-runtime', { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-*` } } }] });
    expect(findings(stack, 'MD1')).toEqual(['Bedrock-MD1[Statement::1::Resource::*] @ Stack/Runtime']);
    expect(findings(stack, 'NW2')).toEqual([]);
  });

  test('trust policies: any organization, a second account, Principal "*" for Bedrock', () => {
    const stack = stackIn(REGION);
    const trust = (id: string, statement: Record<string, unknown>) => new iam.CfnRole(stack, id, { assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] } });
    trust('AnyOrg', { Principal: { Service: 'bedrock.amazonaws.com' }, Condition: { StringLike: { 'aws:SourceOrgID': '*' } } });
    trust('TwoAccounts', {
      Principal: { Service: 'bedrock.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': [ACCOUNT, '222222222222'] }, ArnLike: { 'aws:SourceArn': [`arn:aws:bedrock:*:${ACCOUNT}:*`, 'arn:aws:bedrock:*:222222222222:*'] } },
    });
    trust('Star', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalServiceName': 'bedrock.amazonaws.com' } } });
    expect(findings(stack, 'IAM4')).toEqual(['Bedrock-IAM4[Statement::1] @ Stack/AnyOrg', 'Bedrock-IAM4[Statement::1] @ Stack/Star', 'Bedrock-IAM4[Statement::1] @ Stack/TwoAccounts']);
  });

  test('logging and an enforced guardrail created under a condition count for nothing', () => {
    const stack = stackIn(REGION);
    const c = conditional(stack);
    const logging = new CfnResource(stack, 'Logging', {
      type: 'Custom::BedrockModelInvocationLogging', properties: { ServiceToken: 'arn', LoggingConfig: { s3Config: { bucketName: 'logs' }, textDataDeliveryEnabled: true } },
    });
    logging.cfnOptions.condition = c;
    const enforced = new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', { guardrailIdentifier: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/g`, guardrailVersion: '1' });
    enforced.cfnOptions.condition = c;
    new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE }] } });
    expect(findings(stack, 'LG1')).toEqual(['Bedrock-LG1 @ Stack/Policy']);
    expect(findings(stack, 'IAM3')).toEqual(['Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Policy']);
  });

  test('a guardrail of another account, unless the pack trusts it', () => {
    const stack = managedPolicy([{
      Sid: 'Foreign',
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: PROFILE,
      Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${REGION}:222222222222:guardrail/weak:1` } },
    }]);
    expect(findings(stack, 'IAM3')).toEqual(['Bedrock-IAM3[Sid::Foreign::Guardrail::any] @ Stack/Policy']);
    expect(findings(stack, 'IAM3', { ...SETTINGS, trustedGuardrailAccounts: ['222222222222'] })).toEqual([]);
  });

  test('a flow\'s Lex bot in another region (MD2); a policy variable in the region segment (IAM2)', () => {
    const stack = managedPolicy([{ Sid: 'Var', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*', Condition: GUARDED }]);
    new bedrock.CfnFlow(stack, 'Flow', {
      name: 'f',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow`,
      definition: { nodes: [{ name: 'lex', type: 'LexAI', configuration: { lex: { botAliasArn: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/B/A`, localeId: 'en_US' } } }] },
    });
    expect(findings(stack, 'MD2').filter(f => f.includes('Flow'))).toEqual(['Bedrock-MD2[Region::us-east-1] @ Stack/Flow']);
    expect(findings(stack, 'IAM2')).toEqual(['Bedrock-IAM2[Sid::Var::Resource::arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*] @ Stack/Policy']);
  });
});

describe('red-team round 1: the false positives are gone', () => {
  test('a TLS Deny on `arn:...:s3:::${LogBucket}/*` (Fn::Sub or Fn::Join of the bucket\'s Ref)', () => {
    for (const form of ['sub', 'join']) {
      const stack = stackIn(REGION);
      const bucket = new CfnResource(stack, 'LogBucket', { type: 'AWS::S3::Bucket' });
      new CfnResource(stack, 'Logging', {
        type: 'Custom::BedrockModelInvocationLogging', properties: { ServiceToken: 'arn', LoggingConfig: { s3Config: { bucketName: bucket.ref }, textDataDeliveryEnabled: true } },
      });
      const objects = form === 'sub' ? Fn.sub('arn:${AWS::Partition}:s3:::${LogBucket}/*') : Fn.join('', ['arn:aws:s3:::', bucket.ref, '/*']);
      new CfnResource(stack, 'Policy', {
        type: 'AWS::S3::BucketPolicy',
        properties: { Bucket: bucket.ref, PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: objects, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
      });
      expect([form, findings(stack, 'LG5')]).toEqual([form, []]);
    }
  });

  test('an approved model behind a region wildcard of the geography, and an aws:RequestedRegion fence', () => {
    const stack = managedPolicy([
      { Sid: 'Eu', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:eu-*::foundation-model/${SONNET_45}`, Condition: GUARDED },
      {
        Sid: 'Fenced',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: [PROFILE, `arn:aws:bedrock:*::foundation-model/${SONNET_45}`],
        Condition: { ...GUARDED, StringEquals: { ...GUARDED.StringEquals, 'aws:RequestedRegion': Geography.EU.destinationRegions } },
      },
    ]);
    expect(findings(stack, 'MD1')).toEqual([]);
    expect(findings(stack, 'MD2')).toEqual([]);
    expect(findings(stack, 'MD3')).toEqual([]);
    // A region wildcard that stays inside the approved geography is not "every region".
    expect(findings(stack, 'IAM2')).toEqual([]);
  });
});

/** The red team's second round: each bypass it found, now flagged, and its false positive gone. */
describe('red-team round 2', () => {
  const mantle = (statement: Record<string, unknown>) => managedPolicy([{ Sid: 'S', Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', ...statement }]);
  const harness = (stack: Stack, id: string, model: Record<string, unknown>, networkMode: string) => new agentcore.CfnHarness(stack, id, {
    harnessName: id,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/h`,
    model: model as any,
    environment: { agentCoreRuntimeEnvironment: { networkConfiguration: { networkMode, networkModeConfig: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } } } } as any,
  });

  test('the OpenAI-compatible endpoint: an unapproved model named in the condition, a project scope, another geography or region', () => {
    const llama = 'meta.llama3-3-70b-instruct-v1:0';
    expect(findings(mantle({ Resource: '*', Condition: { StringEquals: { 'bedrock-mantle:Model': llama } } }), 'MD1'))
      .toEqual([`Bedrock-MD1[Sid::S::Condition::bedrock-mantle:Model::${llama}] @ Stack/Policy`]);
    expect(findings(mantle({ Resource: `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/default` }), 'MD1'))
      .toEqual(['Bedrock-MD1[Sid::S::Condition::bedrock-mantle:Model] @ Stack/Policy']);
    expect(findings(mantle({ Resource: '*', Condition: { StringEquals: { 'bedrock-mantle:Model': `us.${SONNET_45}` } } }), 'MD2'))
      .toEqual(['Bedrock-MD2[Sid::S::Geography::us] @ Stack/Policy', 'Bedrock-MD2[Sid::S::Region::*] @ Stack/Policy']);
    expect(findings(mantle({ Resource: `arn:aws:bedrock-mantle:us-east-1:${ACCOUNT}:project/default`, Condition: { StringEquals: { 'bedrock-mantle:Model': `eu.${SONNET_45}` } } }), 'MD2'))
      .toEqual(['Bedrock-MD2[Sid::S::Region::us-east-1] @ Stack/Policy']);
    // Correct: the approved model through the EU geography, on a project of the region.
    expect(findings(mantle({ Resource: `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/default`, Condition: { StringEquals: { 'bedrock-mantle:Model': `eu.${SONNET_45}` } } }), 'MD1')).toEqual([]);
  });

  test('harnesses: their network is read where they hold it (AC1), their model is judged (MD1), a model outside Bedrock is unapproved', () => {
    const stack = stackIn(REGION);
    harness(stack, 'Vpc', { bedrockModelConfig: { modelId: `eu.${SONNET_45}` } }, 'VPC');
    harness(stack, 'Public', { bedrockModelConfig: { modelId: `eu.${SONNET_45}` } }, 'PUBLIC');
    harness(stack, 'Llama', { bedrockModelConfig: { modelId: 'meta.llama3-3-70b-instruct-v1:0' } }, 'VPC');
    harness(stack, 'Gemini', { geminiModelConfig: { modelId: 'gemini-2.5-pro', apiKeyArn: 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:k' } }, 'VPC');
    expect(findings(stack, 'AC1')).toEqual(['Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/Public']);
    expect(findings(stack, 'MD1')).toEqual(['Bedrock-MD1[Provider::GeminiModelConfig] @ Stack/Gemini', 'Bedrock-MD1[gemini-2.5-pro] @ Stack/Gemini',
      'Bedrock-MD1[meta.llama3-3-70b-instruct-v1:0] @ Stack/Llama']);
  });

  test('a project with its own retention mode is a governance switch (IAM1); one the policy keeps without a mode is not', () => {
    const stack = managedPolicy([
      { Sid: 'Any', Effect: 'Allow', Action: 'bedrock-mantle:*Project', Resource: '*' },
      { Sid: 'NoMode', Effect: 'Allow', Action: 'bedrock-mantle:CreateProject', Resource: '*', Condition: { Null: { 'bedrock-mantle:DataRetentionMode': 'true' } } },
    ]);
    expect(findings(stack, 'IAM1')).toEqual([
      'Bedrock-IAM1[Sid::Any::Action::bedrock-mantle:*Project] @ Stack/Policy',
    ]);
  });

  test('data retention under a condition counts for nothing (DR1); AgentCore gateways, harnesses and memory streams are data destinations (MD2)', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    const c = new CfnCondition(stack, 'C', { expression: Fn.conditionEquals('a', 'b') });
    new CfnResource(stack, 'Retention', { type: 'Custom::BedrockDataRetention', properties: { ServiceToken: 'arn', Mode: 'none' } }).cfnOptions.condition = c;
    new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE, Condition: GUARDED }] } });
    new agentcore.CfnGatewayTarget(stack, 'Target', {
      name: 't',
      gatewayIdentifier: 'g',
      targetConfiguration: { mcp: { lambda: { lambdaArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, toolSchema: { inlinePayload: [] } } } },
      credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
    } as any);
    expect(findings(stack, 'DR1')).toEqual(['Bedrock-DR1 @ Stack/Policy']);
    expect(findings(stack, 'MD2')).toEqual(['Bedrock-MD2[Region::us-east-1] @ Stack/Target']);
  });
});

describe('issue 28: values that are not literal are judged by every value they can take', () => {
  const condition = (stack: Stack) => new CfnCondition(stack, 'UseKey', { expression: Fn.conditionEquals('a', 'b') });
  const guardrail = (stack: Stack, id: string, props: Partial<bedrock.CfnGuardrailProps>) => new bedrock.CfnGuardrail(stack, id, {
    name: id, blockedInputMessaging: 'n', blockedOutputsMessaging: 'n', ...props,
  });
  const key = (stack: Stack, id: string) => new CfnResource(stack, id, { type: 'AWS::KMS::Key', properties: { KeyPolicy: { Statement: [] } } });

  test('a key behind Fn::If whose other branch is AWS::NoValue, or a parameter anyone may set: GR1, reported as such', () => {
    const stack = stackIn(REGION);
    condition(stack);
    const k = key(stack, 'Key');
    guardrail(stack, 'MaybeKey', { kmsKeyArn: Fn.conditionIf('UseKey', k.getAtt('Arn'), Fn.ref('AWS::NoValue')).toString() });
    const free = new CfnParameter(stack, 'KeyArn', { type: 'String' });
    guardrail(stack, 'ParameterKey', { kmsKeyArn: free.valueAsString });
    const missing = new CfnParameter(stack, 'Unimported', { type: 'String' });
    guardrail(stack, 'ImportedKey', { kmsKeyArn: Fn.importValue(`no-stack-exports-${missing.logicalId}`) });
    expect(findings(stack, 'GR1')).toEqual([
      'Bedrock-GR1 @ Stack/MaybeKey',
      'Bedrock-GR1[Key::unknown] @ Stack/ImportedKey',
      'Bedrock-GR1[Key::unknown] @ Stack/ParameterKey',
    ]);
  });

  test('control: a key on both branches, a parameter whose allowed values are keys of the template, an export of another stack of the app', () => {
    const stack = stackIn(REGION);
    condition(stack);
    const a = key(stack, 'KeyA');
    const b = key(stack, 'KeyB');
    guardrail(stack, 'EitherKey', { kmsKeyArn: Fn.conditionIf('UseKey', a.getAtt('Arn'), b.getAtt('Arn')).toString() });
    const allowed = new CfnParameter(stack, 'KeyArn', { type: 'String', allowedValues: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/1111`, `arn:aws:kms:${REGION}:${ACCOUNT}:key/2222`] });
    guardrail(stack, 'ParameterKey', { kmsKeyArn: allowed.valueAsString });
    const producer = new Stack(stack.node.root, 'Keys', { env: { account: ACCOUNT, region: REGION } });
    new CfnOutput(producer, 'SharedArn', { value: key(producer, 'Shared').getAtt('Arn').toString(), exportName: 'keys-shared-arn' });
    guardrail(stack, 'ImportedKey', { kmsKeyArn: Fn.importValue('keys-shared-arn') });
    expect(findings(stack, 'GR1')).toEqual([]);
  });

  test('a filter strength behind Fn::If, or a parameter that allows NONE: GR3 on the worst value', () => {
    const stack = stackIn(REGION);
    condition(stack);
    const strength = new CfnParameter(stack, 'Strength', { type: 'String', allowedValues: ['HIGH', 'NONE'], default: 'HIGH' });
    guardrail(stack, 'Branch', {
      contentPolicyConfig: {
        filtersConfig: [
          { type: 'HATE', inputStrength: Fn.conditionIf('UseKey', 'HIGH', 'LOW').toString(), outputStrength: 'HIGH' },
        ],
      },
    });
    guardrail(stack, 'Parameter', { contentPolicyConfig: { filtersConfig: [{ type: 'HATE', inputStrength: 'HIGH', outputStrength: strength.valueAsString }] } });
    const safe = new CfnParameter(stack, 'SafeStrength', { type: 'String', allowedValues: ['HIGH', 'MEDIUM'], default: 'HIGH' });
    guardrail(stack, 'Control', { contentPolicyConfig: { filtersConfig: [{ type: 'HATE', inputStrength: safe.valueAsString, outputStrength: Fn.conditionIf('UseKey', 'HIGH', 'MEDIUM').toString() }] } });
    expect(findings(stack, 'GR3').filter(f => f.startsWith('Bedrock-GR3[HATE]'))).toEqual([
      'Bedrock-GR3[HATE] @ Stack/Branch',
      'Bedrock-GR3[HATE] @ Stack/Parameter',
    ]);
  });

  test('a policy document written as an Fn::Sub JSON string is read (IAM2, IAM3); one chosen by a parameter is unknown, so it may allow anything', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    new iam.CfnManagedPolicy(stack, 'Sub', {
      policyDocument: Fn.sub('{"Version":"2012-10-17","Statement":[{"Sid":"Any","Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/*"}]}'),
    });
    const document = new CfnParameter(stack, 'Document', { type: 'String' });
    new iam.CfnManagedPolicy(stack, 'FromParameter', { policyDocument: document.valueAsString });
    expect(findings(stack, 'IAM2')).toEqual([
      'Bedrock-IAM2[Document::unknown::Condition::bedrock-mantle:Model] @ Stack/FromParameter',
      'Bedrock-IAM2[Document::unknown::Resource::*] @ Stack/FromParameter',
      `Bedrock-IAM2[Sid::Any::Resource::arn:<AWS::Partition>:bedrock:${REGION}::foundation-model/*] @ Stack/Sub`,
    ]);
    // An unknown document may allow every door: the guardrail finding, and one per door that cannot carry a guardrail.
    expect(findings(stack, 'IAM3').filter(f => f.includes('::Guardrail::'))).toEqual([
      'Bedrock-IAM3[Document::unknown::Guardrail::none] @ Stack/FromParameter',
      'Bedrock-IAM3[Sid::Any::Guardrail::none] @ Stack/Sub',
    ]);
  });

  test('control: the same Fn::Sub document, scoped to an approved model with its guardrail', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    new iam.CfnManagedPolicy(stack, 'Sub', {
      policyDocument: Fn.sub(JSON.stringify({
        Statement: [{
          Sid: 'One',
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: `arn:\${AWS::Partition}:bedrock:\${AWS::Region}::foundation-model/${SONNET_45}`,
          Condition: GUARDED,
        }],
      })),
    });
    for (const rule of ['IAM2', 'IAM3', 'MD1', 'MD2']) expect([rule, findings(stack, rule)]).toEqual([rule, []]);
  });

  test('a model named through a substitution filled in at deploy: unknown when any value may be given, each allowed value otherwise (MD1)', () => {
    const stack = stackIn(REGION);
    const free = new CfnParameter(stack, 'Model', { type: 'String' });
    new bedrock.CfnAgent(stack, 'FreeAgent', { agentName: 'f', foundationModel: Fn.sub('eu.${Model}', {}) });
    const listed = new CfnParameter(stack, 'Listed', { type: 'String', allowedValues: [SONNET_45, 'amazon.nova-pro-v1:0'] });
    new bedrock.CfnAgent(stack, 'ListedAgent', { agentName: 'l', foundationModel: Fn.sub('eu.${Listed}', {}) });
    const approved = new CfnParameter(stack, 'Approved', { type: 'String', allowedValues: [SONNET_45] });
    new bedrock.CfnAgent(stack, 'ControlAgent', { agentName: 'c', foundationModel: Fn.sub('eu.${Approved}', {}) });
    // Fn::Sub names the parameters by logical ID, as a hand-written template does.
    expect([free, listed, approved].map(p => stack.resolve(p.logicalId))).toEqual(['Model', 'Listed', 'Approved']);
    expect(findings(stack, 'MD1')).toEqual([
      'Bedrock-MD1[Model::unknown] @ Stack/FreeAgent',
      'Bedrock-MD1[amazon.nova-pro-v1:0] @ Stack/ListedAgent',
    ]);
  });
});

describe('issue 28: a profile call is judged the way IAM authorizes it (both authorizations, one request context)', () => {
  const LEG = `arn:aws:bedrock:eu-*::foundation-model/${SONNET_45}`;
  const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
  const profile = { Sid: 'Profile', Effect: 'Allow', Action: INVOKE, Resource: PROFILE, Condition: GUARDED };

  test('control: the canonical grant, the guardrail on the profile statement and the legs fenced by the profile ARN only: IAM3 passes', () => {
    const stack = managedPolicy([
      profile,
      { Sid: 'Legs', Effect: 'Allow', Action: INVOKE, Resource: LEG, Condition: { StringEquals: { 'bedrock:InferenceProfileArn': PROFILE } } },
    ]);
    for (const rule of ['IAM2', 'IAM3', 'MD1', 'MD2', 'MD3']) expect([rule, findings(stack, rule)]).toEqual([rule, []]);
  });

  test('legs reachable alone: no profile fence, a fence that any profile meets, or a fence to a profile the policy grants without the guardrail', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    const policy = (id: string, statements: unknown[]) => new iam.CfnManagedPolicy(stack, id, { policyDocument: { Statement: statements } });
    policy('Unfenced', [profile, { Sid: 'Legs', Effect: 'Allow', Action: INVOKE, Resource: LEG }]);
    policy('AnyProfile', [profile, { Sid: 'Legs', Effect: 'Allow', Action: INVOKE, Resource: LEG, Condition: { StringLike: { 'bedrock:InferenceProfileArn': '*' } } }]);
    const other = `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/unguarded`;
    policy('OtherProfile', [
      profile,
      { Sid: 'Other', Effect: 'Allow', Action: INVOKE, Resource: other },
      { Sid: 'Legs', Effect: 'Allow', Action: INVOKE, Resource: LEG, Condition: { StringEquals: { 'bedrock:InferenceProfileArn': other } } },
    ]);
    expect(findings(stack, 'IAM3')).toEqual([
      'Bedrock-IAM3[Sid::Legs::Guardrail::none] @ Stack/AnyProfile',
      'Bedrock-IAM3[Sid::Legs::Guardrail::none] @ Stack/OtherProfile',
      'Bedrock-IAM3[Sid::Other::Guardrail::none] @ Stack/OtherProfile',
      'Bedrock-IAM3[Sid::Legs::Guardrail::none] @ Stack/Unfenced',
    ].sort());
  });
});

describe('issue 28: carriers of permissions and models the pack used not to read', () => {
  const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
  const CANONICAL = [
    { Sid: 'Profile', Effect: 'Allow', Action: INVOKE, Resource: PROFILE, Condition: GUARDED },
    { Sid: 'Legs', Effect: 'Allow', Action: INVOKE, Resource: `arn:aws:bedrock:eu-*::foundation-model/${SONNET_45}`, Condition: { StringEquals: { 'bedrock:InferenceProfileArn': PROFILE } } },
  ];
  const permissionSet = (stack: Stack, id: string, props: Partial<sso.CfnPermissionSetProps>) =>
    new sso.CfnPermissionSet(stack, id, { instanceArn: 'arn:aws:sso:::instance/ssoins-1', name: id, ...props });

  test('Identity Center permission sets: an inline policy, an AWS managed policy, a customer managed policy nobody can read', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    permissionSet(stack, 'Inline', { inlinePolicy: { Statement: [{ Sid: 'Any', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] } });
    permissionSet(stack, 'Managed', { managedPolicies: ['arn:aws:iam::aws:policy/AmazonBedrockFullAccess'] });
    permissionSet(stack, 'Customer', { customerManagedPolicyReferences: [{ name: 'defined-in-each-account' }] });
    expect(findings(stack, 'IAM2').filter(f => f.includes('::Resource::'))).toEqual([
      'Bedrock-IAM2[Document::unknown::Resource::*] @ Stack/Customer',
      'Bedrock-IAM2[Policy::AmazonBedrockFullAccess::Resource::*] @ Stack/Managed',
      'Bedrock-IAM2[Sid::Any::Resource::*] @ Stack/Inline',
    ]);
    expect(findings(stack, 'IAM3').filter(f => f.includes('::Guardrail::'))).toEqual([
      'Bedrock-IAM3[Document::unknown::Guardrail::none] @ Stack/Customer',
      'Bedrock-IAM3[Policy::AmazonBedrockFullAccess::Guardrail::none] @ Stack/Managed',
      'Bedrock-IAM3[Sid::Any::Guardrail::none] @ Stack/Inline',
    ]);
    expect(findings(stack, 'IAM1').filter(f => f.endsWith('@ Stack/Managed'))).toEqual(['Bedrock-IAM1[Policy::AmazonBedrockFullAccess] @ Stack/Managed']);
  });

  test('control: a permission set with the canonical grant inline, and a customer managed policy of that name the app defines', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    permissionSet(stack, 'Inline', { inlinePolicy: { Statement: CANONICAL } });
    new iam.CfnManagedPolicy(stack, 'Named', { managedPolicyName: 'chat-users', policyDocument: { Statement: CANONICAL } });
    permissionSet(stack, 'Customer', { customerManagedPolicyReferences: [{ name: 'chat-users' }] });
    for (const rule of ['IAM1', 'IAM2', 'IAM3', 'MD1', 'MD2', 'MD3']) expect([rule, findings(stack, rule)]).toEqual([rule, []]);
  });

  test('SAM functions: an inline statement, an AWS managed policy by name, a policy template the pack does not expand', () => {
    const stack = stackIn(REGION);
    withLogging(stack);
    const fn = (id: string, policies: unknown) => new CfnResource(stack, id, {
      type: 'AWS::Serverless::Function', properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'x', Policies: policies },
    });
    fn('Statement', [{ Statement: [{ Sid: 'Any', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] }]);
    fn('ByName', ['AmazonBedrockFullAccess']);
    fn('Template', [{ DynamoDBCrudPolicy: { TableName: 't' } }]);
    fn('Control', [{ Statement: CANONICAL }]);
    expect(findings(stack, 'IAM3').filter(f => f.includes('::Guardrail::'))).toEqual([
      'Bedrock-IAM3[Document::unknown::Guardrail::none] @ Stack/Template',
      'Bedrock-IAM3[Policy::AmazonBedrockFullAccess::Guardrail::none] @ Stack/ByName',
      'Bedrock-IAM3[Sid::Any::Guardrail::none] @ Stack/Statement',
    ]);
  });

  test('an AgentCore evaluator judging with an unapproved model, or with a model outside Bedrock: MD1; with an approved one: compliant', () => {
    const stack = stackIn(REGION);
    const evaluator = (id: string, modelConfig: Record<string, unknown>) => new agentcore.CfnEvaluator(stack, id, {
      evaluatorName: id,
      level: 'SESSION',
      evaluatorConfig: { llmAsAJudge: { instructions: 'Rate the answer.', modelConfig, ratingScale: { categorical: [{ definition: 'good', label: 'good' }] } } },
    });
    evaluator('Unapproved', { bedrockEvaluatorModelConfig: { modelId: 'meta.llama3-3-70b-instruct-v1:0' } });
    evaluator('Outside', { responsesEvaluatorModelConfig: { modelId: 'gpt-5' } });
    evaluator('Approved', { bedrockEvaluatorModelConfig: { modelId: `eu.${SONNET_45}` } });
    expect(findings(stack, 'MD1')).toEqual([
      'Bedrock-MD1[Provider::ResponsesEvaluatorModelConfig] @ Stack/Outside',
      'Bedrock-MD1[meta.llama3-3-70b-instruct-v1:0] @ Stack/Unapproved',
    ]);
  });
});

describe('issue 28: settings that weaken a control without removing it', () => {
  type Guarding = bedrock.CfnEnforcedGuardrailConfiguration.SelectiveContentGuardingProperty;
  const enforced = (stack: Stack, id: string, selectiveContentGuarding?: Guarding) =>
    new bedrock.CfnEnforcedGuardrailConfiguration(stack, id, { guardrailIdentifier: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc`, guardrailVersion: '1', selectiveContentGuarding });
  const unguardedGrant = [{ Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}` }];

  test('an enforced guardrail that evaluates only what the caller marks (SELECTIVE messages or system prompts) covers no grant: IAM3', () => {
    expect(findings(managedPolicy(unguardedGrant, s => enforced(s, 'Enforced', { messages: 'SELECTIVE' })), 'IAM3'))
      .toEqual(['Bedrock-IAM3[Sid::Invoke::Guardrail::none] @ Stack/Policy']);
    expect(findings(managedPolicy(unguardedGrant, s => enforced(s, 'Enforced', { messages: 'COMPREHENSIVE', system: 'SELECTIVE' })), 'IAM3'))
      .toEqual(['Bedrock-IAM3[Sid::Invoke::Guardrail::none] @ Stack/Policy']);
  });

  test('control: an enforced guardrail that evaluates everything (COMPREHENSIVE, or the setting absent) covers the grant', () => {
    expect(findings(managedPolicy(unguardedGrant, s => enforced(s, 'Enforced', { messages: 'COMPREHENSIVE', system: 'COMPREHENSIVE' })), 'IAM3')).toEqual([]);
    expect(findings(managedPolicy(unguardedGrant, s => enforced(s, 'Enforced')), 'IAM3')).toEqual([]);
  });

  test('an endpoint policy whose organization condition uses an IfExists operator lets principals with no organization through: NW2', () => {
    const stack = stackIn(REGION);
    endpoint(stack, 'Runtime', 'bedrock-runtime', {
      Statement: [{
        Effect: 'Allow',
        Principal: '*',
        Action: 'bedrock:InvokeModel',
        Resource: PROFILE,
        Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
      }],
    });
    expect(findings(stack, 'NW2')).toEqual(['Bedrock-NW2[Statement::1::Principal::outside] @ Stack/Runtime']);
  });

  test('a content filter that screens images in one direction only, or for some categories only, when the guardrail screens images: GR3', () => {
    const stack = stackIn(REGION);
    const filter = (type: string, input: string[], output: string[]) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH', inputModalities: input, outputModalities: output });
    const both = ['TEXT', 'IMAGE'];
    const guardrail = (id: string, filters: unknown[]) => new bedrock.CfnGuardrail(stack, id, { name: id, blockedInputMessaging: 'n', blockedOutputsMessaging: 'n', contentPolicyConfig: { filtersConfig: filters as any } });
    guardrail('OneDirection', ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map(t => filter(t, both, t === 'HATE' ? ['TEXT'] : both)));
    guardrail('Control', ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map(t => filter(t, both, both)));
    guardrail('TextOnly', ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map(t => filter(t, ['TEXT'], ['TEXT'])));
    expect(findings(stack, 'GR3')).toEqual(['Bedrock-GR3[HATE::Output::Modality::IMAGE] @ Stack/OneDirection']);
  });
});

describe('issue 28: judged in the right place', () => {
  const usModel = `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`;
  const retention = (stack: Stack) => new CfnResource(stack, 'Retention', { type: 'Custom::BedrockDataRetention', properties: { ServiceToken: 'arn', Mode: 'none' } });
  /** Logging and retention in the stack's region; `elsewhere` adds both in us-east-1 (another stack of the same account). */
  const grantStack = (statement: Record<string, unknown>, elsewhere: boolean) => {
    const stack = managedPolicy([{ Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Condition: GUARDED, ...statement }], retention);
    if (elsewhere) {
      const us = new Stack(stack.node.root, 'Us', { env: { account: ACCOUNT, region: 'us-east-1' } });
      withLogging(us);
      retention(us);
    }
    return stack;
  };

  test('logging and data retention are checked in the regions a grant reaches, not only the stack\'s: LG1, DR1', () => {
    const stack = grantStack({ Resource: usModel }, false);
    expect(findings(stack, 'LG1')).toEqual(['Bedrock-LG1[Region::us-east-1] @ Stack/Policy']);
    expect(findings(stack, 'DR1')).toEqual(['Bedrock-DR1[Region::us-east-1] @ Stack/Policy']);
  });

  test('control: logging and retention in that region too; fenced legs of a profile of the stack\'s region are called there', () => {
    const stack = grantStack({ Resource: usModel }, true);
    expect([findings(stack, 'LG1'), findings(stack, 'DR1')]).toEqual([[], []]);
    const legs = grantStack({ Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/' + SONNET_45, Condition: { StringEquals: { 'bedrock:InferenceProfileArn': PROFILE } } }, false);
    expect([findings(legs, 'LG1'), findings(legs, 'DR1')]).toEqual([[], []]);
  });

  test('AgentCore resources that hold conversations are deployed in an approved geography (MD2); imported models are not approved models (MD1)', () => {
    const stack = stackIn('us-east-1');
    new agentcore.CfnMemory(stack, 'Memory', { name: 'm', eventExpiryDuration: 30 });
    new bedrock.CfnAgent(stack, 'Imported', { agentName: 'i', foundationModel: `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/abc123` });
    expect(findings(stack, 'MD2')).toEqual(['Bedrock-MD2[Region::us-east-1] @ Stack/Imported', 'Bedrock-MD2[Region::us-east-1] @ Stack/Memory']);
    expect(findings(stack, 'MD1')).toEqual(['Bedrock-MD1[imported-model/abc123] @ Stack/Imported']);
    // Control: the same memory in the approved geography.
    const eu = stackIn(REGION);
    new agentcore.CfnMemory(eu, 'Memory', { name: 'm', eventExpiryDuration: 30 });
    expect(findings(eu, 'MD2')).toEqual([]);
  });
});

describe('issue 28: flows', () => {
  const promptNode = (name: string, guardrail: boolean) => ({
    name,
    type: 'Prompt',
    configuration: {
      prompt: {
        sourceConfiguration: { inline: { modelId: `eu.${SONNET_45}`, templateType: 'TEXT', templateConfiguration: { text: { text: '{{q}}' } } } },
        ...(guardrail ? { guardrailConfiguration: { guardrailIdentifier: GUARDRAIL.replace(/:2$/, ''), guardrailVersion: '2' } } : {}),
      },
    },
  });
  const kbNode = (name: string, modelId?: string) => ({ name, type: 'KnowledgeBase', configuration: { knowledgeBase: { knowledgeBaseId: 'KB12345678', modelId } } });
  const flow = (stack: Stack, id: string, nodes: unknown[]) => new bedrock.CfnFlow(stack, id, {
    name: id, executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow`, definition: { nodes: nodes as any },
  });

  test('a prompt node that generates without a guardrail, behind a role that may invoke the flow: FL1 (also in a DefinitionString)', () => {
    const stack = stackIn(REGION);
    const f = flow(stack, 'Flow', [promptNode('guarded', true), promptNode('answer', false), kbNode('retrieve'), kbNode('generate', `eu.${SONNET_45}`)]);
    role(stack, 'Caller', []).policies = [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeFlow', Resource: `${f.attrArn}/alias/*` }] } }];
    new bedrock.CfnFlow(stack, 'AsString', {
      name: 's',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow`,
      definitionString: JSON.stringify({ nodes: [promptNode('answer', false)] }),
    } as any);
    new bedrock.CfnFlow(stack, 'InS3', { name: 's3', executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow`, definitionS3Location: { bucket: 'b', key: 'k' } });
    expect(findings(stack, 'FL1')).toEqual([
      'Bedrock-FL1[Definition::unknown] @ Stack/InS3',
      'Bedrock-FL1[Node::answer] @ Stack/AsString',
      'Bedrock-FL1[Node::answer] @ Stack/Flow',
      'Bedrock-FL1[Node::generate] @ Stack/Flow',
    ]);
  });

  test('control: every generating node names a guardrail; a knowledge-base node that only retrieves needs none', () => {
    const stack = stackIn(REGION);
    flow(stack, 'Flow', [promptNode('answer', true), kbNode('retrieve')]);
    expect(findings(stack, 'FL1')).toEqual([]);
  });
});
