export * from './secure-bucket';
export * from './access-log-delivery';
