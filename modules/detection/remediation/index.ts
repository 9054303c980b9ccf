export * from './config-remediation';
export * from './containment-runbooks';
export * from './execution-role';
export * from './guardduty-containment';
export * from './runbooks';
