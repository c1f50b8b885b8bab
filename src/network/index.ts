export * from './bedrock-endpoint-service';
export * from './governed-vpc';
export * from './bedrock-private-endpoints-props';
export * from './bedrock-private-endpoints';
