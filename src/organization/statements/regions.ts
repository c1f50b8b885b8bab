import { compactActions } from '../../catalogue/action-groups';
import { RESIDENCY_SERVICES, doorsWith } from '../../catalogue/inference-doors';
import { onAnyResource, statementClass } from '../private/statement-record';

export const REGION_STATEMENTS = statementClass({
  title: 'Regions',
  summary: 'Bedrock runs only inside the residency jurisdiction, and only in the regions a baseline governs (logs and filters).',
  statements: [
    /**
     * StringNotEquals also matches the region-less leg of global profiles (`aws:RequestedRegion =
     * unspecified`), and a global profile is not on the approved list under residency: no separate
     * statement is needed for them (the perimeter test removes each statement to prove it carries weight).
     */
    {
      sid: 'DenyBedrockOutsideAllowedRegions',
      appliesWhen: 'under a residency profile',
      denies: 'every `bedrock:`, `bedrock-mantle:`, `bedrock-agentcore:`, `bedrock-websearch:` and `nova-act:` API when `aws:RequestedRegion` is ' +
        'outside the profile\'s regions (those of the approved geographies)',
      why: 'batch jobs, guardrails, retrieval, agents, flows and the OpenAI-compatible endpoint all process data where they are called; ' +
        '`StringNotEquals` also catches the `unspecified` leg of global profiles. Cross-region inference inside the geography keeps working ' +
        '(source and destination regions are both allowed)',
      applies: s => s.residencyRegions !== undefined,
      build: c => onAnyResource(
        RESIDENCY_SERVICES.map(service => `${service}:*`),
        { StringNotEquals: { 'aws:RequestedRegion': c.settings.residencyRegions! } },
      ),
    },

    /**
     * Every API of the residency services in a region that is not governed, except the legs of a
     * cross-region inference profile called from a governed region (they carry
     * `bedrock:InferenceProfileArn`, and AWS authorizes each destination region too) and of a cross-region
     * guardrail (its guardrail profile, whose call is also authorized on the guardrail in its own region).
     */
    {
      sid: 'DenyBedrockOutsideGovernedRegions',
      appliesWhen: 'with `governedRegions`',
      denies: 'every Bedrock, OpenAI-compatible, AgentCore, web-search and Nova Act API in a region no baseline governs, except the cross-region ' +
        'legs of an inference profile called from a governed region and of a cross-region guardrail',
      why: 'where no baseline is deployed, nothing logs or filters: a developer would simply call from there. Profile legs carry ' +
        '`bedrock:InferenceProfileArn`, so cross-region inference from a governed region keeps working whatever `aws:RequestedRegion` AWS ' +
        'reports for its destinations',
      applies: s => s.governedRegions !== undefined,
      build: c => ({
        actions: RESIDENCY_SERVICES.map(service => `${service}:*`),
        // A cross-region guardrail's legs name its guardrail profile in the destination regions.
        notResources: [c.arn('*', '*', 'guardrail-profile/*')],
        conditions: { StringNotEquals: { 'aws:RequestedRegion': c.settings.governedRegions! }, Null: { 'bedrock:InferenceProfileArn': 'true' } },
      }),
    },

    /** Any invocation through a profile of a region that is not governed, whichever region `aws:RequestedRegion` names for it. */
    {
      sid: 'DenyProfilesOfUngovernedRegions',
      appliesWhen: 'with `governedRegions`',
      denies: 'any invocation through an inference profile of a region that is not governed',
      why: 'the exception of `DenyBedrockOutsideGovernedRegions` for profile legs must not admit a profile called in an ungoverned region',
      applies: s => s.governedRegions !== undefined,
      build: c => ({
        actions: compactActions(doorsWith(d => d.modelFence === 'model-resource')),
        resources: ['*'],
        conditions: {
          ArnNotLike: { 'bedrock:InferenceProfileArn': c.settings.governedRegions!.map(r => c.arn(r, '*', '*')) },
          Null: { 'bedrock:InferenceProfileArn': 'false' },
        },
      }),
    },
  ],
});
