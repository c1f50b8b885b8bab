import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { protectTree } from '../../core/protected-resources';
import { IGuardrail } from '../../guardrails';
import { IBedrockInvokable } from '../../models';
import { BedrockEndpointService, BedrockPrivateEndpoints, IBedrockPrivateEndpoints } from '../../network';
import { GovernanceProfile } from '../governance-profile';

/** What the landing zone's private endpoints pass. */
export interface LandingZoneEndpointsInput {
  readonly profile: GovernanceProfile;
  readonly models: IBedrockInvokable[];
  readonly guardrail: IGuardrail;
  readonly vpc?: ec2.IVpc;
  readonly agentCore?: boolean;
  readonly organizationId?: string;
}

/**
 * The private endpoints: the user's own, or a `BedrockPrivateEndpoints` child `Endpoints` of `scope`
 * (FIPS and AgentCore endpoints as the profiles and props ask), protected like the logging stores.
 */
export function landingZoneEndpoints(scope: Construct, own: IBedrockPrivateEndpoints | undefined,
  input: LandingZoneEndpointsInput): IBedrockPrivateEndpoints {
  if (own) return own;
  const endpoints = new BedrockPrivateEndpoints(scope, 'Endpoints', {
    vpc: input.vpc,
    services: [
      ...input.profile.fipsEndpoints ? [BedrockEndpointService.RUNTIME_FIPS] : [],
      ...input.agentCore ? BedrockEndpointService.agentCore() : [],
    ],
    models: input.models,
    guardrails: [input.guardrail],
    organizationId: input.organizationId,
  });
  // The endpoints' policies keep outside credentials and unapproved models off the private path: protected like the logging stores.
  [...endpoints.endpoints, ...endpoints.s3GatewayEndpoint ? [endpoints.s3GatewayEndpoint] : []].forEach(protectTree);
  return endpoints;
}
