export * from './domain-name';
export * from './rule-capacity';
export * from './segment-rules';
export * from './subnet-layout';
export * from './firewall';
export * from './inspection-vpc';
export * from './network-inspection';
