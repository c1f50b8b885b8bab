import { RenderedResource } from './context';
import { asArray, flatten, hasPlaceholder, walk } from './values';

/**
 * Where a knowledge base, agent or flow sends the data it is given (MD2): to a store outside AWS, or
 * to a resource in a region outside the approved geographies.
 */

/** Knowledge-base vector stores run by a third party outside AWS (`StorageConfiguration.Type`). */
export const EXTERNAL_STORE_TYPES = ['PINECONE', 'MONGO_DB_ATLAS', 'REDIS_ENTERPRISE_CLOUD'];

/** The resource types whose configuration can send prompts, documents or answers elsewhere. */
export const DATA_FLOW_TYPES = ['AWS::Bedrock::KnowledgeBase', 'AWS::Bedrock::Agent', 'AWS::Bedrock::Flow', 'AWS::Bedrock::FlowVersion', 'AWS::Bedrock::DataSource',
  'AWS::BedrockAgentCore::Harness', 'AWS::BedrockAgentCore::GatewayTarget', 'AWS::BedrockAgentCore::Memory'];

/** Services that receive the data itself (stores, functions, models), as opposed to keys or roles. */
const DATA_SERVICES = ['lambda', 'lex', 'aoss', 'es', 'rds', 's3vectors', 'neptune-graph', 'bedrock', 'bedrock-agentcore', 'kinesis', 'firehose', 'sagemaker', 'redshift', 'redshift-serverless', 'kendra'];

/** The external store a knowledge base uses, if any. */
export function externalStoreOf(res: RenderedResource): string | undefined {
  if (res.type !== 'AWS::Bedrock::KnowledgeBase') return undefined;
  const type = flatten(res.properties.StorageConfiguration?.Type, res.stack);
  return type !== undefined && EXTERNAL_STORE_TYPES.includes(type) ? type : undefined;
}

/** The regions of the data-receiving resources a flow, agent, data source or knowledge base names by ARN. */
export function dataRegionsOf(res: RenderedResource): string[] {
  if (!DATA_FLOW_TYPES.includes(res.type)) return [];
  const regions = new Set<string>();
  walk(res.properties, (_key, value) => {
    if (typeof value === 'object' && value !== null) return;
    for (const text of asArray(flatten(value, res.stack))) {
      for (const m of String(text).matchAll(/arn:(?:<AWS::Partition>|[a-z-]+):([a-z0-9-]+):([^:"\s]*):/g)) {
        const [, service, region] = m;
        if (DATA_SERVICES.includes(service) && region !== '' && !hasPlaceholder(region) && !/[*?]/.test(region)) regions.add(region);
      }
    }
  });
  return [...regions].sort();
}
