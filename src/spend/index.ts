export * from './budget-scope';
export * from './bedrock-budget';
export * from './bedrock-spend-stop';
export * from './bedrock-spend-anomaly-monitor';
export * from './bedrock-organization-spend-stop';
