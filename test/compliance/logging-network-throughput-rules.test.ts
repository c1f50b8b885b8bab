import { CfnResource, Stack, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { stackIn } from '../models/fixtures';

const INVOKE = { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/amazon.titan-embed-text-v2:0` };

function logging(stack: Stack, config: Record<string, unknown>): CfnResource {
  return new CfnResource(stack, 'Logging', { type: 'Custom::BedrockModelInvocationLogging', properties: { ServiceToken: 'arn', LoggingConfig: config } });
}

/** A bucket and a log group that pass LG3 to LG5. */
function stores(stack: Stack) {
  const key = new kms.CfnKey(stack, 'Key', {});
  const bucket = new s3.CfnBucket(stack, 'Bucket', {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn } }] },
  });
  bucket.cfnOptions.deletionPolicy = 'Retain' as any;
  new s3.CfnBucketPolicy(stack, 'BucketPolicy', {
    bucket: bucket.ref,
    policyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
  });
  const group = new logs.CfnLogGroup(stack, 'Group', { logGroupName: '/bedrock/invocations', kmsKeyId: key.attrArn, retentionInDays: 365 });
  group.cfnOptions.deletionPolicy = 'Retain' as any;
  return { key, bucket, group };
}

describe('Bedrock-LG1 InvocationLoggingConfigured', () => {
  test('an invoke grant with logging in the same account and region (another stack of the app): compliant', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Invoke', { policyDocument: { Statement: [INVOKE] } });
    logging(new Stack(stack.node.root, 'Baseline', { env: { account: ACCOUNT, region: REGION } }), { s3Config: { bucketName: 'b' }, textDataDeliveryEnabled: true });
    expect(bedrockFindings(stack, {}, 'LG1')).toEqual([]);
  });

  test('an invoke grant without logging for its account and region: reported, unless the account is not governed', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Invoke', { policyDocument: { Statement: [INVOKE] } });
    new iam.CfnManagedPolicy(stack, 'ReadOnly', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }] } });
    logging(new Stack(stack.node.root, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } }), { s3Config: { bucketName: 'b' }, textDataDeliveryEnabled: true });
    expect(bedrockFindings(stack, {}, 'LG1')).toEqual(['Bedrock-LG1 @ Stack/Invoke']);
    expect(bedrockFindings(stack, { governedAccounts: ['999999999999'] }, 'LG1')).toEqual([]);
  });
});

describe('Bedrock-LG2 InvocationLoggingDelivery', () => {
  test('text delivery on, with a destination (a Ref to a bucket): compliant', () => {
    const stack = stackIn(REGION);
    const { bucket } = stores(stack);
    logging(stack, { s3Config: { bucketName: bucket.ref }, textDataDeliveryEnabled: true });
    expect(bedrockFindings(stack, {}, 'LG2')).toEqual([]);
  });

  test('text delivery off, or no destination: reported', () => {
    const stack = stackIn(REGION);
    logging(stack, { s3Config: { bucketName: 'b' }, textDataDeliveryEnabled: false });
    const other = new Stack(stack.node.root, 'Other', { env: { account: '222222222222', region: REGION } });
    logging(other, { textDataDeliveryEnabled: true });
    expect(bedrockFindings(stack, {}, 'LG2')).toEqual(['Bedrock-LG2 @ Other/Logging', 'Bedrock-LG2 @ Stack/Logging']);
  });
});

describe('Bedrock-LG3, LG4, LG5: the stores of invocation logs', () => {
  test('encrypted, retained and TLS-only destinations (bucket by Ref, log group by name): compliant; other stores: not checked', () => {
    const stack = stackIn(REGION);
    const { bucket, group } = stores(stack);
    logging(stack, { s3Config: { bucketName: bucket.ref }, cloudWatchConfig: { logGroupName: group.logGroupName, roleArn: 'arn' }, textDataDeliveryEnabled: true });
    new s3.CfnBucket(stack, 'Unrelated', {});
    expect(bedrockFindings(stack, {}, 'LG3')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'LG4')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'LG5')).toEqual([]);
  });

  test('unencrypted or SSE-S3, deleted with the stack, kept too briefly, or without a TLS policy: reported', () => {
    const stack = stackIn(REGION);
    const bucket = new s3.CfnBucket(stack, 'Bucket', {
      bucketName: 'invocation-logs',
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      lifecycleConfiguration: { rules: [{ status: 'Enabled', expirationInDays: 30 }] },
    });
    const group = new logs.CfnLogGroup(stack, 'Group', { retentionInDays: 90 });
    group.cfnOptions.deletionPolicy = 'Retain' as any;
    logging(stack, {
      s3Config: { bucketName: 'invocation-logs' },
      cloudWatchConfig: { logGroupName: group.ref, roleArn: 'arn', largeDataDeliveryS3Config: { bucketName: bucket.ref } },
      textDataDeliveryEnabled: true,
    });
    expect(bedrockFindings(stack, {}, 'LG3')).toEqual(['Bedrock-LG3 @ Stack/Bucket', 'Bedrock-LG3 @ Stack/Group']);
    expect(bedrockFindings(stack, {}, 'LG4')).toEqual(['Bedrock-LG4[DeletionPolicy] @ Stack/Bucket', 'Bedrock-LG4[Retention] @ Stack/Bucket', 'Bedrock-LG4[Retention] @ Stack/Group']);
    expect(bedrockFindings(stack, { minimumLogRetention: undefined }, 'LG5')).toEqual(['Bedrock-LG5 @ Stack/Bucket']);
  });
});

describe('Bedrock-NW1 RuntimeEndpointPrivateDns and NW2 EndpointPolicyNotDefault', () => {
  function network(stack: Stack) {
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
    const role = new iam.CfnRole(stack, 'FnRole', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    });
    new iam.CfnPolicy(stack, 'FnPolicy', { policyName: 'invoke', roles: [role.ref], policyDocument: { Statement: [INVOKE] } });
    new lambda.CfnFunction(stack, 'Fn', { role: role.attrArn, code: { zipFile: 'x' }, runtime: 'nodejs22.x', handler: 'index.handler', vpcConfig: { subnetIds: [subnet.ref], securityGroupIds: [] } });
    return { vpc };
  }
  const endpoint = (stack: Stack, id: string, vpc: ec2.CfnVPC, service: string, props: Partial<ec2.CfnVPCEndpointProps> = {}) =>
    new ec2.CfnVPCEndpoint(stack, id, {
      vpcId: vpc.ref,
      serviceName: `com.amazonaws.${stack.region}.${service}`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } }] },
      ...props,
    });

  test('a caller\'s VPC with a runtime endpoint (private DNS, own policy): compliant', () => {
    const stack = stackIn(REGION);
    const { vpc } = network(stack);
    endpoint(stack, 'Runtime', vpc, 'bedrock-runtime');
    expect(bedrockFindings(stack, {}, 'NW1')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'NW2')).toEqual([]);
  });

  test('a caller\'s VPC without a runtime endpoint, an endpoint without private DNS, the default or an allow-all policy: reported', () => {
    const stack = stackIn(REGION);
    const { vpc } = network(stack);
    endpoint(stack, 'NoDns', vpc, 'bedrock-agent-runtime', { privateDnsEnabled: false });
    endpoint(stack, 'DefaultPolicy', vpc, 'bedrock', { policyDocument: undefined });
    endpoint(stack, 'AllowAll', vpc, 'bedrock-agent', { policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } });
    new ec2.CfnVPCEndpoint(stack, 'S3', { vpcId: vpc.ref, serviceName: `com.amazonaws.${REGION}.s3` });
    expect(bedrockFindings(stack, {}, 'NW1')).toEqual(['Bedrock-NW1 @ Stack/Fn', 'Bedrock-NW1 @ Stack/NoDns']);
    expect(bedrockFindings(stack, {}, 'NW2')).toEqual(['Bedrock-NW2 @ Stack/DefaultPolicy', 'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/AllowAll']);
  });

  // The catalogue's runtime doors are what NW2 asks a bedrock-runtime endpoint about: each invoke door opened alone to
  // anyone is reported (mutation testing, docs/mutation/2026-12-07-catalogue.md: either without its endpoint passed).
  test('a runtime endpoint whose policy lets anyone through one invoke door only: reported', () => {
    const stack = stackIn(REGION);
    const { vpc } = network(stack);
    for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']) {
      endpoint(stack, action.split(':')[1], vpc, 'bedrock-runtime', { policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] } });
    }
    expect(bedrockFindings(stack, {}, 'NW2')).toEqual([
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/InvokeModel',
      'Bedrock-NW2[Statement::1::Principal::outside] @ Stack/InvokeModelWithResponseStream',
    ]);
  });
});

describe('Bedrock-PT1 CommitmentAcknowledged', () => {
  const throughput = (stack: Stack, id: string, extra: Record<string, unknown>) => new CfnResource(stack, id, {
    type: 'Custom::BedrockProvisionedThroughput',
    properties: { ServiceToken: 'arn', ProvisionedModelName: id, ModelId: 'amazon.titan-embed-text-v2:0', ModelUnits: 1, ...extra },
  });

  test('no commitment, or a commitment with its acknowledgement (boolean or string): compliant; without: reported', () => {
    const stack = stackIn(REGION);
    throughput(stack, 'NoCommitment', {});
    throughput(stack, 'Acknowledged', { CommitmentDuration: 'SixMonths', CommitmentAcknowledged: true });
    throughput(stack, 'AcknowledgedString', { CommitmentDuration: 'OneMonth', CommitmentAcknowledged: 'true' });
    throughput(stack, 'Unacknowledged', { CommitmentDuration: 'OneMonth' });
    throughput(stack, 'Refused', { CommitmentDuration: 'SixMonths', CommitmentAcknowledged: false });
    expect(bedrockFindings(stack, {}, 'PT1')).toEqual(['Bedrock-PT1 @ Stack/Refused', 'Bedrock-PT1 @ Stack/Unacknowledged']);
  });
});
