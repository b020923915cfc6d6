export * from '../scenario/vocabulary';
export * from './analyze-scenario';
export * from './format-table';
export * from './gmcr-section';
export * from './render-analysis';
export * from './space-section';
export * from './summary';
