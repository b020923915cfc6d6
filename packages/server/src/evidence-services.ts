import { isEntenteError } from '@entente/core';
import { type DocumentMeta, extractFromText, lexiconFromScenario, prepareDocument } from '@entente/ingest';
import type { EvidenceStore } from '@entente/store';
import type { JobContext } from './jobs';
import type { ScenarioRegistry } from './scenario-registry';
import type { IngestBody } from './schemas';

/** Extracts events, quotes and figures from uploaded articles and stores them, one document at a time. */
export async function ingestDocuments(
  store: EvidenceStore,
  registry: ScenarioRegistry,
  body: IngestBody,
  now: () => Date,
  ctx?: JobContext,
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
      const extraction = extractFromText(prepared.text, {
        ...(prepared.meta.published ? { published: prepared.meta.published } : {}),
        ...(lexicon ? { lexicon } : {}),
      });
      const stored = await store.addDocument({ ...prepared, extraction }, now());
      documents.push({
        name: doc.name,
        id: stored.id,
        added: stored.added,
        title: prepared.meta.title ?? null,
        published: prepared.meta.published ?? null,
        events: extraction.events.length,
        quotes: extraction.quotes.length,
        figures: extraction.figures.length,
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
