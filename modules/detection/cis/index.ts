export * from './patterns';
export * from './cis-alarms';
