export * from './delegated-administrator';
export * from './guardrail-policies';
export * from './service-control-policy';
export * from './organization';
export * from './policy-limits';
export * from './log-archive-protection';
