import { aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { teamConstructId } from './team-budgets';
import { ModelAccessPolicy } from '../../access';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { IGuardrail } from '../../guardrails';
import { ApplicationInferenceProfile, IBedrockInvokable, IInferenceProfileSource, ServiceTier } from '../../models';
import { IBedrockPrivateEndpoints } from '../../network';
import { GovernanceProfile } from '../governance-profile';
import { LandingZoneSpendSettings } from '../landing-zone-spend';

/** The most workload inference profiles (each with its own managed policy on the application roles). */
const MAX_WORKLOAD_PROFILES = 5;

/** What the workloads' profiles are made from and granted with. */
export interface WorkloadProfileInputs {
  readonly spend?: LandingZoneSpendSettings;
  readonly profile: GovernanceProfile;
  /** The approved models whose calls carry the guardrail */
  readonly guarded: IBedrockInvokable[];
  readonly guardrail: IGuardrail;
  readonly endpoints: IBedrockPrivateEndpoints;
  readonly applicationRoles?: iam.IRole[];
}

/**
 * One application inference profile per workload and approved chat model, tagged with the cost tags
 * and the workload, which the application roles may invoke under the approved models' conditions.
 * Children of `scope`: `WorkloadProfile-<workload>-<n>` and its `-Access` policy. Validated with the
 * other spend settings (landingZoneSpendControls).
 */
export function landingZoneWorkloadProfiles(scope: Construct, inputs: WorkloadProfileInputs): ApplicationInferenceProfile[] {
  const spend = inputs.spend;
  const workloads = spend?.workloads ?? [];
  if (workloads.length === 0) return [];
  // A profile copies a foundation model or a system-defined profile, which is what an approved model resolves to.
  const sources = inputs.guarded.filter((m): m is IInferenceProfileSource => typeof (m as Partial<IInferenceProfileSource>).sourceArn === 'function');
  // IAM attaches at most 10 managed policies to a role by default: the landing zone's own, the stop's deny and the team's need room.
  if (workloads.length * sources.length > MAX_WORKLOAD_PROFILES) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, `BedrockLandingZone: spend.workloads gives ${workloads.length} workload(s) × ${sources.length} ` +
      `approved chat model(s) = ${workloads.length * sources.length} application inference profiles, each granted to the application roles by a managed ` +
      `policy; at most ${MAX_WORKLOAD_PROFILES} fit beside the others (IAM attaches 10 managed policies to a role by default): give fewer workloads`, scope);
  }
  const profiles = workloads.flatMap(workload => sources.map((source, i) => new ApplicationInferenceProfile(scope,
    `WorkloadProfile-${teamConstructId(workload)}-${i + 1}`, {
      modelSource: source,
      description: `Workload ${teamConstructId(workload)} model ${i + 1}`,
      tags: { ...spend!.costTags, [spend!.workloadTagKey!]: workload },
    })));
  // One policy per profile: a profile's statements take about half of a managed policy's 6,144 characters.
  profiles.forEach(profile => new ModelAccessPolicy(scope, `${profile.node.id}-Access`, {
    models: [profile],
    requireGuardrail: inputs.guardrail,
    requireVpcEndpoints: inputs.endpoints.runtimeEndpoints,
    allowedServiceTiers: inputs.profile.allowedServiceTiers,
    acknowledgeReservedCapacity: inputs.profile.allowedServiceTiers?.includes(ServiceTier.RESERVED),
    roles: inputs.applicationRoles,
    // Deployed by the deployment roles with the baseline: only they may version it (rt3 F2, continued).
    onProtectedPath: true,
    description: `Invoke a workload's application inference profile of an approved model (${inputs.profile.name}), with the guardrail, through the private endpoints`,
  }));
  return profiles;
}
