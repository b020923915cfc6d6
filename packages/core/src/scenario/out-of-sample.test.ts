import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { runEngine } from '../engine/run-engine';
import { EntenteError } from '../errors';
import { createRandom } from '../random/seeded-random';
import { backtestEngine } from './backtest-engine';
import { outOfSampleBacktest, recordedAnswers } from './out-of-sample';
import { parseProposalRecord } from './proposal-record';
import { buildScenarioModel } from './scenario-model';
import type { Scenario } from './schema';

const ANSWERS = ['accepted', 'accepted_with_conditions', 'rejected'] as const;

/** A random scenario whose proposals fall on successive days and carry random recorded answers. */
function scenarioWithAnswers(seed: number): Scenario {
  const rng = createRandom(seed);
  const s = randomScenario(rng, { actors: 3, issues: 3, proposals: 8 });
  s.proposals = s.proposals.map((p, k) => ({
    ...p,
    date: `2025-01-${String(k + 1).padStart(2, '0')}`,
    responses: Object.fromEntries(
      s.actors.map((a) => [a.id, { response: ANSWERS[rng.int(3)]!, evidence: [{ source: 's', quote: 'q' }] }]),
    ),
  }));
  return s;
}

describe('out-of-sample backtests', () => {
  it('rolling: an answer never depends on later answers', () => {
    const s = scenarioWithAnswers(3);
    const before = outOfSampleBacktest(buildScenarioModel(s), { mode: 'rolling' });
    const last = s.proposals.at(-1)!;
    const flipped: Scenario = {
      ...s,
      proposals: s.proposals.map((p) =>
        p === last
          ? {
              ...p,
              responses: Object.fromEntries(
                Object.entries(p.responses).map(([a, r]) => [
                  a,
                  { ...r, response: r.response === 'rejected' ? 'accepted' : 'rejected' },
                ]),
              ),
            }
          : p,
      ),
    };
    const after = outOfSampleBacktest(buildScenarioModel(flipped), { mode: 'rolling' });
    const early = (r: typeof before) => r.answers.filter((a) => a.proposal !== last.id).map((a) => a.probabilities);
    expect(early(after)).toEqual(early(before));
    // The first day has nothing earlier to fit on, so its answers are not scored.
    expect(before.n).toBe(3 * 7);
    expect(before.skipped.filter((x) => x.reason === 'no earlier answers to fit on')).toHaveLength(3);
  });

  it('baselines are the training majorities, scored on the same answers (brute force)', () => {
    const s = scenarioWithAnswers(9);
    const model = buildScenarioModel(s);
    const result = outOfSampleBacktest(model, { mode: 'loo' });
    const all = recordedAnswers(model, s.proposals).answers;
    let perParty = 0;
    for (const a of result.answers) {
      const training = all.filter((t) => t.proposal !== a.proposal && t.actor === a.actor);
      const counts = ANSWERS.map((k) => training.filter((t) => t.observed === k).length);
      const top = Math.max(...counts);
      // Ties go to the answer seen first in the training answers.
      const winner = training.find((t) => counts[ANSWERS.indexOf(t.observed)] === top)!.observed;
      expect(a.baselines.perPartyMajority).toBe(winner);
      if ((winner === 'rejected') === (a.observed === 'rejected')) perParty++;
    }
    expect(result.baselines.perPartyMajority).toBeCloseTo(perParty / result.n, 12);
    expect(result.n).toBe(24);
  });

  it('split: fits on proposals before the date and scores the rest', () => {
    const model = buildScenarioModel(scenarioWithAnswers(4));
    const r = outOfSampleBacktest(model, { mode: 'split', splitDate: '2025-01-05' });
    expect(new Set(r.answers.map((a) => a.date))).toEqual(
      new Set(['2025-01-05', '2025-01-06', '2025-01-07', '2025-01-08']),
    );
    expect(r.answers.every((a) => a.trainingAnswers === 12)).toBe(true);
    const sum = r.reliability.reduce((n, b) => n + b.n, 0);
    expect(sum).toBe(r.n);
  });

  it('scores a separate record in YAML or CSV the same way', () => {
    const s = scenarioWithAnswers(5);
    const model = buildScenarioModel(s);
    const p = s.proposals[0]!;
    const terms = Object.entries(p.terms);
    const yaml = `- id: later\n  title: Later\n  date: 2025-02-01\n  proposers: [p1]\n  terms: {${terms.map(([i, o]) => `${i}: ${o}`).join(', ')}}\n  responses:\n    p0: {response: rejected}\n    p2: {response: accepted}\n`;
    const csv = `proposal,date,actor,response,terms,proposers\nlater,2025-02-01,p0,rejected,${terms.map(([i, o]) => `${i}=${o}`).join(';')},p1\nlater,2025-02-01,p2,accepted,"${terms.map(([i, o]) => `${i}=${o}`).join(';')}",p1\n`;
    const a = outOfSampleBacktest(model, { mode: 'record', record: parseProposalRecord(yaml, 'r.yaml') });
    const b = outOfSampleBacktest(model, { mode: 'record', record: parseProposalRecord(csv, 'r.csv') });
    expect(a.n).toBe(2);
    expect(b.answers).toEqual(a.answers);
  });

  it('refuses a malformed record with the line of the problem', () => {
    try {
      parseProposalRecord(
        '- id: x\n  title: X\n  date: 2025-02-01\n  proposers: [p1]\n  terms: {}\n  responses:\n    p0: {response: maybe}\n',
        'r.yaml',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EntenteError);
      expect((error as EntenteError).code).toBe('RECORD_INVALID');
      expect((error as EntenteError).message).toMatch(/line 7/);
    }
    expect(() => parseProposalRecord('proposal,date,actor\nx,2025,p0\n', 'r.csv')).toThrow(/lacks response, terms/);
    // An unclosed quote is an error on its line, not a field that swallows the rest of the file.
    expect(() =>
      parseProposalRecord(
        'proposal,date,actor,response,terms\nx,2025-01-01,p0,accepted,"a=b\ny,2025,p1,accepted,a=b\n',
        'r.csv',
      ),
    ).toThrow(/line 2/);
  });

  it('refuses contradictory modes', async () => {
    const text = JSON.stringify(scenarioWithAnswers(6));
    const run = runEngine(backtestEngine, [{ name: 's.json', text }], { rolling: true, loo: true });
    await expect(run).rejects.toMatchObject({ code: 'CONTRADICTORY_OPTIONS' });
    const ok = (await runEngine(backtestEngine, [{ name: 's.json', text }], { rolling: true })).result as Awaited<
      ReturnType<typeof backtestEngine.run>
    >;
    expect(ok.outOfSample?.label).toBe('out-of-sample');
    expect(ok.label).toBe('in-sample');
  });
});
