export * from './provisioned-throughput';
