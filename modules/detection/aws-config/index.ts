export * from './managed-rules';
export * from './delivery-statements';
export * from './recorder';
export * from './rules';
export * from './conformance-pack';
export * from './aggregator';
