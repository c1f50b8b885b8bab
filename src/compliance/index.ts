export * from './bedrock-governance-checks';
