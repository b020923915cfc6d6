import { EntenteError, isEntenteError } from '@entente/core';
import {
  type DocumentMeta,
  type Extraction,
  extractFromText,
  lexiconFromScenario,
  prepareDocument,
} from '@entente/ingest';
import type { ExtractTask } from '@entente/runtime';
import type { EvidenceStore } from '@entente/store';
import type { JobContext } from './jobs';
import type { ScenarioRegistry } from './scenario-registry';
import type { IngestBody } from './schemas';

/** Extracts one document's evidence, maybe on another thread; `signal` is aborted when its time is up. */
export type DocumentExtractor = (task: ExtractTask, signal: AbortSignal) => Promise<Extraction>;

/** Extraction in this thread (tests, embedding programs): it cannot be interrupted, so no time budget holds it. */
export const extractInThread: DocumentExtractor = async (task) =>
  extractFromText(task.text, {
    ...(task.published ? { published: task.published } : {}),
    ...(task.lexicon ? { lexicon: task.lexicon } : {}),
  });

/** The time one document's extraction may take on the server (a 100 KB article takes well under a second). */
export const DEFAULT_INGEST_TIMEOUT_MS = 30_000;

/** How the server extracts: with what, and within how many milliseconds per document. */
export interface IngestExtraction {
  extract: DocumentExtractor;
  timeoutMs: number;
}

/** Runs one extraction, refusing the document with INGEST_TIMEOUT (and aborting the work) past the budget. */
async function extractWithin(run: IngestExtraction, task: ExtractTask, name: string): Promise<Extraction> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected before aborting: the pool's own abort error must not win the race.
      reject(
        new EntenteError(
          'INGEST_TIMEOUT',
          `Reading ${name} took longer than ${run.timeoutMs / 1000} s; split it or strip what is not prose.`,
          { details: { timeoutMs: run.timeoutMs } },
        ),
      );
      controller.abort();
    }, run.timeoutMs);
  });
  try {
    return await Promise.race([run.extract(task, controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Extracts events, quotes and figures from uploaded articles and stores them, one document at a time. */
export async function ingestDocuments(
  store: EvidenceStore,
  registry: ScenarioRegistry,
  body: IngestBody,
  now: () => Date,
  ctx?: JobContext,
  extraction: IngestExtraction = extractionOf({}),
) {
  const scenario = body.scenario ? registry.usable(body.scenario).scenario : undefined;
  const lexicon = scenario ? lexiconFromScenario(scenario) : undefined;
  const documents: {
    name: string;
    id: string;
    added: boolean;
    title: string | null;
    published: string | null;
    events: number;
    quotes: number;
    figures: number;
  }[] = [];
  const failed: { name: string; code: string; message: string }[] = [];
  for (const [i, doc] of body.documents.entries()) {
    try {
      const overrides: DocumentMeta = {};
      if (doc.title) overrides.title = doc.title;
      if (doc.published) overrides.published = doc.published;
      if (doc.outlet) overrides.outlet = doc.outlet;
      if (doc.url) overrides.url = doc.url;
      const prepared = prepareDocument(doc.name, doc.content, overrides);
      const found = await extractWithin(
        extraction,
        {
          text: prepared.text,
          ...(prepared.meta.published ? { published: prepared.meta.published } : {}),
          ...(lexicon ? { lexicon } : {}),
        },
        doc.name,
      );
      const stored = await store.addDocument({ ...prepared, extraction: found }, now());
      documents.push({
        name: doc.name,
        id: stored.id,
        added: stored.added,
        title: prepared.meta.title ?? null,
        published: prepared.meta.published ?? null,
        events: found.events.length,
        quotes: found.quotes.length,
        figures: found.figures.length,
      });
    } catch (error) {
      // One bad article must not sink the batch; input problems are reported per document.
      if (!isEntenteError(error) || error.kind !== 'input') throw error;
      failed.push({ name: doc.name, code: error.code, message: error.message });
    }
    ctx?.progress((i + 1) / body.documents.length, 'ingest');
    if (ctx) await ctx.yield();
  }
  return { documents, failed };
}

/** Where the app extracts documents (worker threads under `entente serve`, else this thread) and within what budget. */
export function extractionOf(deps: {
  extractDocument?: DocumentExtractor | undefined;
  ingestTimeoutMs?: number | undefined;
}): IngestExtraction {
  return {
    extract: deps.extractDocument ?? extractInThread,
    timeoutMs: deps.ingestTimeoutMs ?? DEFAULT_INGEST_TIMEOUT_MS,
  };
}
