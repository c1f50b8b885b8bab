import { ServiceTier } from '../../models';
import { tierValues } from '../../models/invoke-statements';
import { DenyBody, PolicySettings, onAnyResource, statementClass } from '../private/statement-record';


/**
 * Tiers outside the allowed ones, on one endpoint's condition key. A request that names no tier runs
 * on the default tier, and IAM reads a missing key as matching StringNotEquals: when the default tier
 * is allowed, only requests that name a tier are judged.
 */
function tierFence(settings: PolicySettings, key: string, actions: string[]): DenyBody {
  return {
    actions,
    resources: ['*'],
    conditions: {
      StringNotEquals: { [key]: tierValues(settings.tiers) },
      ...(settings.tiers.includes(ServiceTier.DEFAULT) ? { Null: { [key]: 'false' } } : {}),
    },
  };
}

export const SERVICE_TIER_STATEMENTS = statementClass({
  title: 'Service tiers',
  summary: 'A tier is a cost and capacity decision: invocations run only on the allowed tiers, and reserved capacity is bought only when acknowledged.',
  statements: [
    {
      sid: 'DenyUnapprovedServiceTiers',
      appliesWhen: 'always (the tiers are `allowedServiceTiers`, else the profiles\', else every tier but `reserved`)',
      denies: 'invocations (`bedrock:InvokeModel`, `InvokeModelWithResponseStream`) on a tier (`bedrock:ServiceTier`) that is not allowed; a ' +
        'request that names no tier runs on `default`, and is denied when `default` is not allowed',
      why: 'a tier is a cost and capacity decision; reserved capacity is a commitment, accepted only with `acknowledgeReservedCapacity`',
      build: c => tierFence(c.settings, 'bedrock:ServiceTier', ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']),
    },

    {
      sid: 'DenyUnapprovedServiceTiersOnOpenAiEndpoint',
      appliesWhen: 'with `allowOpenAiCompatibleEndpoint: true`',
      denies: 'OpenAI-compatible inference (`bedrock-mantle:CreateInference`) on a tier (`bedrock-mantle:ServiceTier`) that is not allowed',
      why: 'the endpoint has a tier key of its own: the same decision as `DenyUnapprovedServiceTiers`, on the other door',
      applies: s => s.openAiGoverned,
      build: c => tierFence(c.settings, 'bedrock-mantle:ServiceTier', ['bedrock-mantle:CreateInference']),
    },

    /** Buying reserved capacity is the commitment itself, whichever endpoint it is used through. */
    {
      sid: 'DenyReservedCapacity',
      appliesWhen: 'unless the allowed tiers include `ServiceTier.RESERVED` (by default they do not)',
      denies: 'buying or changing reserved capacity (`bedrock-mantle:CreateReservation`, `UpdateReservation`)',
      why: 'reserved capacity is billed whether used or not: buying it is the commitment itself, whichever endpoint it is used through',
      liftedBy: { allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.RESERVED], acknowledgeReservedCapacity: true },
      applies: s => !s.tiers.includes(ServiceTier.RESERVED),
      build: () => onAnyResource(['bedrock-mantle:CreateReservation', 'bedrock-mantle:UpdateReservation']),
    },
  ],
});
