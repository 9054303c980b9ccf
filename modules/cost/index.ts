export * from './account-budget';
export * from './anomaly-detection';
export * from './cost-allocation-tags';
