import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { buildScenarioEntry, ScenarioRegistry } from '../scenario-registry';
import { createServerJobRunner } from './server-job-runner';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const flagshipDir = path.join(repoRoot, 'scenarios/ukraine-2025');
const scenarioFile = path.join(flagshipDir, 'scenario.yaml');
const gmcrFile = path.join(flagshipDir, 'gmcr.yaml');
const present =
  existsSync(scenarioFile) && (/^gmcr:/m.test(readFileSync(scenarioFile, 'utf8')) || existsSync(gmcrFile));
if (!present)
  console.warn('[server jobs] the flagship scenario or its gmcr section is absent: worker-thread job tests skipped.');

/** The flagship with its gmcr section (merged from gmcr.yaml until the scenario holds it). */
function flagshipWithGmcr(dir: string): string {
  const text = readFileSync(scenarioFile, 'utf8');
  if (/^gmcr:/m.test(text)) return scenarioFile;
  const section = readFileSync(gmcrFile, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => (line.trim() === '' ? '' : `  ${line}`))
    .join('\n');
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, `${text.trimEnd()}\n\ngmcr:\n${section}\n`);
  return file;
}

/** Reads a job's event stream, calling `onEvent` for each event as it arrives; returns the event names in order. */
async function follow(
  app: { request: (p: string, init?: RequestInit) => Response | Promise<Response> },
  id: string,
  onEvent: (name: string, data: { progress?: number }) => Promise<void> | void = () => {},
): Promise<{ name: string; progress?: number }[]> {
  const res = await app.request(`/api/jobs/${id}/events`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { name: string; progress?: number }[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? '{}') as { progress?: number };
      if (name) {
        seen.push({ name, ...(data.progress !== undefined ? { progress: data.progress } : {}) });
        await onEvent(name, data);
      }
      cut = buffer.indexOf('\n\n');
    }
  }
  return seen;
}

describe.skipIf(!present)('jobs on worker threads', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-jobs-'));
  const file = present ? flagshipWithGmcr(tmp) : '';
  const entry = present ? buildScenarioEntry(file, readFileSync(file, 'utf8')) : undefined;
  const runner = createServerJobRunner({ threads: 1 });
  const { app } = createApp({ scenarios: new ScenarioRegistry(entry ? [entry] : []), runAnalysis: runner });
  const start = async (body: unknown) => {
    const res = await app.request('/api/jobs', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { id: string };
  };

  afterAll(async () => {
    await runner.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('streams the engine’s progress while the space analysis runs, then the result', async () => {
    const job = await start({ kind: 'space', scenario: entry!.id, params: { maxPoints: 500 } });
    const events = await follow(app, job.id);
    const done = events.findIndex((e) => e.name === 'done');
    expect(done).toBeGreaterThan(0);
    // Progress from inside the frontier search (strictly between start and end) arrived before the result.
    const midway = events.findIndex((e) => e.name === 'progress' && e.progress! > 0 && e.progress! < 0.8);
    expect(midway).toBeGreaterThanOrEqual(0);
    expect(midway).toBeLessThan(done);
    const result = (await (await app.request(`/api/jobs/${job.id}/result`)).json()) as {
      job: { status: string };
      result: { outcomes: number; points: { outcomes: number[] } };
    };
    expect(result.job.status).toBe('succeeded');
    expect(result.result.outcomes).toBeGreaterThan(0);
    expect(result.result.points.outcomes.length).toBeLessThanOrEqual(500);
  });

  it('reports errors found inside the worker with their code', async () => {
    const job = await start({ kind: 'space', scenario: entry!.id, params: { levers: [{ id: 'nope', strength: 1 }] } });
    const events = await follow(app, job.id);
    expect(events.at(-1)!.name).toBe('failed');
    const view = (await (await app.request(`/api/jobs/${job.id}`)).json()) as { error: { code: string } };
    expect(view.error.code).toBe('UNKNOWN_LEVER');
  });

  it('cancels a running GMCR job: its status is cancelled and its worker task is aborted', async () => {
    const before = runner.stats();
    const job = await start({ kind: 'gmcr', scenario: entry!.id });
    const events = await follow(app, job.id, async (name) => {
      // The first progress event comes from the worker, so the analysis is under way.
      if (name === 'progress') await app.request(`/api/jobs/${job.id}`, { method: 'DELETE' });
    });
    expect(events.at(-1)!.name).toBe('cancelled');
    const view = (await (await app.request(`/api/jobs/${job.id}`)).json()) as { status: string };
    expect(view.status).toBe('cancelled');
    await expect.poll(() => runner.stats().running, { timeout: 10_000 }).toBe(0);
    const after = runner.stats();
    expect(after.aborted).toBe(before.aborted + 1);
    expect(after.finished).toBe(before.finished);
  });
});
