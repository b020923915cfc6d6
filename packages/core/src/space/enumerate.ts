import { type PreparedSpace, prepareSpace } from './prepared';
import type { AdditiveSpace } from './types';

/** A chunk of enumerated packages: outcome indices, per-party (capped) float utilities and a red-line mask. */
export interface UtilityChunk {
  /** Position of the first package of the chunk in the enumeration. */
  start: number;
  outcomes: Float64Array;
  /** One array per party. */
  utilities: Float64Array[];
  /** 1 when the package breaks no red line. */
  acceptable: Uint8Array;
}

export interface EnumerateOptions {
  /** Issues to vary (others stay at their status quo); default all, in index order. */
  issues?: number[];
  /** Packages per chunk (default 65,536). */
  chunkSize?: number;
}

/**
 * Streams packages in outcome-index order (restricted to `issues`, the rest at the status quo) in
 * chunks of typed arrays, so that large spaces are never materialised whole.
 */
export function* enumerateUtilities(
  space: AdditiveSpace | PreparedSpace,
  options: EnumerateOptions = {},
): Generator<UtilityChunk> {
  const ps = 'radices' in space ? space : prepareSpace(space);
  const m = ps.radices.length;
  const k = ps.parties.length;
  const vary = (options.issues ?? [...Array(m).keys()]).slice().sort((a, b) => a - b);
  const chunkSize = Math.max(1, options.chunkSize ?? 65_536);
  const digits = ps.space.issues.map((iss) => iss.statusQuo);
  for (const i of vary) digits[i] = 0;
  const total = vary.reduce((acc, i) => acc * ps.radices[i]!, 1);
  const allowedMask = ps.radices.map((r, i) => {
    const mask = new Uint8Array(r);
    for (const o of ps.allowed[i]!) mask[o] = 1;
    return mask;
  });
  // prefix[d*k + p] = sum over issues before position d (in issue order) for party p.
  const prefix = new Float64Array((m + 1) * k);
  const okPrefix = new Uint8Array(m + 1);
  const recompute = (from: number) => {
    if (from === 0) okPrefix[0] = 1;
    for (let i = from; i < m; i++) {
      const o = digits[i]!;
      for (let p = 0; p < k; p++) prefix[(i + 1) * k + p] = prefix[i * k + p]! + ps.parties[p]!.f[i]![o]!;
      okPrefix[i + 1] = okPrefix[i]! & allowedMask[i]![o]!;
    }
  };
  recompute(0);
  let pos = 0;
  while (pos < total) {
    const n = Math.min(chunkSize, total - pos);
    const chunk: UtilityChunk = {
      start: pos,
      outcomes: new Float64Array(n),
      utilities: ps.parties.map(() => new Float64Array(n)),
      acceptable: new Uint8Array(n),
    };
    for (let j = 0; j < n; j++) {
      let idx = 0;
      for (let i = 0; i < m; i++) idx += digits[i]! * ps.strides[i]!;
      chunk.outcomes[j] = idx;
      for (let p = 0; p < k; p++) {
        const s = prefix[m * k + p]!;
        const cap = ps.parties[p]!.capF;
        chunk.utilities[p]![j] = Math.min(s, cap);
      }
      chunk.acceptable[j] = okPrefix[m]!;
      // Odometer step over the varied issues, least significant first.
      for (let t = vary.length - 1; t >= 0; t--) {
        const i = vary[t]!;
        if (++digits[i]! < ps.radices[i]!) {
          recompute(i);
          break;
        }
        digits[i] = 0;
        if (t === 0) recompute(0);
      }
    }
    pos += n;
    yield chunk;
  }
}
