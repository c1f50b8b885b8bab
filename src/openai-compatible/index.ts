export * from './openai-compatible-project';
export * from './openai-compatible-access-policy';
