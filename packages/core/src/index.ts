export * from './errors';
export * from './scenario';
