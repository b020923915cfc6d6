/**
 * Split-conformal predictive intervals (Vovk et al. 2005; Lei et al. 2018): the half-width is the
 * ⌈(n + 1)·level⌉-th smallest absolute error of the model on n calibration issues whose outcomes are
 * known, so on a new issue exchangeable with them the interval covers the outcome with probability
 * at least `level`. Unlike the Monte-Carlo band, it is about the model's error, not the inputs' noise.
 */
export interface ConformalCalibration {
  /** The calibration issues' absolute errors, sorted ascending. */
  errors: Float64Array;
}

/** Calibrates on paired forecasts and outcomes (non-finite pairs are skipped). */
export function calibrateConformal(forecasts: ArrayLike<number>, outcomes: ArrayLike<number>): ConformalCalibration {
  const errs: number[] = [];
  for (let i = 0; i < forecasts.length; i++) {
    const e = Math.abs(outcomes[i]! - forecasts[i]!);
    if (Number.isFinite(e)) errs.push(e);
  }
  return { errors: Float64Array.from(errs).sort() };
}

/** The half-width for `level` (Infinity when the calibration set is too small for that level). */
export function conformalHalfWidth(cal: ConformalCalibration, level: number): number {
  const n = cal.errors.length;
  const k = Math.ceil((n + 1) * level);
  return k <= n && k >= 1 ? cal.errors[k - 1]! : Number.POSITIVE_INFINITY;
}

/** The predictive interval around `forecast`, clipped to the scale [min, max]. */
export function conformalInterval(
  forecast: number,
  cal: ConformalCalibration,
  level: number,
  min: number,
  max: number,
): [number, number] {
  const h = conformalHalfWidth(cal, level);
  return [Math.max(min, forecast - h), Math.min(max, forecast + h)];
}
