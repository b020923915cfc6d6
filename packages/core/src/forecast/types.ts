/** One issue dimension of a forecasting case, on its native scale. */
export interface ForecastDimension {
  id: string;
  name: string;
  min: number;
  max: number;
  /** A scenario issue's options, so a forecast can be read back as the nearest option. */
  options?: { id: string; label: string; position: number }[];
}

/**
 * One case as every model reads it: actors × dimensions on typed arrays.
 * A missing position is NaN (the actor takes no part on that dimension); a missing salience is 0.
 */
export interface ForecastCase {
  id: string;
  title: string;
  /** The file the case came from, and its line for JSONL inputs (for messages). */
  file: string;
  line?: number;
  actors: { id: string; name: string }[];
  dimensions: ForecastDimension[];
  /** Capability per actor (only ratios matter). */
  capability: Float64Array;
  /** positions[d][i] on dimension d's native scale. */
  positions: Float64Array[];
  /** salience[d][i] in [0, 1]. */
  salience: Float64Array[];
  /** Status-quo point on dimension 0, when the source gives one (DEU `rp`). */
  referencePoint?: number;
  /** The real outcome on dimension 0, when known (for validation only; no model reads it). */
  outcome?: number;
  /** KTAB's ideal-accommodation matrix (row-major n×n), when the source gives one. */
  accommodation?: Float64Array;
}

/** One dimension reduced to the actors that take part (finite position, salience > 0). */
export interface Issue1D {
  /** Indices into the case's actors. */
  actors: number[];
  x: Float64Array;
  c: Float64Array;
  s: Float64Array;
  min: number;
  max: number;
}

/** Takes dimension d of a case: actors with a position and a positive salience and capability. */
export function issueOf(c: ForecastCase, d: number): Issue1D {
  const idx: number[] = [];
  const pos = c.positions[d]!;
  const sal = c.salience[d]!;
  for (let i = 0; i < c.actors.length; i++)
    if (Number.isFinite(pos[i]!) && sal[i]! > 0 && c.capability[i]! > 0) idx.push(i);
  const dim = c.dimensions[d]!;
  return {
    actors: idx,
    x: Float64Array.from(idx, (i) => pos[i]!),
    c: Float64Array.from(idx, (i) => c.capability[i]!),
    s: Float64Array.from(idx, (i) => sal[i]!),
    min: dim.min,
    max: dim.max,
  };
}
