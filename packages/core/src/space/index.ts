export { analyzeSpace, type SpaceAnalysis, type SpaceAnalyzeOptions } from './analyze';
export { type ClosestAcceptable, type ClosestOptions, closestAcceptable } from './closest';
export { enumerateUtilities, type UtilityChunk } from './enumerate';
export {
  type Frontier,
  type FrontierOptions,
  frontierOfOutcomes,
  MAX_FRONTIER_POINTS,
  paretoFrontier,
} from './frontier';
export {
  analyzeWithLevers,
  applySpaceLevers,
  findOpeningLevers,
  type LeverApplication,
  type OpeningCombination,
  type OpeningLeverOptions,
  type OpeningLeversResult,
} from './levers';
export {
  findPartialDeals,
  type PartialDeal,
  type PartialDealOptions,
  type PartialDealSearch,
  type PartialDealsResult,
  searchPartialDeals,
} from './partial';
export {
  decodeOutcome,
  encodeOutcome,
  type PreparedParty,
  type PreparedSpace,
  prepareSpace,
  ratioToNumber,
} from './prepared';
export { countPackages, existsPackage, forEachPackage, type SearchOptions, type Threshold } from './search';
export { bargainingSolutions, describePackage, type SolutionOptions } from './solutions';
export {
  analyzeSpaceSplit,
  runSpaceTask,
  type SpaceSplitter,
  type SpaceTask,
  type SpaceTaskResult,
  splitSpace,
} from './split';
export { decodeTerms, type IssueOptions } from './terms';
export * from './types';
export {
  type BlockingIssue,
  blockingIssues,
  countZone,
  type Shortfall,
  shortfalls,
  summarizeZone,
  type ZoneSummary,
  zoneExists,
} from './zone';
export { zoneOutcomes } from './zone-sample';
