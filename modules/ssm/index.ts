export * from './parameter-name';
export * from './config-parameter';
export * from './secure-parameter';
