export * from './delegated-administrator';
export * from './guardrail-policies';
export * from './service-control-policy';
export * from './quarantine-policy';
