import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { parseEngineParams, runEngine } from '../engine/run-engine';
import { createRandom } from '../random/seeded-random';
import { type SimulationResult, simulateEngine } from './simulate-engine';
import { WIDTH } from './simulate-render';

function source() {
  const s = randomScenario(createRandom(5), { actors: 3, issues: 5 });
  for (const pref of Object.values(s.preferences)) pref.noDeal = 0.35;
  s.levers = [
    {
      id: 'pressure',
      name: 'Pressure',
      holder: 'p0',
      target: 'p1',
      description: '',
      effect: { noDealShift: -0.3, valueShifts: [] },
      maxStrength: 2,
      evidence: [{ source: 's', quote: 'q' }],
    },
  ];
  return [{ name: 'small.json', text: JSON.stringify(s) }];
}

const params = { runs: 50, steps: 25, uncertainty: 'weights=0.3,values=0.2,noDeal=0.2', leverSweep: 'pressure=0,1,2' };

describe('the simulate engine’s output', () => {
  it('gives a sweep of seed blocks the aggregate of a direct run under the same --seed', async () => {
    const direct = (await runEngine(simulateEngine, source(), params, { seed: 42 })).result as SimulationResult;
    const input = simulateEngine.load(source(), parseEngineParams(simulateEngine, params) as never);
    const p = parseEngineParams(simulateEngine, params) as never;
    // The sweep hands its blocks the first draw of the seed (runtime's blockSeedOf), as run() draws it.
    const seed = createRandom(42).int(2 ** 31);
    const ctx = { signal: new AbortController().signal, progress: () => {}, random: createRandom(0), splitters: {} };
    const blocks = [0, 13, 26, 39].map((from) =>
      JSON.parse(
        JSON.stringify(simulateEngine.sweep!.block(input, p, { from, to: Math.min(50, from + 13), seed }, ctx)),
      ),
    );
    const swept = simulateEngine.sweep!.combine(blocks, input, p) as SimulationResult;
    expect(swept).toEqual(JSON.parse(JSON.stringify(direct)));
    const other = (await runEngine(simulateEngine, source(), params, { seed: 43 })).result as SimulationResult;
    expect(other.rows).not.toEqual(direct.rows);
  });

  it('renders many runs within 100 columns, with the interval, terms, rounds, distances and lever curve', async () => {
    const run = await runEngine(simulateEngine, source(), params, { seed: 1 });
    const r = run.result as SimulationResult;
    const text = simulateEngine.render(r, run.params as never, run.input as never);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(WIDTH);
    expect(text).toContain(`P(agreement) ${r.many!.pAgreement.toFixed(3)} [`);
    expect(text).toMatch(/rounds to agreement: mean/);
    expect(text).toMatch(/to the Pareto frontier .*to the Nash point/);
    expect(text).toMatch(/terms of agreements, per issue:\n {2}i0: /);
    expect(text).toMatch(/P\(agreement\) against the lever strength:\n +0 {2}[#.]{20} /);
  });

  it('writes one CSV row per run with utilities and terms, matching the aggregate', async () => {
    const run = await runEngine(simulateEngine, source(), params, { seed: 1 });
    const r = run.result as SimulationResult;
    const lines = simulateEngine.csv!(r, run.params as never, run.input as never)
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'run,end,final_step,walked_away,lever_strength,utility_p0,utility_p1,utility_p2,i0,i1,i2,i3,i4',
    );
    expect(lines).toHaveLength(51);
    const agreed = lines.slice(1).filter((l) => l.split(',')[1] === 'agreement').length;
    expect(agreed).toBe(r.many!.agreements);
    expect(lines[1]!.startsWith('0,')).toBe(true);
  });

  it('refuses CSV for a sweep too large to keep its rows', async () => {
    const r = (await runEngine(simulateEngine, source(), { runs: 10_001, steps: 2 }, { seed: 1 }))
      .result as SimulationResult;
    expect(r.rows).toBeUndefined();
    expect(() => simulateEngine.csv!(r, {} as never, {} as never)).toThrow(/--json/);
  });

  it('adds a report section with P(agreement) and at most three summary lines', async () => {
    const run = await runEngine(simulateEngine, source(), params, { seed: 1 });
    const section = simulateEngine.section!(run.result as SimulationResult, run.input as never);
    expect(section.summary!.length).toBeLessThanOrEqual(3);
    expect(section.summary![0]).toMatch(/P\(agreement\) \d\.\d{3} \[/);
    expect(section.summary![1]).toMatch(/^P\(agreement\) against pressure: 0× /);
  });

  it('sweeps the flagship’s smallest opening lever with --lever-sweep auto, among all four parties', async () => {
    const file = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../../scenarios/ukraine-2025/scenario.yaml',
    );
    const src = [{ name: file, text: readFileSync(file, 'utf8') }];
    const r = (await runEngine(simulateEngine, src, { runs: 8, steps: 10, parties: 'all', leverSweep: 'auto' }))
      .result as SimulationResult;
    expect(r.parties).toEqual(['ukraine', 'russia', 'united_states', 'europe']);
    // The space engine's smallest opening lever between Ukraine and Russia, swept over its whole range.
    expect(r.leverCurve).toBe('us_sanctions_and_tariffs');
    expect(r.many!.sweep.map((s) => [s.strength, s.runs])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
  });
});
