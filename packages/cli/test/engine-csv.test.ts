import { createEngineRegistry, defineEngine, loadScenarioSource, SCENARIO_INPUT, toCsv } from '@entente/core';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { riverFile } from '../../server/test/fixtures';
import { buildProgram } from '../src/program';

/** A table engine defined only here: one row per actor, so the generic --csv flag has something to print. */
const actorsEngine = defineEngine({
  id: 'actor-table',
  title: 'Actor table',
  summary: 'List the scenario’s actors as a table',
  input: SCENARIO_INPUT,
  params: z.object({}).strict(),
  result: z.object({ rows: z.array(z.array(z.string())) }),
  load: (sources) => loadScenarioSource(sources[0]!),
  run: (input) => ({ rows: input.scenario.actors.map((a) => [a.id, `${a.name}, "${a.role}"`]) }),
  render: (r) => `${r.rows.length} actors\n`,
  csv: (r) => toCsv([['id', 'name'], ...r.rows]),
});

async function runCli(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const errors = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await buildProgram(createEngineRegistry([actorsEngine])).parseAsync(['node', 'entente', ...args]);
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    errors.mockRestore();
    process.exitCode = before;
  }
}

describe('--csv on engines whose result is a table', () => {
  it('prints the engine’s CSV, quoting fields with commas and quotes', async () => {
    const r = await runCli(['actor-table', riverFile, '--csv']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name');
    expect(lines[1]).toMatch(/^[a-z0-9_-]+,".*, ""[a-z]+"""$/);
  });

  it('refuses --csv together with --json', async () => {
    const r = await runCli(['actor-table', riverFile, '--csv', '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('CONTRADICTORY_OPTIONS');
    expect(r.out).toBe('');
  });
});
