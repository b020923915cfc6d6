export * from './answer-probabilities';
export * from './answer-rule';
export * from './exact-utility';
export * from './fit-answer-model';
export * from './package-acceptance';
export * from './package-points';
export * from './zone-rule';
