export * from './models';
export * from './access';
export * from './logging';
export * from './network';
export * from './guardrails';
export * from './throughput';
export * from './landing-zone';
export * from './knowledge-bases';
