export * from './openai-compatible-access-policy';
