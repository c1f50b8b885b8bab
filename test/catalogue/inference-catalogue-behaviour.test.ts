import { aws_bedrockagentcore as agentcore } from 'aws-cdk-lib';
import { DOORS, catalogueCases, decideUnvalidated } from './catalogue-cases';
import { actionReference } from './reference';
import { INFERENCE_DOORS } from '../../src/catalogue/inference-doors';

/**
 * The inference catalogue (src/catalogue/inference-doors.ts) by behaviour, fast enough
 * for its mutation target, where every mutant is static and runs this whole file: the policies are built
 * once, and the simulator decides each case without its input validation (the validated decisions of the
 * same cases: inference-catalogue-simulator.test.ts). What the catalogue must hold is stated in
 * catalogue-cases.ts and checked against the Service Authorization Reference, never read from the catalogue.
 * (Its wildcard groups: action-groups.test.ts.)
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
