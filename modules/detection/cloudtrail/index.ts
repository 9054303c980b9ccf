export * from './trail';
export * from './bucket-statements';
