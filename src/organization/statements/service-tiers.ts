import { ServiceTier } from '../../models';
import { ALWAYS, DenyBody, PolicySettings, StatementClass, StatementRecord } from '../private/statement-record';

export const SERVICE_TIER_STATEMENTS: StatementClass = {
  title: 'Service tiers',
  summary: 'A tier is a cost and capacity decision: invocations run only on the allowed tiers, and reserved capacity is bought only when acknowledged.',
};

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
      StringNotEquals: { [key]: [...settings.tiers].sort() },
      ...(settings.tiers.includes(ServiceTier.DEFAULT) ? { Null: { [key]: 'false' } } : {}),
    },
  };
}

export const DENY_UNAPPROVED_SERVICE_TIERS: StatementRecord = {
  sid: 'DenyUnapprovedServiceTiers',
  class: SERVICE_TIER_STATEMENTS,
  appliesWhen: 'always (the tiers are `allowedServiceTiers`, else the profiles\', else every tier but `reserved`)',
  denies: 'invocations (`bedrock:InvokeModel`, `InvokeModelWithResponseStream`) on a tier (`bedrock:ServiceTier`) that is not allowed; a ' +
    'request that names no tier runs on `default`, and is denied when `default` is not allowed',
  why: 'a tier is a cost and capacity decision; reserved capacity is a commitment, accepted only with `acknowledgeReservedCapacity`',
  applies: ALWAYS,
  build: c => tierFence(c.settings, 'bedrock:ServiceTier', ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']),
};

export const DENY_UNAPPROVED_SERVICE_TIERS_ON_OPENAI_ENDPOINT: StatementRecord = {
  sid: 'DenyUnapprovedServiceTiersOnOpenAiEndpoint',
  class: SERVICE_TIER_STATEMENTS,
  appliesWhen: 'with `allowOpenAiCompatibleEndpoint: true`',
  denies: 'OpenAI-compatible inference (`bedrock-mantle:CreateInference`) on a tier (`bedrock-mantle:ServiceTier`) that is not allowed',
  why: 'the endpoint has a tier key of its own: the same decision as `DenyUnapprovedServiceTiers`, on the other door',
  applies: s => s.openAiGoverned,
  build: c => tierFence(c.settings, 'bedrock-mantle:ServiceTier', ['bedrock-mantle:CreateInference']),
};

/** Buying reserved capacity is the commitment itself, whichever endpoint it is used through. */
export const DENY_RESERVED_CAPACITY: StatementRecord = {
  sid: 'DenyReservedCapacity',
  class: SERVICE_TIER_STATEMENTS,
  appliesWhen: 'unless the allowed tiers include `ServiceTier.RESERVED` (by default they do not)',
  denies: 'buying or changing reserved capacity (`bedrock-mantle:CreateReservation`, `UpdateReservation`)',
  why: 'reserved capacity is billed whether used or not: buying it is the commitment itself, whichever endpoint it is used through',
  liftedBy: { allowedServiceTiers: [ServiceTier.DEFAULT, ServiceTier.RESERVED], acknowledgeReservedCapacity: true },
  applies: s => !s.tiers.includes(ServiceTier.RESERVED),
  build: () => ({
    actions: ['bedrock-mantle:CreateReservation', 'bedrock-mantle:UpdateReservation'],
    resources: ['*'],
  }),
};
