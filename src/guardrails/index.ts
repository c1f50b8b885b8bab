export * from './content-filter-type';
export * from './guardrail-tier';
export * from './managed-word-list-type';
export * from './pii-entity-type';
export * from './guardrail-policies';
export * from './guardrail-preset';
export * from './guardrail';
export * from './enforced-guardrail';
