import { CfnResource, Fn, Stack, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { Geography } from '../../src/models';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';

const APPROVED = { approvedModels: [SONNET_45, TITAN_EMBED_V2] };
const EU_ONLY = { approvedGeographies: [Geography.EU] };

/** `arn:${Partition}:bedrock:<region>:<account>:<type>/<id>` as a Fn::Join, the way the library writes ARNs. */
function joinedArn(stack: Stack, region: string, account: string, type: string, id: string): string {
  return Fn.join('', ['arn:', stack.partition, `:bedrock:${region}:${account}:${type}/${id}`]);
}

function invokePolicy(stack: Stack, id: string, resources: string[], condition?: Record<string, unknown>): iam.CfnManagedPolicy {
  return new iam.CfnManagedPolicy(stack, id, {
    policyDocument: { Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: resources, Condition: condition }] },
  });
}

describe('Bedrock-MD1 ApprovedModelsOnly', () => {
  test('approved models named as profile IDs, ARNs (Fn::Join, Fn::Sub) or bare IDs: compliant', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnApplicationInferenceProfile(stack, 'Profile', {
      inferenceProfileName: 'p', modelSource: { copyFrom: joinedArn(stack, REGION, ACCOUNT, 'inference-profile', `eu.${SONNET_45}`) },
    });
    new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', foundationModel: `eu.${SONNET_45}` });
    new bedrock.CfnKnowledgeBase(stack, 'Kb', {
      name: 'kb',
      roleArn: 'arn:aws:iam::111111111111:role/kb',
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: { embeddingModelArn: Fn.sub(`arn:\${AWS::Partition}:bedrock:\${AWS::Region}::foundation-model/${TITAN_EMBED_V2}`) },
      },
      storageConfiguration: { type: 'S3_VECTORS', s3VectorsConfiguration: { indexArn: 'arn:aws:s3vectors:eu-central-1:111111111111:bucket/b/index/i' } },
    });
    invokePolicy(stack, 'Policy', [joinedArn(stack, 'eu-west-1', '', 'foundation-model', SONNET_45)]);
    expect(bedrockFindings(stack, APPROVED, 'MD1')).toEqual([]);
  });

  test('one finding per unapproved model, wherever it is named; a wildcard model is not approved', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', foundationModel: 'anthropic.claude-v2:1' });
    new bedrock.CfnIntelligentPromptRouter(stack, 'Router', {
      promptRouterName: 'r',
      models: [{ modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}` }, { modelArn: `arn:aws:bedrock:${REGION}::foundation-model/meta.llama3-8b-instruct-v1:0` }],
      fallbackModel: { modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}` },
      routingCriteria: { responseQualityDifference: 0.1 },
    });
    invokePolicy(stack, 'Wildcard', [`arn:aws:bedrock:${REGION}::foundation-model/*`]);
    new CfnResource(stack, 'Throughput', {
      type: 'Custom::BedrockProvisionedThroughput',
      properties: { ServiceToken: 'arn', ProvisionedModelName: 'pt', ModelId: 'amazon.nova-pro-v1:0', ModelUnits: 1 },
    });
    expect(bedrockFindings(stack, APPROVED, 'MD1')).toEqual([
      'Bedrock-MD1[*] @ Stack/Wildcard',
      // By meaning: the statement lets every model of the region through.
      `Bedrock-MD1[Statement::1::Resource::arn:aws:bedrock:${REGION}::foundation-model/*] @ Stack/Wildcard`,
      'Bedrock-MD1[amazon.nova-pro-v1:0] @ Stack/Throughput',
      'Bedrock-MD1[anthropic.claude-v2:1] @ Stack/Agent',
      'Bedrock-MD1[meta.llama3-8b-instruct-v1:0] @ Stack/Router',
    ]);
    expect(bedrockFindings(stack, {}, 'MD1')).toEqual([]);
  });
});

describe('Bedrock-MD2 ApprovedGeographiesOnly', () => {
  test('EU profiles and EU regions (literal or AWS::Region): compliant', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', foundationModel: `eu.${SONNET_45}` });
    invokePolicy(stack, 'Policy', [
      joinedArn(stack, stack.region, ACCOUNT, 'inference-profile', `eu.${SONNET_45}`),
      `arn:aws:bedrock:eu-west-3::foundation-model/${SONNET_45}`,
    ]);
    expect(bedrockFindings(stack, EU_ONLY, 'MD2')).toEqual([]);
  });

  test('a Deny that names a model in any region restricts it rather than uses it: not reported', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Deny', {
      policyDocument: { Statement: [{ Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:*::foundation-model/${SONNET_45}` }] },
    });
    expect(bedrockFindings(stack, EU_ONLY, 'MD2')).toEqual([]);
  });

  test('another geography\'s profile, a region outside, a region wildcard, a resource deployed outside: reported', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', foundationModel: `us.${SONNET_45}` });
    invokePolicy(stack, 'Policy', [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, `arn:aws:bedrock:*::foundation-model/${SONNET_45}`],
      { StringEquals: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/eu.${SONNET_45}` } });
    const us = new Stack(stack.node.root, 'Virginia', { env: { account: ACCOUNT, region: 'us-east-1' } });
    new bedrock.CfnAgent(us, 'Agent', { agentName: 'a', foundationModel: SONNET_45 });
    expect(bedrockFindings(stack, EU_ONLY, 'MD2')).toEqual([
      'Bedrock-MD2[Geography::us] @ Stack/Agent',
      // The region wildcard is behind the EU profile's fence: asked as IAM would, it reaches no region outside.
      'Bedrock-MD2[Region::us-east-1] @ Stack/Policy',
      'Bedrock-MD2[Region::us-east-1] @ Virginia/Agent',
    ]);
    expect(bedrockFindings(stack, {}, 'MD2')).toEqual([]);
  });
});

describe('Bedrock-MD3 NoGlobalProfileUnderResidency', () => {
  test('a global profile, a global guardrail profile, a region-less model grant: reported unless residency is off', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnAgent(stack, 'Geographic', { agentName: 'a', foundationModel: `eu.${SONNET_45}` });
    new bedrock.CfnAgent(stack, 'Global', { agentName: 'g', foundationModel: `global.${SONNET_45}` });
    new bedrock.CfnGuardrail(stack, 'Guardrail', {
      name: 'g',
      blockedInputMessaging: 'n',
      blockedOutputsMessaging: 'n',
      crossRegionConfig: { guardrailProfileArn: joinedArn(stack, REGION, ACCOUNT, 'guardrail-profile', 'global.guardrail.v1:0') },
    });
    invokePolicy(stack, 'Policy', [joinedArn(stack, '', '', 'foundation-model', SONNET_45)], { StringEquals: { 'aws:RequestedRegion': 'unspecified' } });
    expect(bedrockFindings(stack, {}, 'MD3')).toEqual([
      'Bedrock-MD3[Condition::aws:RequestedRegion=unspecified] @ Stack/Policy',
      `Bedrock-MD3[Profile::global.${SONNET_45}] @ Stack/Global`,
      'Bedrock-MD3[Profile::global.guardrail.v1:0] @ Stack/Guardrail',
      `Bedrock-MD3[RegionlessModel::${SONNET_45}] @ Stack/Policy`,
      'Bedrock-MD3[Statement::1::RegionlessModel] @ Stack/Policy',
    ]);
    expect(bedrockFindings(stack, { dataResidency: false }, 'MD3')).toEqual([]);
  });
});
