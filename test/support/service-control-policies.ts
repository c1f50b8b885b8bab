import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyDocument, resolveCfn } from './iam';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, Geography } from '../../src';
import { SONNET_45 } from '../models/fixtures';

/**
 * The policy documents `BedrockOrganizationPolicies` writes for Claude Sonnet 4.5 through the EU
 * geography (with `props` on top), in a management account's stack, resolved as IAM reads them.
 */
export function serviceControlPolicies(props: Partial<BedrockOrganizationPoliciesProps> = {}): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: '999999999999', region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45)], geographies: [Geography.EU], targetIds: ['ou-ab12-cd34ef56'], ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: '999999999999' }));
}
