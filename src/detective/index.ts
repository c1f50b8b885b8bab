export * from './bedrock-detective-controls';
export * from './detective-counterparts';
