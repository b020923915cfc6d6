import { extractFromText } from '../extract';
import { prepareDocument } from '../prepare-document';
import type { DocumentMeta, ScenarioLexicon } from '../types';
import type { EvidenceCase } from './evidence-case';
import {
  addScore,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type EvidenceScore,
  emptyScore,
  precisionRecall,
  scoreEvidenceCase,
} from './score-evidence';

/** One case's result: what the pipeline inferred as publication date, and its score. */
export interface EvidenceCaseResult {
  name: string;
  published: string | null;
  expectedPublished: string | null;
  /** Whether the publication date is right: the expected one, an accepted alternative, or none where none is known. */
  publishedRight: boolean;
  score: EvidenceScore;
}

/** The whole set's result: per case and micro-averaged. */
export interface EvidenceReport {
  cases: EvidenceCaseResult[];
  overall: EvidenceScore;
  /** Cases whose publication date is right, `null` included (no date where none is knowable). */
  publishedCorrect: number;
}

/**
 * Runs the ingest pipeline on one case as `entente ingest` would: the header's store date and URL
 * are the metadata a caller passes; everything else comes from the text.
 */
export function runEvidenceCase(c: EvidenceCase, lexicon?: ScenarioLexicon): EvidenceCaseResult {
  const overrides: DocumentMeta = {};
  if (c.date) overrides.published = c.date;
  if (c.url) overrides.url = c.url;
  const doc = prepareDocument(`${c.name}.txt`, c.body, overrides);
  const published = doc.meta.published ?? null;
  // Offsets are scored against the body; a preparation that changed the text would misplace every span.
  const text = doc.text === c.body ? doc.text : c.body;
  const extraction = extractFromText(text, { ...(published ? { published } : {}), ...(lexicon ? { lexicon } : {}) });
  return {
    name: c.name,
    published,
    expectedPublished: c.expected.publication_date,
    publishedRight:
      published === c.expected.publication_date ||
      (published !== null && (c.expected.publication_date_alternatives ?? []).includes(published)),
    score: scoreEvidenceCase(c, { published, extraction }),
  };
}

/** Runs and scores every case, then micro-averages. */
export function runEvidence(cases: EvidenceCase[], lexicon?: ScenarioLexicon): EvidenceReport {
  const results = cases.map((c) => runEvidenceCase(c, lexicon));
  const overall = emptyScore();
  for (const r of results) addScore(overall, r.score);
  const publishedCorrect = results.filter((r) => r.publishedRight).length;
  return { cases: results, overall, publishedCorrect };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A plain-text table of the report: one line per case, then the overall precision and recall. */
export function formatEvidenceReport(report: EvidenceReport): string {
  const head = ['case', 'published', ...EVIDENCE_KINDS.filter((k) => k !== 'published').map((k) => `${k} P/R`)];
  const row = (score: EvidenceScore, k: EvidenceKind) => {
    const t = score.tallies[k];
    const { precision, recall } = precisionRecall(t);
    return `${pct(precision)}/${pct(recall)} (${t.tp}/${t.tp + t.fp}/${t.tp + t.fn})`;
  };
  const lines = [head.join('  ')];
  for (const r of report.cases) {
    const ok = r.publishedRight ? 'ok' : `${r.published ?? 'none'}≠${r.expectedPublished ?? 'none'}`;
    lines.push(
      [
        r.name.slice(0, 28).padEnd(28),
        ok.padEnd(24),
        ...EVIDENCE_KINDS.filter((k) => k !== 'published').map((k) => row(r.score, k)),
      ].join('  '),
    );
  }
  const o = report.overall;
  const d = o.diagnostics;
  lines.push('', `overall (${report.cases.length} cases, micro-averaged; precision/recall (hits/found/expected)):`);
  for (const k of EVIDENCE_KINDS) lines.push(`  ${k.padEnd(14)} ${row(o, k)}`);
  lines.push(
    `  publication date right (null included): ${report.publishedCorrect}/${report.cases.length}`,
    `  over ${d.pairedEvents} paired events: date right when truncated ${pct(d.lenientDates / (d.pairedEvents || 1))}, status class ${pct(d.status / (d.pairedEvents || 1))}, type ${pct(d.type / (d.pairedEvents || 1))}`,
  );
  return `${lines.join('\n')}\n`;
}
