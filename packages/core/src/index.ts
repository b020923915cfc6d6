export * from './errors';
export * from './scenario';
export * from './gmcr';
export * from './report';
export * from './random';
export * from './contract';
export * from './space';
export * from './genius';
