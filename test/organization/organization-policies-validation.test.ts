import { Lazy } from 'aws-cdk-lib';
import { propsError, propsErrorOf as errorOf } from './organization-props';
import {
  ApprovedModel, FoundationModel, Geography, GovernanceProfile, ServiceTier,
} from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';

/**
 * The construct's checks of its props (src/organization/bedrock-organization-policies.ts) that
 * test/organization/bedrock-organization-policies.test.ts does not state: each rejected value with the
 * exact error (the prop, the value received, what is allowed) beside an accepted one.
 */

const OU = 'ou-ab12-cd34ef56';


describe('approvedModels', () => {
  test('a value that is not an ApprovedModel is a kind error naming its index; ApprovedModel values pass', () => {
    expect(errorOf({ approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2), SONNET_45 as any] })).toEqual({
      code: 'ApprovedModel.Kind',
      message: `BedrockOrganizationPolicies: approvedModels[1] is the string '${SONNET_45}'; expected an ApprovedModel: ` +
        `ApprovedModel.throughGeography('${SONNET_45}') or ApprovedModel.inRegion('${SONNET_45}')`,
    });
    expect(errorOf({ approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)] })).toBeUndefined();
  });

  test('an empty list, and a model approved by its construct (account-specific), are errors', () => {
    expect(errorOf({ approvedModels: [] })).toEqual(propsError('approvedModels is empty: give at least one approved model'));
    expect(errorOf({ approvedModels: [ApprovedModel.of(FoundationModel.of(TITAN_EMBED_V2))] })).toEqual(propsError(
      'approvedModels: ApprovedModel.of(invokable) is account-specific and cannot be named in an organization policy; ' +
      'list the model with throughGeography, inRegion or global'));
  });
});

describe('tiers, endpoints and guardrails', () => {
  test('allowedServiceTiers outside the profile\'s tiers are named with the profile\'s', () => {
    const flexOnly = GovernanceProfile.of('flex-only', { allowedGeographies: [Geography.EU], allowedServiceTiers: [ServiceTier.FLEX] });
    const outside = errorOf({ geographies: undefined, profiles: [flexOnly], allowedServiceTiers: [ServiceTier.PRIORITY, ServiceTier.FLEX] });
    expect(outside).toEqual(propsError('allowedServiceTiers priority are not allowed by profile flex-only; allowed: flex'));
    expect(errorOf({ geographies: undefined, profiles: [flexOnly], allowedServiceTiers: [ServiceTier.FLEX] })).toBeUndefined();
  });

  test('the OpenAI-compatible endpoint and the guardrail requirement together are an error; each alone passes', () => {
    expect(errorOf({ allowOpenAiCompatibleEndpoint: true, requireGuardrail: true })).toEqual(propsError(
      'allowOpenAiCompatibleEndpoint and requireGuardrail are both true: no guardrail is known to apply on the OpenAI-compatible endpoint, so ' +
      'requireGuardrail denies it anyway; leave one of them out'));
    expect(errorOf({ allowOpenAiCompatibleEndpoint: true })).toBeUndefined();
    expect(errorOf({ requireGuardrail: true })).toBeUndefined();
  });

  test('guardrailAccounts: a token passes, as does a 12-digit ID', () => {
    expect(errorOf({ requireGuardrail: true, guardrailAccounts: [Lazy.string({ produce: () => '222222222222' }), '333333333333'] })).toBeUndefined();
  });
});

describe('regions', () => {
  test('a GovCloud region name is a region name; one outside the profile\'s regions is named with them', () => {
    expect(errorOf({ governedRegions: ['us-gov-west-1', 'eu-central-1'] })).toBeUndefined();
    expect(errorOf({ governedRegions: ['eu-central-1a'] })).toEqual(propsError("governedRegions: 'eu-central-1a' is not a region name (e.g. eu-central-1)"));
  });
});

describe('targets', () => {
  test('roots, OUs, accounts and tokens are targets; an empty list is an error', () => {
    expect(errorOf({ targetIds: ['r-ab12', OU, '123456789012', Lazy.string({ produce: () => 'not checked' })] })).toBeUndefined();
    expect(errorOf({ targetIds: [] })).toEqual(propsError('targetIds is empty: give the root, OU or account IDs to attach the policies to'));
  });

  test('protectionTargetIds: a root, an OU or a token above the targets; not empty, not an account, not a target', () => {
    expect(errorOf({ protectionTargetIds: ['r-ab12', 'ou-ab12-parent99', Lazy.string({ produce: () => 'r-zz99' })] })).toBeUndefined();
    expect(errorOf({ protectionTargetIds: [] })).toEqual(propsError(
      'protectionTargetIds is empty: give the root or OU IDs above targetIds, or leave it out to attach every policy to targetIds'));
    expect(errorOf({ protectionTargetIds: ['123456789012', OU] })).toEqual({
      code: 'BedrockOrganizationPolicies.Props',
      message: [
        'BedrockOrganizationPolicies:',
        "  - protectionTargetIds: '123456789012' is not a root (r-...) or organizational unit (ou-...-...) ID; an account would need the policies " +
        'attached to itself, which targetIds already does',
        `  - protectionTargetIds: '${OU}' is also in targetIds; both sets of policies would count against its five: name a parent of the targets ` +
        '(e.g. the root), or leave protectionTargetIds out',
      ].join('\n'),
    });
  });
});

describe('deployment assets and AgentCore', () => {
  test('deploymentAssetBucketNames: a token passes', () => {
    expect(errorOf({ cdkBootstrapQualifier: 'blz', deploymentAssetBucketNames: [Lazy.string({ produce: () => 'Not_Checked' })] })).toBeUndefined();
  });

  test('one AgentCore opt-in without governAgentCore is named alone; opt-ins with AgentCore governed, or none without it, pass', () => {
    expect(errorOf({ governAgentCore: false, allowAgentCoreGatewayTargets: true })).toEqual(propsError(
      'allowAgentCoreGatewayTargets given but governAgentCore is false: AgentCore is not governed at all, so there is nothing to allow; leave ' +
      'them out or govern AgentCore'));
    expect(errorOf({ governAgentCore: false })).toBeUndefined();
    expect(errorOf({ allowAgentCorePayments: true, allowAgentCoreGatewayTargets: true })).toBeUndefined();
    expect(errorOf({ governAgentCore: true, allowAgentCorePayments: true })).toBeUndefined();
  });
});
