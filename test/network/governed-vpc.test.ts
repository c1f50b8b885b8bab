import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FoundationModel } from '../../src/models';
import { BedrockPrivateEndpoints, GovernedVpc } from '../../src/network';
import { TITAN_EMBED_V2, stackIn } from '../models/fixtures';

describe('GovernedVpc', () => {
  test('the same VPC the endpoints create: isolated subnets in two zones, no gateways, encrypted flow logs of all traffic, retained', () => {
    const stack = stackIn('eu-central-1');
    const governed = new GovernedVpc(stack, 'Network', { cidr: '10.20.0.0/16' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365, KmsKeyId: stack.resolve(governed.flowLogKey.keyArn) } });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    expect(governed.vpc.isolatedSubnets).toHaveLength(2);
  });

  test('the endpoints take it as their VPC', () => {
    const stack = stackIn('eu-central-1');
    const governed = new GovernedVpc(stack, 'Network');
    new BedrockPrivateEndpoints(stack, 'Endpoints', { vpc: governed.vpc, models: [FoundationModel.of(TITAN_EMBED_V2)] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: stack.resolve(governed.vpc.vpcId),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: stack.resolve(governed.vpc.vpcCidrBlock), FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })],
    });
  });

  test('a CIDR range a VPC cannot have is refused, by GovernedVpc and by the endpoints alike', () => {
    expect(() => new GovernedVpc(stackIn('eu-central-1'), 'Network', { cidr: '10.0.0.0/8' })).toThrow(
      "GovernedVpc: cidr '10.0.0.0/8' is not allowed: an IPv4 CIDR range with a prefix of /16 to /28 (a VPC's limits), e.g. '10.0.0.0/16'");
    expect(() => new GovernedVpc(stackIn('eu-central-1'), 'Network', { cidr: '10.0.300.0/24' })).toThrow(/cidr '10.0.300.0\/24' is not allowed/);
    expect(() => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Endpoints', { vpcCidr: 'ten', models: [FoundationModel.of(TITAN_EMBED_V2)] }))
      .toThrow("BedrockPrivateEndpoints: vpcCidr 'ten' is not allowed: an IPv4 CIDR range with a prefix of /16 to /28 (a VPC's limits), e.g. '10.0.0.0/16'");
  });
});

describe('BedrockPrivateEndpoints is ec2.IConnectable', () => {
  test('allowing a peer through its connections adds a 443 ingress rule to the endpoints\' security group', () => {
    const stack = stackIn('eu-central-1');
    const endpoints = new BedrockPrivateEndpoints(stack, 'Endpoints', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
    const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc: endpoints.vpc });
    endpoints.connections.allowDefaultPortFrom(clients);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      GroupId: stack.resolve(endpoints.securityGroup.securityGroupId),
      SourceSecurityGroupId: stack.resolve(clients.securityGroupId),
    });
    expect(endpoints.connections.securityGroups).toEqual([endpoints.securityGroup]);
  });
});
