export * from './account-assignment';
export * from './permission-set';
