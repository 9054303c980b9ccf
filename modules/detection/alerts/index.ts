export * from './alert-topic';
export * from './alert-rule';
export * from './finding-patterns';
export * from './guardduty-alert-rule';
export * from './security-hub-alert-rule';
