import { Duration, Fn, Stack, aws_bedrock as bedrock, aws_kms as kms, aws_opensearchserverless as aoss, aws_s3vectors as s3vectors } from 'aws-cdk-lib';
import { REGION, bedrockFindings } from './helpers';
import { stackIn } from '../models/fixtures';

function agent(stack: Stack, id: string, props: Partial<bedrock.CfnAgentProps> = {}): bedrock.CfnAgent {
  const key = stack.node.tryFindChild('Key') as kms.CfnKey ?? new kms.CfnKey(stack, 'Key', {});
  return new bedrock.CfnAgent(stack, id, {
    agentName: id,
    customerEncryptionKeyArn: key.attrArn,
    guardrailConfiguration: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
    idleSessionTtlInSeconds: 600,
    ...props,
  });
}

describe('Bedrock-AG1 AgentGuardrail', () => {
  test('with a guardrail (literal or Fn::GetAtt): compliant; without: reported', () => {
    const stack = stackIn(REGION);
    const g = new bedrock.CfnGuardrail(stack, 'G', { name: 'g', blockedInputMessaging: 'n', blockedOutputsMessaging: 'n' });
    agent(stack, 'Literal');
    agent(stack, 'GetAtt', { guardrailConfiguration: { guardrailIdentifier: g.attrGuardrailId, guardrailVersion: '1' } });
    agent(stack, 'None', { guardrailConfiguration: undefined });
    expect(bedrockFindings(stack, {}, 'AG1')).toEqual(['Bedrock-AG1 @ Stack/None']);
  });
});

describe('Bedrock-AG2 AgentCustomerManagedKey', () => {
  test('a key of the template (Fn::GetAtt, Ref) or a key ARN (Fn::Join): compliant; none or alias/aws: reported', () => {
    const stack = stackIn(REGION);
    agent(stack, 'GetAtt');
    agent(stack, 'Ref', { customerEncryptionKeyArn: (stack.node.findChild('Key') as kms.CfnKey).ref });
    agent(stack, 'Join', { customerEncryptionKeyArn: Fn.join('', ['arn:', stack.partition, ':kms:', REGION, ':', stack.account, ':key/k']) });
    agent(stack, 'None', { customerEncryptionKeyArn: undefined });
    agent(stack, 'AwsManaged', { customerEncryptionKeyArn: 'alias/aws/bedrock' });
    expect(bedrockFindings(stack, {}, 'AG2')).toEqual(['Bedrock-AG2 @ Stack/AwsManaged', 'Bedrock-AG2 @ Stack/None']);
  });
});

describe('Bedrock-AG3 AgentIdleSessionBounded', () => {
  test('set and at most the maximum: compliant; unset or longer: reported; the maximum comes from the profile', () => {
    const stack = stackIn(REGION);
    agent(stack, 'TenMinutes');
    agent(stack, 'Unset', { idleSessionTtlInSeconds: undefined });
    agent(stack, 'Hour', { idleSessionTtlInSeconds: 3600 });
    expect(bedrockFindings(stack, {}, 'AG3')).toEqual(['Bedrock-AG3 @ Stack/Hour', 'Bedrock-AG3 @ Stack/Unset']);
    expect(bedrockFindings(stack, { maximumAgentIdleSession: Duration.hours(1) }, 'AG3')).toEqual(['Bedrock-AG3 @ Stack/Unset']);
  });

  test('the pack refuses a maximum outside Bedrock\'s limits', () => {
    expect(() => bedrockFindings(stackIn(REGION), { maximumAgentIdleSession: Duration.hours(2) })).toThrow(/maximumAgentIdleSession is 7200 seconds; allowed: 60 to 3600/);
  });
});

describe('Bedrock-KB1 DataSourceTransientDataKey', () => {
  const dataSource = (stack: Stack, id: string, kmsKeyArn?: string) => new bedrock.CfnDataSource(stack, id, {
    name: id,
    knowledgeBaseId: 'KB1234',
    dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: 'arn:aws:s3:::docs' } },
    serverSideEncryptionConfiguration: kmsKeyArn ? { kmsKeyArn } : undefined,
  });

  test('a customer-managed key (Fn::GetAtt, Fn::Join): compliant; none or AWS managed: reported', () => {
    const stack = stackIn(REGION);
    const key = new kms.CfnKey(stack, 'Key', {});
    dataSource(stack, 'GetAtt', key.attrArn);
    dataSource(stack, 'Join', Fn.join('', ['arn:', stack.partition, ':kms:', stack.region, ':', stack.account, ':key/abc']));
    dataSource(stack, 'None');
    dataSource(stack, 'AwsManaged', `arn:aws:kms:${REGION}:111111111111:alias/aws/bedrock`);
    expect(bedrockFindings(stack, {}, 'KB1')).toEqual(['Bedrock-KB1 @ Stack/AwsManaged', 'Bedrock-KB1 @ Stack/None']);
  });
});

