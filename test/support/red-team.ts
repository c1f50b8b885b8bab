import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Decision, PolicyDocument, evaluate, resolveCfn } from './iam';
import { OrganizationStack } from '../../examples/app/organization';
import { ORGANIZATION_ROOT, WORKLOADS_OU } from '../../examples/app/settings';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';

/**
 * The harness of the red-team rounds (test/organization/red-team-round*.test.ts): the organizations
 * they attack, and an attack as a request of a workload administrator (identity: allow everything) of a
 * member account, decided by the IAM simulator under the organization's SCPs.
 */

const MANAGEMENT = '999999999999';
/** The member account attacked, and its home region. */
export const MEMBER = '111111111111';
export const HOME = 'eu-central-1';
const ORGANIZATION_ID = 'o-exampleorg1';
/** The EU-residency organization's one target. */
export const RED_TEAM_OU = 'ou-ab12-cd34ef56';
/** Who calls when a case names nobody: a workload developer of the member account. */
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
/** A workload administrator's identity policy: it allows everything, so only the SCPs can deny. */
export const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** A request of a round: the action, and what differs from a developer's call in the home region. */
export interface RedTeamRequest {
  /** What the request tries, as a test names it */
  readonly name?: string;
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  readonly context?: Record<string, string | string[]>;
}

/** The organization's SCPs by target: an account of the target is governed by each level above it. */
export function scpsByTarget(stack: Stack): Map<string, PolicyDocument[]> {
  const byTarget = new Map<string, PolicyDocument[]>();
  for (const resource of Object.values<any>(Template.fromStack(stack).toJSON().Resources)) {
    if (resource.Type !== 'AWS::Organizations::Policy') continue;
    const content = resolveCfn(resource.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT });
    for (const target of resource.Properties.TargetIds as string[]) byTarget.set(target, [...byTarget.get(target) ?? [], content]);
  }
  return byTarget;
}

/** An EU-residency organization that requires a guardrail, with `props` on top, targeting `RED_TEAM_OU`. */
export function organizationStack(props: Partial<BedrockOrganizationPoliciesProps> = {}): Stack {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    requireGuardrail: true,
    cdkBootstrapQualifier: 'blz',
    targetIds: [RED_TEAM_OU],
    ...props,
  });
  return stack;
}

/** The example app's SCPs by target (its organization stack's). */
export function exampleScpsByTarget(exampleStacks: Stack[]): Map<string, PolicyDocument[]> {
  return scpsByTarget(exampleStacks.find((s): s is OrganizationStack => s instanceof OrganizationStack)!);
}

/**
 * The organizations every round runs against, as SCP levels, root first: the example app's (what governs
 * an account of its workloads OU, from `exampleScpsByTarget`) and the EU-residency one of `organizationStack()`.
 */
export function redTeamOrganizations(example: Map<string, PolicyDocument[]>): Record<string, PolicyDocument[][]> {
  return {
    'the example organization (root and workloads OU)': [example.get(ORGANIZATION_ROOT)!, example.get(WORKLOADS_OU)!],
    'an EU-residency organization (one target)': [scpsByTarget(organizationStack()).get(RED_TEAM_OU)!],
  };
}

/** The simulator's decision on the request in the member account's home region, under the SCP levels. */
export function decideAttack(levels: PolicyDocument[][], c: RedTeamRequest, identity: PolicyDocument[] = [ADMIN]): Promise<Decision> {
  const principal = c.principal ?? DEVELOPER;
  return evaluate({ identity, serviceControlPolicies: levels, s3BucketAbacEnabled: true }, {
    action: c.action,
    resource: c.resource ?? '*',
    resourceAccount: MEMBER,
    principal,
    context: {
      'aws:RequestedRegion': HOME,
      'aws:PrincipalArn': principal,
      'aws:PrincipalAccount': MEMBER,
      'aws:PrincipalOrgID': ORGANIZATION_ID,
      'aws:ViaAWSService': 'false',
      ...c.context,
    },
  });
}

/** The SCP levels without the statement `sid`, to show what gets through without it. */
export function withoutStatement(levels: PolicyDocument[][], sid: string): PolicyDocument[][] {
  return levels.map(level => level.map(p => ({ ...p, Statement: p.Statement.filter((s: any) => s.Sid !== sid) })));
}
