export * from './inspector';
