export * from './builtin';
export * from './describe-params';
export * from './param-forms';
export * from './registry';
export * from './report-sections';
export * from './run-engine';
export * from './scenario-input';
export * from './types';
