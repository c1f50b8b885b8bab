export * from './data-retention-mode';
export * from './bedrock-data-retention';
