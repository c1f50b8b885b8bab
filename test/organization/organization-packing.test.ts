import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { packStatements } from '../../src/organization/private/pack-statements';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { resolveCfn } from '../support/iam';

/**
 * How the statements are packed into service control policies (src/organization/private/pack-statements.ts)
 * and where the construct attaches them: each policy within AWS Organizations' 5,120 characters in the
 * longest partition, at most four a target, every statement in exactly one policy. The limits are
 * stated at their boundaries with statements whose measured sizes the test gives.
 */

const MANAGEMENT = '999999999999';
const OU = 'ou-ab12-cd34ef56';
const ROOT = 'r-ab12';
/**
 * AWS Organizations' limit on a service control policy's content: "Service control policies: 5,120 characters"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html, and the Content property of
 * AWS::Organizations::Policy in the CloudFormation reference).
 */
const SCP_LIMIT = 5120;
/** `{"Version":"2012-10-17","Statement":[]}`: what a policy holds besides its statements. */
const ENVELOPE = 39;

const statement = (sid: string) => new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions: ['s3:GetObject'], resources: ['*'] });
/** Packs statements S1..Sn of the given measured sizes; returns the Sids of each policy. */
function pack(sizes: number[]): string[][] {
  const statements = sizes.map((_, i) => statement(`S${i + 1}`));
  return packStatements(new Stack(), statements, sizes).map(group => group.map(s => s.sid!));
}

describe('packing at the limits', () => {
  test('the policy envelope is the 39 characters of an empty minified policy', () => {
    expect(JSON.stringify({ Version: '2012-10-17', Statement: [] }).length).toBe(ENVELOPE);
  });

  test('a statement of exactly the room a policy has (5,081 characters) fits; one character more fails synth naming it', () => {
    expect(pack([SCP_LIMIT - ENVELOPE])).toEqual([['S1']]);
    expect(() => pack([SCP_LIMIT - ENVELOPE + 1])).toThrow(
      'BedrockOrganizationPolicies: statement S1 is 5082 characters, more than one service control policy holds (5081 after the policy envelope); ' +
      'it cannot be split, because a Deny with NotResource must list every approved ARN at once. Approve fewer models or geographies in one ' +
      'policy set: use one BedrockOrganizationPolicies per group of OUs');
  });

  test('a second statement joins a policy when it and its comma fill it exactly, and opens a new one when one character more', () => {
    // 39 + 5000 = 5039; a statement of 80 and its comma make 5120.
    expect(pack([5000, 80])).toEqual([['S1', 'S2']]);
    expect(pack([5000, 81])).toEqual([['S1'], ['S2']]);
  });

  test('each statement added counts with its comma: three statements fill a policy to 5,081 and overflow it at 5,121', () => {
    // 2039, + 2001 = 4040, + 1041 = 5081 fits; + 1081 = 5121 does not.
    expect(pack([2000, 2000, 1040])).toEqual([['S1', 'S2', 'S3']]);
    expect(pack([2000, 2000, 1080])).toEqual([['S1', 'S2'], ['S3']]);
    expect(pack([2000, 2000, 1079])).toEqual([['S1', 'S2', 'S3']]);
  });

  test('first fit: a later statement goes into the first policy with room, the order of the statements kept in each', () => {
    expect(pack([3000, 3000, 1000, 2500])).toEqual([['S1', 'S3'], ['S2'], ['S4']]);
    expect(pack([4000, 4000, 1000, 70])).toEqual([['S1', 'S3', 'S4'], ['S2']]);
  });

  test('four policies are what a target holds beside FullAWSAccess; a fifth fails synth with the count', () => {
    expect(pack([3000, 3000, 3000, 3000])).toEqual([['S1'], ['S2'], ['S3'], ['S4']]);
    expect(() => pack([3000, 3000, 3000, 3000, 3000])).toThrow(
      'BedrockOrganizationPolicies: the statements need 5 policies, more than the 4 a target can hold next to FullAWSAccess (AWS allows 5 per ' +
      'target): approve fewer models or geographies');
  });

  test('a statement too large for any policy is reported alone: it is not packed, so it adds no policy to the count', () => {
    expect(() => pack([3000, 3000, 3000, 3000, 6000])).toThrow(
      'BedrockOrganizationPolicies: statement S5 is 6000 characters, more than one service control policy holds (5081 after the policy envelope); ' +
      'it cannot be split, because a Deny with NotResource must list every approved ARN at once. Approve fewer models or geographies in one ' +
      'policy set: use one BedrockOrganizationPolicies per group of OUs');
  });

  test('every problem is reported together, with the error code of the size check', () => {
    let error: any;
    try {
      pack([6000, 3000, 3000, 3000, 3000, 3000]);
    } catch (e) {
      error = e;
    }
    expect(error.message).toBe([
      'BedrockOrganizationPolicies:',
      '  - statement S1 is 6000 characters, more than one service control policy holds (5081 after the policy envelope); it cannot be split, ' +
      'because a Deny with NotResource must list every approved ARN at once. Approve fewer models or geographies in one policy set: use one ' +
      'BedrockOrganizationPolicies per group of OUs',
      '  - the statements need 5 policies, more than the 4 a target can hold next to FullAWSAccess (AWS allows 5 per target): approve fewer ' +
      'models or geographies',
    ].join('\n'));
    expect(error.code).toBe('BedrockOrganizationPolicies.Size');
  });
});

