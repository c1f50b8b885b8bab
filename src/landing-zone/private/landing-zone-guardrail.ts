import { Construct } from 'constructs';
import { protectTree } from '../../core/protected-resources';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { EnforcedGuardrail, Guardrail, GuardrailPreset, GuardrailProps, IGuardrail, SelectiveGuardingMode } from '../../guardrails';
import { IBedrockInvokable } from '../../models';
import { GovernanceProfile } from '../governance-profile';

/** What the landing zone's guardrail is made of. */
export interface LandingZoneGuardrailInput {
  readonly profile: GovernanceProfile;
  readonly guardrail?: IGuardrail;
  readonly guardrailProps?: GuardrailProps;
  readonly enforceGuardrailAccountWide?: boolean;
  readonly guardrailEnforcedByOrganization?: boolean;
  /** Models exempt from the account-wide enforcement (embedding models) */
  readonly embedding: IBedrockInvokable[];
}

/** The landing zone's guardrail and its account-wide enforcement. */
export interface LandingZoneGuardrail {
  readonly guardrail: IGuardrail;
  readonly enforcedGuardrail?: EnforcedGuardrail;
}

/**
 * The guardrail every invocation carries (the user's own, or one from the profiles' presets) and,
 * unless the organization enforces its own, its account-wide enforcement. Children of `scope`: `Guardrail`,
 * `EnforcedGuardrail`.
 */
export function landingZoneGuardrail(scope: Construct, input: LandingZoneGuardrailInput): LandingZoneGuardrail {
  // The baseline filters are the floor: a profile that only restricts geography still gets them.
  const presets = [GuardrailPreset.BASELINE, ...input.profile.guardrailPresets, ...(input.guardrailProps?.presets ?? [])];
  const guardrail = input.guardrail ?? new Guardrail(scope, 'Guardrail', {
    ...input.guardrailProps,
    presets: presets.filter((p, i) => presets.indexOf(p) === i),
  });
  // The guardrail every invocation must carry (and its key) is protected like the logging stores.
  if (!input.guardrail) protectTree(guardrail);
  if (input.guardrailEnforcedByOrganization && input.enforceGuardrailAccountWide) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: guardrailEnforcedByOrganization and enforceGuardrailAccountWide are both ' +
      'true: the organization enforces its guardrail on this account, and an account-wide configuration would be a second one; leave one out', scope);
  }
  if (!(input.enforceGuardrailAccountWide ?? !input.guardrailEnforcedByOrganization)) return { guardrail };
  const enforcedGuardrail = new EnforcedGuardrail(scope, 'EnforcedGuardrail', {
    guardrail,
    // The whole request, not only what the caller tags for guarding: a caller cannot leave text out.
    systemGuarding: SelectiveGuardingMode.COMPREHENSIVE,
    messagesGuarding: SelectiveGuardingMode.COMPREHENSIVE,
    excludedModels: input.embedding.length > 0 ? input.embedding : undefined,
  });
  return { guardrail, enforcedGuardrail };
}
