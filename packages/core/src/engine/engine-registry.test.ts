import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngineRegistry } from './builtin';
import { describeParams } from './describe-params';
import { EngineRegistry } from './registry';
import { parseEngineParams, runEngine } from './run-engine';
import { defineEngine } from './types';

const fixture = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const riverText = fixture('../scenario/fixtures/river-dispute.yaml');
const gmcrText = fixture('../gmcr/fixtures/example-scenario.yaml');
const river = [{ name: 'river-dispute.yaml', text: riverText }];

describe('the engine registry', () => {
  it('holds the built-in engines once each and refuses duplicates and unknown ids', () => {
    const registry = createEngineRegistry();
    expect(registry.ids()).toEqual([
      'evaluate',
      'backtest',
      'calibrate',
      'space',
      'gmcr',
      'domain',
      'forecast',
      'simulate',
    ]);
    expect(() => registry.register(registry.get('space'))).toThrow(/already registered/);
    expect(() => registry.get('no-such-engine')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ENGINE' }));
    expect(() => new EngineRegistry().register({ ...registry.get('space'), id: 'Space!' })).toThrow(/lowercase/);
  });

  it('gives every built-in engine a title, a one-paragraph summary and described parameters', () => {
    for (const engine of createEngineRegistry().list()) {
      expect(engine.title.length).toBeGreaterThan(3);
      expect(engine.summary.length).toBeGreaterThan(30);
      for (const spec of describeParams(engine.params))
        expect(spec.description, `${engine.id}.${spec.name}`).not.toBe('');
    }
  });

  it('reads flags from a schema: kinds, defaults, choices and text forms', () => {
    const specs = describeParams(
      z.object({
        count: z.number().int().min(0).default(2).describe('how many'),
        ratio: z.number().optional().describe('a share'),
        mode: z.enum(['a', 'b']).default('a').describe('which'),
        quiet: z.boolean().optional().describe('say less'),
        levers: createEngineRegistry().get('evaluate').params.shape.levers,
        textFile: z
          .string()
          .describe('a file')
          .meta({ cli: { file: true } }),
      }),
    );
    const by = Object.fromEntries(specs.map((s) => [s.name, s]));
    expect(by.count).toMatchObject({ kind: 'integer', default: 2, required: false, flag: 'count' });
    expect(by.ratio).toMatchObject({ kind: 'number', required: false });
    expect(by.mode).toMatchObject({ kind: 'enum', choices: ['a', 'b'] });
    expect(by.quiet).toMatchObject({ kind: 'boolean' });
    expect(by.levers).toMatchObject({ kind: 'string', default: [] });
    expect(by.textFile).toMatchObject({ flag: 'text-file', required: true, cli: { file: true } });
  });

  it('accepts the API and the command-line forms of the same parameter alike', () => {
    const evaluate = createEngineRegistry().get('evaluate');
    const fromText = parseEngineParams(evaluate, { terms: 'water=shared, truce=full', levers: 'broker_aid=2' });
    const fromJson = parseEngineParams(evaluate, {
      terms: { water: 'shared', truce: 'full' },
      levers: [{ id: 'broker_aid', strength: 2 }],
    });
    expect(fromText).toEqual(fromJson);
    expect(() => parseEngineParams(evaluate, { terms: 'water' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TERMS' }),
    );
    expect(() => parseEngineParams(evaluate, { nonsense: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMS' }),
    );
  });

  it('runs each scenario engine deterministically under a seed, through the same entry point', async () => {
    const registry = createEngineRegistry();
    const cases: [string, typeof river, Record<string, unknown>][] = [
      ['evaluate', river, { proposal: 'dam_truce' }],
      ['backtest', river, {}],
      ['space', river, {}],
      ['gmcr', [{ name: 'example-scenario.yaml', text: gmcrText }], { explainLimit: 0 }],
    ];
    for (const [id, sources, params] of cases) {
      const a = await runEngine(registry.get(id), sources, params, { seed: 5 });
      const b = await runEngine(registry.get(id), sources, params, { seed: 5 });
      expect(JSON.stringify(a.result), id).toBe(JSON.stringify(b.result));
      expect(registry.get(id).render(a.result, a.params, a.input).length, id).toBeGreaterThan(20);
    }
  });

  it('refuses the wrong number of files and a cancelled run', async () => {
    const registry = createEngineRegistry();
    await expect(runEngine(registry.get('backtest'), [], {})).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(runEngine(registry.get('domain'), river, {})).rejects.toThrow(/takes 3 to 64 files/);
    const controller = new AbortController();
    controller.abort();
    await expect(runEngine(registry.get('backtest'), river, {}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('lets a new engine be added with one definition', async () => {
    const count = defineEngine({
      id: 'count-actors',
      title: 'Count actors',
      summary: 'Counts the actors of a scenario (a test of the registry itself)',
      input: { name: 'scenario', description: 'a scenario', min: 1, max: 1, scenario: true },
      params: z.object({}).strict(),
      result: z.object({ actors: z.number() }),
      load: (sources) => sources[0]!.text,
      run: (text) => ({ actors: (text.match(/^ {2}- id: /gm) ?? []).length }),
      render: (r) => `${r.actors}\n`,
    });
    const registry = createEngineRegistry([count]);
    expect(registry.ids()).toContain('count-actors');
    expect((await runEngine(registry.get('count-actors'), river, {})).result).toEqual({ actors: 11 });
  });
});