/** The organization's policies: content resolved in a partition, name, description, targets and what each waits for. */
interface DeployedPolicy {
  readonly logicalId: string;
  readonly name: string;
  readonly description: string;
  readonly targetIds: string[];
  readonly dependsOn: string[];
  readonly sids: string[];
  /** The content as AWS Organizations stores it in the longest partition, minified. */
  readonly govCloudContent: string;
}

function policiesOf(props: Partial<BedrockOrganizationPoliciesProps> = {}): { stack: Stack; policies: DeployedPolicy[] } {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: [OU],
    ...props,
  });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
  const policies = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Organizations::Policy').map(([logicalId, r]) => {
    const govCloud = JSON.stringify(resolveCfn(r.Properties.Content, { partition: 'aws-us-gov', region: 'us-gov-west-1', accountId: MANAGEMENT }));
    return {
      logicalId,
      name: r.Properties.Name,
      description: r.Properties.Description,
      targetIds: r.Properties.TargetIds,
      dependsOn: r.DependsOn ?? [],
      sids: r.Properties.Content.Statement.map((s: any) => s.Sid),
      govCloudContent: govCloud,
    };
  });
  return { stack, policies };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => ApprovedModel.throughGeography(`vendor.model-number-${i}-v1:0`));
const TAG_SCOPED = ['DenyGovernedDataCopies', 'ProtectGovernanceControls', 'ProtectGovernanceResources'];
const sorted = (sids: string[]) => [...sids].sort();

describe('the construct packs every statement once, each policy within the limit in the longest partition', () => {
  test.each([[1], [6], [12]])('with %i more geography-routed models', (n) => {
    const reference = sorted(policiesOf().policies.flatMap(p => p.sids));
    const { policies } = policiesOf({ approvedModels: [ApprovedModel.throughGeography(SONNET_45), ...many(n)] });
    const sids = policies.flatMap(p => p.sids);
    expect(sorted(sids)).toEqual(reference);
    expect(new Set(sids).size).toBe(sids.length);
    for (const policy of policies) expect(policy.govCloudContent.length).toBeLessThanOrEqual(SCP_LIMIT);
  });

  test('the policies are as few as first fit allows: a statement opens a new policy only when the previous ones have no room', () => {
    const { policies } = policiesOf({ approvedModels: [ApprovedModel.throughGeography(SONNET_45), ...many(12)] });
    const sizes = policies.map(p => p.govCloudContent.length);
    // Every statement of a later policy is larger than the room left in each earlier one (its comma included).
    for (const [j, policy] of policies.entries()) {
      for (const sid of policy.sids) {
        const size = JSON.stringify(JSON.parse(policy.govCloudContent).Statement.find((s: any) => s.Sid === sid)).length;
        for (let i = 0; i < j; i++) expect(sizes[i] + size + 1).toBeGreaterThan(SCP_LIMIT);
      }
    }
    expect(policies.length).toBeGreaterThan(1);
  });

  test('an oversized approved list fails synth naming the statement, measured in the longest partition', () => {
    expect(() => policiesOf({ approvedModels: many(60) })).toThrow(
      'BedrockOrganizationPolicies: statement DenyUnapprovedModels is 9465 characters, more than one service control policy holds ' +
      '(5081 after the policy envelope)');
  });
});

