import { idleCost } from '../../bench/cost';

const endpoint = (type: string, subnets: number) => ({
  Type: 'AWS::EC2::VPCEndpoint',
  Properties: { VpcEndpointType: type, SubnetIds: Array.from({ length: subnets }, (_, i) => ({ Ref: `Subnet${i}` })) },
});
const key = { Type: 'AWS::KMS::Key', Properties: {} };
const collection = (name: string, standby?: 'ENABLED' | 'DISABLED') => ({
  Type: 'AWS::OpenSearchServerless::Collection',
  Properties: { Name: name, Type: 'VECTORSEARCH', ...(standby ? { StandbyReplicas: standby } : {}) },
});
/** An encryption policy as the store synthesizes it: the key's ARN joined into the JSON. */
const encryption = (names: string[], keyId: string) => ({
  Type: 'AWS::OpenSearchServerless::SecurityPolicy',
  Properties: {
    Type: 'encryption',
    Policy: { 'Fn::Join': ['', [`{"Rules":[{"ResourceType":"collection","Resource":${JSON.stringify(names.map(n => `collection/${n}`))}}],"AWSOwnedKey":false,"KmsARN":"`, { 'Fn::GetAtt': [keyId, 'Arn'] }, '"}']] },
  },
});

describe('idleCost', () => {
  test('an account baseline: one interface endpoint in two zones, three keys, the rest free', () => {
    expect(idleCost({
      Resources: {
        Runtime: endpoint('Interface', 2),
        S3: endpoint('Gateway', 2),
        K1: key,
        K2: key,
        K3: key,
        Vpc: { Type: 'AWS::EC2::VPC' },
        Logs: { Type: 'AWS::Logs::LogGroup' },
        Fn: { Type: 'AWS::Lambda::Function' },
        Logging: { Type: 'Custom::BedrockModelInvocationLogging' },
      },
    })).toEqual({
      monthlyUsd: 17.6,
      lines: [
        { item: 'interface VPC endpoints (1, 2 endpoint-AZs)', quantity: 1460, unit: 'endpoint-AZ-hour', monthlyUsd: 14.6 },
        { item: 'customer-managed KMS keys', quantity: 3, unit: 'key-month', monthlyUsd: 3 },
      ],
      unpricedTypes: [],
    });
  });

  test('alarms by the metrics they watch (a metric-math alarm pays for each metric, not the expression), composite alarms and dashboards', () => {
    const metric = (name: string) => ({ Id: name.toLowerCase(), MetricStat: { Metric: { Namespace: 'AWS/Bedrock', MetricName: name }, Period: 300, Stat: 'Sum' } });
    expect(idleCost({
      Resources: {
        Single: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/Bedrock', MetricName: 'InvocationThrottles' } },
        Ratio: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: { Metrics: [metric('Invocations'), metric('InvocationsIntervened'), { Id: 'share', Expression: 'intervened / invocations' }] },
        },
        Both: { Type: 'AWS::CloudWatch::CompositeAlarm', Properties: {} },
        Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        Rule: { Type: 'AWS::Events::Rule', Properties: {} },
      },
    })).toEqual({
      monthlyUsd: 3.8,
      lines: [
        { item: 'CloudWatch alarm metrics', quantity: 3, unit: 'alarm-metric-month', monthlyUsd: 0.3 },
        { item: 'CloudWatch composite alarms', quantity: 1, unit: 'alarm-month', monthlyUsd: 0.5 },
        { item: 'CloudWatch dashboards', quantity: 1, unit: 'dashboard-month', monthlyUsd: 3 },
      ],
      unpricedTypes: [],
    });
  });

  test('four endpoints in two zones: about $58 a month', () => {
    const resources = Object.fromEntries([1, 2, 3, 4].map(i => [`E${i}`, endpoint('Interface', 2)]));
    expect(idleCost({ Resources: resources }).monthlyUsd).toBe(58.4);
  });

  test('OpenSearch Serverless: one OCU floor per key, doubled with standby replicas', () => {
    expect(idleCost({ Resources: { C: collection('a', 'DISABLED'), P: encryption(['a'], 'KeyA'), K: key } }).lines[1]).toEqual(
      { item: 'OpenSearch Serverless OCU floor (1 key group, standby replicas off)', quantity: 730, unit: 'OCU-hour', monthlyUsd: 175.2 });
    expect(idleCost({ Resources: { C: collection('a', 'ENABLED'), P: encryption(['a'], 'KeyA') } }).monthlyUsd).toBe(350.4);
    // CloudFormation's default for StandbyReplicas is ENABLED.
    expect(idleCost({ Resources: { C: collection('a'), P: encryption(['a'], 'KeyA') } }).monthlyUsd).toBe(350.4);
  });

  test('collections that share a key share the floor; another key is another floor', () => {
    const shared = { A: collection('a', 'DISABLED'), B: collection('b', 'DISABLED'), PA: encryption(['a'], 'Key1'), PB: encryption(['b'], 'Key1') };
    expect(idleCost({ Resources: shared }).monthlyUsd).toBe(175.2);
    const separate = { ...shared, PB: encryption(['b'], 'Key2') };
    expect(idleCost({ Resources: separate }).lines).toEqual([
      { item: 'OpenSearch Serverless OCU floor (2 key groups, standby replicas off)', quantity: 1460, unit: 'OCU-hour', monthlyUsd: 350.4 },
    ]);
    const mixed = { ...separate, B: collection('b', 'ENABLED') };
    expect(idleCost({ Resources: mixed }).lines[0]).toEqual(
      { item: 'OpenSearch Serverless OCU floor (2 key groups, standby replicas on in 1)', quantity: 2190, unit: 'OCU-hour', monthlyUsd: 525.6 });
  });

  test('a literal key ARN groups collections too; a collection no policy names has its own floor', () => {
    const literal = (name: string) => ({
      Type: 'AWS::OpenSearchServerless::SecurityPolicy',
      Properties: { Type: 'encryption', Policy: `{"Rules":[{"ResourceType":"collection","Resource":["collection/${name}"]}],"AWSOwnedKey":false,"KmsARN":"arn:aws:kms:us-east-1:111111111111:key/k1"}` },
    });
    expect(idleCost({ Resources: { A: collection('a', 'DISABLED'), B: collection('b', 'DISABLED'), PA: literal('a'), PB: literal('b') } }).monthlyUsd).toBe(175.2);
    expect(idleCost({ Resources: { A: collection('a', 'DISABLED'), B: collection('b', 'DISABLED'), PA: literal('a') } }).monthlyUsd).toBe(350.4);
  });

  test('S3 Vectors and a knowledge base cost nothing at idle but their keys', () => {
    expect(idleCost({
      Resources: {
        Bucket: { Type: 'AWS::S3Vectors::VectorBucket' },
        Index: { Type: 'AWS::S3Vectors::Index' },
        K: key,
        Kb: { Type: 'AWS::Bedrock::KnowledgeBase' },
        Ds: { Type: 'AWS::Bedrock::DataSource' },
      },
    })).toEqual({ monthlyUsd: 1, lines: [{ item: 'customer-managed KMS keys', quantity: 1, unit: 'key-month', monthlyUsd: 1 }], unpricedTypes: [] });
  });

  test('types without a price are listed, not guessed', () => {
    expect(idleCost({
      Resources: {
        Nat: { Type: 'AWS::EC2::NatGateway' },
        Gwlb: endpoint('GatewayLoadBalancer', 2),
        Pt: { Type: 'AWS::Bedrock::ProvisionedModelThroughput' },
        Cr: { Type: 'AWS::CloudFormation::CustomResource' },
      },
    })).toEqual({
      monthlyUsd: 0,
      lines: [],
      unpricedTypes: ['AWS::Bedrock::ProvisionedModelThroughput', 'AWS::EC2::NatGateway', 'AWS::EC2::VPCEndpoint (GatewayLoadBalancer)'],
    });
  });
});
