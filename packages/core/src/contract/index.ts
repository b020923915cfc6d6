export * from './engine-contract';