describe('where the policies are attached', () => {
  test('without protectionTargetIds every statement is in the targets\' policies, named and described by part', () => {
    const { policies } = policiesOf({ approvedModels: [ApprovedModel.throughGeography(SONNET_45), ...many(12)] });
    expect(policies.map(p => [p.name, p.description, p.targetIds, p.dependsOn])).toEqual(policies.map((_, i) => [
      `bedrock-landing-zone-bedrock-${i + 1}`, `Amazon Bedrock governance (eu-residency), part ${i + 1} of ${policies.length}`, [OU], [],
    ]));
    expect(policies.length).toBe(4);
    for (const sid of TAG_SCOPED) expect(policies.filter(p => p.sids.includes(sid))).toHaveLength(1);
  });

  test('with protectionTargetIds the tag-scoped statements move to the parent\'s policy, which the targets\' policies wait for', () => {
    const reference = sorted(policiesOf().policies.flatMap(p => p.sids));
    const { policies } = policiesOf({ protectionTargetIds: [ROOT], policyNamePrefix: 'acme' });
    const protection = policies.filter(p => p.targetIds.includes(ROOT));
    const targets = policies.filter(p => p.targetIds.includes(OU));
    expect(protection.map(p => [p.name, p.description, p.targetIds])).toEqual([
      ['acme-protection-1', 'Amazon Bedrock landing zone resource protection (eu-residency), part 1 of 1', [ROOT]],
    ]);
    expect(sorted(protection.flatMap(p => p.sids))).toEqual(TAG_SCOPED);
    expect(targets.map(p => [p.name, p.description, p.targetIds])).toEqual([1, 2, 3].map(i =>
      [`acme-bedrock-${i}`, `Amazon Bedrock governance (eu-residency), part ${i} of 3`, [OU]]));
    expect(sorted(targets.flatMap(p => p.sids))).toEqual(reference.filter(sid => !TAG_SCOPED.includes(sid)));
    for (const target of targets) expect(target.dependsOn).toEqual([protection[0].logicalId]);
    expect(protection[0].dependsOn).toEqual([]);
  });
});

describe('the warning when the invocation log streams are not protected', () => {
  const WARNING = 'protectInvocationLogStreams is false: any principal of the target accounts can write to and delete the invocation log ' +
    'streams. It is for upgrades from a release before 1.0.0; remove it once every baseline is deployed. ' +
    '[ack: cdk-bedrock-landing-zone:invocationLogStreamsUnprotected]';

  test('protectInvocationLogStreams: false warns and takes ProtectInvocationLogStreams out; by default nothing warns and it is in', () => {
    const unprotected = policiesOf({ protectInvocationLogStreams: false });
    expect(Annotations.fromStack(unprotected.stack).findWarning('*', Match.anyValue()).map(w => w.entry.data)).toEqual([WARNING]);
    expect(unprotected.policies.flatMap(p => p.sids)).not.toContain('ProtectInvocationLogStreams');
    const protectedByDefault = policiesOf();
    expect(Annotations.fromStack(protectedByDefault.stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(protectedByDefault.policies.flatMap(p => p.sids)).toContain('ProtectInvocationLogStreams');
  });
});
