export * from './models';
export * from './access';
export * from './logging';
