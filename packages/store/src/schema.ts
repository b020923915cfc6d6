import type { Generated } from 'kysely';

/** Which SQL engine a store runs on. */
export type Dialect = 'sqlite' | 'postgres';

export interface DocumentsTable {
  /** First 16 hex digits of the content hash: stable across databases. */
  id: string;
  content_hash: string;
  source: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  format: string;
  text: string;
  ingested_at: string;
}

export interface SentencesTable {
  id: Generated<number>;
  document_id: string;
  idx: number;
  start_offset: number;
  end_offset: number;
  text: string;
}

export interface EventsTable {
  id: Generated<number>;
  date: string;
  precision: string;
  /** First and last day the date covers, for range filters and ordering. */
  date_start: string;
  date_end: string;
  type: string;
  /** reported | planned | hypothetical | denied. */
  status: string;
  summary: string;
  /** `date|precision|type` (plus `|status` when not reported) for events with actors (the only ones that can merge), else null. */
  merge_key: string | null;
}

export interface EventSourcesTable {
  id: Generated<number>;
  event_id: number;
  document_id: string;
  sentence_idx: number;
  start_offset: number;
  end_offset: number;
  text: string;
  date_text: string;
  /** 1 when this report tells the event as the story's background (migration 0007). */
  background: Generated<number>;
}

export interface QuotesTable {
  id: Generated<number>;
  document_id: string;
  sentence_idx: number;
  speaker: string | null;
  speaker_actor: string | null;
  text: string;
  start_offset: number;
  end_offset: number;
}

export interface FiguresTable {
  id: Generated<number>;
  document_id: string;
  sentence_idx: number;
  value: number | null;
  min_value: number | null;
  max_value: number | null;
  unit: string;
  kind: string;
  text: string;
  start_offset: number;
  end_offset: number;
}

export interface ActorMentionsTable {
  id: Generated<number>;
  document_id: string;
  sentence_idx: number;
  text: string;
  actor: string | null;
  kind: string;
  start_offset: number;
  end_offset: number;
}

/** Links from an item (event, quote, sentence) to a scenario actor, an NLP name or an issue. */
export interface LinksTable {
  id: Generated<number>;
  item_kind: string;
  item_id: number;
  document_id: string | null;
  target_kind: string;
  target_id: string;
}

/** Rows the full-text index covers: sentences and quotes. */
export interface SearchEntriesTable {
  id: Generated<number>;
  kind: string;
  item_id: number;
  document_id: string;
  start_offset: number;
  end_offset: number;
  text: string;
}

/** A queued sweep's definition (engine, sources, parameters, seed, runs, block size) as JSON. */
export interface SweepsTable {
  id: string;
  engine: string;
  definition: string;
  created_at: string;
}

/** One finished block of a sweep; (sweep_id, block) is the primary key. */
export interface SweepBlocksTable {
  sweep_id: string;
  block: number;
  run_from: number;
  run_to: number;
  /** The engine's block result as JSON. */
  result: string;
  /** Which worker wrote it (host:pid). */
  worker: string;
  finished_at: string;
}

export interface Database {
  documents: DocumentsTable;
  sentences: SentencesTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
  quotes: QuotesTable;
  figures: FiguresTable;
  actor_mentions: ActorMentionsTable;
  links: LinksTable;
  search_entries: SearchEntriesTable;
  sweeps: SweepsTable;
  sweep_blocks: SweepBlocksTable;
}
