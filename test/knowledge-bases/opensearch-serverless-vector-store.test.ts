import { App, LegacyStackSynthesizer, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './fixtures';
import {
  EmbeddingModel, ExistingVectorStore, OpenSearchNetworkAccess, OpenSearchServerlessVectorStore, VectorDataType, VectorKnowledgeBase,
} from '../../src/knowledge-bases';
import { stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance } from '../support/nag';

function openSearchKnowledgeBase(storeProps: Record<string, unknown> = {}, dataType = VectorDataType.FLOAT32) {
  const stack = stackIn(REGION);
  const store = new OpenSearchServerlessVectorStore(stack, 'Store', storeProps);
  const kb = new VectorKnowledgeBase(stack, 'Kb', {
    embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), dimensions: 512, vectorDataType: dataType, vectorStore: store,
  });
  return { stack, store, kb, template: Template.fromStack(stack) };
}

const policyOf = (template: Template, type: string) =>
  JSON.parse(Stack.of(new Stack()).resolve(Object.values<any>(template.findResources(type)).map(r => r.Properties)[0]).Policy ?? 'null');

describe('OpenSearchServerlessVectorStore', () => {
  const { template } = openSearchKnowledgeBase();

  test('zero Lambda functions: the index is AWS::OpenSearchServerless::Index', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::OpenSearchServerless::Index', 1);
  });

  test('a VECTORSEARCH collection without standby replicas, after its encryption and network policies, retained', () => {
    template.hasResource('AWS::OpenSearchServerless::Collection', {
      Properties: { Name: 'stack-store-2ddc780c', Type: 'VECTORSEARCH', StandbyReplicas: 'DISABLED' },
      DependsOn: ['StoreEncryptionPolicyEDC7A6BC', 'StoreNetworkPolicy38EF0B30'],
      DeletionPolicy: 'Retain',
    });
  });

  test('the encryption policy names the customer-managed key', () => {
    template.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', {
      Name: 'stack-store-2ddc780c',
      Type: 'encryption',
      Policy: {
        'Fn::Join': ['', [
          '{"Rules":[{"ResourceType":"collection","Resource":["collection/stack-store-2ddc780c"]}],"AWSOwnedKey":false,"KmsARN":"',
          { 'Fn::GetAtt': ['StoreKey7A3C02BD', 'Arn'] },
          '"}',
        ]],
      },
    });
  });

  test('the network policy is private: Bedrock only, never public', () => {
    template.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', {
      Type: 'network',
      Policy: '[{"Description":"Amazon Bedrock and the given VPC endpoints only","Rules":[{"ResourceType":"collection","Resource":["collection/stack-store-2ddc780c"]}],' +
        '"AllowFromPublic":false,"SourceServices":["bedrock.amazonaws.com"]}]',
    });
  });

  test('the data access policy names the knowledge-base role (documents) and the deployment role (indexes)', () => {
    const policy = Object.values<any>(template.findResources('AWS::OpenSearchServerless::AccessPolicy'))[0].Properties.Policy;
    const text = JSON.stringify(policy);
    expect(text).toContain('\\"Principal\\":[\\"');
    expect(text).toContain('KbRole7CB8B096');
    expect(text).toContain(`:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${REGION}`);
    expect(text).toContain('aoss:ReadDocument');
    expect(text).toContain('aoss:CreateIndex');
  });

  test('the index: knn_vector of the model\'s dimensions, faiss hnsw, text and metadata fields', () => {
    template.hasResource('AWS::OpenSearchServerless::Index', {
      Properties: {
        CollectionEndpoint: { 'Fn::GetAtt': ['Store1D2A845B', 'CollectionEndpoint'] },
        IndexName: Match.stringLikeRegexp('^[a-z]'),
        Settings: { Index: { Knn: true } },
        Mappings: {
          Properties: {
            'bedrock-knowledge-base-default-vector': { Type: 'knn_vector', Dimension: 512, Method: { Name: 'hnsw', Engine: 'faiss', SpaceType: 'innerproduct' } },
            'AMAZON_BEDROCK_TEXT_CHUNK': { Type: 'text', Index: true },
            'AMAZON_BEDROCK_METADATA': { Type: 'text', Index: false },
          },
        },
      },
      DependsOn: ['StoreDataAccessPolicy60B41AB0', 'Store1D2A845B'],
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      StorageConfiguration: {
        Type: 'OPENSEARCH_SERVERLESS',
        OpensearchServerlessConfiguration: {
          CollectionArn: { 'Fn::GetAtt': ['Store1D2A845B', 'Arn'] },
          FieldMapping: { VectorField: 'bedrock-knowledge-base-default-vector', TextField: 'AMAZON_BEDROCK_TEXT_CHUNK', MetadataField: 'AMAZON_BEDROCK_METADATA' },
        },
      },
    });
  });

  test('the role may call the collection\'s data plane, and no other collection', async () => {
    const collection = `arn:aws:aoss:${REGION}:${ACCOUNT}:collection/abcdefghij1234567890`;
    const identity = new TemplatePolicies(template.toJSON(), {
      region: REGION, accountId: ACCOUNT, getAtts: { 'Store1D2A845B.Arn': collection },
    }).identityPoliciesOf('KbRole7CB8B096');
    expect(await evaluate({ identity }, { action: 'aoss:APIAccessAll', resource: collection })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'aoss:APIAccessAll', resource: `arn:aws:aoss:${REGION}:${ACCOUNT}:collection/other` })).toBe('ImplicitlyDenied');
    expect(await evaluate({ identity }, { action: 'aoss:DeleteCollection', resource: collection })).toBe('ImplicitlyDenied');
  });

  test('binary vectors: hamming space', () => {
    const { template: t } = openSearchKnowledgeBase({}, VectorDataType.BINARY);
    t.hasResourceProperties('AWS::OpenSearchServerless::Index', {
      Mappings: { Properties: { 'bedrock-knowledge-base-default-vector': { Type: 'knn_vector', DataType: 'binary', Method: { SpaceType: 'hamming' } } } },
    });
  });

  test('standby replicas, VPC endpoints, a name', () => {
    const { template: t } = openSearchKnowledgeBase({
      collectionName: 'claims-kb', standbyReplicas: true, networkAccess: OpenSearchNetworkAccess.fromVpcEndpoints(['vpce-0123456789abcdef0']),
    });
    t.hasResourceProperties('AWS::OpenSearchServerless::Collection', { Name: 'claims-kb', StandbyReplicas: 'ENABLED' });
    t.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', {
      Type: 'network',
      Policy: Match.stringLikeRegexp('"AllowFromPublic":false,"SourceServices":\\["bedrock.amazonaws.com"\\],"SourceVPCEs":\\["vpce-0123456789abcdef0"\\]'),
    });
  });

  test('public access only with the explicit opt-in, and then with a warning', () => {
    expect(() => openSearchKnowledgeBase({ networkAccess: OpenSearchNetworkAccess.PUBLIC })).toThrow(
      'OpenSearchServerlessVectorStore: networkAccess is OpenSearchNetworkAccess.PUBLIC, which makes the collection reachable from the internet: ' +
      'use OpenSearchNetworkAccess.BEDROCK_ONLY or fromVpcEndpoints([...]), or set allowPublicNetworkAccess: true to opt in explicitly');
    const { template: t, store } = openSearchKnowledgeBase({ networkAccess: OpenSearchNetworkAccess.PUBLIC, allowPublicNetworkAccess: true });
    t.hasResourceProperties('AWS::OpenSearchServerless::SecurityPolicy', { Type: 'network', Policy: Match.stringLikeRegexp('"AllowFromPublic":true') });
    expect(store.node.metadata.map(m => m.data)).toEqual([expect.stringContaining('is reachable from the internet')]);
  });

  test('bad names, endpoint IDs and an unknown deployment role are refused together', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: REGION }, synthesizer: new LegacyStackSynthesizer() });
    expect(() => new OpenSearchServerlessVectorStore(stack, 'Store', {
      collectionName: 'Claims_KB', networkAccess: OpenSearchNetworkAccess.fromVpcEndpoints(['endpoint-1']),
    })).toThrow(
      'OpenSearchServerlessVectorStore:\n' +
      '  - collectionName \'Claims_KB\' is not allowed: use 3 to 32 lowercase letters, digits and hyphens, starting with a letter\n' +
      '  - networkAccess VPC endpoint \'endpoint-1\' is not an OpenSearch Serverless VPC endpoint ID (vpce-...)\n' +
      '  - the stack does not use DefaultStackSynthesizer, so the role CloudFormation deploys with is unknown: pass deploymentRoleArn (the data access policy lets it create the index)');
  });

  test('an existing OpenSearch Serverless index', () => {
    const stack = stackIn(REGION);
    new VectorKnowledgeBase(stack, 'Kb', {
      embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
      vectorStore: ExistingVectorStore.fromOpenSearchServerlessIndex({ collectionArn: `arn:aws:aoss:${REGION}:${ACCOUNT}:collection/abc123def456`, vectorIndexName: 'kb' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      StorageConfiguration: { Type: 'OPENSEARCH_SERVERLESS', OpensearchServerlessConfiguration: { VectorIndexName: 'kb' } },
    });
  });

  test('the four cdk-nag packs: no violation, no acknowledgement', () => {
    const { store, kb } = openSearchKnowledgeBase();
    for (const scope of [store, kb]) {
      expect(checkCompliance(scope)).toEqual({ violations: [], acknowledgements: [] });
    }
  });

  test('aws-cdk-lib\'s CloudFormation schema validator finds nothing', () => {
    expect(() => expectValidCloudFormation(openSearchKnowledgeBase().stack)).not.toThrow();
  });
});
void policyOf;
