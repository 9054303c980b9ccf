export * from './bucket-statements';
