import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngineRegistry } from '../engine/builtin';
import { runEngine } from '../engine/run-engine';
import { parseStrategiesText, simulateEngine } from './simulate-engine';

// A two-issue Genius domain written here so the engine test needs no reference files.
const domain = `<negotiation_template><utility_space><objective index="0" name="Deal" type="objective">
<issue index="1" name="Price" type="discrete"><item index="1" value="low"/><item index="2" value="mid"/><item index="3" value="high"/></issue>
<issue index="2" name="Delivery" type="discrete"><item index="1" value="slow"/><item index="2" value="fast"/></issue>
</objective></utility_space></negotiation_template>`;
const profile = (price: number[], delivery: number[], weights: [number, number]) => `<utility_space>
<objective index="0" name="Deal" type="objective">
<issue index="1" name="Price" type="discrete">${price.map((e, i) => `<item index="${i + 1}" value="${['low', 'mid', 'high'][i]}" evaluation="${e}"/>`).join('')}</issue>
<issue index="2" name="Delivery" type="discrete">${delivery.map((e, i) => `<item index="${i + 1}" value="${['slow', 'fast'][i]}" evaluation="${e}"/>`).join('')}</issue>
<weight index="1" value="${weights[0]}"/><weight index="2" value="${weights[1]}"/>
</objective></utility_space>`;
const sources = [
  { name: 'deal.xml', text: domain },
  { name: 'buyer.xml', text: profile([10, 5, 1], [1, 10], [0.7, 0.3]) },
  { name: 'seller.xml', text: profile([1, 5, 10], [10, 2], [0.6, 0.4]) },
];

describe('the simulate engine', () => {
  it('is registered', () => {
    expect(createEngineRegistry().get('simulate')).toBe(simulateEngine);
  });

  it('prints the agreement by issue and option name, the final step and the utilities per profile', async () => {
    const run = await runEngine(simulateEngine, sources, { strategies: 'boulware,conceder', steps: 100 });
    const r = run.result as {
      agreement: Record<string, string>;
      finalStep: number;
      utilities: number[];
      parties: string[];
    };
    expect(Object.keys(r.agreement)).toEqual(['Price', 'Delivery']);
    expect(r.finalStep).toBeGreaterThan(1);
    expect(r.finalStep).toBeLessThanOrEqual(100);
    expect(r.utilities).toHaveLength(2);
    // Boulware concedes late against a Conceder, so the opener keeps the larger share.
    expect(r.utilities[0]!).toBeGreaterThan(r.utilities[1]!);
    expect(simulateEngine.render(run.result as never, run.params as never, run.input as never)).toMatch(
      /agreement at step/,
    );
  });

  it('takes strategies by party id and gives the same run as by position', async () => {
    const byId = await runEngine(simulateEngine, sources, { strategies: 'seller=linear,buyer=aspiration' });
    const byPos = await runEngine(simulateEngine, sources, { strategies: ['aspiration', 'linear'] });
    const parties = (byId.result as { parties: string[] }).parties;
    expect(parties).toHaveLength(2);
    expect(byId.result).toEqual(byPos.result);
  });

  it('summarises many seeded runs, the same for the same seed', async () => {
    const params = { strategies: 'micro,tit-for-tat', runs: 50, randomDeadline: '5-30' };
    const a = await runEngine(simulateEngine, sources, params, { seed: 4 });
    const b = await runEngine(simulateEngine, sources, params, { seed: 4 });
    expect(a.result).toEqual(b.result);
    expect((a.result as { summary: { runs: number } }).summary.runs).toBe(50);
  });

  it('refuses a domain without two profiles and unknown strategies', async () => {
    await expect(runEngine(simulateEngine, sources.slice(0, 2), {})).rejects.toMatchObject({
      code: 'SIMULATION_UNSUPPORTED_INPUT',
    });
    await expect(runEngine(simulateEngine, sources, { strategies: 'boulware,nope' })).rejects.toMatchObject({
      code: 'SIMULATION_UNKNOWN_STRATEGY',
    });
  });

  it('runs on a scenario, once and over many seeded runs', async () => {
    const file = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../../scenarios/ukraine-2025/scenario.yaml',
    );
    const scenario = [{ name: file, text: readFileSync(file, 'utf8') }];
    const one = await runEngine(simulateEngine, scenario, { strategies: 'red-line-keeper' });
    const r = one.result as { parties: string[]; end: string; finalStep: number };
    expect(r.parties.length).toBeGreaterThanOrEqual(2);
    expect(['agreement', 'timeout', 'walk-away', 'broken']).toContain(r.end);
    const many = await runEngine(simulateEngine, scenario, { strategies: 'conceder', runs: 20, steps: 30 });
    expect((many.result as { many: { runs: number } }).many.runs).toBe(20);
  });

  it('runs the mediated protocol on a domain', async () => {
    const run = await runEngine(simulateEngine, sources, { protocol: 'mediated', strategies: 'conceder' });
    expect((run.result as { protocol: string }).protocol).toBe('mediated');
  });

  it('reads strategies given in party order or by party', () => {
    expect(parseStrategiesText('boulware, conceder')).toEqual(['boulware', 'conceder']);
    expect(parseStrategiesText('a=micro,b=linear')).toEqual({ a: 'micro', b: 'linear' });
    expect(() => parseStrategiesText('a=micro,b')).toThrow(/party=name/);
  });
});
