import { App, CfnResource, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { knowledgeBaseStack } from './fixtures';
import { ChunkingStrategy, DataDeletionPolicy, IVectorKnowledgeBase, KnowledgeBaseBase, S3DataSource, VectorKnowledgeBase } from '../../src/knowledge-bases';
import { FoundationModel } from '../../src/models';

describe('S3DataSource', () => {
  test('defaults: one prefix, fixed-size chunking 300/20, a transient-data key, vectors retained', () => {
    const { stack, kb, bucket } = knowledgeBaseStack();
    kb.addS3DataSource('Policies', { bucket, inclusionPrefixes: ['policies/'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Bedrock::DataSource', {
      KnowledgeBaseId: { 'Fn::GetAtt': ['Kb4174A18D', 'KnowledgeBaseId'] },
      Name: 'Stack-Kb-Policies-F5D2912E',
      DataDeletionPolicy: 'RETAIN',
      DataSourceConfiguration: { Type: 'S3', S3Configuration: { BucketArn: { 'Fn::GetAtt': ['DocsA50029D5', 'Arn'] }, InclusionPrefixes: ['policies/'] } },
      ServerSideEncryptionConfiguration: { KmsKeyArn: { 'Fn::GetAtt': ['KbPoliciesTransientDataKey0D50A902', 'Arn'] } },
      VectorIngestionConfiguration: {
        ChunkingConfiguration: { ChunkingStrategy: 'FIXED_SIZE', FixedSizeChunkingConfiguration: { MaxTokens: 300, OverlapPercentage: 20 } },
        ParsingConfiguration: Match.absent(),
      },
    });
    expect(template.toJSON().Resources.KbPoliciesB3C9FBAB.DependsOn).toEqual(['KbRolePolicy6F77476D']);
  });

  test('hierarchical, semantic and no chunking; foundation-model parsing; deletion policy; a KMS bucket', () => {
    const { stack, kb } = knowledgeBaseStack();
    const key = new kms.Key(stack, 'BucketKey', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Encrypted', { encryptionKey: key });
    const parser = FoundationModel.of('anthropic.claude-3-haiku-20240307-v1:0', { allowUnlistedModel: true });
    kb.addS3DataSource('H', { bucket, chunkingStrategy: ChunkingStrategy.hierarchical({ parentMaxTokens: 1500, childMaxTokens: 300, overlapTokens: 60 }) });
    kb.addS3DataSource('S', {
      bucket,
      chunkingStrategy: ChunkingStrategy.semantic({ maxTokens: 300, bufferSize: 1, breakpointPercentileThreshold: 95 }),
      parsingModel: parser,
      parsingPrompt: 'Transcribe tables as Markdown.',
      dataDeletionPolicy: DataDeletionPolicy.DELETE,
    });
    kb.addS3DataSource('N', { bucket, chunkingStrategy: ChunkingStrategy.NONE });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Bedrock::DataSource', {
      VectorIngestionConfiguration: {
        ChunkingConfiguration: {
          ChunkingStrategy: 'HIERARCHICAL',
          HierarchicalChunkingConfiguration: { LevelConfigurations: [{ MaxTokens: 1500 }, { MaxTokens: 300 }], OverlapTokens: 60 },
        },
      },
    });
    template.hasResourceProperties('AWS::Bedrock::DataSource', {
      DataDeletionPolicy: 'DELETE',
      VectorIngestionConfiguration: {
        ChunkingConfiguration: {
          ChunkingStrategy: 'SEMANTIC',
          SemanticChunkingConfiguration: { MaxTokens: 300, BufferSize: 1, BreakpointPercentileThreshold: 95 },
        },
        ParsingConfiguration: {
          ParsingStrategy: 'BEDROCK_FOUNDATION_MODEL',
          BedrockFoundationModelConfiguration: {
            ModelArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:eu-central-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0']] },
            ParsingPrompt: { ParsingPromptText: 'Transcribe tables as Markdown.' },
          },
        },
      },
    });
    template.hasResourceProperties('AWS::Bedrock::DataSource', { VectorIngestionConfiguration: { ChunkingConfiguration: { ChunkingStrategy: 'NONE' } } });
    // The bucket's key, through S3 only; the parsing model.
    const statements = template.toJSON().Resources.KbRolePolicy6F77476D.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      {
        Action: 'kms:Decrypt',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': ['BucketKey7092080A', 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.eu-central-1.', { Ref: 'AWS::URLSuffix' }]] } } },
      },
      expect.objectContaining({ Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] }),
    ]));
  });

  describe('checked at synth', () => {
    const add = (options: Record<string, unknown>) => () => {
      const { kb, bucket } = knowledgeBaseStack();
      kb.addS3DataSource('Bad', { bucket, ...options });
    };

    test('chunk sizes and overlaps out of range', () => {
      expect(add({ chunkingStrategy: ChunkingStrategy.fixedSize({ maxTokens: 0, overlapPercentage: 100 }) })).toThrow(
        'S3DataSource:\n' +
        '  - chunkingStrategy: fixed-size chunking maxTokens is 0; allowed: an integer of at least 1\n' +
        '  - chunkingStrategy: fixed-size chunking overlapPercentage is 100; allowed: an integer from 1 to 99');
      expect(add({ chunkingStrategy: ChunkingStrategy.hierarchical({ parentMaxTokens: 9000, childMaxTokens: 300, overlapTokens: 0 }) })).toThrow(
        'S3DataSource:\n' +
        '  - chunkingStrategy: hierarchical chunking parentMaxTokens is 9000; allowed: an integer from 1 to 8192\n' +
        '  - chunkingStrategy: hierarchical chunking overlapTokens is 0; allowed: an integer of at least 1');
      expect(add({ chunkingStrategy: ChunkingStrategy.hierarchical({ parentMaxTokens: 300, childMaxTokens: 1500, overlapTokens: 60 }) })).toThrow(
        'S3DataSource: chunkingStrategy: hierarchical chunking childMaxTokens (1500) is larger than parentMaxTokens (300); a child chunk must fit in its parent');
      expect(add({ chunkingStrategy: ChunkingStrategy.semantic({ maxTokens: 300, bufferSize: 2, breakpointPercentileThreshold: 40 }) })).toThrow(
        'S3DataSource:\n' +
        '  - chunkingStrategy: semantic chunking bufferSize is 2; allowed: an integer from 0 to 1\n' +
        '  - chunkingStrategy: semantic chunking breakpointPercentileThreshold is 40; allowed: an integer from 50 to 99');
    });

    test('an empty or malformed prefix, or more than one', () => {
      expect(add({ inclusionPrefixes: [''] })).toThrow(
        'S3DataSource: inclusionPrefixes has an empty prefix: give a key prefix such as \'documents/\', or omit inclusionPrefixes for the whole bucket');
      for (const bad of ['/docs/', 'docs//x', 'docs/*', 'x'.repeat(301)]) {
        expect(add({ inclusionPrefixes: [bad] })).toThrow(`S3DataSource: inclusion prefix '${bad}' is malformed: a key prefix has no leading '/', no '//', ` +
          'no wildcard (* or ?), no surrounding spaces, and 1 to 300 characters');
      }
      expect(add({ inclusionPrefixes: ['a/', 'b/'] })).toThrow(
        'S3DataSource: inclusionPrefixes has 2 prefixes (a/, b/); Bedrock accepts one per data source: add a data source per prefix');
    });

    test('a bad name; a prompt without a parsing model', () => {
      expect(add({ dataSourceName: 'docs source', parsingPrompt: 'x' })).toThrow(
        'S3DataSource:\n' +
        '  - dataSourceName \'docs source\' is not allowed: use 1 to 100 letters and digits, with single \'-\' or \'_\' between them\n' +
        '  - parsingPrompt is given without parsingModel');
    });
  });
});

