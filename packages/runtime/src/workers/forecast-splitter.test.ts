import {
  FORECAST_MODELS,
  type ForecastCase,
  type ForecastOptions,
  planForecastTasks,
  runForecast,
  runForecastSplit,
  runForecastTask,
} from '@entente/core';
import { describe, expect, it } from 'vitest';
import { batchTasks, createForecastSplitter, drawCost } from './forecast-splitter';

/** Two dimensions, seven actors with distinct inputs (so KTAB bargains rather than taking its dichotomous path). */
const CASE: ForecastCase = {
  id: 'tiny',
  title: 'tiny',
  file: 'tiny.json',
  actors: Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, name: `a${i}` })),
  dimensions: [
    { id: 'd0', name: 'd0', min: 0, max: 100 },
    { id: 'd1', name: 'd1', min: 0, max: 10 },
  ],
  capability: Float64Array.of(3, 1, 2, 5, 1, 4, 2),
  positions: [Float64Array.of(0, 15, 40, 55, 70, 90, 100), Float64Array.of(1, 9, 3, 7, 5, 2, 8)],
  salience: [Float64Array.of(0.9, 0.4, 0.6, 0.8, 0.3, 0.7, 0.5), Float64Array.of(0.2, 0.6, 0.5, 0.3, 0.9, 0.4, 0.6)],
};

const OPTIONS: ForecastOptions = {
  models: [...FORECAST_MODELS],
  draws: 20,
  ktabDraws: 6,
  seed: 7,
  sensitivity: false,
};

describe('forecast worker-thread splitter', () => {
  it('gives the one-thread draws for 1, 2 and 3 threads, however the draws are sliced', async () => {
    const whole = planForecastTasks([CASE], OPTIONS, 1000).map(runForecastTask);
    const serial = runForecast([CASE], OPTIONS);
    for (const [threads, chunk] of [
      [1, 7],
      [2, 3],
      [3, 4],
    ] as const) {
      // minBatch 0: the tiny case still travels in several batches, spread over the threads.
      const splitter = createForecastSplitter(threads, { minBatch: 0 });
      try {
        const tasks = planForecastTasks([CASE], OPTIONS, chunk);
        expect(tasks.length).toBeGreaterThan(whole.length);
        const values = await splitter.run(tasks);
        // Reassemble each (issue, model)'s slices in draw order and compare with the unsliced run.
        const joined = new Map<string, number[]>();
        tasks.forEach((t, k) => {
          const key = `${t.coords.join('/')}/${t.model}`;
          joined.set(key, [...(joined.get(key) ?? []), ...values[k]!]);
        });
        expect([...joined.values()]).toEqual(whole.map((v) => [...v]));
        const split = await runForecastSplit([CASE], OPTIONS, splitter);
        // The whole result, not only the intervals: the point forecasts are computed while the threads draw.
        expect(split, `${threads} threads`).toEqual(serial);
      } finally {
        await splitter.close();
      }
    }
    // The draws really vary (a constant would pass the comparisons above trivially).
    expect(new Set(whole[0]).size).toBeGreaterThan(15);
  }, 60_000);

  it('batches every task once, the longest first, the batches shrinking toward the end', () => {
    const tasks = planForecastTasks([CASE, CASE], { ...OPTIONS, draws: 2000, ktabDraws: 20 }, 250);
    const batches = batchTasks(tasks, 2);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(tasks.map((_, k) => k));
    // KTAB's SMP runs cost the most per draw: they go first.
    expect(tasks[batches[0]![0]!]!.model).toBe('ktab');
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.length).toBeLessThan(tasks.length);
    const cost = (b: number[]) => b.reduce((a, k) => a + tasks[k]!.draws * drawCost(tasks[k]!.model, 7), 0);
    // The last batch is the small tail of cheap baseline draws, far smaller than the first.
    expect(tasks[batches.at(-1)![0]!]!.model).toMatch(/^weighted_/);
    expect(cost(batches.at(-1)!)).toBeLessThan(cost(batches[0]!) / 4);
  });
});
