export * from './residency-route';
export * from './residency-map';
