export * from './standards';
export * from './security-hub';
export * from './organization';
