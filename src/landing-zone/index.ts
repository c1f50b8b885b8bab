export * from './governance-profile';
export * from './approved-model';
export * from './bedrock-landing-zone';
export * from './approved-model-limits';
