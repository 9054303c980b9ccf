export * from './regions';
export * from './schema';
export * from './input-schema';
export * from './errors';
export * from './organization';
export * from './load';
