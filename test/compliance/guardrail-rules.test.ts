import { Fn, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { REGION, bedrockFindings } from './helpers';
import { FilterStrength, PiiEntityType } from '../../src/guardrails';
import { stackIn } from '../models/fixtures';

const HARMFUL = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'];

function filter(type: string, input: string, output: string, extra: Partial<bedrock.CfnGuardrail.ContentFilterConfigProperty> = {}) {
  return { type, inputStrength: input, outputStrength: output, ...extra };
}

/** A guardrail that passes every guardrail rule, with parts replaced. */
function guardrail(stack: Stack, id: string, props: Partial<bedrock.CfnGuardrailProps> = {}): bedrock.CfnGuardrail {
  const key = stack.node.tryFindChild('Key') as kms.CfnKey ?? new kms.CfnKey(stack, 'Key', {});
  return new bedrock.CfnGuardrail(stack, id, {
    name: id,
    blockedInputMessaging: 'no',
    blockedOutputsMessaging: 'no',
    kmsKeyArn: key.attrArn,
    contentPolicyConfig: {
      filtersConfig: [filter('PROMPT_ATTACK', 'HIGH', 'NONE'), ...HARMFUL.map(t => filter(t, 'HIGH', 'HIGH'))],
    },
    sensitiveInformationPolicyConfig: {
      piiEntitiesConfig: [
        { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
        { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'ANONYMIZE', inputAction: 'ANONYMIZE', outputAction: 'ANONYMIZE' },
      ],
    },
    ...props,
  });
}

describe('Bedrock-GR1 GuardrailCustomerManagedKey', () => {
  test('a key of the template (Fn::GetAtt or Ref), a customer alias, or a key ARN (Fn::Join) is customer-managed', () => {
    const stack = stackIn(REGION);
    const key = new kms.CfnKey(stack, 'Key', {});
    const alias = new kms.CfnAlias(stack, 'Alias', { aliasName: 'alias/guardrails', targetKeyId: key.ref });
    guardrail(stack, 'GetAtt');
    guardrail(stack, 'Ref', { kmsKeyArn: key.ref });
    guardrail(stack, 'CustomerAlias', { kmsKeyArn: alias.ref });
    guardrail(stack, 'Join', { kmsKeyArn: Fn.join('', ['arn:', stack.partition, ':kms:', REGION, ':', stack.account, ':key/1234abcd']) });
    expect(bedrockFindings(stack, {}, 'GR1')).toEqual([]);
  });

  test('no key, an AWS managed alias (literal, Fn::Join or alias resource) or a reference to something else is not', () => {
    const stack = stackIn(REGION);
    const awsAlias = new kms.CfnAlias(stack, 'AwsAlias', { aliasName: 'alias/aws/bedrock', targetKeyId: 'x' });
    const role = new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: {} });
    guardrail(stack, 'NoKey', { kmsKeyArn: undefined });
    guardrail(stack, 'AwsManaged', { kmsKeyArn: `arn:aws:kms:${REGION}:111111111111:alias/aws/bedrock` });
    guardrail(stack, 'AwsManagedJoin', { kmsKeyArn: Fn.join(':', ['arn', stack.partition, 'kms', REGION, stack.account, 'alias/aws/bedrock']) });
    guardrail(stack, 'AwsAliasResource', { kmsKeyArn: awsAlias.ref });
    guardrail(stack, 'NotAKey', { kmsKeyArn: role.attrArn });
    expect(bedrockFindings(stack, {}, 'GR1')).toEqual([
      'Bedrock-GR1 @ Stack/AwsAliasResource',
      'Bedrock-GR1 @ Stack/AwsManaged',
      'Bedrock-GR1 @ Stack/AwsManagedJoin',
      'Bedrock-GR1 @ Stack/NoKey',
      'Bedrock-GR1 @ Stack/NotAKey',
    ]);
  });
});

