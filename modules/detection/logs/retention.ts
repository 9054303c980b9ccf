/** The CloudWatch Logs retention rules live in the leaf `modules/core/retention.ts`; re-exported for this module's API. */
export * from '../../core/retention';
