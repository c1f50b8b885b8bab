import { App, CfnResource, Stack, Validations, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cfnSchemaFindings, expectValidCloudFormation } from './cfn-schema';
import { errorOf } from './errors';
import { evaluate, resolveCfn, TemplatePolicies } from './iam';
import { checkCompliance, describeAcknowledgements } from './nag';

const ENV = { account: '111111111111', region: 'eu-central-1' };

describe('checkCompliance (cdk-nag 3 packs)', () => {
  function roleWithWildcard() {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const policy = new iam.ManagedPolicy(stack, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] })],
    });
    return { stack, policy };
  }

  test('reports the exact unacknowledged violations', () => {
    const { stack } = roleWithWildcard();
    expect(checkCompliance(stack)).toEqual({
      violations: ['AwsSolutions-IAM5[Resource::*] @ Stack/Policy/Resource'],
      acknowledgements: [],
    });
  });

  test('a prefixed acknowledgement moves the violation to the acknowledgements, with its reason', () => {
    const { stack, policy } = roleWithWildcard();
    Validations.of(policy).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: 'because' });
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(describeAcknowledgements(result.acknowledgements)).toEqual([
      'AwsSolutions::AwsSolutions-IAM5[Resource::*] @ Stack/Policy/Resource: because',
    ]);
    expect(result.acknowledgements[0].at).toBe('Stack/Policy');
  });

  test('an acknowledgement of another rule does not hide the violation', () => {
    const { stack, policy } = roleWithWildcard();
    Validations.of(policy).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM4', reason: 'unrelated' });
    expect(checkCompliance(stack).violations).toEqual(['AwsSolutions-IAM5[Resource::*] @ Stack/Policy/Resource']);
  });

  test('only resources under the given scope are returned', () => {
    const { stack } = roleWithWildcard();
    const other = new Stack(stack.node.root as App, 'Other', { env: ENV });
    new kms.Key(other, 'Key', { enableKeyRotation: true });
    expect(checkCompliance(other)).toEqual({ violations: [], acknowledgements: [] });
  });
});

describe('cfnSchemaFindings (aws-cdk-lib CloudFormation validator)', () => {
  test('an unknown property is a finding', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    new CfnResource(stack, 'Bad', { type: 'AWS::S3::Bucket', properties: { Colour: 'blue' } });
    expect(cfnSchemaFindings(stack)).toEqual([
      "F3002 @ Stack/Bad: Colour: Additional properties are not allowed ('Colour' was unexpected)",
    ]);
  });

  test('a missing required property is a finding', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    new CfnResource(stack, 'NoName', {
      type: 'AWS::Bedrock::Guardrail',
      properties: { BlockedInputMessaging: 'no', BlockedOutputsMessaging: 'no' },
    });
    expect(cfnSchemaFindings(stack)).toEqual(["F3003 @ Stack/NoName: Properties: 'Name' is a required property"]);
  });

  test('a bad enum value is a finding', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    new CfnResource(stack, 'BadEnum', {
      type: 'AWS::Bedrock::Guardrail',
      properties: {
        Name: 'g',
        BlockedInputMessaging: 'no',
        BlockedOutputsMessaging: 'no',
        ContentPolicyConfig: { FiltersConfig: [{ Type: 'GOSSIP', InputStrength: 'HIGH', OutputStrength: 'HIGH' }] },
      },
    });
    expect(cfnSchemaFindings(stack)).toEqual([
      "W3030 @ Stack/BadEnum: ContentPolicyConfig.FiltersConfig.0.Type: 'GOSSIP' is not one of " +
      "['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT', 'PROMPT_ATTACK']",
    ]);
  });

  test('expectValidCloudFormation fails on a finding and passes a valid template', () => {
    const bad = new Stack(new App(), 'Stack', { env: ENV });
    new CfnResource(bad, 'Bad', { type: 'AWS::S3::Bucket', properties: { Colour: 'blue' } });
    expect(() => expectValidCloudFormation(bad)).toThrow(/F3002 @ Stack\/Bad: Colour/);
  });

  test('a valid template has no findings', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    new kms.Key(stack, 'Key', { enableKeyRotation: true });
    expect(() => expectValidCloudFormation(stack)).not.toThrow();
  });
});

