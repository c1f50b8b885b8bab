import { Geography } from '../../models/geography';

/**
 * AWS Config custom policy rules (Guard), for what the managed rules leave unchecked. Config evaluates
 * a Guard rule against the configuration item of a recorded resource: `resourceType`, and under
 * `configuration` the resource's properties as CloudFormation names them (the managed rules' own pages
 * name them so: `ServerSideEncryptionConfiguration.KmsKeyArn`, `EncryptionKeyArn`, `NetworkMode`).
 */
export interface GuardRuleEntry {
  /** The construct ID of the Config rule */
  readonly id: string;
  /** The resource type the rule is scoped to */
  readonly resourceType: string;
  /** What the rule reports, for its description */
  readonly description: string;
  /** The Guard policy text */
  readonly policyText: string;
}

/** AC3 where AWS has no managed rule for it: an AgentCore memory without a customer-managed key. */
export function memoryKeyGuardRule(): GuardRuleEntry {
  return {
    id: 'MemoryCustomerManagedKey',
    resourceType: 'AWS::BedrockAgentCore::Memory',
    description: 'NON_COMPLIANT when an AgentCore memory is not encrypted with a customer-managed KMS key (EncryptionKeyArn)',
    policyText: [
      'rule agentcore_memory_customer_managed_key when resourceType == "AWS::BedrockAgentCore::Memory" {',
      '  configuration.EncryptionKeyArn exists',
      '  configuration.EncryptionKeyArn == /^arn:aws[a-z-]*:kms:/',
      '}',
      '',
    ].join('\n'),
  };
}

/**
 * MD1 and MD2 for data sources made outside CDK: a data source that parses documents with a foundation
 * model must name an approved model, directly or through an inference profile of an approved geography.
 */
export function dataSourceParsingModelGuardRule(approvedModels: string[], geographies?: Geography[]): GuardRuleEntry {
  const prefixes = (geographies ?? Geography.all().filter(g => !g.isGlobal)).map(g => escapeRegex(g.prefix));
  const models = [...new Set(approvedModels)].map(escapeRegex);
  const arn = `^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:[0-9]*:(foundation-model\\/(${models.join('|')})|inference-profile\\/(${prefixes.join('|')})\\.(${models.join('|')}))$`;
  return {
    id: 'DataSourceParsingModelApproved',
    resourceType: 'AWS::Bedrock::DataSource',
    description: 'NON_COMPLIANT when a knowledge base data source parses documents with a model that is not approved, or through an inference profile of a geography that is not approved',
    policyText: [
      'rule data_source_parsing_model_approved when resourceType == "AWS::Bedrock::DataSource" {',
      '  configuration.VectorIngestionConfiguration.ParsingConfiguration.BedrockFoundationModelConfiguration.ModelArn not exists or',
      `  configuration.VectorIngestionConfiguration.ParsingConfiguration.BedrockFoundationModelConfiguration.ModelArn == /${arn}/`,
      '}',
      '',
    ].join('\n'),
  };
}

/** Escapes a literal for a Guard (Rust) regex between slashes. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, c => `\\${c}`);
}