describe('Bedrock-GR2 GuardrailPromptAttackFilter', () => {
  test('prompt attacks blocked at HIGH on input: compliant', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail');
    expect(bedrockFindings(stack, {}, 'GR2')).toEqual([]);
  });

  test('missing, below HIGH, disabled on input, or not blocking: reported', () => {
    const stack = stackIn(REGION);
    const harmful = HARMFUL.map(t => filter(t, 'HIGH', 'HIGH'));
    guardrail(stack, 'Missing', { contentPolicyConfig: { filtersConfig: harmful } });
    guardrail(stack, 'NoPolicy', { contentPolicyConfig: undefined });
    guardrail(stack, 'Medium', { contentPolicyConfig: { filtersConfig: [filter('PROMPT_ATTACK', 'MEDIUM', 'NONE'), ...harmful] } });
    guardrail(stack, 'Disabled', { contentPolicyConfig: { filtersConfig: [filter('PROMPT_ATTACK', 'HIGH', 'NONE', { inputEnabled: false }), ...harmful] } });
    guardrail(stack, 'DetectOnly', { contentPolicyConfig: { filtersConfig: [filter('PROMPT_ATTACK', 'HIGH', 'NONE', { inputAction: 'NONE' }), ...harmful] } });
    expect(bedrockFindings(stack, {}, 'GR2')).toEqual([
      'Bedrock-GR2 @ Stack/DetectOnly',
      'Bedrock-GR2 @ Stack/Disabled',
      'Bedrock-GR2 @ Stack/Medium',
      'Bedrock-GR2 @ Stack/Missing',
      'Bedrock-GR2 @ Stack/NoPolicy',
    ]);
  });
});

describe('Bedrock-GR3 GuardrailHarmfulContentFilters', () => {
  test('the five categories blocked in both directions at the minimum: compliant', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail');
    guardrail(stack, 'Medium', { contentPolicyConfig: { filtersConfig: HARMFUL.map(t => filter(t, 'MEDIUM', 'MEDIUM')) } });
    expect(bedrockFindings(stack, {}, 'GR3')).toEqual([]);
  });

  test('one finding per category that is missing, too weak in one direction, or disabled', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail', {
      contentPolicyConfig: {
        filtersConfig: [
          filter('SEXUAL', 'HIGH', 'HIGH'),
          filter('VIOLENCE', 'HIGH', 'LOW'),
          filter('INSULTS', 'HIGH', 'HIGH', { outputEnabled: false }),
          filter('MISCONDUCT', 'NONE', 'HIGH'),
        ],
      },
    });
    expect(bedrockFindings(stack, {}, 'GR3')).toEqual([
      'Bedrock-GR3[HATE] @ Stack/Guardrail',
      'Bedrock-GR3[INSULTS] @ Stack/Guardrail',
      'Bedrock-GR3[MISCONDUCT] @ Stack/Guardrail',
      'Bedrock-GR3[VIOLENCE] @ Stack/Guardrail',
    ]);
  });

  test('the minimum strength comes from the profile', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail', { contentPolicyConfig: { filtersConfig: HARMFUL.map(t => filter(t, 'LOW', 'LOW')) } });
    expect(bedrockFindings(stack, { minimumHarmfulContentStrength: FilterStrength.LOW }, 'GR3')).toEqual([]);
    expect(bedrockFindings(stack, {}, 'GR3')).toHaveLength(5);
  });
});

describe('Bedrock-GR4 GuardrailRequiredPiiEntities', () => {
  const required = { requiredPiiEntities: [PiiEntityType.CREDIT_DEBIT_CARD_NUMBER, PiiEntityType.US_SOCIAL_SECURITY_NUMBER] };

  test('every required type blocked or anonymized: compliant; nothing required: not checked', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail');
    guardrail(stack, 'NoPii', { sensitiveInformationPolicyConfig: undefined });
    expect(bedrockFindings(stack, required, 'GR4')).toEqual(['Bedrock-GR4[CREDIT_DEBIT_CARD_NUMBER] @ Stack/NoPii', 'Bedrock-GR4[US_SOCIAL_SECURITY_NUMBER] @ Stack/NoPii']);
    expect(bedrockFindings(stack, {}, 'GR4')).toEqual([]);
  });

  test('a type missing, set to NONE in one direction, or disabled: reported by type', () => {
    const stack = stackIn(REGION);
    guardrail(stack, 'Guardrail', {
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: [
          { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK', outputAction: 'NONE' },
          { type: 'EMAIL', action: 'ANONYMIZE' },
        ],
      },
    });
    guardrail(stack, 'Disabled', {
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: [
          { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
          { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK', inputEnabled: false },
        ],
      },
    });
    expect(bedrockFindings(stack, required, 'GR4')).toEqual([
      'Bedrock-GR4[CREDIT_DEBIT_CARD_NUMBER] @ Stack/Guardrail',
      'Bedrock-GR4[US_SOCIAL_SECURITY_NUMBER] @ Stack/Disabled',
      'Bedrock-GR4[US_SOCIAL_SECURITY_NUMBER] @ Stack/Guardrail',
    ]);
  });
});

