export * from './bedrock-organization-policies';
export * from './organization-guardrail-policy';
export * from './bedrock-organization-policies-props';
