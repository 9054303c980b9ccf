export * from './state-backend';
