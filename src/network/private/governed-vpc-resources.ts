import { Aws, RemovalPolicy, Token, Validations, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { hardenedLogGroup } from '../../core/hardened-stores';
import { inEachPack } from '../../core/pack-acknowledgements';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';

/** The number of availability zones of a governed VPC. */
const AZS = 2;

/** The CIDR range of a governed VPC unless told. */
export const DEFAULT_GOVERNED_VPC_CIDR = '10.0.0.0/16';

/** A VPC's CIDR range: IPv4, a prefix of /16 to /28. */
export function cidrProblems(prop: string, cidr: string | undefined): string[] {
  if (cidr === undefined || Token.isUnresolved(cidr)) return [];
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const valid = m !== null && m.slice(1, 5).every(o => Number(o) <= 255) && Number(m[5]) >= 16 && Number(m[5]) <= 28;
  return valid ? [] : [`${prop} '${cidr}' is not allowed: an IPv4 CIDR range with a prefix of /16 to /28 (a VPC's limits), e.g. '${DEFAULT_GOVERNED_VPC_CIDR}'`];
}

/** What a governed VPC is made of. */
export interface GovernedVpcResources {
  readonly vpc: ec2.Vpc;
  readonly flowLogGroup: logs.LogGroup;
  readonly flowLogKey: kms.Key;
  readonly flowLog: ec2.FlowLog;
}

/**
 * Adds a governed VPC to `scope`: isolated subnets in two availability zones, no internet gateway,
 * no NAT gateway, flow logs of all traffic to a log group encrypted with a customer-managed key,
 * kept one year, the log group and key retained on deletion.
 *
 * `GovernedVpc` adds them under itself; `BedrockPrivateEndpoints` adds them directly under the
 * endpoints, where deployed VPCs have them (their logical IDs are API: moving them under a child
 * construct would replace the VPC and its endpoints).
 */
export function addGovernedVpc(scope: Construct, cidr: string): GovernedVpcResources {
  const { logGroup, createdKey } = hardenedLogGroup(scope, 'FlowLogGroup', {
    keyId: 'FlowLogKey',
    keyDescription: 'Encrypts the flow logs of the VPC of the Amazon Bedrock private endpoints',
    keyPolicySid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: AZS,
    natGateways: 0,
    createInternetGateway: false,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [{ name: 'Endpoints', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  // The delivery role trusts the flow logs service of this account and region only, and its
  // permissions are a managed policy scoped to the one log group.
  const role = new iam.Role(scope, 'FlowLogRole', {
    description: 'Delivers the flow logs of the VPC of the Amazon Bedrock private endpoints to their log group',
    assumedBy: new iam.PrincipalWithConditions(new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'), {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
    }),
  });
  const policy = new iam.ManagedPolicy(scope, 'FlowLogPolicy', {
    description: 'Writes the flow logs of the VPC of the Amazon Bedrock private endpoints to their log group',
    // On the landing zone's path, which ProtectExemptRoles names: a new version would stop the flow logs silently (rt3 F2).
    path: LANDING_ZONE_ROLE_PATH,
    roles: [role],
    statements: [new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [logGroup.logGroupArn],
    })],
  });
  const flowLog = vpc.addFlowLog('FlowLog', {
    // The policy above already holds the permissions; the destination must not add an inline one.
    destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role.withoutPolicyUpdates()),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });
  flowLog.node.addDependency(policy);
  const reason = 'Closing the default security group needs a custom-resource Lambda function (aws-cdk-lib restrictDefaultSecurityGroup), ' +
    'which this construct avoids. Nothing in this VPC uses the default group: the endpoints have their own group that admits only TCP 443 ' +
    'from the VPC, and the VPC has no internet gateway or NAT. Close it account-wide with Security Hub control EC2.2 and its remediation.';
  Validations.of(vpc).acknowledge(...inEachPack('VPCDefaultSecurityGroupClosed', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'], reason));
  return { vpc, flowLogGroup: logGroup, flowLogKey: createdKey!, flowLog };
}