describe('S3DataSource of a knowledge base of the caller\'s own', () => {
  test('it needs only IVectorKnowledgeBase: the ID, the role policy it adds to, the removal policy', () => {
    const stack = new Stack(new App(), 'Own', { env: { account: '111111111111', region: 'eu-central-1' } });
    class OwnKnowledgeBase extends KnowledgeBaseBase implements IVectorKnowledgeBase {
      public readonly knowledgeBaseId = 'KB12345678';
      public readonly knowledgeBaseArn = 'arn:aws:bedrock:eu-central-1:111111111111:knowledge-base/KB12345678';
      public readonly removalPolicy = RemovalPolicy.DESTROY;
      public readonly rolePolicy = new iam.ManagedPolicy(this, 'RolePolicy', {
        roles: [new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') })],
      });
    }
    const kb = new OwnKnowledgeBase(stack, 'Kb');
    const bucket = new s3.Bucket(stack, 'Docs');
    new S3DataSource(stack, 'Docs1', { knowledgeBase: kb, bucket, inclusionPrefixes: ['docs/'] });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Bedrock::DataSource', {
      Properties: Match.objectLike({ KnowledgeBaseId: 'KB12345678' }),
      DeletionPolicy: 'Delete',
      DependsOn: [stack.getLogicalId(kb.rolePolicy.node.defaultChild as CfnResource)],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject' })]) },
    });
  });
});

describe('S3DataSource of a knowledge base created elsewhere', () => {
  const KB_ARN = 'arn:aws:bedrock:eu-central-1:111111111111:knowledge-base/KB12345678';

  test('the import takes the role: the data source\'s statements go to a managed policy for it, created here', () => {
    const stack = new Stack(new App(), 'Own', { env: { account: '111111111111', region: 'eu-central-1' } });
    const role = iam.Role.fromRoleArn(stack, 'KbRole', 'arn:aws:iam::111111111111:role/kb-service-role', { mutable: false });
    const kb = VectorKnowledgeBase.fromVectorKnowledgeBaseAttributes(stack, 'Kb', { knowledgeBaseArn: KB_ARN, role });
    const bucket = new s3.Bucket(stack, 'Docs');
    new S3DataSource(stack, 'Docs1', { knowledgeBase: kb, bucket, inclusionPrefixes: ['docs/'] });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Bedrock::DataSource', {
      Properties: Match.objectLike({ KnowledgeBaseId: 'KB12345678' }),
      DeletionPolicy: 'Retain',
      DependsOn: [stack.getLogicalId(kb.rolePolicy.node.defaultChild as CfnResource)],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: ['kb-service-role'],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject' })]) },
    });
  });

  test('an ARN that is not a knowledge base\'s is refused', () => {
    const stack = new Stack(new App(), 'Own', { env: { account: '111111111111', region: 'eu-central-1' } });
    const role = iam.Role.fromRoleArn(stack, 'KbRole', 'arn:aws:iam::111111111111:role/kb-service-role');
    expect(() => VectorKnowledgeBase.fromVectorKnowledgeBaseAttributes(stack, 'Kb', { knowledgeBaseArn: 'arn:aws:bedrock:eu-central-1:111111111111:agent/X', role }))
      .toThrow("VectorKnowledgeBase.fromVectorKnowledgeBaseAttributes: knowledgeBaseArn 'arn:aws:bedrock:eu-central-1:111111111111:agent/X' is not a " +
        'knowledge base ARN (arn:<partition>:bedrock:<region>:<account>:knowledge-base/<10-character id>)');
  });
});
