import { type ForecastTask, runForecastTask } from '@entente/core';
import { move } from 'piscina';

/**
 * Piscina worker: runs a batch of slices of a forecast's Monte-Carlo draws (pure core code) and
 * returns their values end to end in one array, transferred rather than copied.
 */
export default function run(batch: ForecastTask[]): Float64Array {
  const parts = batch.map(runForecastTask);
  const out = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return move(out) as Float64Array;
}
