export * from './geography';
export * from './invokable';
export * from './guardrail-reference';
export * from './foundation-model';
export * from './cross-region-inference-profile';
export * from './application-inference-profile';
export * from './provisioned-model';
export * from './custom-model';
