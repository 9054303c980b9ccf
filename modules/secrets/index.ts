export * from './secret';
export * from './write-only-variable';