describe('Bedrock-GR5 GuardrailVersionPinned', () => {
  function withVersion(stack: Stack) {
    const g = guardrail(stack, 'Guardrail');
    const version = new bedrock.CfnGuardrailVersion(stack, 'Version', { guardrailIdentifier: g.attrGuardrailId });
    return { g, version };
  }
  const agent = (stack: Stack, id: string, guardrailVersion?: string) => new bedrock.CfnAgent(stack, id, {
    agentName: id,
    guardrailConfiguration: { guardrailIdentifier: 'gr-1', guardrailVersion },
  });
  const invokePolicy = (stack: Stack, id: string, identifier: string) => new iam.CfnManagedPolicy(stack, id, {
    policyDocument: {
      Statement: [{
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: `arn:aws:bedrock:${REGION}::foundation-model/amazon.titan-text-express-v1`,
        Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': identifier } },
      }],
    },
  });

  test('a number, or the Version of a GuardrailVersion (Fn::GetAtt, or in Fn::Join): compliant', () => {
    const stack = stackIn(REGION);
    const { g, version } = withVersion(stack);
    agent(stack, 'Numeric', '3');
    agent(stack, 'GetAtt', version.attrVersion);
    new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', { guardrailIdentifier: g.attrGuardrailArn, guardrailVersion: version.attrVersion });
    invokePolicy(stack, 'PinnedJoin', `${g.attrGuardrailArn}:${version.attrVersion}`);
    invokePolicy(stack, 'PinnedLiteral', `arn:aws:bedrock:${REGION}:111111111111:guardrail/abc123:7`);
    new bedrock.CfnFlow(stack, 'Flow', {
      name: 'flow',
      executionRoleArn: 'arn:aws:iam::111111111111:role/flow',
      definition: {
        nodes: [{
          name: 'Prompt',
          type: 'Prompt',
          configuration: { prompt: { sourceConfiguration: { resource: { promptArn: 'arn' } }, guardrailConfiguration: { guardrailIdentifier: 'gr', guardrailVersion: '2' } } },
        }],
      },
    });
    new bedrock.CfnFlow(stack, 'FlowString', {
      name: 'flow2',
      executionRoleArn: 'arn:aws:iam::111111111111:role/flow',
      definitionString: Fn.join('', ['{"nodes":[{"configuration":{"knowledgeBase":{"guardrailConfiguration":{"guardrailIdentifier":"gr","guardrailVersion":"', version.attrVersion, '"}}}}]}']),
    });
    expect(bedrockFindings(stack, {}, 'GR5')).toEqual([]);
  });

  test('DRAFT, no version, a reference to something else, or an identifier without a version: reported', () => {
    const stack = stackIn(REGION);
    const { g } = withVersion(stack);
    agent(stack, 'Draft', 'DRAFT');
    agent(stack, 'NoVersion');
    agent(stack, 'WrongReference', g.attrVersion);
    new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', { guardrailIdentifier: g.attrGuardrailArn, guardrailVersion: 'DRAFT' });
    invokePolicy(stack, 'DraftCondition', `${g.attrGuardrailArn}:DRAFT`);
    invokePolicy(stack, 'NoVersionCondition', `arn:aws:bedrock:${REGION}:111111111111:guardrail/abc123`);
    new bedrock.CfnFlow(stack, 'Flow', {
      name: 'flow',
      executionRoleArn: 'arn:aws:iam::111111111111:role/flow',
      definitionString: JSON.stringify({ nodes: [{ configuration: { prompt: { guardrailConfiguration: { guardrailIdentifier: 'gr', guardrailVersion: 'DRAFT' } } } }] }),
    });
    expect(bedrockFindings(stack, {}, 'GR5')).toEqual([
      'Bedrock-GR5 @ Stack/Draft',
      'Bedrock-GR5 @ Stack/DraftCondition',
      'Bedrock-GR5 @ Stack/Enforced',
      'Bedrock-GR5 @ Stack/Flow',
      'Bedrock-GR5 @ Stack/NoVersion',
      'Bedrock-GR5 @ Stack/NoVersionCondition',
      'Bedrock-GR5 @ Stack/WrongReference',
    ]);
  });
});
