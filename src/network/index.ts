export * from './bedrock-endpoint-service';
export * from './bedrock-private-endpoints';
