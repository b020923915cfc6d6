import type { Issue1D } from './types';

/** A one-issue input from plain arrays (actors numbered from 0), for the models' tests. */
export const issueFrom = (x: number[], c: number[], s: number[], min = 0, max = 100): Issue1D => ({
  actors: x.map((_, i) => i),
  x: Float64Array.from(x),
  c: Float64Array.from(c),
  s: Float64Array.from(s),
  min,
  max,
});
