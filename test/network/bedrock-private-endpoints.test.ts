import { App, CfnElement, Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ModelAccessPolicy } from '../../src/access';
import { Guardrail } from '../../src/guardrails';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { BedrockEndpointService, BedrockPrivateEndpoints, BedrockPrivateEndpointsProps } from '../../src/network';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { PolicyDocument, TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance, describeAcknowledgements } from '../support/nag';

const ORG = 'o-abcdefghij';
const OTHER_ACCOUNT = '222222222222';
const GUARDRAIL_ARN = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr123`;
const KB_ARN = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:knowledge-base/KB12345678`;
const EU_PROFILE = profileArn('eu-central-1', `eu.${SONNET_45}`);
const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** A request from a role in the account (inside the organization), or in another account and organization. */
const insider = { principal: `arn:aws:iam::${ACCOUNT}:role/caller`, context: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalAccount': ACCOUNT } };
const outsider = {
  principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/caller`,
  context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalAccount': OTHER_ACCOUNT },
};

function importedVpc(stack: Stack, attrs: Partial<ec2.VpcAttributes> = {}): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'ImportedVpc', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: ['eu-central-1a', 'eu-central-1b'],
    privateSubnetIds: ['subnet-0aaa', 'subnet-0bbb'],
    privateSubnetRouteTableIds: ['rtb-0aaa', 'rtb-0bbb'],
    ...attrs,
  });
}

/** The resolved policy of one endpoint. */
function policyOf(endpoint: ec2.VpcEndpoint): PolicyDocument {
  const stack = Stack.of(endpoint);
  const logicalId = stack.resolve((endpoint.node.defaultChild as CfnElement).logicalId) as string;
  const template = Template.fromStack(stack).toJSON();
  return new TemplatePolicies(template, { region: stack.region, accountId: stack.account }).documentOf(logicalId, 'PolicyDocument');
}

/** What an endpoint lets through for a principal whose identity policy allows everything. */
async function through(endpoint: ec2.VpcEndpoint, who: typeof insider, action: string, resource: string,
  context: Record<string, string> = {}): Promise<string> {
  return evaluate({ identity: [ALLOW_ALL], vpcEndpointPolicies: [policyOf(endpoint)] },
    { action, resource, principal: who.principal, context: { ...who.context, ...context } });
}

describe('with the VPC it creates (eu-central-1)', () => {
  function create(): { stack: Stack; endpoints: BedrockPrivateEndpoints } {
    const stack = stackIn('eu-central-1');
    const endpoints = new BedrockPrivateEndpoints(stack, 'Private', {
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
      organizationId: ORG,
    });
    return { stack, endpoints };
  }
  const { stack, endpoints } = create();
  const template = Template.fromStack(stack);

  test('the VPC has isolated subnets only: no internet gateway, no NAT gateway, no public IPs', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    expect(endpoints.vpc.isolatedSubnets).toHaveLength(2);
    expect(endpoints.vpc.publicSubnets).toHaveLength(0);
    expect(endpoints.vpc.privateSubnets).toHaveLength(0);
  });

  test('flow logs of all traffic go to a log group encrypted with a rotated customer-managed key, kept a year and retained', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^PrivateFlowLogGroup') },
      DeliverLogsPermissionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivateFlowLogRole'), 'Arn'] },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivateFlowLogKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
          Principal: { Service: 'logs.eu-central-1.amazonaws.com' },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
  });

  test('the delivery role trusts the flow logs service of this account only and has no inline policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
        }],
      },
      Policies: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivateFlowLogGroup'), 'Arn'] },
        }],
      },
    });
    template.hasResource('AWS::EC2::FlowLog', { DependsOn: [Match.stringLikeRegexp('^PrivateFlowLogPolicy')] });
  });

  test('one security group admits TCP 443 from the VPC CIDR only and allows nothing out', () => {
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
      SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('only the runtime endpoint is created by default, with private DNS, in the isolated subnets', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.eu-central-1.bedrock-runtime',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      VpcId: { Ref: Match.stringLikeRegexp('^PrivateVpc') },
      SubnetIds: [
        { Ref: Match.stringLikeRegexp('^PrivateVpcEndpointsSubnet1') },
        { Ref: Match.stringLikeRegexp('^PrivateVpcEndpointsSubnet2') },
      ],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivateSecurityGroup'), 'GroupId'] }],
    });
    expect(endpoints.endpoints).toEqual([endpoints.runtimeEndpoint]);
    expect(endpoints.endpointFor(BedrockEndpointService.RUNTIME)).toBe(endpoints.runtimeEndpoint);
    expect(endpoints.endpointFor(BedrockEndpointService.AGENT_RUNTIME)).toBeUndefined();
    expect(endpoints.s3GatewayEndpoint).toBeUndefined();
  });

  test('matches the snapshot (a coarse net; the assertions above say what matters)', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('the stateful resources keep their logical IDs', () => {
    const ids = (type: string) => Object.keys(template.findResources(type));
    expect(ids('AWS::KMS::Key')).toEqual(['PrivateFlowLogKey5BFE576F']);
    expect(ids('AWS::Logs::LogGroup')).toEqual(['PrivateFlowLogGroupF58FB708']);
    expect(ids('AWS::EC2::VPC')).toEqual(['PrivateVpc1387B9DB']);
  });

  test('passes the four cdk-nag packs: no violation, and only the default security group is acknowledged', () => {
    const result = checkCompliance(create().endpoints);
    expect(result.violations).toEqual([]);
    const reason = 'Closing the default security group needs a custom-resource Lambda function (aws-cdk-lib restrictDefaultSecurityGroup), ' +
      'which this construct avoids. Nothing in this VPC uses the default group: the endpoints have their own group that admits only TCP 443 ' +
      'from the VPC, and the VPC has no internet gateway or NAT. Close it account-wide with Security Hub control EC2.2 and its remediation.';
    expect(describeAcknowledgements(result.acknowledgements)).toEqual([
      `HIPAA.Security::HIPAA.Security-VPCDefaultSecurityGroupClosed @ Stack/Private/Vpc/Resource: ${reason}`,
      `NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed @ Stack/Private/Vpc/Resource: ${reason}`,
      `PCI.DSS.321::PCI.DSS.321-VPCDefaultSecurityGroupClosed @ Stack/Private/Vpc/Resource: ${reason}`,
    ]);
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    expect(() => expectValidCloudFormation(create().stack)).not.toThrow();
  });

  test('an approved model is allowed for a principal of the organization; another model and an outsider are denied', async () => {
    const runtime = endpoints.runtimeEndpoint;
    expect(await through(runtime, insider, 'bedrock:InvokeModel', EU_PROFILE)).toBe('Allowed');
    expect(await through(runtime, outsider, 'bedrock:InvokeModel', EU_PROFILE)).toBe('ImplicitlyDenied');
    expect(await through(runtime, insider, 'bedrock:InvokeModel', profileArn('eu-central-1', `eu.${HAIKU_45}`))).toBe('ImplicitlyDenied');
  });

  test('a CIDR range can be chosen for the created VPC', () => {
    const other = stackIn('eu-central-1');
    new BedrockPrivateEndpoints(other, 'Private', { models: [FoundationModel.of(TITAN_EMBED_V2)], vpcCidr: '10.42.0.0/20' });
    const t = Template.fromStack(other);
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.42.0.0/20' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.42.0.0/20', FromPort: 443 })] });
  });
});

describe('with an imported VPC and every service', () => {
  function create(props: Partial<BedrockPrivateEndpointsProps> = {}): { stack: Stack; endpoints: BedrockPrivateEndpoints } {
    const stack = stackIn('eu-central-1');
    const endpoints = new BedrockPrivateEndpoints(stack, 'Private', {
      vpc: importedVpc(stack),
      services: [
        BedrockEndpointService.CONTROL_PLANE, BedrockEndpointService.AGENT, BedrockEndpointService.AGENT_RUNTIME, BedrockEndpointService.S3_VECTORS,
      ],
      s3GatewayEndpoint: true,
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), FoundationModel.of(TITAN_EMBED_V2)],
      guardrails: [Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2' })],
      knowledgeBaseArns: [KB_ARN],
      organizationId: ORG,
      ...props,
    });
    return { stack, endpoints };
  }
  const { stack, endpoints } = create();
  const template = Template.fromStack(stack);

  test('creates no VPC, flow log, key or log group', () => {
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::FlowLog', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::IAM::Role']) {
      template.resourceCountIs(type, 0);
    }
    expect(endpoints.vpc.vpcId).toBe('vpc-0123456789abcdef0');
    expect(endpoints.flowLogGroup).toBeUndefined();
    expect(endpoints.flowLogKey).toBeUndefined();
  });

  test('creates one endpoint per service with private DNS in the selected subnets, and the S3 gateway in their route tables', () => {
    const interfaces = template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } });
    expect(Object.values(interfaces).map((r: any) => r.Properties.ServiceName)).toEqual([
      'com.amazonaws.eu-central-1.bedrock-runtime',
      'com.amazonaws.eu-central-1.bedrock',
      'com.amazonaws.eu-central-1.bedrock-agent',
      'com.amazonaws.eu-central-1.bedrock-agent-runtime',
      'com.amazonaws.eu-central-1.s3vectors',
    ]);
    for (const r of Object.values<any>(interfaces)) {
      expect(r.Properties.PrivateDnsEnabled).toBe(true);
      expect(r.Properties.SubnetIds).toEqual(['subnet-0aaa', 'subnet-0bbb']);
      expect(r.Properties.VpcId).toBe('vpc-0123456789abcdef0');
    }
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      VpcEndpointType: 'Gateway',
      RouteTableIds: ['rtb-0aaa', 'rtb-0bbb'],
    });
    expect(endpoints.endpoints.map(e => e.node.id)).toEqual(['Runtime', 'ControlPlane', 'Agent', 'AgentRuntime', 'S3Vectors']);
  });

  test('the security group admits TCP 443 from the imported VPC\'s CIDR only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: 'vpc-0123456789abcdef0',
      SecurityGroupIngress: [{ CidrIp: '10.1.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
    });
  });

  test('given peers replace the VPC CIDR', () => {
    const other = create({ allowFrom: [ec2.Peer.ipv4('10.1.8.0/24'), ec2.Peer.prefixList('pl-0123')] });
    const t = Template.fromStack(other.stack);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.1.8.0/24', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
    });
    // A prefix list cannot be an inline rule: aws-cdk-lib writes it as its own resource.
    t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourcePrefixListId: 'pl-0123',
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivateSecurityGroup'), 'GroupId'] },
    });
  });

  test('exposes the endpoint IDs and the runtime endpoints for ModelAccessPolicy', () => {
    const fresh = create();
    expect(fresh.endpoints.vpcEndpointIds.map(id => fresh.stack.resolve(id))).toEqual(
      fresh.endpoints.endpoints.map(e => ({ Ref: fresh.stack.resolve((e.node.defaultChild as CfnElement).logicalId) })));
    expect(fresh.endpoints.runtimeEndpoints).toEqual([fresh.endpoints.runtimeEndpoint]);
    const role = new iam.Role(fresh.stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    new ModelAccessPolicy(fresh.stack, 'Access', {
      models: [FoundationModel.of(TITAN_EMBED_V2)], requireVpcEndpoints: fresh.endpoints.runtimeEndpoints, roles: [role],
    });
    Template.fromStack(fresh.stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny',
          Condition: {
            StringNotEquals: { 'aws:SourceVpce': [{ Ref: stack.resolve((endpoints.runtimeEndpoint.node.defaultChild as CfnElement).logicalId) }] },
            Bool: { 'aws:ViaAWSService': 'false' },
          },
        })]),
      },
    });
  });

  test('passes the four cdk-nag packs with no violation and no acknowledgement', () => {
    expect(checkCompliance(create().endpoints)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    expect(() => expectValidCloudFormation(create().stack)).not.toThrow();
  });

  describe('runtime endpoint policy, evaluated', () => {
    const runtime = endpoints.runtimeEndpoint;
    const viaProfile = { 'bedrock:InferenceProfileArn': EU_PROFILE };

    test('an approved profile is allowed for a principal of the organization, streaming included', async () => {
      expect(await through(runtime, insider, 'bedrock:InvokeModel', EU_PROFILE)).toBe('Allowed');
      expect(await through(runtime, insider, 'bedrock:InvokeModelWithResponseStream', EU_PROFILE)).toBe('Allowed');
      expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('eu-central-1', TITAN_EMBED_V2))).toBe('Allowed');
    });

    test.each(EU_DESTINATIONS_FROM_FRANKFURT)('the profile\'s model in %s is allowed only through the profile', async region => {
      expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn(region, SONNET_45), viaProfile)).toBe('Allowed');
      expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn(region, SONNET_45))).toBe('ImplicitlyDenied');
    });

    test('another model, another profile, and the model outside the geography are denied', async () => {
      expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('eu-central-1', HAIKU_45), viaProfile)).toBe('ImplicitlyDenied');
      expect(await through(runtime, insider, 'bedrock:InvokeModel', profileArn('eu-central-1', `eu.${HAIKU_45}`))).toBe('ImplicitlyDenied');
      expect(await through(runtime, insider, 'bedrock:InvokeModel', profileArn('eu-central-1', `global.${SONNET_45}`))).toBe('ImplicitlyDenied');
      expect(await through(runtime, insider, 'bedrock:InvokeModel', fmArn('us-east-1', SONNET_45), viaProfile)).toBe('ImplicitlyDenied');
    });

    test('a principal outside the organization is denied the approved model', async () => {
      expect(await through(runtime, outsider, 'bedrock:InvokeModel', EU_PROFILE)).toBe('ImplicitlyDenied');
      expect(await through(runtime, outsider, 'bedrock:InvokeModel', fmArn('eu-central-1', TITAN_EMBED_V2))).toBe('ImplicitlyDenied');
    });

    test('the approved guardrail can be applied; another guardrail and other runtime actions cannot', async () => {
      expect(await through(runtime, insider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN)).toBe('Allowed');
      expect(await through(runtime, outsider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
      expect(await through(runtime, insider, 'bedrock:ApplyGuardrail', GUARDRAIL_ARN.replace('gr123', 'other'))).toBe('ImplicitlyDenied');
      expect(await through(runtime, insider, 'bedrock:GetAsyncInvoke', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:async-invoke/abc`))
        .toBe('ImplicitlyDenied');
    });

    test('no statement allows an action or resource wildcard', () => {
      const statements = policyOf(runtime).Statement;
      expect(statements.flatMap(s => [s.Action].flat()).filter((a: string) => a.includes('*'))).toEqual([]);
      expect(statements.flatMap(s => [s.Resource].flat()).filter((r: string) => r.includes('*'))).toEqual([]);
      expect(statements.map(s => s.Principal)).toEqual(statements.map(() => '*'));
      expect(statements.map(s => s.Condition.StringEquals['aws:PrincipalOrgID'])).toEqual(statements.map(() => ORG));
    });
  });

  describe('agent-runtime endpoint policy, evaluated', () => {
    const agentRuntime = endpoints.endpointFor(BedrockEndpointService.AGENT_RUNTIME)!;

    test('retrieval from the given knowledge base is allowed for the organization only', async () => {
      expect(await through(agentRuntime, insider, 'bedrock:Retrieve', KB_ARN)).toBe('Allowed');
      expect(await through(agentRuntime, outsider, 'bedrock:Retrieve', KB_ARN)).toBe('ImplicitlyDenied');
      expect(await through(agentRuntime, insider, 'bedrock:Retrieve', KB_ARN.replace('KB12345678', 'KBOTHER000'))).toBe('ImplicitlyDenied');
    });

    test('RetrieveAndGenerate and agents are denied unless chosen', async () => {
      expect(await through(agentRuntime, insider, 'bedrock:RetrieveAndGenerate', '*')).toBe('ImplicitlyDenied');
      expect(await through(agentRuntime, insider, 'bedrock:InvokeAgent', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:agent-alias/AG1/AL1`))
        .toBe('ImplicitlyDenied');
      const chosen = create({ allowRetrieveAndGenerate: true }).endpoints.endpointFor(BedrockEndpointService.AGENT_RUNTIME)!;
      expect(await through(chosen, insider, 'bedrock:RetrieveAndGenerate', '*')).toBe('Allowed');
      expect(await through(chosen, outsider, 'bedrock:RetrieveAndGenerate', '*')).toBe('ImplicitlyDenied');
    });
  });

  describe('management and storage endpoint policies, evaluated', () => {
    test('control plane and agent builder: reading the configuration for the organization, nothing for others', async () => {
      for (const service of [BedrockEndpointService.CONTROL_PLANE, BedrockEndpointService.AGENT]) {
        const endpoint = endpoints.endpointFor(service)!;
        expect(await through(endpoint, insider, 'bedrock:GetGuardrail', GUARDRAIL_ARN)).toBe('Allowed');
        expect(await through(endpoint, outsider, 'bedrock:GetGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
        expect(await through(endpoint, insider, 'bedrock:DeleteGuardrail', GUARDRAIL_ARN)).toBe('ImplicitlyDenied');
        expect(await through(endpoint, insider, 's3:GetObject', 'arn:aws:s3:::bucket/key')).toBe('ImplicitlyDenied');
      }
      const kb = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:knowledge-base/KB12345678`;
      expect(await through(endpoints.endpointFor(BedrockEndpointService.AGENT)!, insider, 'bedrock:StartIngestionJob', kb)).toBe('Allowed');
      expect(await through(endpoints.endpointFor(BedrockEndpointService.CONTROL_PLANE)!, insider, 'bedrock:StartIngestionJob', kb))
        .toBe('ImplicitlyDenied');
    });

    test('managementActions adds actions; bedrock:* is refused', async () => {
      const more = create({ managementActions: ['bedrock:CreateModelInvocationJob'] }).endpoints.endpointFor(BedrockEndpointService.CONTROL_PLANE)!;
      expect(await through(more, insider, 'bedrock:CreateModelInvocationJob', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:model-invocation-job/j1`))
        .toBe('Allowed');
      expect(() => create({ managementActions: ['bedrock:*'] })).toThrow(
        "BedrockPrivateEndpoints: managementActions: 'bedrock:*' is not allowed: give bedrock: actions (an exact name, or a verb with a trailing *), never bedrock:*");
    });

    const vectorBucket = `arn:aws:s3vectors:eu-central-1:${ACCOUNT}:bucket/vectors`;
    test('S3 Vectors: principals and vector buckets of the organization only', async () => {
      const endpoint = endpoints.endpointFor(BedrockEndpointService.S3_VECTORS)!;
      const inOrg = { 'aws:ResourceOrgID': ORG };
      expect(await through(endpoint, insider, 's3vectors:QueryVectors', `${vectorBucket}/index/docs`, inOrg)).toBe('Allowed');
      expect(await through(endpoint, outsider, 's3vectors:QueryVectors', `${vectorBucket}/index/docs`, inOrg)).toBe('ImplicitlyDenied');
      expect(await through(endpoint, insider, 's3vectors:QueryVectors', `${vectorBucket}/index/docs`, { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' }))
        .toBe('ImplicitlyDenied');
    });

    test('S3 gateway: principals and buckets of the organization only', async () => {
      const endpoint = endpoints.s3GatewayEndpoint!;
      expect(await through(endpoint, insider, 's3:GetObject', 'arn:aws:s3:::corpus/doc.pdf', { 'aws:ResourceOrgID': ORG })).toBe('Allowed');
      expect(await through(endpoint, outsider, 's3:GetObject', 'arn:aws:s3:::corpus/doc.pdf', { 'aws:ResourceOrgID': ORG })).toBe('ImplicitlyDenied');
      expect(await through(endpoint, insider, 's3:PutObject', 'arn:aws:s3:::exfil/doc.pdf', { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' }))
        .toBe('ImplicitlyDenied');
    });
  });
});

describe('without an organization, the account is the perimeter', () => {
  const stack = stackIn('eu-central-1');
  const endpoints = new BedrockPrivateEndpoints(stack, 'Private', { vpc: importedVpc(stack), models: [FoundationModel.of(TITAN_EMBED_V2)] });

  test('a principal of the account is allowed the approved model; another account is denied', async () => {
    const model = fmArn('eu-central-1', TITAN_EMBED_V2);
    expect(await through(endpoints.runtimeEndpoint, insider, 'bedrock:InvokeModel', model)).toBe('Allowed');
    expect(await through(endpoints.runtimeEndpoint, { ...outsider, context: { ...outsider.context, 'aws:PrincipalOrgID': ORG } },
      'bedrock:InvokeModel', model)).toBe('ImplicitlyDenied');
    expect(policyOf(endpoints.runtimeEndpoint).Statement.map(s => s.Condition)).toEqual([{ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }]);
  });
});

describe('the explicit permissive choice', () => {
  const stack = stackIn('eu-central-1');
  const endpoints = new BedrockPrivateEndpoints(stack, 'Private', {
    vpc: importedVpc(stack), services: [BedrockEndpointService.AGENT_RUNTIME], allowAnyBedrockAction: true, organizationId: ORG,
  });

  test('any model passes for the organization; outsiders are still denied', async () => {
    expect(await through(endpoints.runtimeEndpoint, insider, 'bedrock:InvokeModel', fmArn('us-east-1', HAIKU_45))).toBe('Allowed');
    expect(await through(endpoints.runtimeEndpoint, outsider, 'bedrock:InvokeModel', fmArn('us-east-1', HAIKU_45))).toBe('ImplicitlyDenied');
    const agentRuntime = endpoints.endpointFor(BedrockEndpointService.AGENT_RUNTIME)!;
    expect(await through(agentRuntime, insider, 'bedrock:RetrieveAndGenerate', '*')).toBe('Allowed');
  });

  test('says so in a warning', () => {
    Annotations.fromStack(stack).hasWarning('/Stack/Private', Match.stringLikeRegexp(
      `allowAnyBedrockAction is true: the runtime endpoints pass any model and any Bedrock action for principals of the organization ${ORG}`));
  });
});

describe('FIPS endpoints', () => {
  test('are created in a region that offers them', () => {
    const stack = stackIn('us-east-1');
    new BedrockPrivateEndpoints(stack, 'Private', {
      vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0123', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['us-east-1a'], isolatedSubnetIds: ['subnet-0aaa'],
      }),
      services: [BedrockEndpointService.RUNTIME_FIPS, BedrockEndpointService.CONTROL_PLANE_FIPS],
      models: [CrossRegionInferenceProfile.of(Geography.US, SONNET_45)],
    });
    const names = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint')).map(r => r.Properties.ServiceName);
    expect(names).toEqual([
      'com.amazonaws.us-east-1.bedrock-runtime', 'com.amazonaws.us-east-1.bedrock-runtime-fips', 'com.amazonaws.us-east-1.bedrock-fips',
    ]);
  });

  test('the FIPS runtime endpoint carries the runtime policy and counts as a runtime endpoint', () => {
    const stack = stackIn('us-west-2');
    const endpoints = new BedrockPrivateEndpoints(stack, 'Private', {
      services: [BedrockEndpointService.RUNTIME_FIPS], models: [CrossRegionInferenceProfile.of(Geography.US, SONNET_45)],
    });
    const fips = endpoints.endpointFor(BedrockEndpointService.RUNTIME_FIPS)!;
    expect(endpoints.runtimeEndpoints).toEqual([endpoints.runtimeEndpoint, fips]);
    expect(policyOf(fips)).toEqual(policyOf(endpoints.runtimeEndpoint));
  });

  test('are refused in a region that has none', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', {
      services: [BedrockEndpointService.RUNTIME_FIPS, BedrockEndpointService.CONTROL_PLANE_FIPS],
      models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).toThrow([
      'BedrockPrivateEndpoints:',
      '  - services includes bedrock-runtime-fips, but region eu-central-1 has no FIPS endpoint for it; ' +
      'it is offered in: ca-central-1, us-east-1, us-east-2, us-gov-east-1, us-gov-west-1, us-west-2',
      '  - services includes bedrock-fips, but region eu-central-1 has no FIPS endpoint for it; ' +
      'it is offered in: ca-central-1, us-east-1, us-east-2, us-gov-east-1, us-gov-west-1, us-west-2',
    ].join('\n'));
  });
});

describe('subnet selection', () => {
  test('endpoints go in the selected subnets only', () => {
    const stack = stackIn('eu-central-1');
    const vpc = importedVpc(stack, {
      isolatedSubnetIds: ['subnet-0ccc', 'subnet-0ddd'], isolatedSubnetRouteTableIds: ['rtb-0ccc', 'rtb-0ddd'],
    });
    new BedrockPrivateEndpoints(stack, 'Private', {
      vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, s3GatewayEndpoint: true, models: [FoundationModel.of(TITAN_EMBED_V2)],
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', SubnetIds: ['subnet-0ccc', 'subnet-0ddd'] });
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', RouteTableIds: ['rtb-0ccc', 'rtb-0ddd'] });
  });

  test('a selection that matches no subnet is an error', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', {
      vpc: importedVpc(stack), subnets: { availabilityZones: ['eu-central-1c'] }, models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).toThrow('BedrockPrivateEndpoints: subnets { availabilityZones [eu-central-1c] } selects no subnet of the VPC: ' +
      'the endpoints need at least one; select subnets the VPC has');
  });

  test('a subnet type the VPC does not have is an error', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', {
      vpc: importedVpc(stack), subnets: { subnetType: ec2.SubnetType.PUBLIC }, models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).toThrow(/^BedrockPrivateEndpoints: subnets \{ subnetType Public \} cannot be selected in the VPC: There are no 'Public' subnet groups in this VPC/);
  });
});

describe('duplicate private DNS in one app', () => {
  const models = [FoundationModel.of(TITAN_EMBED_V2)];

  test('two constructs for the same VPC fail at synth, naming both', () => {
    const stack = stackIn('eu-central-1');
    const vpc = importedVpc(stack);
    new BedrockPrivateEndpoints(stack, 'A', { vpc, models });
    new BedrockPrivateEndpoints(stack, 'B', { vpc, models });
    expect(() => (stack.node.root as App).synth()).toThrow(
      'Stack/A/Runtime/Resource and Stack/B/Runtime/Resource are interface endpoints with private DNS for the same service ' +
      '(com.amazonaws.eu-central-1.bedrock-runtime) in the same VPC: only one can be deployed.');
  });

  test('a plain interface endpoint for the same service in a created VPC shared across stacks fails too', () => {
    const app = new App();
    const network = new Stack(app, 'Network', { env: { account: ACCOUNT, region: 'eu-central-1' } });
    const endpoints = new BedrockPrivateEndpoints(network, 'Private', { models });
    const workload = new Stack(app, 'Workload', { env: { account: ACCOUNT, region: 'eu-central-1' } });
    new ec2.InterfaceVpcEndpoint(workload, 'Mine', {
      vpc: endpoints.vpc,
      service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    expect(() => app.synth()).toThrow(
      'Network/Private/Runtime/Resource and Workload/Mine/Resource are interface endpoints with private DNS for the same service');
  });

  test('different VPCs, or private DNS off, are fine', () => {
    const stack = stackIn('eu-central-1');
    const vpc = importedVpc(stack);
    new BedrockPrivateEndpoints(stack, 'A', { vpc, models });
    new BedrockPrivateEndpoints(stack, 'B', { models });
    new ec2.InterfaceVpcEndpoint(stack, 'NoDns', { vpc, service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME, privateDnsEnabled: false });
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });
});

describe('input problems', () => {
  test('every problem is reported at once, naming the prop, the value and what is allowed', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', {
      vpc: importedVpc(stack),
      vpcCidr: '10.9.0.0/16',
      models: [FoundationModel.of('no.such-model-v1:0')],
      knowledgeBaseArns: [`arn:aws:bedrock:eu-central-1:${ACCOUNT}:agent/AG1`],
      organizationId: 'org-123',
      allowFrom: [],
    })).toThrow([
      'BedrockPrivateEndpoints:',
      "  - models[0]: modelId 'no.such-model-v1:0' is not in the library's region data: use a listed model ID, or pass allowUnlistedModel: true for a model newer than the data",
      '  - knowledgeBaseArns or allowRetrieveAndGenerate is set but services does not include BedrockEndpointService.AGENT_RUNTIME, ' +
      'the endpoint that serves retrieval: add it',
      `  - knowledgeBaseArns[0] 'arn:aws:bedrock:eu-central-1:${ACCOUNT}:agent/AG1' is not a knowledge base ARN; ` +
      'expected arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>',
      "  - organizationId 'org-123' is not an AWS Organizations ID; expected o- followed by 10 to 32 lowercase letters or digits",
      "  - vpcCidr '10.9.0.0/16' is set with vpc: vpcCidr applies only to the VPC the construct creates; remove one of them",
      "  - allowFrom is empty: nothing could reach the endpoints; give at least one peer, or leave it undefined for the VPC's CIDR range",
    ].join('\n'));
  });

  test('no model is an error unless the permissive choice is made', () => {
    expect(() => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Private'))
      .toThrow('BedrockPrivateEndpoints: models is empty: give at least one approved model or profile, ' +
        'or set allowAnyBedrockAction: true to let the endpoints pass any model (a permissive choice)');
  });

  test('the permissive choice cannot be combined with approved models', () => {
    expect(() => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Private', { allowAnyBedrockAction: true, models: [FoundationModel.of(TITAN_EMBED_V2)] }))
      .toThrow('BedrockPrivateEndpoints: allowAnyBedrockAction is true, so the endpoints allow every Bedrock action and models, guardrails and ' +
        'knowledgeBaseArns would have no effect: remove them, or remove allowAnyBedrockAction to allow only them');
  });

  test('an agent-runtime endpoint without knowledge bases would deny everything', () => {
    expect(() => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Private', {
      services: [BedrockEndpointService.AGENT_RUNTIME], models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).toThrow('BedrockPrivateEndpoints: services includes AGENT_RUNTIME but knowledgeBaseArns is empty: its endpoint would deny every request; ' +
      'give the knowledge bases to retrieve from');
  });

  test('subnets without a VPC is an error', () => {
    expect(() => new BedrockPrivateEndpoints(stackIn('eu-central-1'), 'Private', {
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).toThrow('BedrockPrivateEndpoints: subnets is set without vpc: subnets select from a given VPC; the created VPC uses all of its isolated subnets');
  });

  test('an imported VPC without its CIDR needs allowFrom', () => {
    const stack = stackIn('eu-central-1');
    const vpc = importedVpc(stack, { vpcCidrBlock: undefined });
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', { vpc, models: [FoundationModel.of(TITAN_EMBED_V2)] }))
      .toThrow('BedrockPrivateEndpoints: the VPC has no known CIDR range (it was imported without vpcCidrBlock): ' +
        'give vpcCidrBlock to Vpc.fromVpcAttributes, or give allowFrom');
    const other = stackIn('eu-central-1');
    expect(() => new BedrockPrivateEndpoints(other, 'Private', {
      vpc: importedVpc(other, { vpcCidrBlock: undefined }), allowFrom: [ec2.Peer.ipv4('10.1.0.0/16')], models: [FoundationModel.of(TITAN_EMBED_V2)],
    })).not.toThrow();
  });

  test('an S3 gateway needs the route tables of the subnets', () => {
    const stack = stackIn('eu-central-1');
    const vpc = importedVpc(stack, { privateSubnetRouteTableIds: undefined });
    expect(() => new BedrockPrivateEndpoints(stack, 'Private', { vpc, s3GatewayEndpoint: true, models: [FoundationModel.of(TITAN_EMBED_V2)] }))
      .toThrow('BedrockPrivateEndpoints: s3GatewayEndpoint is true but the selected subnets have no known route tables: ' +
        'give routeTableIds to Vpc.fromVpcAttributes, or leave s3GatewayEndpoint off');
  });

  test('an environment-agnostic stack needs an organization ID', () => {
    expect(() => new BedrockPrivateEndpoints(new Stack(new App(), 'Agnostic'), 'Private', { allowAnyBedrockAction: true }))
      .toThrow('BedrockPrivateEndpoints: the stack is environment-agnostic, so the endpoints cannot be limited to its account: ' +
        'give the stack an env with an account, or give organizationId');
  });
});

describe('with an existing VPC of the app', () => {
  test('uses its private subnets by default and admits its CIDR range', () => {
    const stack = stackIn('eu-central-1');
    const vpc = new ec2.Vpc(stack, 'AppVpc', { maxAzs: 2, restrictDefaultSecurityGroup: false });
    new BedrockPrivateEndpoints(stack, 'Private', { vpc, models: [FoundationModel.of(TITAN_EMBED_V2)] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.eu-central-1.bedrock-runtime',
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^AppVpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^AppVpcPrivateSubnet2') }],
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AppVpc'), 'CidrBlock'] }, FromPort: 443 })],
    });
  });
});

describe('BedrockEndpointService', () => {
  test('knows every Bedrock endpoint service and which are FIPS', () => {
    expect(BedrockEndpointService.all().map(s => `${s.shortName}${s.isFips ? ' (FIPS)' : ''}`)).toEqual([
      'bedrock-runtime', 'bedrock-runtime-fips (FIPS)', 'bedrock', 'bedrock-fips (FIPS)', 'bedrock-agent', 'bedrock-agent-runtime', 's3vectors',
      'bedrock-agentcore', 'bedrock-agentcore.gateway', 'bedrock-agentcore-control', 'bedrock-mantle',
    ]);
    expect(BedrockEndpointService.all().map(s => s.endpointService)).toEqual([
      ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME, ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME_FIPS,
      ec2.InterfaceVpcEndpointAwsService.BEDROCK, ec2.InterfaceVpcEndpointAwsService.BEDROCK_FIPS,
      ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENT, ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENT_RUNTIME,
      ec2.InterfaceVpcEndpointAwsService.S3_VECTORS, ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENTCORE,
      ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENTCORE_GATEWAY, BedrockEndpointService.AGENTCORE_CONTROL.endpointService,
      BedrockEndpointService.OPENAI_COMPATIBLE.endpointService,
    ]);
    expect(BedrockEndpointService.OPENAI_COMPATIBLE.endpointService.shortName).toBe('bedrock-mantle');
    expect(BedrockEndpointService.AGENTCORE_CONTROL.endpointService.shortName).toBe('bedrock-agentcore-control');
  });
});
