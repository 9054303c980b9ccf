export * from './security-contact';
