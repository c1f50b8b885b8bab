export * from './guardrail-policies';
export * from './guardrail-preset';
export * from './guardrail';
export * from './enforced-guardrail';
