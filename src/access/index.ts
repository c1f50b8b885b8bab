export * from './model-access-policy';
export * from './sealed-managed-policy';
