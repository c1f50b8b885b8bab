export * from './governance-notifications';
