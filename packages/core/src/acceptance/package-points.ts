import { resolveTerms, type ScenarioModel } from '../scenario/scenario-model';
import { decodeTerms } from '../space/terms';
import type { AdditiveSpace } from '../space/types';
import type { PredictedAnswer } from './answer-rule';
import { packageAcceptance } from './package-acceptance';

/** Packages to plot, each with the flags of the acceptance module, so that no client recomputes them. */
export interface PackagePoints {
  /** Packages in the space. */
  total: number;
  /** True when `outcomes` is a sample of the space rather than all of it. */
  sampled: boolean;
  /** Packages the caller required in the sample (zone packages, solutions), all of them present. */
  included?: number;
  /** Outcome indices in the space (first issue most significant), ascending. */
  outcomes: number[];
  /** 1 when the package crosses no party's red line. */
  acceptable: number[];
  /** 1 when the package is in the zone (see the acceptance module). */
  inZone: number[];
  /** Per party (in party order), per package: utility. */
  utilities: number[][];
  /** Per party (in party order), per package: the predicted answer. */
  answers: PredictedAnswer[][];
}

/** The scenario package (option index per model issue) of an outcome of a space built from that scenario. */
export function packageOfOutcome(model: ScenarioModel, space: AdditiveSpace, outcome: number): Int32Array {
  return resolveTerms(
    model,
    decodeTerms(
      space.issues.map((i) => ({ issue: i.id, options: i.options })),
      outcome,
    ),
  );
}

/**
 * Judges the given outcomes of a scenario space (built by buildScenarioSpace) with the acceptance
 * module: utilities, red lines, answers and the zone flag per package.
 */
export function judgeOutcomes(
  model: ScenarioModel,
  space: AdditiveSpace,
  outcomes: readonly number[],
  meta: { total: number; sampled: boolean; included?: number } = { total: outcomes.length, sampled: false },
): PackagePoints {
  const parties = space.parties.map((p) => p.id);
  const out: PackagePoints = {
    ...meta,
    outcomes: [...outcomes],
    acceptable: [],
    inZone: [],
    utilities: parties.map(() => []),
    answers: parties.map(() => []),
  };
  for (const outcome of outcomes) {
    const verdict = packageAcceptance(model, packageOfOutcome(model, space, outcome), parties);
    out.acceptable.push(verdict.standings.every((s) => s.redLines.length === 0) ? 1 : 0);
    out.inZone.push(verdict.inZone ? 1 : 0);
    parties.forEach((id, p) => {
      const s = verdict.standings.find((x) => x.actor === id)!;
      out.utilities[p]!.push(s.utility);
      out.answers[p]!.push(s.answer);
    });
  }
  return out;
}

/**
 * Packages of a scenario space to plot: all of them when there are at most `maxPoints`, else a
 * deterministic low-discrepancy sample, so huge spaces are never enumerated for a picture. Most of
 * the sample comes from the packages that break no red line (they can be a tiny share of the
 * space); a tenth covers the whole space so the red-line cloud stays visible. Outcomes in `include`
 * (the zone's packages, the solutions) are always in the sample, ahead of the drawn ones.
 */
export function scenarioPackagePoints(
  model: ScenarioModel,
  space: AdditiveSpace,
  maxPoints: number,
  include: readonly number[] = [],
): PackagePoints {
  const radices = space.issues.map((i) => i.options.length);
  const total = radices.reduce((a, b) => a * b, 1);
  if (total <= maxPoints)
    return judgeOutcomes(
      model,
      space,
      Array.from({ length: total }, (_, o) => o),
      { total, sampled: false },
    );
  const strides = radices.map((_, i) => radices.slice(i + 1).reduce((a, b) => a * b, 1));
  const allOptions = radices.map((r) => Array.from({ length: r }, (_, j) => j));
  const allowed = allOptions.map((list, i) => list.filter((o) => space.parties.every((p) => !p.forbidden?.[i]?.[o])));
  const allowedTotal = allowed.reduce((acc, a) => acc * a.length, 1);
  const picks = new Set<number>(include.slice(0, maxPoints));
  const included = picks.size;
  sampleProduct(allowed, strides, Math.min(allowedTotal, Math.ceil((maxPoints - included) * 0.9)), picks);
  sampleProduct(allOptions, strides, maxPoints - picks.size, picks);
  return judgeOutcomes(
    model,
    space,
    [...picks].sort((a, b) => a - b),
    { total, sampled: true, included },
  );
}

/**
 * Adds up to `count` packages drawn by a golden-ratio sequence over a product of option lists
 * (all of them when the product is small), as outcome indices in the full space.
 */
function sampleProduct(lists: number[][], strides: number[], count: number, into: Set<number>): void {
  const size = lists.reduce((acc, l) => acc * l.length, 1);
  const golden = (Math.sqrt(5) - 1) / 2;
  const target = into.size + count;
  for (let t = 0; into.size < target && t < count * 3 && t < size; t++) {
    let rest = size <= count ? t : Math.floor((((t + 1) * golden) % 1) * size);
    let outcome = 0;
    for (let i = lists.length - 1; i >= 0; i--) {
      const list = lists[i]!;
      outcome += list[rest % list.length]! * strides[i]!;
      rest = Math.floor(rest / list.length);
    }
    into.add(outcome);
  }
}