describe('IAM evaluation (@cloud-copilot/iam-simulate)', () => {
  const env = { region: 'eu-central-1', accountId: '111111111111', refs: { MyBucket: 'my-bucket' } };

  test('resolves Fn::Join, pseudo parameters, Ref, Fn::GetAtt, Fn::Sub, Fn::Select and Fn::Split', () => {
    expect(resolveCfn({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'MyBucket' }, '/', { Ref: 'AWS::Region' }, '/', { Ref: 'AWS::AccountId' }]],
    }, env)).toBe('arn:aws:s3:::my-bucket/eu-central-1/111111111111');
    expect(resolveCfn({ 'Fn::GetAtt': ['Role', 'Arn'] }, { ...env, getAtts: { 'Role.Arn': 'arn:aws:iam::111111111111:role/r' } }))
      .toBe('arn:aws:iam::111111111111:role/r');
    expect(resolveCfn({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${MyBucket}' }, env)).toBe('arn:aws:s3:::my-bucket');
    expect(resolveCfn({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, env)).toBe('b');
  });

  test('an unknown reference is an error, not a guess', () => {
    expect(() => resolveCfn({ Ref: 'Unknown' }, env)).toThrow('Ref Unknown has no known value: pass it in refs');
    expect(() => resolveCfn({ 'Fn::GetAtt': ['X', 'Arn'] }, env)).toThrow('Fn::GetAtt X.Arn has no known value');
  });

  const allowGet = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }],
  };

  test('answers allowed, implicitly denied and explicitly denied', async () => {
    const denyTagged = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blocked' } } }],
    };
    const req = { action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/a.txt', resourceAccount: '111111111111' };
    expect(await evaluate({ identity: [allowGet] }, req)).toBe('Allowed');
    expect(await evaluate({ identity: [allowGet] }, { ...req, resource: 'arn:aws:s3:::other/a.txt' })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity: [allowGet, denyTagged] }, { ...req, context: { 'aws:PrincipalTag/team': 'blocked' } }))
      .toBe('ExplicitlyDenied');
  });

  test('service control policies deny what the identity policy allows', async () => {
    const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] };
    const req = { action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/a.txt', resourceAccount: '111111111111' };
    expect(await evaluate({ identity: [allowGet], serviceControlPolicies: [[]] }, req)).toBe('Allowed');
    expect(await evaluate({ identity: [allowGet], serviceControlPolicies: [[], [scp]] }, req)).toBe('ExplicitlyDenied');
  });

  test('an invalid request is an error', async () => {
    await expect(evaluate({ identity: [allowGet] }, { action: 's3:NoSuchAction', resource: 'arn:aws:s3:::my-bucket/a' }))
      .rejects.toThrow(/rejected the request/);
  });

  test('reads the identity policies that apply to a role from a synthesized template', async () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [stack.formatArn({ service: 's3', region: '', account: '', resource: 'my-bucket', resourceName: '*' })],
    }));
    const template = Template.fromStack(stack).toJSON();
    const policies = new TemplatePolicies(template, env);
    const roleId = policies.logicalIdsOfType('AWS::IAM::Role')[0];
    const identity = policies.identityPoliciesOf(roleId);
    const req = { action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/x', resourceAccount: '111111111111' };
    expect(await evaluate({ identity }, req)).toBe('Allowed');
    expect(await evaluate({ identity }, { ...req, action: 's3:PutObject' })).toBe('ImplicitlyDenied');
  });
});

describe('errorOf', () => {
  test('returns what the function throws', () => {
    const thrown = new Error('bad input');
    expect(errorOf(() => { throw thrown; })).toBe(thrown);
  });

  test('fails the test when the function throws nothing', () => {
    expect(() => errorOf(() => 42)).toThrow(new Error('expected an error, nothing was thrown'));
  });
});
