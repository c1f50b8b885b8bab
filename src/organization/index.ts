export * from './bedrock-organization-policies';
export * from './organization-guardrail-policy';
