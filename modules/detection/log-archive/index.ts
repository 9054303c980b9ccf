/** The log-archive bucket statements moved to `modules/log-archive`; re-exported here for existing importers. */
export * from '../../log-archive/bucket-statements';
