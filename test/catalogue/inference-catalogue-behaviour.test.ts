import { aws_bedrockagentcore as agentcore } from 'aws-cdk-lib';
import { DOORS, actionReference, actionsOf, catalogueCases, decideUnvalidated } from './catalogue-cases';
import { ACTION_GROUPS, compactActions } from '../../src/catalogue/action-groups';
import { INFERENCE_DOORS } from '../../src/catalogue/inference-doors';

/**
 * The inference catalogue (src/catalogue/inference-doors.ts, action-groups.ts) by behaviour, fast enough
 * for its mutation target, where every mutant is static and runs this whole file: the policies are built
 * once, and the simulator decides each case without its input validation (the validated decisions of the
 * same cases: inference-catalogue-simulator.test.ts). What the catalogue must hold is stated in
 * catalogue-cases.ts and checked against the Service Authorization Reference, never read from the catalogue.
 */

describe('every case of the catalogue, decided by the IAM simulator', () => {
  const cases = catalogueCases('mutation');
  test.each(cases.map(c => [c.title, c] as const))('%s', (_title, c) => {
    expect(decideUnvalidated(c.policies, c.request)).toBe(c.expected);
  });
});

const doorOf = (action: string) => INFERENCE_DOORS.find(d => d.action === action);
const sorted = (values: string[]) => [...values].sort();

describe('the catalogue\'s facts, against the Service Authorization Reference', () => {
  test('the catalogue holds exactly the doors stated', () => {
    expect(sorted(INFERENCE_DOORS.map(d => d.action))).toEqual(sorted(Object.keys(DOORS)));
  });

  test.each(Object.keys(DOORS))('%s: its resource types are the reference\'s', action => {
    const reference = (actionReference(action).resourceTypes as any[]).map(t => t.name as string);
    expect([action, sorted(doorOf(action)!.resourceTypes)]).toEqual([action, sorted(reference)]);
  });

  test('the OpenAI-compatible doors name their model by bedrock-mantle:Model, a condition key of each', () => {
    const keyed = Object.entries(DOORS).filter(([, d]) => d.fence === 'model-key').map(([a]) => a);
    expect(keyed).toEqual(['bedrock-mantle:CreateInference', 'bedrock-mantle:CountTokens']);
    for (const action of keyed) {
      expect(doorOf(action)!.modelKey).toBe('bedrock-mantle:Model');
      expect(actionReference(action).conditionKeys).toContain('bedrock-mantle:Model');
    }
  });

  test('the doors stated to carry a guardrail are exactly those whose requests have bedrock:GuardrailIdentifier', () => {
    const carrying = Object.keys(DOORS).filter(a => (actionReference(a).conditionKeys as string[]).includes('bedrock:GuardrailIdentifier'));
    expect(carrying).toEqual(Object.entries(DOORS).filter(([, d]) => d.guardrail === 'key').map(([a]) => a));
  });

  test('the doors CloudFormation creates name the resource type of aws-cdk-lib\'s L1, the others none', () => {
    const type = agentcore.CfnOnlineEvaluationConfig.CFN_RESOURCE_TYPE_NAME;
    expect(type).toBe('AWS::BedrockAgentCore::OnlineEvaluationConfig');
    for (const [action, door] of Object.entries(DOORS)) {
      expect([action, doorOf(action)!.cloudFormationType]).toEqual([action, door.cloudFormation ? type : undefined]);
    }
  });
});

describe('the wildcard groups', () => {
  test.each(ACTION_GROUPS.map(g => [g.wildcard, g] as const))('%s matches exactly its actions in the reference', (wildcard, group) => {
    expect(group.actions.length).toBeGreaterThan(0);
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
