export * from './contract';
export * from './errors';
export * from './genius';
export * from './gmcr';
export * from './random';
export * from './report';
export * from './scenario';
export * from './space';
