export * from './bucket-statements';
export * from './log-archive';
export * from './names';
export * from './key-statements';
