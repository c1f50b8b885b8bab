import { aws_ec2 as ec2, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DEFAULT_GOVERNED_VPC_CIDR, addGovernedVpc, cidrProblems } from './private/governed-vpc-resources';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of a `GovernedVpc`.
 */
export interface GovernedVpcProps {
  /**
   * The VPC's CIDR range.
   *
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
}

/**
 * A VPC for private access to AWS services only: isolated subnets in two availability zones, no
 * internet gateway, no NAT gateway, flow logs of all traffic to a log group encrypted with a
 * customer-managed key (rotation on), kept one year; the log group and key are retained on deletion.
 *
 * It is the VPC `BedrockPrivateEndpoints` creates when given none; pass one to several endpoint
 * constructs, or to your own interface endpoints.
 */
export class GovernedVpc extends Construct {
  /** The VPC */
  public readonly vpc: ec2.Vpc;
  /** The log group of the flow logs */
  public readonly flowLogGroup: logs.LogGroup;
  /** The key that encrypts the flow log group */
  public readonly flowLogKey: kms.Key;
  /** The flow log of all traffic */
  public readonly flowLog: ec2.FlowLog;

  constructor(scope: Construct, id: string, props: GovernedVpcProps = {}) {
    super(scope, id);
    const cidr = props.cidr ?? DEFAULT_GOVERNED_VPC_CIDR;
    const problems = new Problems();
    cidrProblems('cidr', cidr).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'GovernedVpc', BedrockLandingZoneErrorCode.GOVERNED_VPC_PROPS);
    const created = addGovernedVpc(this, cidr);
    this.vpc = created.vpc;
    this.flowLogGroup = created.flowLogGroup;
    this.flowLogKey = created.flowLogKey;
    this.flowLog = created.flowLog;
  }
}
