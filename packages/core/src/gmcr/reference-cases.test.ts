import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGmcrCase } from './case-format';
import { analyzePartition } from './coalitions';
import { compileModel, movesFrom } from './compile';
import { analyzeStability, equilibriaOf } from './stability';
import { syntheticRankings } from './synthetic';
import { CONCEPTS, type Concept } from './types';

const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/reference/gmcr',
);
const HAS_REFERENCE = existsSync(path.join(REFERENCE_DIR, 'INDEX.json'));

if (!HAS_REFERENCE) console.warn(`gmcr reference cases not found at ${REFERENCE_DIR}; skipping`);

const MAX_STATES_IN_UNIT_TESTS = 2 ** 16;

type Flags = (boolean[] | string)[];
const asBools = (row: boolean[] | string): boolean[] =>
  typeof row === 'string' ? Array.from(row, (c) => c === '1') : row;
const asRows = (t: Uint8Array[]) => t.map((r) => Array.from(r, (x) => x === 1));

function caseFiles(): string[] {
  if (!HAS_REFERENCE) return [];
  const list = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'INDEX.json')
      .map((f) => path.join(dir, f));
  return [
    ...list(REFERENCE_DIR),
    ...list(path.join(REFERENCE_DIR, 'random')),
    ...list(path.join(REFERENCE_DIR, 'synthetic')),
  ];
}

// biome-ignore lint/suspicious/noExplicitAny: reference documents are checked field by field below
const load = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));

describe.skipIf(!HAS_REFERENCE)('reference cases', () => {
  const files = caseFiles().filter((f) => {
    const doc = load(f);
    return (
      (doc.synthetic?.K ?? 0) <= 16 && (doc.states?.length ?? 2 ** (doc.synthetic?.K ?? 0)) <= MAX_STATES_IN_UNIT_TESTS
    );
  });

  it('finds the reference suite', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    const name = path.basename(file, '.json');
    it(`${name}: gmcrpy mode equals gmcr-py, textbook mode equals the textbook cross-check`, () => {
      const doc = load(file);
      const graph = compileModel(parseGmcrCase(doc));
      expect(graph.stateCount).toBe(doc.states?.length ?? 2 ** doc.synthetic.K);
      if (doc.analysis) {
        const py = analyzeStability(graph, 'gmcrpy');
        for (const c of CONCEPTS) {
          expect(asRows(py[c]), `${c} stability`).toEqual((doc.analysis.stability[c] as Flags).map(asBools));
          expect(equilibriaOf(py[c], graph.stateCount), `${c} equilibria`).toEqual(doc.analysis.equilibria[c]);
        }
      }
      const tb = doc.crossChecks?.textbook;
      expect(tb).toBeDefined();
      const text = analyzeStability(graph, 'textbook');
      for (const c of CONCEPTS) {
        let expected: boolean[][];
        if (tb.stability) expected = (tb.stability[c] as Flags).map(asBools);
        else {
          expected = (doc.analysis.stability[c] as Flags).map((r) => [...asBools(r)]);
          for (const d of tb.differencesFromReference as {
            concept: Concept;
            dm: number;
            state: number;
            textbook: boolean;
          }[])
            if (d.concept === c) expected[d.dm]![d.state] = d.textbook;
        }
        expect(asRows(text[c]), `${c} stability`).toEqual(expected);
        if (tb.equilibria) expect(equilibriaOf(text[c], graph.stateCount), `${c} equilibria`).toEqual(tb.equilibria[c]);
      }
    });

    it(`${name}: option-derived moves equal the reference moves`, () => {
      const doc = load(file);
      if (!doc.moves || name === 'elmira_textbook9') return; // elmira_textbook9 injects a textbook graph
      const graph = compileModel(parseGmcrCase(doc, { useFileMoves: false }));
      for (const mv of doc.moves as { dm: number; reachable: number[][] }[])
        for (let s = 0; s < graph.stateCount; s++)
          expect(movesFrom(graph.moves[mv.dm]!, s), `dm ${mv.dm} state ${s}`).toEqual(
            [...mv.reachable[s]!].sort((a, b) => a - b),
          );
    });
  }

  it('reproduces gmcr-py coalition runs (fixed partition mode)', () => {
    let runs = 0;
    for (const file of files) {
      const doc = load(file);
      for (const run of doc.coalitionAnalyses ?? []) {
        runs++;
        const graph = compileModel(parseGmcrCase(doc));
        const r = analyzePartition(graph, run.coalitions, 'gmcrpy');
        for (const c of CONCEPTS) {
          expect(asRows(r.stability[c])).toEqual((run.stability[c] as Flags).map(asBools));
          expect(r.equilibria[c]).toEqual(run.equilibria[c]);
        }
      }
    }
    expect(runs).toBeGreaterThan(0);
  });

  it('synthetic generator reproduces the rankings and their checksums', () => {
    const dir = path.join(REFERENCE_DIR, 'synthetic');
    const index = JSON.parse(readFileSync(path.join(dir, 'INDEX.json'), 'utf8')) as { name: string; K: number }[];
    for (const entry of index) {
      const doc = load(path.join(dir, `${entry.name}.json`));
      const spec = { options: doc.synthetic.K, dms: doc.synthetic.n, seed: doc.synthetic.seed };
      if (spec.options > 16) continue; // 2^20 checksums run in the benchmark
      const rankings = syntheticRankings(spec);
      const hash = createHash('sha256');
      for (const r of rankings) hash.update(`${Array.from(r).join(',')};`);
      expect(hash.digest('hex'), entry.name).toBe(doc.rankingSha256);
      if (doc.preferences && spec.options <= 10)
        doc.preferences.forEach((p: { ranking: number[][] }, d: number) => {
          expect(p.ranking.map((g) => g[0])).toEqual(Array.from(rankings[d]!));
        });
    }
  });
});
