import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEvidenceDir } from './read-evidence-dir';
import { runEvidence } from './run-evidence';
import { precisionRecall } from './score-evidence';

// The 26 hand-annotated real articles of ../shared/reference/evidence (not shipped with the repository).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const evidenceDir = path.resolve(repoRoot, '../shared/reference/evidence');
const present = existsSync(path.join(evidenceDir, 'FORMAT.md'));
if (!present) console.warn(`[evidence reference] ${evidenceDir} not found: the evidence scores are skipped.`);

describe.skipIf(!present)('the pipeline on the annotated evidence set', () => {
  it('keeps its scores at least where README reports them', async () => {
    const report = runEvidence(await readEvidenceDir(evidenceDir));
    const t = report.overall.tallies;
    expect(report.cases).toHaveLength(26);
    expect(report.publishedCorrect).toBe(26);
    // Floors just under the figures in packages/ingest/README.md: a regression fails here.
    expect(precisionRecall(t.figures).recall).toBeGreaterThanOrEqual(0.95);
    expect(precisionRecall(t.figures).precision).toBeGreaterThanOrEqual(0.9);
    expect(precisionRecall(t.quotes).recall).toBeGreaterThanOrEqual(0.98);
    expect(precisionRecall(t.quoteSpeakers).recall).toBeGreaterThanOrEqual(0.95);
    expect(precisionRecall(t.quoteSpeakers).precision).toBeGreaterThanOrEqual(0.95);
    expect(precisionRecall(t.events).recall).toBeGreaterThanOrEqual(0.8);
    expect(precisionRecall(t.eventDates).recall).toBeGreaterThanOrEqual(0.9);
    expect(precisionRecall(t.eventDates).precision).toBeGreaterThanOrEqual(0.9);
    expect(precisionRecall(t.events).precision).toBeGreaterThanOrEqual(0.9);
  });
});
