import { aws_bedrockagentcore as agentcore, aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import { REGION, bedrockFindings } from './helpers';
import { stackIn } from '../models/fixtures';

const ROLE = 'arn:aws:iam::111111111111:role/agent';
const artifact = { containerConfiguration: { containerUri: `111111111111.dkr.ecr.${REGION}.amazonaws.com/agent:1` } };

describe('Bedrock-AC1 AgentCorePrivateNetwork', () => {
  test('runtimes, harness-less tools and browsers in VPC mode, a sandboxed code interpreter, the L2 runtime in a VPC: compliant', () => {
    const stack = stackIn(REGION);
    const vpcConfig = { subnets: ['subnet-1'], securityGroups: ['sg-1'] };
    new agentcore.CfnRuntime(stack, 'Runtime', { agentRuntimeName: 'r', roleArn: ROLE, agentRuntimeArtifact: artifact, networkConfiguration: { networkMode: 'VPC', networkModeConfig: vpcConfig } });
    new agentcore.CfnCodeInterpreterCustom(stack, 'Sandbox', { name: 's', networkConfiguration: { networkMode: 'SANDBOX' } });
    new agentcore.CfnCodeInterpreterCustom(stack, 'Interpreter', { name: 'i', networkConfiguration: { networkMode: 'VPC', vpcConfig } });
    new agentcore.CfnBrowserCustom(stack, 'Browser', { name: 'b', networkConfiguration: { networkMode: 'VPC', vpcConfig } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new agentcore.Runtime(stack, 'L2', {
      runtimeName: 'l2',
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(`111111111111.dkr.ecr.${REGION}.amazonaws.com/agent:1`),
      networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingVpc(stack, {
        vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      }),
    });
    expect(bedrockFindings(stack, {}, 'AC1')).toEqual([]);
  });

  test('public mode, no network configuration, a sandboxed browser, the L2 runtime on the public network: reported with the mode', () => {
    const stack = stackIn(REGION);
    new agentcore.CfnRuntime(stack, 'Public', { agentRuntimeName: 'p', roleArn: ROLE, agentRuntimeArtifact: artifact, networkConfiguration: { networkMode: 'PUBLIC' } });
    new agentcore.CfnRuntime(stack, 'Unset', { agentRuntimeName: 'u', roleArn: ROLE, agentRuntimeArtifact: artifact });
    new agentcore.CfnCodeInterpreterCustom(stack, 'Interpreter', { name: 'i', networkConfiguration: { networkMode: 'PUBLIC' } });
    new agentcore.CfnBrowserCustom(stack, 'Browser', { name: 'b', networkConfiguration: { networkMode: 'SANDBOX' } });
    new agentcore.Runtime(stack, 'L2', {
      runtimeName: 'l2',
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(`111111111111.dkr.ecr.${REGION}.amazonaws.com/agent:1`),
      networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingPublicNetwork(),
    });
    expect(bedrockFindings(stack, {}, 'AC1')).toEqual([
      'Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/Interpreter',
      'Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/L2/Resource',
      'Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/Public',
      'Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/Unset',
      'Bedrock-AC1[NetworkMode::SANDBOX] @ Stack/Browser',
    ]);
  });
});

describe('Bedrock-AC2 AgentCoreGatewayAuthorizer', () => {
  test('IAM or JWT authorization (L1 and L2): compliant; NONE: reported', () => {
    const stack = stackIn(REGION);
    const key = 'arn:aws:kms:eu-central-1:111111111111:key/k';
    new agentcore.CfnGateway(stack, 'Iam', { name: 'iam', roleArn: ROLE, authorizerType: 'AWS_IAM', kmsKeyArn: key });
    new agentcore.CfnGateway(stack, 'Jwt', {
      name: 'jwt',
      roleArn: ROLE,
      authorizerType: 'CUSTOM_JWT',
      kmsKeyArn: key,
      authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', allowedAudience: ['a'] } },
    });
    new agentcore.Gateway(stack, 'L2', { gatewayName: 'l2', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
    new agentcore.CfnGateway(stack, 'Open', { name: 'open', roleArn: ROLE, authorizerType: 'NONE', kmsKeyArn: key });
    expect(bedrockFindings(stack, {}, 'AC2')).toEqual(['Bedrock-AC2 @ Stack/Open']);
  });
});

describe('Bedrock-AC3 AgentCoreCustomerManagedKey', () => {
  test('memory and gateways on a customer-managed key (Ref or ARN): compliant; no key or an AWS managed alias: reported', () => {
    const stack = stackIn(REGION);
    const key = new kms.CfnKey(stack, 'Key', {});
    new agentcore.CfnMemory(stack, 'Encrypted', { name: 'e', eventExpiryDuration: 30, encryptionKeyArn: key.attrArn });
    new agentcore.CfnGateway(stack, 'GatewayWithKey', { name: 'g', roleArn: ROLE, authorizerType: 'AWS_IAM', kmsKeyArn: key.attrArn });
    new agentcore.CfnMemory(stack, 'Plain', { name: 'p', eventExpiryDuration: 30 });
    new agentcore.CfnMemory(stack, 'AwsManaged', { name: 'a', eventExpiryDuration: 30, encryptionKeyArn: `arn:aws:kms:${REGION}:111111111111:alias/aws/bedrock` });
    new agentcore.CfnGateway(stack, 'GatewayPlain', { name: 'gp', roleArn: ROLE, authorizerType: 'AWS_IAM' });
    expect(bedrockFindings(stack, {}, 'AC3')).toEqual(['Bedrock-AC3 @ Stack/AwsManaged', 'Bedrock-AC3 @ Stack/GatewayPlain', 'Bedrock-AC3 @ Stack/Plain']);
  });
});
