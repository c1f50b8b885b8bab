export * from './bedrock-detective-controls';
export * from './detective-counterparts';
export * from './config-recorder';
export * from './security-hub-controls';
export * from './bedrock-organization-detective-controls';
export * from './bedrock-setting-restore';
