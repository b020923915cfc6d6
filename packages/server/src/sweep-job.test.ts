import { createEngineRegistry } from '@entente/core';
import { describe, expect, it } from 'vitest';
import { piEngine } from '../../runtime/src/sweep/pi-engine.test-helper';
import { riverRegistry } from '../test/fixtures';
import { createApp } from './app';

const headers = { 'content-type': 'application/json' };

async function finished(app: ReturnType<typeof createApp>['app'], id: string) {
  for (let i = 0; i < 500; i++) {
    const view = await (await app.request(`/api/jobs/${id}`)).json();
    if (view.status !== 'running') return view;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the job did not finish');
}

describe('an engine job with seed blocks', () => {
  it('runs many runs block by block, with the same result as one whole run', async () => {
    const { app, close } = createApp({ scenarios: riverRegistry(), engines: createEngineRegistry([piEngine]) });
    try {
      const body = JSON.stringify({
        sources: [{ name: 'label.txt', text: 'darts\n' }],
        params: { runs: 110, points: 12 },
        seed: 1,
      });
      const direct = await (
        await app.request('/api/engines/pi-estimate/run', { method: 'POST', body, headers })
      ).json();
      const started = await app.request('/api/engines/pi-estimate/jobs', { method: 'POST', body, headers });
      expect(started.status).toBe(202);
      const view = await finished(app, (await started.json()).id);
      expect(view.status).toBe('succeeded');
      expect(view.phase).toBe('blocks'); // 110 runs > 25 per block: the job went through the blocks
      const fromJob = await (await app.request(`/api/jobs/${view.id}/result`)).json();
      expect(fromJob.result.result).toEqual(direct.result);
      expect(fromJob.result.result.runs).toBe(110);

      // Runs that fit in one block run whole, as before.
      const small = JSON.stringify({ sources: [{ name: 'l.txt', text: 'x' }], params: { runs: 10 }, seed: 1 });
      const whole = await app.request('/api/engines/pi-estimate/jobs', { method: 'POST', body: small, headers });
      expect((await finished(app, (await whole.json()).id)).phase).toBeNull();
    } finally {
      await close();
    }
  });
});
