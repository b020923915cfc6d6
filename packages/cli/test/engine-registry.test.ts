import { createEngineRegistry, defineEngine, loadScenarioSource, SCENARIO_INPUT } from '@entente/core';
import { createApp } from '@entente/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { riverFile, riverRegistry } from '../../server/test/fixtures';
import { buildProgram } from '../src/program';

/**
 * A small engine defined only here: it draws seeded "speakers" among the scenario's actors. The
 * test finds it in the CLI, the OpenAPI document, a run and a job without editing those packages.
 */
const speakersEngine = defineEngine({
  id: 'speakers',
  title: 'Speaking order',
  summary: 'Draw a seeded speaking order among the scenario’s actors',
  input: SCENARIO_INPUT,
  params: z
    .object({
      turns: z.number().int().min(1).max(50).default(3).describe('how many turns to draw'),
      chair: z.enum(['first', 'none']).default('none').describe('whether the first actor always opens'),
    })
    .strict(),
  result: z.object({ order: z.array(z.string()) }),
  load: (sources) => loadScenarioSource(sources[0]!),
  run(input, params, ctx) {
    const ids = input.scenario.actors.map((a) => a.id);
    const order = Array.from({ length: params.turns }, () => ids[ctx.random.int(ids.length)]!);
    if (params.chair === 'first') order[0] = ids[0]!;
    ctx.progress(1, 'drawn');
    return { order };
  },
  render: (result) => `${result.order.join(' → ')}\n`,
});

const engines = createEngineRegistry([speakersEngine]);

async function runCli(args: string[]): Promise<{ out: string; code: number }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await buildProgram(engines).parseAsync(['node', 'entente', ...args]);
    return { out, code: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
}

describe('an engine registered outside the interfaces', () => {
  it('gets a CLI command whose flags come from its parameter schema', async () => {
    const program = buildProgram(engines);
    expect(program.helpInformation()).toMatch(/speakers \[options\] <scenario>/);
    const help = program.commands.find((c) => c.name() === 'speakers')!.helpInformation();
    expect(help).toMatch(/--turns <n>\s+how many turns to draw/);
    expect(help).toMatch(/--chair <choice>/);
    const first = await runCli(['speakers', riverFile, '--turns', '6', '--seed', '11', '--json']);
    expect(first.code).toBe(0);
    const order = JSON.parse(first.out).order as string[];
    expect(order).toHaveLength(6);
    const again = await runCli(['speakers', riverFile, '--turns', '6', '--seed', '11', '--json']);
    expect(JSON.parse(again.out).order).toEqual(order);
  });

  it('appears in the OpenAPI document and runs through the API, directly and as a job', async () => {
    const { app, close } = createApp({ scenarios: riverRegistry(), engines });
    try {
      const doc = await (await app.request('/api/openapi.json')).json();
      const runDoc = doc.paths['/api/engines/speakers/run'].post;
      expect(runDoc.requestBody.content['application/json'].schema.properties.params.properties.turns).toMatchObject({
        type: 'integer',
      });
      expect(doc.paths['/api/engines/speakers/jobs'].post).toBeDefined();

      const listed = await (await app.request('/api/engines')).json();
      expect(listed.engines.map((e: { id: string }) => e.id)).toContain('speakers');

      const body = JSON.stringify({ scenario: 'river-dispute', params: { turns: 5, chair: 'first' }, seed: 3 });
      const headers = { 'content-type': 'application/json' };
      const direct = await app.request('/api/engines/speakers/run', { method: 'POST', body, headers });
      expect(direct.status).toBe(200);
      const directResult = (await direct.json()).result;
      expect(directResult.order).toHaveLength(5);

      const started = await app.request('/api/engines/speakers/jobs', { method: 'POST', body, headers });
      expect(started.status).toBe(202);
      const job = await started.json();
      let status = job.status;
      for (let i = 0; i < 100 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 10));
        status = (await (await app.request(`/api/jobs/${job.id}`)).json()).status;
      }
      expect(status).toBe('succeeded');
      const fromJob = await (await app.request(`/api/jobs/${job.id}/result`)).json();
      // The job result route wraps what the job produced, which is the same run document as the direct route.
      expect(fromJob.result.result).toEqual(directResult);

      const bad = await app.request('/api/engines/speakers/run', {
        method: 'POST',
        body: JSON.stringify({ scenario: 'river-dispute', params: { turns: 0 } }),
        headers,
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('INVALID_PARAMS');
    } finally {
      await close();
    }
  });
});
