import { App, Stack } from 'aws-cdk-lib';
import { MANAGEMENT, OU } from './organization-scps';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, Geography } from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';

/**
 * The organization policies the prop-check tests build: two approved models (one through the EU
 * geography, one in region) on one OU, in a management-account stack, with `props` over those.
 */
export function buildOrganizationPolicies(
  props: Partial<BedrockOrganizationPoliciesProps> = {},
): { stack: Stack; policies: BedrockOrganizationPolicies } {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  const policies = new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    geographies: [Geography.EU],
    targetIds: [OU],
    ...props,
  });
  return { stack, policies };
}

/**
 * What building them with `props` throws, as code and message, or undefined when they build (the
 * valid side of each check is asserted as undefined, unlike test/support/errors.ts's `errorOf`).
 */
export function propsErrorOf(props: Partial<BedrockOrganizationPoliciesProps>): { code: string; message: string } | undefined {
  try {
    buildOrganizationPolicies(props);
    return undefined;
  } catch (e: any) {
    return { code: e.code, message: e.message };
  }
}

/** The construct's own prop error with `message`. */
export const propsError = (message: string) => ({ code: 'BedrockOrganizationPolicies.Props', message: `BedrockOrganizationPolicies: ${message}` });
