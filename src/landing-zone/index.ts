export * from './governance-profile';
export * from './approved-model';
export * from './bedrock-landing-zone';
export * from './bedrock-landing-zone-props';
export * from './landing-zone-stack-protection';
export * from './landing-zone-spend';
export * from './approved-model-limits';
