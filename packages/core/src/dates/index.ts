export * from '../scenario/partial-date';
export * from './timeline-merge';
