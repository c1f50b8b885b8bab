export * from './models';
export * from './access';
