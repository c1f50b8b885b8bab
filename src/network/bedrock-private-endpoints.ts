import { Annotations, Stack, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IApplicationInferenceProfile } from '../models';
import { BedrockEndpointService } from './bedrock-endpoint-service';
import { BedrockPrivateEndpointsProps } from './bedrock-private-endpoints-props';
import { Perimeter, forEndpoint, perimeterOf, s3GatewayStatements } from './private/endpoint-policies';
import { validateEndpointProps } from './private/endpoint-props';
import { DEFAULT_GOVERNED_VPC_CIDR, addGovernedVpc } from './private/governed-vpc-resources';
import { policyOfService } from './private/policy-of-service';
import { duplicatePrivateDnsProblems } from './private/private-dns-check';

/**
 * Private endpoints to Amazon Bedrock, as the landing zone uses them: `BedrockPrivateEndpoints`, or
 * endpoints of your own.
 */
export interface IBedrockPrivateEndpoints extends IConstruct {
  /** The VPC the endpoints are in */
  readonly vpc: ec2.IVpc;
  /** The IDs of the interface endpoints */
  readonly vpcEndpointIds: string[];
  /** The endpoints through which models are invoked: the access policies require calls to come through them */
  readonly runtimeEndpoints: ec2.IVpcEndpoint[];

  /** The interface endpoint of one service, or undefined when there is none. */
  endpointFor(service: BedrockEndpointService): ec2.InterfaceVpcEndpoint | undefined;
}

/**
 * Private access to Amazon Bedrock: calls never cross the public internet.
 *
 * Creates interface VPC endpoints (AWS PrivateLink) with private DNS for `bedrock-runtime` and the
 * chosen Bedrock services, optionally an S3 gateway endpoint, and one security group that admits TCP
 * 443 from the VPC only. Each endpoint carries its own policy: the runtime endpoints allow only the
 * approved models, profiles and guardrails; the agent-runtime endpoint only retrieval on the given
 * knowledge bases; every endpoint only principals of the organization (or account).
 *
 * Pass `runtimeEndpoints` to `ModelAccessPolicy({ requireVpcEndpoints })` so that identity policies
 * also deny invocations that do not come through them. The endpoints are `ec2.IConnectable`:
 * `endpoints.connections.allowDefaultPortFrom(peer)` admits more clients on TCP 443.
 */
export class BedrockPrivateEndpoints extends Construct implements IBedrockPrivateEndpoints, ec2.IConnectable {
  /** The VPC of the endpoints: the one given, or the one created (a `GovernedVpc`'s resources) */
  public readonly vpc: ec2.IVpc;
  /** The security group of every interface endpoint: TCP 443 in from `allowFrom` only, nothing out */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The network connections of the interface endpoints (their security group, default port 443) */
  public readonly connections: ec2.Connections;
  /** The interface endpoints, in the order of `BedrockEndpointService.all()` */
  public readonly endpoints: ec2.InterfaceVpcEndpoint[];
  /** The `bedrock-runtime` endpoint */
  public readonly runtimeEndpoint: ec2.InterfaceVpcEndpoint;
  /** The S3 gateway endpoint, when asked for */
  public readonly s3GatewayEndpoint?: ec2.GatewayVpcEndpoint;
  /** The IDs of the interface endpoints, for `aws:SourceVpce` conditions */
  public readonly vpcEndpointIds: string[];
  /** The organization whose principals may use the endpoints, when given */
  public readonly organizationId?: string;
  /** The log group of the created VPC's flow logs (none when a VPC is given) */
  public readonly flowLogGroup?: logs.LogGroup;
  /** The key that encrypts the flow log group (none when a VPC is given) */
  public readonly flowLogKey?: kms.Key;

  private readonly byService = new Map<BedrockEndpointService, ec2.InterfaceVpcEndpoint>();
  private readonly perimeter: Perimeter;
  private readonly allowAnyBedrockAction: boolean;

