export * from './bedrock-organization-policies';
