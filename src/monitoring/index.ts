export * from './governance-notifications';
export * from './invocation-logging-alarms';
export * from './invocation-logging-change-rule';
export * from './model-alarms';
export * from './guardrail-intervention-alarm';
export * from './governance-alarms';
export * from './agent-runtime-alarms';