  constructor(scope: Construct, id: string, props: BedrockPrivateEndpointsProps = {}) {
    super(scope, id);
    const services = BedrockEndpointService.all()
      .filter(s => s === BedrockEndpointService.RUNTIME || (props.services ?? []).includes(s));
    let peers = validateEndpointProps(this, props, services);

    this.organizationId = props.organizationId;
    const perimeter = perimeterOf(props.organizationId, Stack.of(this).account);
    this.perimeter = perimeter;
    this.allowAnyBedrockAction = props.allowAnyBedrockAction ?? false;

    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      // The governed VPC's resources sit directly under the endpoints, where deployed VPCs have them:
      // their logical IDs are API (see private/governed-vpc-resources.ts).
      const cidr = props.vpcCidr ?? DEFAULT_GOVERNED_VPC_CIDR;
      const created = addGovernedVpc(this, cidr);
      this.vpc = created.vpc;
      this.flowLogGroup = created.flowLogGroup;
      this.flowLogKey = created.flowLogKey;
      peers = peers ?? [ec2.Peer.ipv4(cidr)];
    }
    const subnets: ec2.SubnetSelection | undefined = props.vpc ? props.subnets : { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'Amazon Bedrock interface endpoints: HTTPS in from the VPC only',
      allowAllOutbound: false,
    });
    for (const peer of peers!) {
      this.securityGroup.addIngressRule(peer, ec2.Port.tcp(443), `HTTPS to the Bedrock endpoints from ${peer.uniqueId}`);
    }
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(443) });

    for (const service of services) {
      const endpoint = new ec2.InterfaceVpcEndpoint(this, service.constructId, {
        vpc: this.vpc,
        service: service.endpointService,
        subnets,
        securityGroups: [this.securityGroup],
        open: false,
        privateDnsEnabled: true,
      });
      for (const statement of policyOfService(this, service, perimeter, props)) endpoint.addToPolicy(statement);
      this.byService.set(service, endpoint);
    }
    this.endpoints = services.map(s => this.byService.get(s)!);
    this.runtimeEndpoint = this.byService.get(BedrockEndpointService.RUNTIME)!;
    this.vpcEndpointIds = this.endpoints.map(e => e.vpcEndpointId);

    if (props.s3GatewayEndpoint) {
      this.s3GatewayEndpoint = new ec2.GatewayVpcEndpoint(this, 'S3Gateway', {
        vpc: this.vpc,
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: subnets ? [subnets] : undefined,
      });
      for (const statement of s3GatewayStatements(perimeter)) this.s3GatewayEndpoint.addToPolicy(statement);
    }

    if (props.allowAnyBedrockAction) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:permissiveEndpointPolicy',
        'allowAnyBedrockAction is true: the runtime endpoints pass any model and any Bedrock action for principals of the ' +
        (props.organizationId ? `organization ${props.organizationId}` : 'account') + '; only identity policies limit the models.');
    }

    this.node.addValidation({ validate: () => duplicatePrivateDnsProblems(this) });
  }

  /** The interface endpoint of one service, or undefined when it was not asked for. */
  public endpointFor(service: BedrockEndpointService): ec2.InterfaceVpcEndpoint | undefined {
    return this.byService.get(service);
  }

  /**
   * Lets calls to one application inference profile through the runtime endpoints: the profile and the
   * routes behind it, each fenced by `bedrock:InferenceProfileArn = <the profile>`, exactly as its grant
   * writes them. Profiles are created after the endpoints (for cost allocation), so `models` cannot name
   * them; a profile not admitted cannot be invoked through the endpoints, and one over an unapproved
   * model is reported by the compliance pack's approved-models rule (MD1) on this endpoint's policy.
   * With `allowAnyBedrockAction` the endpoints already pass every profile and nothing is added.
   *
   * @param profile an application inference profile of this account
   */
  public admitApplicationInferenceProfile(profile: IApplicationInferenceProfile): void {
    if (this.allowAnyBedrockAction) return;
    const statements = profile.invokeStatements(profile).filter(s => s.effect === iam.Effect.ALLOW);
    for (const endpoint of this.runtimeInterfaceEndpoints()) {
      for (const statement of statements) endpoint.addToPolicy(forEndpoint(statement, this.perimeter));
    }
  }

  /**
   * The endpoints through which models are invoked (`bedrock-runtime` and, when created,
   * `bedrock-runtime-fips`): pass them to `ModelAccessPolicy({ requireVpcEndpoints })`.
   */
  public get runtimeEndpoints(): ec2.IVpcEndpoint[] {
    return this.runtimeInterfaceEndpoints();
  }

  private runtimeInterfaceEndpoints(): ec2.InterfaceVpcEndpoint[] {
    return [BedrockEndpointService.RUNTIME, BedrockEndpointService.RUNTIME_FIPS]
      .map(s => this.byService.get(s))
      .filter((e): e is ec2.InterfaceVpcEndpoint => e !== undefined);
  }
}
