export * from './features';
export * from './detector';
export * from './organization';
export * from './findings-export';
