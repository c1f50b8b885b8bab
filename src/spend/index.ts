export * from './budget-scope';
export * from './bedrock-budget';
export * from './spend-stop-approval';
export * from './spend-stop-options';
export * from './bedrock-spend-stop';
export * from './bedrock-spend-anomaly-monitor';
export * from './bedrock-organization-spend-stop';
