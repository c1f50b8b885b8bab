export * from './budget-scope';
export * from './bedrock-budget';
export * from './bedrock-spend-stop';
