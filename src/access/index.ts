export * from './model-access-policy';
