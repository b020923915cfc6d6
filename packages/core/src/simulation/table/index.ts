export * from './additive-front';
export * from './scenario-table';
