export * from './cloudtrail-table';
export * from './investigator-role';
export * from './saved-queries';
export * from './trail-reader-statements';
export * from './workgroup';
