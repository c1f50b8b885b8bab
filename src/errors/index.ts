export * from './error-code';
export * from './bedrock-landing-zone-errors';
