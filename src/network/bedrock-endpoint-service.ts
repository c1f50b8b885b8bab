import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { EndpointPolicyKind } from './private/endpoint-policies';

/**
 * An Amazon Bedrock service that `BedrockPrivateEndpoints` can reach through an interface VPC endpoint
 * (AWS PrivateLink), with the endpoint policy the library gives it.
 *
 * - `RUNTIME` (`bedrock-runtime`, always created) and `RUNTIME_FIPS`: InvokeModel, Converse and
 *   ApplyGuardrail, limited to the approved models, profiles and guardrails.
 * - `AGENT_RUNTIME` (`bedrock-agent-runtime`): Retrieve on the given knowledge bases.
 * - `CONTROL_PLANE` (`bedrock`), `CONTROL_PLANE_FIPS` and `AGENT` (`bedrock-agent`): management APIs,
 *   limited to principals of the organization (or account).
 * - `S3_VECTORS` (`s3vectors`): limited to principals and vector buckets of the organization (or account).
 * - `AGENTCORE` (`bedrock-agentcore`): the AgentCore data plane (runtimes, tools, memory, identity
 *   tokens), on the account's own AgentCore resources and AWS's built-in tools only;
 *   `AGENTCORE_GATEWAY` (`bedrock-agentcore.gateway`): gateway calls on the account's gateways only;
 *   `AGENTCORE_CONTROL` (`bedrock-agentcore-control`): reading the AgentCore configuration. All three
 *   for principals of the organization (or account).
 * - `OPENAI_COMPATIBLE` (`bedrock-mantle`): inference and its responses on the account's own projects
 *   only; which models pass is the organization policies' and the grant's (`bedrock-mantle:Model`).
 *
 * The FIPS variants exist only in a few regions; asking for one elsewhere fails at synth.
 */
export class BedrockEndpointService {
  /** `com.amazonaws.<region>.bedrock-runtime`: model invocation (InvokeModel, Converse) and ApplyGuardrail */
  public static readonly RUNTIME = new BedrockEndpointService('bedrock-runtime', 'Runtime', ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
    'runtime', false);
  /** `com.amazonaws.<region>.bedrock-runtime-fips`: the FIPS 140 validated runtime endpoint */
  public static readonly RUNTIME_FIPS = new BedrockEndpointService('bedrock-runtime-fips', 'RuntimeFips',
    ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME_FIPS, 'runtime', true);
  /** `com.amazonaws.<region>.bedrock`: the control plane (models, guardrails, profiles, logging configuration) */
  public static readonly CONTROL_PLANE = new BedrockEndpointService('bedrock', 'ControlPlane', ec2.InterfaceVpcEndpointAwsService.BEDROCK,
    'management', false);
  /** `com.amazonaws.<region>.bedrock-fips`: the FIPS 140 validated control plane */
  public static readonly CONTROL_PLANE_FIPS = new BedrockEndpointService('bedrock-fips', 'ControlPlaneFips',
    ec2.InterfaceVpcEndpointAwsService.BEDROCK_FIPS, 'management', true);
  /** `com.amazonaws.<region>.bedrock-agent`: building agents, knowledge bases and data sources */
  public static readonly AGENT = new BedrockEndpointService('bedrock-agent', 'Agent', ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENT,
    'management', false);
  /** `com.amazonaws.<region>.bedrock-agent-runtime`: Retrieve (and, by choice, RetrieveAndGenerate) on knowledge bases */
  public static readonly AGENT_RUNTIME = new BedrockEndpointService('bedrock-agent-runtime', 'AgentRuntime',
    ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENT_RUNTIME, 'agent-runtime', false);
  /** `com.amazonaws.<region>.s3vectors`: Amazon S3 Vectors, a vector store for knowledge bases */
  public static readonly S3_VECTORS = new BedrockEndpointService('s3vectors', 'S3Vectors', ec2.InterfaceVpcEndpointAwsService.S3_VECTORS,
    's3vectors', false);

  /** `com.amazonaws.<region>.bedrock-agentcore`: the AgentCore data plane (invoking runtimes, tools, memory, identity tokens) */
  public static readonly AGENTCORE = new BedrockEndpointService('bedrock-agentcore', 'AgentCore',
    ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENTCORE, 'agentcore', false);
  /** `com.amazonaws.<region>.bedrock-agentcore.gateway`: calls to AgentCore gateways */
  public static readonly AGENTCORE_GATEWAY = new BedrockEndpointService('bedrock-agentcore.gateway', 'AgentCoreGateway',
    ec2.InterfaceVpcEndpointAwsService.BEDROCK_AGENTCORE_GATEWAY, 'agentcore-gateway', false);
  /** `com.amazonaws.<region>.bedrock-agentcore-control`: the AgentCore control plane (aws-cdk-lib has no constant for it) */
  public static readonly AGENTCORE_CONTROL = new BedrockEndpointService('bedrock-agentcore-control', 'AgentCoreControl',
    new ec2.InterfaceVpcEndpointAwsService('bedrock-agentcore-control'), 'agentcore-control', false);

  /**
   * `com.amazonaws.<region>.bedrock-mantle`: the OpenAI-compatible endpoint (Chat Completions,
   * Responses, Messages), for inference on the account's own projects (aws-cdk-lib has no constant for it)
   */
  public static readonly OPENAI_COMPATIBLE = new BedrockEndpointService('bedrock-mantle', 'OpenAiCompatible',
    new ec2.InterfaceVpcEndpointAwsService('bedrock-mantle'), 'mantle', false);

  /** The three AgentCore services, for `BedrockPrivateEndpoints({ services })` and the landing zone. */
  public static agentCore(): BedrockEndpointService[] {
    return [BedrockEndpointService.AGENTCORE, BedrockEndpointService.AGENTCORE_GATEWAY, BedrockEndpointService.AGENTCORE_CONTROL];
  }

  /** Every service the library knows, in the order their endpoints are created. */
  public static all(): BedrockEndpointService[] {
    return [
      BedrockEndpointService.RUNTIME, BedrockEndpointService.RUNTIME_FIPS, BedrockEndpointService.CONTROL_PLANE,
      BedrockEndpointService.CONTROL_PLANE_FIPS, BedrockEndpointService.AGENT, BedrockEndpointService.AGENT_RUNTIME,
      BedrockEndpointService.S3_VECTORS, ...BedrockEndpointService.agentCore(), BedrockEndpointService.OPENAI_COMPATIBLE,
    ];
  }

  /** The service's short name, as in `com.amazonaws.<region>.<shortName>` */
  public readonly shortName: string;
  /** The construct ID of its endpoint inside `BedrockPrivateEndpoints` */
  public readonly constructId: string;
  /** The aws-cdk-lib endpoint service */
  public readonly endpointService: ec2.InterfaceVpcEndpointAwsService;
  /** Whether this is a FIPS 140 endpoint, offered only in some regions */
  public readonly isFips: boolean;
  /** @internal */
  public readonly _policyKind: EndpointPolicyKind;

  private constructor(shortName: string, constructId: string, endpointService: ec2.InterfaceVpcEndpointAwsService,
    policyKind: EndpointPolicyKind, isFips: boolean) {
    this.shortName = shortName;
    this.constructId = constructId;
    this.endpointService = endpointService;
    this._policyKind = policyKind;
    this.isFips = isFips;
  }

  /** The short name. */
  public toString(): string {
    return this.shortName;
  }
}
