import { evaluate, PolicyDocument } from './iam';
import { namesAction, unneededStatements } from './load-bearing';

/**
 * The load-bearing helper answers as evaluating every attack would: a statement is unneeded exactly
 * when every attack stays explicitly denied without it. Checked against a plain evaluation of every
 * attack without every statement, with a real IAM evaluator.
 */
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const SCPS: PolicyDocument[] = [{
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
    // Also denies leaving: neither statement is needed for that attack alone.
    { Sid: 'DenyOrganizationWrites', Effect: 'Deny', Action: ['organizations:Leave*', 'organizations:Delete*'], Resource: '*' },
    { Sid: 'DenyAllButReads', Effect: 'Deny', NotAction: ['s3:Get*', 'organizations:*', 'bedrock:*'], Resource: '*' },
    { Sid: 'DenyModelDeletion', Effect: 'Deny', Action: 'bedrock:DeleteCustomModel', Resource: '*' },
  ],
}];
const ATTACKS = [
  { action: 'organizations:LeaveOrganization' },
  { action: 'organizations:DeleteOrganization' },
  { action: 'iam:CreateUser' },
];
const run = (scps: PolicyDocument[], c: { action: string }) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] },
  { action: c.action, resource: '*', resourceAccount: '111111111111', principal: 'arn:aws:iam::111111111111:role/developer' });
const SIDS = SCPS[0].Statement.map(s => s.Sid as string);

describe('unneededStatements', () => {
  test('names exactly the statements without which every attack is still denied', async () => {
    expect(await unneededStatements(SCPS, SIDS, ATTACKS, run)).toEqual(['DenyLeaving', 'DenyModelDeletion']);
  });

  test('agrees with evaluating every attack without every statement', async () => {
    const plain: string[] = [];
    for (const sid of SIDS) {
      const without = SCPS.map(p => ({ ...p, Statement: p.Statement.filter(s => s.Sid !== sid) }));
      const decisions = await Promise.all(ATTACKS.map(c => run(without, c)));
      if (decisions.every(d => d === 'ExplicitlyDenied')) plain.push(sid);
    }
    expect(plain).toEqual(['DenyLeaving', 'DenyModelDeletion']);
  });

  test('stops at the first attack that gets through, trying those the statement names first', async () => {
    const tried: string[] = [];
    const counting = (scps: PolicyDocument[], c: { action: string }) => {
      tried.push(c.action);
      return run(scps, c);
    };
    expect(await unneededStatements(SCPS, ['DenyOrganizationWrites'], [...ATTACKS].reverse(), counting)).toEqual([]);
    expect(tried).toEqual(['organizations:DeleteOrganization']);
  });
});

describe('namesAction', () => {
  test.each([
    [{ Action: 'organizations:Leave*' }, 'organizations:LeaveOrganization', true],
    [{ Action: ['s3:GetObject', 'ORGANIZATIONS:leave?rganization'] }, 'organizations:LeaveOrganization', true],
    [{ Action: 's3:Get*' }, 's3:PutObject', false],
    [{ Action: 's3:Get.*' }, 's3:GetObject', false],
    [{ NotAction: ['s3:Get*'] }, 's3:PutObject', true],
    [{ NotAction: 's3:Get*' }, 's3:GetObject', false],
    [{}, 's3:GetObject', false],
  ])('%j names %s: %s', (statement, action, expected) => {
    expect(namesAction(statement, action)).toBe(expected);
  });
});
