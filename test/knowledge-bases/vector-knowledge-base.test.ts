import { aws_ec2 as ec2, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, knowledgeBaseStack } from './fixtures';
import { Guardrail } from '../../src/guardrails';
import {
  EmbeddingModel, ExistingVectorStore, S3VectorStore, VectorDataType, VectorKnowledgeBase,
} from '../../src/knowledge-bases';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { EU_DESTINATIONS_FROM_FRANKFURT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance, describeAcknowledgements } from '../support/nag';

const KB_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678`;
const INDEX_ARN = `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/kb-vectors/index/kb-index`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DOCS_BUCKET = 'docs-bucket';

function defaultKnowledgeBase() {
  const { stack, kb, bucket } = knowledgeBaseStack();
  kb.addS3DataSource('Policies', { bucket, inclusionPrefixes: ['policies/'] });
  const template = Template.fromStack(stack);
  const policies = new TemplatePolicies(template.toJSON(), {
    region: REGION,
    accountId: ACCOUNT,
    refs: { DocsA50029D5: DOCS_BUCKET },
    getAtts: {
      'DocsA50029D5.Arn': `arn:aws:s3:::${DOCS_BUCKET}`,
      'KbVectorIndex48E78DCB.IndexArn': INDEX_ARN,
      'KbVectorStoreKeyBB168FD7.Arn': KEY_ARN,
      'KbPoliciesTransientDataKey0D50A902.Arn': `arn:aws:kms:${REGION}:${ACCOUNT}:key/transient`,
    },
  });
  return { stack, kb, template, policies };
}

describe('VectorKnowledgeBase with defaults (S3 Vectors)', () => {
  const { kb, template, policies } = defaultKnowledgeBase();

  test('zero Lambda functions', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('stateful resources keep their logical IDs and are retained on deletion', () => {
    const retained = Object.entries<any>(template.toJSON().Resources)
      .filter(([, r]) => r.DeletionPolicy === 'Retain' && r.UpdateReplacePolicy === 'Retain')
      .map(([id, r]) => `${r.Type} ${id}`);
    expect(retained).toEqual([
      'AWS::S3::Bucket DocsA50029D5',
      'AWS::KMS::Key KbVectorStoreKeyBB168FD7',
      'AWS::S3Vectors::VectorBucket KbVectorStoreA38E7B06',
      'AWS::S3Vectors::Index KbVectorIndex48E78DCB',
      'AWS::Bedrock::KnowledgeBase Kb4174A18D',
      'AWS::KMS::Key KbLogsKey32701981',
      'AWS::Logs::LogGroup KbLogGroupAEE70276',
      'AWS::KMS::Key KbPoliciesTransientDataKey0D50A902',
      'AWS::Bedrock::DataSource KbPoliciesB3C9FBAB',
    ]);
  });

  test('the vector bucket is SSE-KMS with the rotating key; the index sets no encryption and inherits it', () => {
    template.hasResourceProperties('AWS::S3Vectors::VectorBucket', {
      EncryptionConfiguration: { SseType: 'aws:kms', KmsKeyArn: { 'Fn::GetAtt': ['KbVectorStoreKeyBB168FD7', 'Arn'] } },
    });
    template.hasResourceProperties('AWS::KMS::Key', { Description: 'Amazon S3 Vectors bucket of Amazon Bedrock knowledge bases', EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3Vectors::Index', {
      DataType: 'float32',
      Dimension: 1024,
      DistanceMetric: 'cosine',
      EncryptionConfiguration: Match.absent(),
      MetadataConfiguration: { NonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'] },
      VectorBucketArn: { 'Fn::GetAtt': ['KbVectorStoreA38E7B06', 'VectorBucketArn'] },
    });
  });

  test('the knowledge base is VECTOR on S3_VECTORS by index ARN only (never all three keys)', () => {
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      Name: 'Stack-Kb-9DC8F513',
      RoleArn: { 'Fn::GetAtt': ['KbRole7CB8B096', 'Arn'] },
      KnowledgeBaseConfiguration: {
        Type: 'VECTOR',
        VectorKnowledgeBaseConfiguration: {
          EmbeddingModelArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:${REGION}::foundation-model/${TITAN_EMBED_V2}`]] },
          EmbeddingModelConfiguration: { BedrockEmbeddingModelConfiguration: { Dimensions: 1024, EmbeddingDataType: 'FLOAT32' } },
        },
      },
      StorageConfiguration: {
        Type: 'S3_VECTORS',
        S3VectorsConfiguration: { IndexArn: { 'Fn::GetAtt': ['KbVectorIndex48E78DCB', 'IndexArn'] }, IndexName: Match.absent(), VectorBucketArn: Match.absent() },
      },
    });
    const kbResource = template.toJSON().Resources.Kb4174A18D;
    expect(kbResource.DependsOn).toEqual(['KbRolePolicy6F77476D', 'KbVectorIndex48E78DCB']);
  });

  test('application logs go through vended logs to an encrypted log group kept a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/bedrock/knowledge-bases/Stack-Kb-9DC8F513',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': ['KbLogsKey32701981', 'Arn'] },
    });
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      Name: 'Stack-Kb-9DC8F513-source',
      LogType: 'APPLICATION_LOGS',
      ResourceArn: { 'Fn::GetAtt': ['Kb4174A18D', 'KnowledgeBaseArn'] },
    });
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      Name: 'Stack-Kb-9DC8F513-logs',
      DestinationResourceArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/bedrock/knowledge-bases/Stack-Kb-9DC8F513`]],
      },
    });
    template.hasResourceProperties('AWS::Logs::Delivery', {
      DeliverySourceName: { Ref: 'KbLogDeliverySourceB2065F0F' },
      DeliveryDestinationArn: { 'Fn::GetAtt': ['KbLogDeliveryDestination76B06840', 'Arn'] },
    });
  });

  describe('the key policy of the vector bucket, by meaning', () => {
    const keyPolicy = policies.documentOf('KbVectorStoreKeyBB168FD7', 'KeyPolicy');
    const asIndexing = (context: Record<string, string>, action = 'kms:Decrypt') => evaluate(
      { identity: [], resourcePolicy: keyPolicy },
      { action, resource: KEY_ARN, principal: 'indexing.s3vectors.amazonaws.com', resourceAccount: ACCOUNT, context },
    );
    const here = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/kb-vectors` };

    test('S3 Vectors indexing may decrypt for this account\'s vector buckets only', async () => {
      expect(await asIndexing(here)).toBe('Allowed');
      expect(await asIndexing({ ...here, 'aws:SourceAccount': '999999999999' })).toBe('ImplicitlyDenied');
      expect(await asIndexing({ ...here, 'aws:SourceArn': `arn:aws:s3vectors:us-east-1:${ACCOUNT}:bucket/kb-vectors` })).toBe('ImplicitlyDenied');
      expect(await asIndexing(here, 'kms:Encrypt')).toBe('ImplicitlyDenied');
    });
  });

  describe('the knowledge-base role, by meaning', () => {
    const roleId = 'KbRole7CB8B096';
    const identity = policies.identityPoliciesOf(roleId);
    const can = (action: string, resource: string, context: Record<string, string> = {}) => evaluate({ identity }, { action, resource, context });

    test('Bedrock may assume it for this account\'s knowledge bases in this region only', async () => {
      const trust = policies.documentOf(roleId, 'AssumeRolePolicyDocument');
      const assume = (principal: string, context: Record<string, string>) => evaluate(
        { identity: [], resourcePolicy: trust },
        { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/kb`, principal, resourceAccount: ACCOUNT, context });
      const fromKb = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': KB_ARN };
      expect(await assume('bedrock.amazonaws.com', fromKb)).toBe('Allowed');
      expect(await assume('bedrock.amazonaws.com', { ...fromKb, 'aws:SourceAccount': '999999999999' })).toBe('ImplicitlyDenied');
      expect(await assume('bedrock.amazonaws.com', { ...fromKb, 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:knowledge-base/KB12345678` }))
        .toBe('ImplicitlyDenied');
      expect(await assume('bedrock.amazonaws.com', { ...fromKb, 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:agent/AG12345678` }))
        .toBe('ImplicitlyDenied');
      expect(await assume('lambda.amazonaws.com', fromKb)).toBe('ImplicitlyDenied');
    });

    test('it may invoke the embedding model in the stack\'s region, and no other model', async () => {
      expect(await can('bedrock:InvokeModel', fmArn(REGION, TITAN_EMBED_V2))).toBe('Allowed');
      expect(await can('bedrock:InvokeModel', fmArn('us-east-1', TITAN_EMBED_V2))).toBe('ImplicitlyDenied');
      expect(await can('bedrock:InvokeModel', fmArn(REGION, SONNET_45))).toBe('ImplicitlyDenied');
    });

    test('it may read its data-source prefix, and not another prefix or bucket', async () => {
      expect(await can('s3:GetObject', `arn:aws:s3:::${DOCS_BUCKET}/policies/leave.pdf`, { 'aws:ResourceAccount': ACCOUNT })).toBe('Allowed');
      expect(await can('s3:GetObject', `arn:aws:s3:::${DOCS_BUCKET}/hr/salaries.pdf`, { 'aws:ResourceAccount': ACCOUNT })).toBe('ImplicitlyDenied');
      expect(await can('s3:GetObject', 'arn:aws:s3:::other-bucket/policies/leave.pdf', { 'aws:ResourceAccount': ACCOUNT })).toBe('ImplicitlyDenied');
      expect(await can('s3:ListBucket', `arn:aws:s3:::${DOCS_BUCKET}`, { 's3:prefix': 'policies/2026/', 'aws:ResourceAccount': ACCOUNT })).toBe('Allowed');
      expect(await can('s3:ListBucket', `arn:aws:s3:::${DOCS_BUCKET}`, { 's3:prefix': 'hr/', 'aws:ResourceAccount': ACCOUNT })).toBe('ImplicitlyDenied');
      expect(await can('s3:PutObject', `arn:aws:s3:::${DOCS_BUCKET}/policies/leave.pdf`, { 'aws:ResourceAccount': ACCOUNT })).toBe('ImplicitlyDenied');
    });

    test('it may use its vector index and the store\'s key, not another index', async () => {
      for (const action of ['s3vectors:PutVectors', 's3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:GetIndex']) {
        expect(await can(action, INDEX_ARN)).toBe('Allowed');
      }
      expect(await can('s3vectors:QueryVectors', `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/kb-vectors/index/other`)).toBe('ImplicitlyDenied');
      expect(await can('s3vectors:DeleteIndex', INDEX_ARN)).toBe('ImplicitlyDenied');
      // KMS needs the key policy too: each key's own policy delegates to the account's IAM policies.
      const withKey = (keyId: string, action: string, resource: string) =>
        evaluate({ identity, resourcePolicy: policies.documentOf(keyId, 'KeyPolicy') }, { action, resource });
      expect(await withKey('KbVectorStoreKeyBB168FD7', 'kms:Decrypt', KEY_ARN)).toBe('Allowed');
      expect(await withKey('KbVectorStoreKeyBB168FD7', 'kms:GenerateDataKey', KEY_ARN)).toBe('Allowed');
      expect(await withKey('KbVectorStoreKeyBB168FD7', 'kms:ScheduleKeyDeletion', KEY_ARN)).toBe('ImplicitlyDenied');
      expect(await withKey('KbPoliciesTransientDataKey0D50A902', 'kms:GenerateDataKey', `arn:aws:kms:${REGION}:${ACCOUNT}:key/transient`)).toBe('Allowed');
      expect(await withKey('KbVectorStoreKeyBB168FD7', 'kms:Decrypt', `arn:aws:kms:${REGION}:${ACCOUNT}:key/other`)).toBe('ImplicitlyDenied');
    });

    test('it cannot create or manage knowledge bases', async () => {
      expect(await can('bedrock:CreateKnowledgeBase', '*')).toBe('ImplicitlyDenied');
      expect(await can('bedrock:DeleteKnowledgeBase', KB_ARN)).toBe('ImplicitlyDenied');
      expect(await can('bedrock:Retrieve', KB_ARN)).toBe('ImplicitlyDenied');
    });

    test('its permissions are one managed policy (no inline policy)', () => {
      expect(template.toJSON().Resources[roleId].Properties.Policies).toBeUndefined();
      template.resourceCountIs('AWS::IAM::Policy', 0);
    });
  });

  test('the four cdk-nag packs: no violation; the prefix wildcard is acknowledged with its reason', () => {
    const { kb: k } = defaultKnowledgeBase();
    const result = checkCompliance(k);
    expect(result.violations).toEqual([]);
    expect(describeAcknowledgements(result.acknowledgements)).toEqual([
      'AwsSolutions::AwsSolutions-IAM5[Resource::<DocsA50029D5.Arn>/policies/*] @ Stack/Kb/RolePolicy/Resource: ' +
      'The knowledge base reads every document under its data-source prefix and nothing outside it: an object-prefix wildcard is the narrowest ' +
      'resource S3 offers for that, and s3:ListBucket is conditioned on the same prefix.',
    ]);
  });

  test('aws-cdk-lib\'s CloudFormation schema validator finds nothing', () => {
    expect(() => expectValidCloudFormation(defaultKnowledgeBase().stack)).not.toThrow();
  });

  test('exposes what it created', () => {
    expect(kb.vectorStore).toBeInstanceOf(S3VectorStore);
    expect(kb.dimensions).toBe(1024);
    expect(kb.vectorDataType).toBe(VectorDataType.FLOAT32);
  });
});

describe('embedding model', () => {
  test('through an EU inference profile: the profile ARN is the embedding model, the role gets the fenced grant', async () => {
    const { stack } = knowledgeBaseStack({ embeddingModel: CrossRegionInferenceProfile.of(Geography.EU, 'cohere.embed-v4:0'), dimensions: 1024 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      KnowledgeBaseConfiguration: {
        VectorKnowledgeBaseConfiguration: {
          EmbeddingModelArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:${REGION}:${ACCOUNT}:inference-profile/eu.cohere.embed-v4:0`]] },
          EmbeddingModelConfiguration: { BedrockEmbeddingModelConfiguration: { Dimensions: 1024 } },
        },
      },
    });
    const identity = new TemplatePolicies(template.toJSON(), {
      region: REGION, accountId: ACCOUNT, getAtts: { 'KbVectorIndex48E78DCB.IndexArn': INDEX_ARN, 'KbVectorStoreKeyBB168FD7.Arn': KEY_ARN },
    }).identityPoliciesOf('KbRole7CB8B096');
    const profile = profileArn(REGION, 'eu.cohere.embed-v4:0');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profile })).toBe('Allowed');
    for (const region of EU_DESTINATIONS_FROM_FRANKFURT) {
      expect(await evaluate({ identity }, {
        action: 'bedrock:InvokeModel', resource: fmArn(region, 'cohere.embed-v4:0'), context: { 'bedrock:InferenceProfileArn': profile },
      })).toBe('Allowed');
    }
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', 'cohere.embed-v4:0'), context: { 'bedrock:InferenceProfileArn': profile } }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, 'cohere.embed-v4:0') })).toBe('ImplicitlyDenied');
  });

  test('EmbeddingModel.custom describes a model the library does not list', () => {
    const { stack } = knowledgeBaseStack({
      embeddingModel: FoundationModel.of('amazon.nova-2-multimodal-embeddings-v1:0', { allowUnlistedModel: true }),
      embeddingModelSpec: EmbeddingModel.custom({ modelId: 'amazon.nova-2-multimodal-embeddings-v1:0', dimensions: [256, 384, 1024, 3072] }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3Vectors::Index', { Dimension: 3072 });
  });

  test('listed models carry their dimensions and data types', () => {
    expect(EmbeddingModel.TITAN_EMBED_TEXT_V2.dimensions).toEqual([256, 512, 1024]);
    expect(EmbeddingModel.TITAN_EMBED_TEXT_V2.dataTypes).toEqual([VectorDataType.FLOAT32, VectorDataType.BINARY]);
    expect(EmbeddingModel.COHERE_EMBED_ENGLISH_V3.dimensions).toEqual([1024]);
    expect(EmbeddingModel.fromModelId(TITAN_EMBED_V2)).toBe(EmbeddingModel.TITAN_EMBED_TEXT_V2);
    expect(EmbeddingModel.fromModelId('amazon.unknown')).toBeUndefined();
  });
});

describe('checked at synth', () => {
  const make = (props: Record<string, unknown>) => () => knowledgeBaseStack(props);

  test('dimensions the model does not produce', () => {
    expect(make({ dimensions: 1536 })).toThrow(
      'VectorKnowledgeBase: dimensions is 1536, but amazon.titan-embed-text-v2:0 produces 256, 512, 1024 dimensions');
    expect(make({ embeddingModel: EmbeddingModel.COHERE_EMBED_ENGLISH_V3.invokable(), dimensions: 512 })).toThrow(
      'VectorKnowledgeBase: dimensions is 512, but cohere.embed-english-v3 produces 1024 dimensions');
  });

  test('a data type the model does not produce, or the store does not hold', () => {
    expect(make({ embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V1.invokable(), vectorDataType: VectorDataType.BINARY })).toThrow(
      'VectorKnowledgeBase: vectorDataType is BINARY, but amazon.titan-embed-text-v1 produces FLOAT32 vectors');
    expect(make({ vectorDataType: VectorDataType.BINARY })).toThrow(
      'S3VectorStore: the embedding data type is BINARY, but S3 Vectors stores only FLOAT32 vectors: use VectorDataType.FLOAT32, or an OpenSearchServerlessVectorStore for BINARY');
  });

  test('a model that is not an embedding model the library lists', () => {
    expect(make({ embeddingModel: FoundationModel.of(SONNET_45, { allowUnlistedModel: true }) })).toThrow(
      /embeddingModel anthropic.claude-sonnet-4-5-20250929-v1:0 is not an embedding model the library lists .*pass embeddingModelSpec/);
  });

  test('a bad name, all problems at once', () => {
    expect(make({ knowledgeBaseName: 'my kb!', dimensions: 7 })).toThrow(
      'VectorKnowledgeBase:\n' +
      '  - dimensions is 7, but amazon.titan-embed-text-v2:0 produces 256, 512, 1024 dimensions\n' +
      '  - knowledgeBaseName \'my kb!\' is not allowed: use 1 to 100 letters and digits, with single \'-\' or \'_\' between them');
  });

  test('a bad vector bucket name', () => {
    const stack = stackIn(REGION);
    expect(() => new S3VectorStore(stack, 'Store', { vectorBucketName: 'My_Bucket' })).toThrow(
      'S3VectorStore: vectorBucketName \'My_Bucket\' is not allowed: use 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit');
  });
});

describe('choices', () => {
  test('a shared S3 vector store with your key: one index per knowledge base, euclidean when the model says so', () => {
    const stack = stackIn(REGION);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const store = new S3VectorStore(stack, 'Vectors', { vectorBucketName: 'kb-vectors', encryptionKey: key });
    new VectorKnowledgeBase(stack, 'A', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), dimensions: 256, vectorStore: store });
    new VectorKnowledgeBase(stack, 'B', {
      embeddingModel: FoundationModel.of('amazon.titan-embed-text-v1'),
      embeddingModelSpec: EmbeddingModel.custom({ modelId: 'amazon.titan-embed-text-v1', dimensions: [1536], distanceMetric: 'EUCLIDEAN' as any }),
      vectorStore: store,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3Vectors::VectorBucket', 1);
    template.resourceCountIs('AWS::S3Vectors::Index', 2);
    template.hasResourceProperties('AWS::S3Vectors::VectorBucket', { VectorBucketName: 'kb-vectors', EncryptionConfiguration: { KmsKeyArn: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } } });
    template.hasResourceProperties('AWS::S3Vectors::Index', { Dimension: 256, DistanceMetric: 'cosine' });
    template.hasResourceProperties('AWS::S3Vectors::Index', { Dimension: 1536, DistanceMetric: 'euclidean' });
  });

  test('an existing S3 Vectors index: the role may use it and its key; a warning says what to check', () => {
    const stack = stackIn(REGION);
    const key = kms.Key.fromKeyArn(stack, 'Key', KEY_ARN);
    const kb = new VectorKnowledgeBase(stack, 'Kb', {
      embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
      vectorStore: ExistingVectorStore.fromS3VectorsIndex({ indexArn: INDEX_ARN, encryptionKey: key }),
      applicationLogs: false,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', { StorageConfiguration: { Type: 'S3_VECTORS', S3VectorsConfiguration: { IndexArn: INDEX_ARN } } });
    template.resourceCountIs('AWS::S3Vectors::VectorBucket', 0);
    template.resourceCountIs('AWS::Logs::Delivery', 0);
    expect(kb.node.metadata.map(m => m.data)).toEqual([expect.stringMatching(/^The S3 Vectors index is not created here: check that it holds 1024-dimension float32 vectors/)]);
    expect(() => new VectorKnowledgeBase(stack, 'Bad', {
      embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
      vectorStore: ExistingVectorStore.fromS3VectorsIndex({ indexArn: 'arn:aws:s3:::bucket' }),
    })).toThrow('ExistingVectorStore.fromS3VectorsIndex: indexArn \'arn:aws:s3:::bucket\' is not an S3 Vectors index ARN');
  });

  test('removalPolicy DESTROY reaches the store, index, keys and log group', () => {
    const { stack } = knowledgeBaseStack({ removalPolicy: 'destroy' as any });
    const retained = Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter(r => r.DeletionPolicy === 'Retain').map(r => r.Type);
    expect(retained).toEqual(['AWS::S3::Bucket']);
  });
});

describe('grants', () => {
  const setup = () => {
    const { stack, kb } = knowledgeBaseStack();
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    return { stack, kb, role };
  };
  const identityOf = (stack: any) => new TemplatePolicies(Template.fromStack(stack).toJSON(), {
    region: REGION, accountId: ACCOUNT, getAtts: { 'Kb4174A18D.KnowledgeBaseArn': KB_ARN },
  }).identityPoliciesOf('AppF1B96344');

  test('grantRetrieve: Retrieve on this knowledge base only', async () => {
    const { stack, kb, role } = setup();
    kb.grantRetrieve(role);
    const identity = identityOf(stack);
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/OTHER12345` })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:RetrieveAndGenerate', resource: '*' })).toBe('ImplicitlyDenied');
  });

  test('grantRetrieveAndGenerate: Retrieve here, RetrieveAndGenerate (no resource type: *), and the generation model through its profile', async () => {
    const { stack, kb, role } = setup();
    kb.grantRetrieveAndGenerate(role, CrossRegionInferenceProfile.of(Geography.EU, SONNET_45));
    const identity = identityOf(stack);
    const profile = profileArn(REGION, `eu.${SONNET_45}`);
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:RetrieveAndGenerate', resource: '*' })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: profile })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('eu-west-1', SONNET_45), context: { 'bedrock:InferenceProfileArn': profile } }))
      .toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', SONNET_45), context: { 'bedrock:InferenceProfileArn': profile } }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:StartIngestionJob', resource: KB_ARN })).toBe('ImplicitlyDenied');
  });

  test('grantRetrieve with endpoints: Retrieve only through them; other agent-runtime doors denied outside them too', async () => {
    const { stack, kb, role } = setup();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'AgentRuntime', { vpcEndpointId: 'vpce-0agent', port: 443 });
    kb.grantRetrieve(role, { requireVpcEndpoints: [endpoint] });
    const identity = identityOf(stack);
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const call = (action: string, resource: string, vpce?: string) => evaluate({ identity: [...identity, allowAll] },
      { action, resource, context: { 'aws:ViaAWSService': 'false', ...(vpce ? { 'aws:SourceVpce': vpce } : {}) } });
    expect(await call('bedrock:Retrieve', KB_ARN, 'vpce-0agent')).toBe('Allowed');
    expect(await call('bedrock:Retrieve', KB_ARN)).toBe('ExplicitlyDenied');
    expect(await call('bedrock:InvokeAgent', `arn:aws:bedrock:${REGION}:${ACCOUNT}:agent-alias/AGENT12345/ALIAS12345`, 'vpce-0other')).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN, context: { 'aws:SourceVpce': 'vpce-0agent', 'aws:ViaAWSService': 'false' } }))
      .toBe('Allowed');
  });

  test('grantRetrieveAndGenerate with a guardrail and endpoints: retrieval and generation only through the endpoints, with the guardrail', async () => {
    const { stack, kb, role } = setup();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'AgentRuntime', { vpcEndpointId: 'vpce-0agent', port: 443 });
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', {
      guardrailArn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`, guardrailVersion: '2',
    });
    kb.grantRetrieveAndGenerate(role, CrossRegionInferenceProfile.of(Geography.EU, SONNET_45),
      { requireGuardrail: guardrail, requireVpcEndpoints: [endpoint] });
    const identity = identityOf(stack);
    const call = (action: string, resource: string, context: Record<string, string>) =>
      evaluate({ identity }, { action, resource, context: { 'aws:ViaAWSService': 'false', ...context } });
    expect(await call('bedrock:Retrieve', KB_ARN, { 'aws:SourceVpce': 'vpce-0agent' })).toBe('Allowed');
    expect(await call('bedrock:RetrieveAndGenerate', '*', { 'aws:SourceVpce': 'vpce-0agent' })).toBe('Allowed');
    expect(await call('bedrock:Retrieve', KB_ARN, {})).toBe('ExplicitlyDenied');
    expect(await call('bedrock:RetrieveAndGenerate', '*', { 'aws:SourceVpce': 'vpce-0other' })).toBe('ExplicitlyDenied');
    const profile = profileArn(REGION, `eu.${SONNET_45}`);
    expect(await call('bedrock:InvokeModel', profile, { 'aws:SourceVpce': 'vpce-0agent', 'bedrock:GuardrailIdentifier': `${guardrail.guardrailArn}:2` })).toBe('Allowed');
    expect(await call('bedrock:InvokeModel', profile, { 'aws:SourceVpce': 'vpce-0agent' })).toBe('ExplicitlyDenied');
  });

  test('grantIngest: start, read and list ingestion jobs of this knowledge base', async () => {
    const { stack, kb, role } = setup();
    kb.grantIngest(role);
    const identity = identityOf(stack);
    for (const action of ['bedrock:StartIngestionJob', 'bedrock:GetIngestionJob', 'bedrock:ListIngestionJobs']) {
      expect(await evaluate({ identity }, { action, resource: KB_ARN })).toBe('Allowed');
    }
    expect(await evaluate({ identity }, { action: 'bedrock:StopIngestionJob', resource: KB_ARN })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:StartIngestionJob', resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/OTHER12345` }))
      .toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('ImplicitlyDenied');
  });

  test('an imported knowledge base grants the same', async () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const kb = VectorKnowledgeBase.fromKnowledgeBaseAttributes(stack, 'Imported', { knowledgeBaseArn: KB_ARN });
    expect(kb.knowledgeBaseId).toBe('KB12345678');
    kb.grantRetrieve(role);
    const identity = identityOf(stack);
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('Allowed');
    expect(() => VectorKnowledgeBase.fromKnowledgeBaseAttributes(stack, 'Bad', { knowledgeBaseArn: 'kb-1' })).toThrow(
      'VectorKnowledgeBase.fromKnowledgeBaseAttributes: knowledgeBaseArn \'kb-1\' is not a knowledge base ARN');
  });
});
