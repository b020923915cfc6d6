export {
  type DatabaseTarget,
  defaultDatabasePath,
  describeTarget,
  resolveDatabaseTarget,
  type TargetInputs,
} from './database-target';
export { type OpenDatabase, openDatabase } from './open-database';
export type { Database, Dialect } from './schema';
export {
  type DocumentToStore,
  dateRange,
  documentIdOf,
  EvidenceStore,
  type SearchHit,
  type StoredDocument,
  type TimelineEvent,
  type TimelineFilter,
} from './store';
export { type StoredSweepBlock, type StoredSweepDefinition, SweepStore } from './sweep-store';