describe('Bedrock-KB2 VectorStoreCustomerManagedKey', () => {
  test('vector bucket with SSE-KMS and a customer key; index inheriting or SSE-KMS: compliant', () => {
    const stack = stackIn(REGION);
    const key = new kms.CfnKey(stack, 'Key', {});
    const bucket = new s3vectors.CfnVectorBucket(stack, 'Bucket', { encryptionConfiguration: { sseType: 'aws:kms', kmsKeyArn: key.attrArn } });
    new s3vectors.CfnIndex(stack, 'Inherits', { vectorBucketArn: bucket.attrVectorBucketArn, dataType: 'float32', dimension: 1024, distanceMetric: 'cosine' });
    new s3vectors.CfnIndex(stack, 'Kms', {
      vectorBucketArn: bucket.attrVectorBucketArn,
      dataType: 'float32',
      dimension: 1024,
      distanceMetric: 'cosine',
      encryptionConfiguration: { sseType: 'aws:kms', kmsKeyArn: key.ref },
    });
    expect(bedrockFindings(stack, {}, 'KB2')).toEqual([]);
  });

  test('bucket without encryption, with SSE-S3, or with an AWS managed key; index downgraded to SSE-S3: reported', () => {
    const stack = stackIn(REGION);
    const plain = new s3vectors.CfnVectorBucket(stack, 'Plain', {});
    new s3vectors.CfnVectorBucket(stack, 'SseS3', { encryptionConfiguration: { sseType: 'AES256' } });
    new s3vectors.CfnVectorBucket(stack, 'AwsManaged', { encryptionConfiguration: { sseType: 'aws:kms', kmsKeyArn: 'alias/aws/s3' } });
    new s3vectors.CfnIndex(stack, 'Downgraded', {
      vectorBucketArn: plain.attrVectorBucketArn,
      dataType: 'float32',
      dimension: 1024,
      distanceMetric: 'cosine',
      encryptionConfiguration: { sseType: 'AES256' },
    });
    expect(bedrockFindings(stack, {}, 'KB2')).toEqual([
      'Bedrock-KB2 @ Stack/AwsManaged', 'Bedrock-KB2 @ Stack/Downgraded', 'Bedrock-KB2 @ Stack/Plain', 'Bedrock-KB2 @ Stack/SseS3',
    ]);
  });
});

describe('Bedrock-KB3 OpenSearchServerlessNotPublic and KB4 OpenSearchServerlessCustomerManagedKey', () => {
  const policy = (stack: Stack, id: string, type: string, document: unknown) =>
    new aoss.CfnSecurityPolicy(stack, id, { name: id.toLowerCase(), type, policy: typeof document === 'string' ? document : JSON.stringify(document) });
  const rules = [{ ResourceType: 'collection', Resource: ['collection/kb'] }];

  test('private network policy and customer key (a key ARN from Fn::GetAtt inside Fn::Join): compliant', () => {
    const stack = stackIn(REGION);
    const key = new kms.CfnKey(stack, 'Key', {});
    policy(stack, 'Network', 'network', [{ Rules: rules, AllowFromPublic: false, SourceServices: ['bedrock.amazonaws.com'] }]);
    policy(stack, 'Encryption', 'encryption', Fn.join('', ['{"Rules":[{"ResourceType":"collection","Resource":["collection/kb"]}],"AWSOwnedKey":false,"KmsARN":"', key.attrArn, '"}']));
    expect(bedrockFindings(stack, {}, 'KB3')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'KB4')).toEqual([]);
  });

  test('a public rule, or an AWS owned key: reported; each rule reads only its policy type', () => {
    const stack = stackIn(REGION);
    policy(stack, 'Public', 'network', [{ Rules: rules, AllowFromPublic: false, SourceServices: ['bedrock.amazonaws.com'] }, { Rules: rules, AllowFromPublic: true }]);
    policy(stack, 'AwsOwned', 'encryption', { Rules: rules, AWSOwnedKey: true });
    policy(stack, 'NoKey', 'encryption', { Rules: rules, AWSOwnedKey: false });
    expect(bedrockFindings(stack, {}, 'KB3')).toEqual(['Bedrock-KB3 @ Stack/Public']);
    expect(bedrockFindings(stack, {}, 'KB4')).toEqual(['Bedrock-KB4 @ Stack/AwsOwned', 'Bedrock-KB4 @ Stack/NoKey']);
  });
});
