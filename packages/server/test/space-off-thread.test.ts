import { describe, expect, it } from 'vitest';
import { type AnalysisTask, runAnalysisTask } from '../src/analysis-tasks';
import { createApp } from '../src/app';
import { riverRegistry } from './fixtures';

const post = (app: ReturnType<typeof createApp>['app'], path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('heavy space routes under a runner', () => {
  it('hand the space, opening-levers, partial-deals and closest work to the analysis runner and answer as the in-thread route does', async () => {
    const kinds: string[] = [];
    const withRunner = createApp({
      scenarios: riverRegistry(),
      // A runner that records what reaches it and does the work here, as a worker thread would.
      runAnalysis: async (task: AnalysisTask, ctx) => {
        kinds.push(task.kind);
        expect('budgetMs' in task && task.budgetMs).toBeGreaterThan(0);
        return runAnalysisTask(task, ctx);
      },
    }).app;
    const inThread = createApp({ scenarios: riverRegistry() }).app;
    const routes: [string, unknown][] = [
      ['space', {}],
      ['opening-levers', {}],
      ['partial-deals', {}],
      ['closest', { proposal: 'dam_truce', proposer: 'north' }],
    ];
    for (const [route, body] of routes) {
      const path = `/api/scenarios/river-dispute/${route}`;
      const a = await post(withRunner, path, body);
      const b = await post(inThread, path, body);
      expect(a.status).toBe(200);
      expect(await a.json()).toEqual(await b.json());
    }
    expect(kinds).toEqual(['space', 'opening-levers', 'partial-deals', 'closest']);
  });
});
