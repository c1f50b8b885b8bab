import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { BedrockEndpointService } from './bedrock-endpoint-service';
import { IBedrockInvokable, IGuardrailReference } from '../models';

/**
 * Properties of `BedrockPrivateEndpoints`.
 */
export interface BedrockPrivateEndpointsProps {
  /**
   * The VPC to put the endpoints in: an existing or imported one. When it is imported with
   * `Vpc.fromVpcAttributes`, give its `vpcCidrBlock` (the security group admits it) or `allowFrom`.
   *
   * @default - a governed VPC is created: isolated subnets in two availability zones, no internet
   * gateway, no NAT gateway, flow logs of all traffic to a log group encrypted with a
   * customer-managed key (rotation on), kept one year; the log group and key are retained on deletion
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets for the endpoints' network interfaces (one per availability zone is used). Only with
   * `vpc`; a selection that matches no subnet is an error.
   *
   * @default - the VPC's default selection: its private subnets, else its isolated subnets, else its public subnets
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * The CIDR range of the VPC that is created. Only without `vpc`.
   *
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;

  /**
   * The Bedrock services to create interface endpoints for, in addition to `RUNTIME`, which is always
   * created. FIPS variants are refused in regions that do not offer them.
   *
   * @default - only BedrockEndpointService.RUNTIME
   */
  readonly services?: BedrockEndpointService[];

  /**
   * Also create an S3 gateway endpoint (free of charge) in the route tables of the subnets, with a
   * policy that admits only principals and buckets of the organization (or account). Its policy is
   * exposed as `s3GatewayEndpoint`; add statements to it for buckets outside the organization that
   * the workloads must reach (for example the regional buckets that serve ECR image layers).
   *
   * @default false
   */
  readonly s3GatewayEndpoint?: boolean;

  /**
   * The approved models and profiles: the runtime endpoints allow invoking these and nothing else,
   * with exactly the statements their identity grants use (profile ARN, destination regions, fences).
   * Give the same objects to `ModelAccessPolicy`.
   *
   * @default - none; required unless `allowAnyBedrockAction` is set
   */
  readonly models?: IBedrockInvokable[];

  /**
   * The guardrails the runtime endpoints allow applying (`bedrock:ApplyGuardrail`), also when an
   * invocation carries them.
   *
   * @default - no guardrail can be applied through the endpoints
   */
  readonly guardrails?: IGuardrailReference[];

  /**
   * The knowledge bases the agent-runtime endpoint allows retrieving from (`bedrock:Retrieve`).
   * Requires `BedrockEndpointService.AGENT_RUNTIME` in `services`.
   *
   * @default - none
   */
  readonly knowledgeBaseArns?: string[];

  /**
   * Allow `bedrock:RetrieveAndGenerate` through the agent-runtime endpoint. That action has no
   * resource type in IAM, so the endpoint can only allow it on `*` (to principals of the
   * organization or account): the knowledge base and the model it uses stay authorized by the
   * caller's identity policy (`bedrock:Retrieve` on the knowledge base, invoke on the model).
   *
   * @default false
   */
  readonly allowRetrieveAndGenerate?: boolean;

  /**
   * The AWS Organizations ID (`o-...`) whose principals may use the endpoints, and whose S3 buckets and
   * vector buckets the S3 endpoints may reach.
   *
   * @default - principals and resources of the stack's account only (`aws:PrincipalAccount`)
   */
  readonly organizationId?: string;

  /**
   * Who may connect to the endpoints on TCP 443.
   *
   * @default - the VPC's primary CIDR range
   */
  readonly allowFrom?: ec2.IPeer[];

  /**
   * Actions the control-plane and agent-builder endpoints pass besides their defaults (reading the
   * configuration with `bedrock:Get*` and `bedrock:List*`; on the agent-builder endpoint also starting
   * and stopping ingestion jobs), e.g. `bedrock:CreateModelInvocationJob`. Exact `bedrock:` actions or
   * verb wildcards; never `bedrock:*`.
   *
   * @default - the defaults only
   */
  readonly managementActions?: string[];

  /**
   * The explicit permissive choice: the runtime and agent-runtime endpoints allow every Bedrock action
   * on every resource, to principals of the organization (or account) only, instead of the approved
   * models, guardrails and knowledge bases. Use it only when the identity policies (for example
   * `ModelAccessPolicy`) are the sole model control you want; a warning is added to the construct.
   * Cannot be combined with `models`, `guardrails`, `knowledgeBaseArns`.
   *
   * @default false
   */
  readonly allowAnyBedrockAction?: boolean;
}
