export * from './analyze';
export * from './case-format';
export * from './coalitions';
export { compileModel, enumerateStates, MAX_OPTIONS, movesFrom, patternOf, validateModel } from './compile';
export * from './definitional';
export * from './explain';
export { compileExpr, formatExpr, parseStatement, StatementSyntaxError } from './expr';
export * from './gmcr-engine';
export * from './gmcrpy-format';
export { GMCR_LIMITS } from './limits';
export { fromPortableGraph, type PortableGraph, toPortableGraph } from './portable-graph';
export * from './scenario-section';
export {
  allocateSimPlan,
  fillSimPlan,
  type PlanBuffer,
  type SeqContext,
  type SimPlan,
  type SimStrategy,
  simFlagsInRange,
  simPlan,
  simultaneousStability,
} from './sim';
export * from './stability';
export * from './status-quo';
export * from './synthetic';
export * from './types';
