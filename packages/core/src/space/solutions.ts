import type { Frontier } from './frontier';
import { decodeOutcome, type PreparedSpace, ratioToNumber } from './prepared';
import { gcd } from './rational';
import type { BargainingSolutions, DisagreementMode, PackagePoint, SolutionResult, SolutionVariant } from './types';

/**
 * Bargaining solutions on the exact frontier (every optimum of these scores lies on it, and the
 * reference computes them there), with all exact ties:
 * - textbook (default), over the bargaining set S = frontier points with u_i ≥ d_i for every party:
 *   Nash max Π(u_i − d_i); Kalai–Smorodinsky max min_i (u_i − d_i)/(a_i − d_i) with the ideal
 *   a_i = max over S (none when S is empty or some a_i = d_i); egalitarian max min_i (u_i − d_i);
 *   utilitarian max Σ u_i over S.
 * - genius (Genius 10.4 BidSpace), over the whole frontier: Nash max Π(u_i − d_i) with no rationality
 *   filter; KS min Σ_{i<j} |u_i − u_j|; welfare max Σ u_i. Genius has no egalitarian solution, so the
 *   textbook one is reported.
 * d is the reservation vector or zero. Scores are compared in exact BigInt arithmetic.
 */

/** Builds a package description (terms and utilities) for an outcome. */
export function describePackage(ps: PreparedSpace, outcome: number, utilities: number[]): PackagePoint {
  const options = decodeOutcome(ps, outcome);
  const terms: Record<string, string> = {};
  ps.space.issues.forEach((issue, i) => {
    terms[issue.id] = issue.options[options[i]!]!;
  });
  return { outcome, options, terms, utilities };
}

interface Frac {
  n: bigint;
  d: bigint;
}
const cmpFrac = (a: Frac, b: Frac): number => {
  const x = a.n * b.d - b.n * a.d;
  return x > 0n ? 1 : x < 0n ? -1 : 0;
};

export interface SolutionOptions {
  disagreement?: DisagreementMode;
  variant?: SolutionVariant;
}

/** The four bargaining solutions of a frontier, textbook or Genius variants, relative to reservations or zero. */
export function bargainingSolutions(
  ps: PreparedSpace,
  frontier: Frontier,
  options: SolutionOptions = {},
): BargainingSolutions {
  const k = ps.parties.length;
  const variant = options.variant ?? 'textbook';
  const dn = ps.parties.map((p) => (options.disagreement === 'zero' ? 0n : p.reservationN));
  const dF = ps.parties.map((p, i) => ratioToNumber(dn[i]!, p.den));
  const L = ps.parties.reduce((acc, p) => (acc / gcd(acc, p.den)) * p.den, 1n);
  const lift = ps.parties.map((p) => L / p.den);
  const count = frontier.outcomes.length;
  const u = (t: number, p: number) => frontier.exact[t * k + p]!;
  const all = Array.from({ length: count }, (_, t) => t);
  const rational = all.filter((t) => ps.parties.every((_, p) => u(t, p) >= dn[p]!));

  const result = (ts: number[], value: number | null, extra: Partial<SolutionResult> = {}): SolutionResult => {
    const sorted = ts.slice().sort((a, b) => frontier.outcomes[a]! - frontier.outcomes[b]!);
    return {
      outcomes: sorted.map((t) => frontier.outcomes[t]!),
      points: sorted.map((t) =>
        describePackage(
          ps,
          frontier.outcomes[t]!,
          Array.from({ length: k }, (_, p) => frontier.utilities[t * k + p]!),
        ),
      ),
      value,
      disagreement: dF,
      ...extra,
    };
  };
  /** Arg-best set under a comparator of scores (positive = better). */
  function argBest<S>(ts: number[], score: (t: number) => S, better: (a: S, b: S) => number) {
    let best: S | undefined;
    let arg: number[] = [];
    for (const t of ts) {
      const s = score(t);
      const c = best === undefined ? 1 : better(s, best);
      if (c > 0) {
        best = s;
        arg = [t];
      } else if (c === 0) arg.push(t);
    }
    return { best, arg };
  }
  const cmpBig = (a: bigint, b: bigint) => (a > b ? 1 : a < b ? -1 : 0);

  // Nash.
  const nashSet = variant === 'genius' ? all : rational;
  const nashScore = (t: number) => ps.parties.reduce((acc, _, p) => acc * (u(t, p) - dn[p]!), 1n);
  const nashRes = argBest(nashSet, nashScore, cmpBig);
  const nashValue =
    nashRes.best === undefined
      ? null
      : ps.parties.reduce((acc, p, i) => acc * ratioToNumber(u(nashRes.arg[0]!, i) - dn[i]!, p.den), 1);
  const nash = result(nashRes.arg, nashValue);

  // Egalitarian (same in both variants).
  const gain = (t: number, p: number) => (u(t, p) - dn[p]!) * lift[p]!;
  const egalScore = (t: number) => ps.parties.reduce((m, _, p) => (p === 0 || gain(t, p) < m ? gain(t, p) : m), 0n);
  const egalRes = argBest(rational, egalScore, cmpBig);
  const egalitarian = result(egalRes.arg, egalRes.best === undefined ? null : ratioToNumber(egalRes.best, L));

  // Welfare.
  const welfareSet = variant === 'genius' ? all : rational;
  const welfareScore = (t: number) => ps.parties.reduce((s, _, p) => s + u(t, p) * lift[p]!, 0n);
  const welfareRes = argBest(welfareSet, welfareScore, cmpBig);
  const welfare = result(welfareRes.arg, welfareRes.best === undefined ? null : ratioToNumber(welfareRes.best, L));

  // Kalai–Smorodinsky.
  let kalaiSmorodinsky: SolutionResult;
  if (variant === 'genius') {
    const asym = (t: number) => {
      let s = 0n;
      for (let i = 0; i < k; i++)
        for (let j = i + 1; j < k; j++) {
          const x = u(t, i) * lift[i]! - u(t, j) * lift[j]!;
          s += x < 0n ? -x : x;
        }
      return s;
    };
    const res = argBest(all, asym, (a, b) => cmpBig(b, a));
    kalaiSmorodinsky = result(res.arg, res.best === undefined ? null : ratioToNumber(res.best, L));
  } else if (rational.length === 0) {
    kalaiSmorodinsky = result([], null, { ideal: null });
  } else {
    const idealN = ps.parties.map((_, p) => {
      let best = u(rational[0]!, p);
      for (const t of rational) if (u(t, p) > best) best = u(t, p);
      return best;
    });
    const ideal = ps.parties.map((party, p) => ratioToNumber(idealN[p]!, party.den));
    if (ps.parties.some((_, p) => idealN[p]! === dn[p]!)) kalaiSmorodinsky = result([], null, { ideal });
    else {
      const score = (t: number): Frac => {
        let m: Frac | undefined;
        for (let p = 0; p < k; p++) {
          const f = { n: u(t, p) - dn[p]!, d: idealN[p]! - dn[p]! };
          if (m === undefined || cmpFrac(f, m) < 0) m = f;
        }
        return m!;
      };
      const res = argBest(rational, score, cmpFrac);
      kalaiSmorodinsky = result(res.arg, res.best === undefined ? null : ratioToNumber(res.best.n, res.best.d), {
        ideal,
      });
    }
  }
  return { nash, kalaiSmorodinsky, egalitarian, welfare };
}
