import { Match, Template } from 'aws-cdk-lib/assertions';
import { REGION } from './fixtures';
import { EmbeddingModel, ManagedKnowledgeBase } from '../../src/knowledge-bases';
import { stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { checkCompliance } from '../support/nag';

describe('ManagedKnowledgeBase', () => {
  test('MANAGED type: Bedrock holds the store, encrypted with a customer-managed key; no storage configuration; no Lambda', () => {
    const stack = stackIn(REGION);
    new ManagedKnowledgeBase(stack, 'Kb');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.hasResource('AWS::Bedrock::KnowledgeBase', {
      Properties: {
        KnowledgeBaseConfiguration: {
          Type: 'MANAGED',
          ManagedKnowledgeBaseConfiguration: {
            EmbeddingModelType: 'MANAGED',
            EmbeddingModelArn: Match.absent(),
            ServerSideEncryptionConfiguration: { KmsKeyArn: { 'Fn::GetAtt': ['KbKey098D2C33', 'Arn'] } },
          },
        },
        StorageConfiguration: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
    template.resourceCountIs('AWS::Logs::Delivery', 1);
  });

  test('a custom embedding model with checked dimensions', () => {
    const stack = stackIn(REGION);
    new ManagedKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), dimensions: 512 });
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      KnowledgeBaseConfiguration: {
        ManagedKnowledgeBaseConfiguration: {
          EmbeddingModelType: 'CUSTOM',
          EmbeddingModelConfiguration: { BedrockEmbeddingModelConfiguration: { Dimensions: 512 } },
        },
      },
    });
    expect(() => new ManagedKnowledgeBase(stack, 'Bad', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), dimensions: 384 })).toThrow(
      'ManagedKnowledgeBase: dimensions is 384, but amazon.titan-embed-text-v2:0 produces 256, 512, 1024 dimensions');
    expect(() => new ManagedKnowledgeBase(stack, 'Bad2', { dimensions: 384 })).toThrow(
      'ManagedKnowledgeBase: dimensions is given without embeddingModel: the managed embedding model has fixed dimensions');
  });

  test('the four cdk-nag packs: no violation, no acknowledgement; the schema validator finds nothing', () => {
    const stack = stackIn(REGION);
    const kb = new ManagedKnowledgeBase(stack, 'Kb');
    expect(checkCompliance(kb)).toEqual({ violations: [], acknowledgements: [] });
    const other = stackIn(REGION);
    new ManagedKnowledgeBase(other, 'Kb');
    expect(() => expectValidCloudFormation(other)).not.toThrow();
  });
});
