export * from './scenario-levers';
export * from './smallest-sets';
export * from './validate';
