import { aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GuardedModels } from './guarded-models';
import { ModelAccessPolicy } from '../../access';
import { IGuardrail } from '../../guardrails';
import { IBedrockInvokable, ServiceTier } from '../../models';
import { IBedrockPrivateEndpoints } from '../../network';
import { GovernanceProfile } from '../governance-profile';

/** What the landing zone's model access policies allow. */
export interface LandingZoneModelAccessInput {
  readonly profile: GovernanceProfile;
  readonly models: IBedrockInvokable[];
  readonly split: GuardedModels;
  readonly guardrail: IGuardrail;
  readonly endpoints: IBedrockPrivateEndpoints;
  readonly applicationRoles?: iam.IRole[];
}

/** The landing zone's model access policies. */
export interface LandingZoneModelAccess {
  readonly modelAccessPolicy: ModelAccessPolicy;
  readonly embeddingAccessPolicy?: ModelAccessPolicy;
}

/**
 * The managed policies of the application roles (children `ModelAccess` and `EmbeddingModelAccess` of
 * `scope`): the approved models only with the guardrail, and the embedding models (no guardrail)
 * in a policy of their own; through the private endpoints either way.
 */
export function landingZoneModelAccess(scope: Construct, input: LandingZoneModelAccessInput): LandingZoneModelAccess {
  const { guarded, embedding } = input.split;
  const allowedServiceTiers = input.profile.allowedServiceTiers;
  const acknowledgeReservedCapacity = allowedServiceTiers?.includes(ServiceTier.RESERVED);
  const modelAccessPolicy = new ModelAccessPolicy(scope, 'ModelAccess', {
    models: guarded.length > 0 ? guarded : input.models,
    requireGuardrail: guarded.length > 0 ? input.guardrail : undefined,
    requireVpcEndpoints: input.endpoints.runtimeEndpoints,
    allowedServiceTiers,
    acknowledgeReservedCapacity,
    roles: input.applicationRoles,
    // Deployed by the deployment roles with the baseline: only they may version it (rt3 F2, continued).
    onProtectedPath: true,
    description: `Invoke the landing zone's approved Amazon Bedrock models (${input.profile.name}), with the guardrail, through the private endpoints`,
  });
  if (embedding.length === 0 || guarded.length === 0) return { modelAccessPolicy };
  const embeddingAccessPolicy = new ModelAccessPolicy(scope, 'EmbeddingModelAccess', {
    models: embedding,
    requireVpcEndpoints: input.endpoints.runtimeEndpoints,
    allowedServiceTiers,
    acknowledgeReservedCapacity,
    roles: input.applicationRoles,
    // Deployed by the deployment roles with the baseline: only they may version it (rt3 F2, continued).
    onProtectedPath: true,
    description: `Invoke the landing zone's approved Amazon Bedrock embedding models (${input.profile.name}), through the private endpoints`,
  });
  return { modelAccessPolicy, embeddingAccessPolicy };
}
