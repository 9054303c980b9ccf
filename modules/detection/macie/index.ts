export * from './macie';
