import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './schema';

// Migrations are typed against `any` on purpose: they describe the schema before the types exist.
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema applies
type AnyDb = Kysely<any>;

function idColumn(dialect: Dialect) {
  return dialect === 'postgres' ? 'serial' : 'integer';
}

/** The schema's migrations, in order; names sort in the order they run (see migrate.ts for the runner). */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const id = idColumn(dialect);
  const autoId = (col: import('kysely').ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement();
  return {
    '0001_documents_and_items': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('documents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('content_hash', 'text', (c) => c.notNull().unique())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('outlet', 'text')
          .addColumn('url', 'text')
          .addColumn('published', 'text')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        const perDocument = (table: string) =>
          db.schema
            .createTable(table)
            .addColumn('id', id, autoId)
            .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
            .addColumn('sentence_idx', 'integer', (c) => c.notNull());
        await db.schema
          .createTable('sentences')
          .addColumn('id', id, autoId)
          .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
          .addColumn('idx', 'integer', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addUniqueConstraint('sentences_document_idx', ['document_id', 'idx'])
          .execute();
        await db.schema
          .createTable('events')
          .addColumn('id', id, autoId)
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('precision', 'text', (c) => c.notNull())
          .addColumn('date_start', 'text', (c) => c.notNull())
          .addColumn('date_end', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_key').on('events').columns(['date', 'precision', 'type']).execute();
        await db.schema.createIndex('events_start').on('events').columns(['date_start']).execute();
        await perDocument('event_sources')
          .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('date_text', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('event_sources_event').on('event_sources').column('event_id').execute();
        await perDocument('quotes')
          .addColumn('speaker', 'text')
          .addColumn('speaker_actor', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .execute();
        await perDocument('figures')
          .addColumn('value', 'double precision')
          .addColumn('min_value', 'double precision')
          .addColumn('max_value', 'double precision')
          .addColumn('unit', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .execute();
        await perDocument('actor_mentions')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('links')
          .addColumn('id', id, autoId)
          .addColumn('item_kind', 'text', (c) => c.notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull())
          .addColumn('document_id', 'text', (c) => c.references('documents.id').onDelete('cascade'))
          .addColumn('target_kind', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('links_item').on('links').columns(['item_kind', 'item_id']).execute();
        await db.schema.createIndex('links_target').on('links').columns(['target_kind', 'target_id']).execute();
        for (const table of ['quotes', 'figures', 'actor_mentions', 'event_sources']) {
          await db.schema.createIndex(`${table}_document`).on(table).column('document_id').execute();
        }
      },
      async down(db: AnyDb) {
        for (const table of [
          'links',
          'actor_mentions',
          'figures',
          'quotes',
          'event_sources',
          'events',
          'sentences',
          'documents',
        ]) {
          await db.schema.dropTable(table).ifExists().execute();
        }
      },
    },
    '0002_full_text_search': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('search_entries')
          .addColumn('id', id, autoId)
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull())
          .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
        if (dialect === 'postgres') {
          await sql`ALTER TABLE search_entries ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED`.execute(
            db,
          );
          await sql`CREATE INDEX search_entries_tsv ON search_entries USING GIN (tsv)`.execute(db);
        } else {
          // An external-content FTS5 index kept in step with search_entries by triggers.
          await sql`CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_entries', content_rowid='id', tokenize='porter unicode61')`.execute(
            db,
          );
          await sql`CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END`.execute(
            db,
          );
          await sql`CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END`.execute(
            db,
          );
        }
      },
      async down(db: AnyDb) {
        if (dialect === 'sqlite') await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
        await db.schema.dropTable('search_entries').ifExists().execute();
      },
    },
    '0003_event_merge_key': {
      // Only events with actors can merge; keying them lets a lookup skip the actorless ones,
      // which otherwise pile up under common dates and make every insert slower.
      async up(db: AnyDb) {
        await db.schema.alterTable('events').addColumn('merge_key', 'text').execute();
        await sql`UPDATE events SET merge_key = date || '|' || precision || '|' || type
          WHERE EXISTS (SELECT 1 FROM links WHERE links.item_kind = 'event' AND links.item_id = events.id AND links.target_kind = 'actor')`.execute(
          db,
        );
        await db.schema.createIndex('events_merge_key').on('events').column('merge_key').execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropIndex('events_merge_key').execute();
        await db.schema.alterTable('events').dropColumn('merge_key').execute();
      },
    },
    '0004_fts_rows_written_by_the_store': {
      // An FTS5 insert fired from a trigger costs several times a direct insert (measured: ~50 µs
      // against ~7 µs a row), so on SQLite the store writes the index rows itself.
      async up(db: AnyDb) {
        if (dialect === 'sqlite') await sql`DROP TRIGGER IF EXISTS search_entries_ai`.execute(db);
      },
      async down(db: AnyDb) {
        if (dialect === 'sqlite')
          await sql`CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END`.execute(
            db,
          );
      },
    },
    '0005_event_status': {
      // Planned, hypothetical and denied events are kept, marked, rather than dropped; they merge
      // only with events of the same status (a ruled-out ceasefire is not the ceasefire).
      async up(db: AnyDb) {
        await db.schema
          .alterTable('events')
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('reported'))
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.alterTable('events').dropColumn('status').execute();
      },
    },
    '0006_sweep_blocks': {
      // Queued sweeps: the definition workers load, and one row per finished block, keyed by
      // (sweep, block) so a block run twice (a crash, a lost lock) is stored once.
      async up(db: AnyDb) {
        await db.schema
          .createTable('sweeps')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('engine', 'text', (c) => c.notNull())
          .addColumn('definition', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sweep_blocks')
          .addColumn('sweep_id', 'text', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
          .addColumn('block', 'integer', (c) => c.notNull())
          .addColumn('run_from', 'integer', (c) => c.notNull())
          .addColumn('run_to', 'integer', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('worker', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('sweep_blocks_pk', ['sweep_id', 'block'])
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropTable('sweep_blocks').ifExists().execute();
        await db.schema.dropTable('sweeps').ifExists().execute();
      },
    },
    '0007_report_background': {
      // A report that tells an event as the story's background (long before it, or in the past perfect) is
      // flagged, so a timeline can show the news apart: an event is background when every report says so.
      async up(db: AnyDb) {
        await db.schema
          .alterTable('event_sources')
          .addColumn('background', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.alterTable('event_sources').dropColumn('background').execute();
      },
    },
  };
}
