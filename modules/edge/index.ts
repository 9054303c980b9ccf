export * from './firewall-manager-admin';
export * from './policy-scope';
export * from './waf-policy';
export * from './security-group-audit-policy';
export * from './shield-resource-arn';
export * from './shield-advanced';
