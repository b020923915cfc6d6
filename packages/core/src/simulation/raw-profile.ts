import type { GeniusDomain, GeniusProfile } from '../genius/model';
import { parseXml, type XmlElement } from '../genius/xml-reader';
import { ratioToNumber } from '../space/prepared';
import type { Rational } from '../space/rational';

/** A linear-additive profile as written: weights and evaluations undivided, in domain issue and value order. */
export interface RawProfile {
  weights: number[];
  evaluations: number[][];
  reservation: number;
}

const num = (r: Rational): number => ratioToNumber(r.n, r.d);

function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/**
 * Reads the evaluations as written (NegMAS does not divide them by the issue's maximum, FORMAT.md §2).
 * The profile has already been validated by the genius parser; integer issues and GeniusWeb files,
 * which have no undivided form here, fall back to its contributions divided by the weight.
 */
export function rawProfile(domain: GeniusDomain, profile: GeniusProfile, text: string): RawProfile {
  const weights = profile.weights.map(num);
  const fallback = (i: number): number[] =>
    profile.contributions[i]!.map((c) => (weights[i]! > 0 ? num(c) / weights[i]! : 0));
  const reservation = profile.reservation ? num(profile.reservation) : 0;
  if (profile.format !== 'genius-xml')
    return { weights, evaluations: domain.issues.map((_, i) => fallback(i)), reservation };
  const root = parseXml(text, profile.file);
  const byIndex = new Map(descendants(root, 'issue').map((el) => [Number(el.attributes.index), el]));
  const evaluations = domain.issues.map((issue, i) => {
    const el = byIndex.get(issue.index);
    if (issue.type !== 'discrete' || !el) return fallback(i);
    const evals = new Map<string, number>();
    for (const item of el.children)
      if (item.name === 'item' && item.attributes.value !== undefined && item.attributes.evaluation !== undefined)
        evals.set(item.attributes.value, Number(item.attributes.evaluation));
    return issue.values.map((v) => {
      const e = evals.get(v);
      return e === undefined || !Number.isFinite(e) ? 0 : e;
    });
  });
  return { weights, evaluations, reservation };
}

/** A side after NegMAS' default normalisation: weights w'_i, evaluations e''_i(v), reserved value r''. */
export interface NormalisedProfile {
  weights: Float64Array;
  evaluations: Float64Array[];
  reservation: number;
}

/** Raw utility of the side's extreme outcome: the best (last maximum) or worst (first minimum) value per issue. */
function extremeRaw(p: RawProfile, best: boolean): number {
  let u = 0;
  for (let i = 0; i < p.weights.length; i++) {
    const w = p.weights[i]!;
    const ev = p.evaluations[i]!;
    let k = 0;
    // Positive weight: the best value is the last maximum, the worst the first minimum; the two swap otherwise.
    const lastMax = best === w > 0;
    for (let j = 1; j < ev.length; j++) if (lastMax ? ev[j]! >= ev[k]! : ev[j]! < ev[k]!) k = j;
    u += w * ev[k]!;
  }
  return u;
}

/**
 * NegMAS' `Scenario.normalize()` with its defaults (FORMAT.md §3): one common scale for all sides, each
 * side's maximum shifted to 1, in exactly the published float order so ties match bit for bit.
 */
export function negmasNormalise(sides: readonly RawProfile[]): NormalisedProfile[] {
  const lows = sides.map((p) => extremeRaw(p, false));
  const highs = sides.map((p) => extremeRaw(p, true));
  const mn = Math.min(...lows);
  const mx = Math.max(...highs);
  const d = mx - mn;
  return sides.map((p, k) => {
    const untouched = Math.abs(lows[k]!) <= 1e-6 && Math.abs(highs[k]! - 1) <= 1e-6;
    if (d < 1e-10 || untouched)
      return {
        weights: Float64Array.from(p.weights),
        evaluations: p.evaluations.map((e) => (d < 1e-10 ? new Float64Array(e.length) : Float64Array.from(e))),
        reservation: p.reservation,
      };
    const s = 1.0 / d;
    let total = 0;
    for (const w of p.weights) total += w;
    const c = total <= 1e-6 ? 1.0 : 1.0 / total;
    const f = s / c;
    const a = 1.0 - s * highs[k]!;
    return {
      weights: Float64Array.from(p.weights, (w) => c * w),
      evaluations: p.evaluations.map((ev) => Float64Array.from(ev, (e) => e * f + a)),
      reservation: p.reservation * c * s + a,
    };
  });
}
