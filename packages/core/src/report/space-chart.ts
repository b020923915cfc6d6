import type { ScenarioSpaceResult } from '../scenario/analyze-scenario-space';
import type { Scenario } from '../scenario/schema';
import type { ChartPoint, ScatterChart } from './report-chart';

/** Most frontier points a chart draws; beyond it a fixed stride keeps the file small and byte-stable. */
export const MAX_SCATTER_POINTS = 1500;

const SOLUTION_NAMES = {
  nash: 'Nash',
  kalaiSmorodinsky: 'Kalai–Smorodinsky',
  egalitarian: 'egalitarian',
  welfare: 'utilitarian',
} as const;

/** Every `stride`-th index of `count`, so that at most `max` remain (deterministic, no randomness). */
export function strideSample(count: number, max: number): number[] {
  const stride = Math.max(1, Math.ceil(count / max));
  const out: number[] = [];
  for (let i = 0; i < count; i += stride) out.push(i);
  return out;
}

/**
 * The agreement-space scatter for the first two parties: the Pareto frontier of the packages
 * (projected), those in the zone, each party's walk-away line and the four bargaining solutions.
 */
export function spaceChart(scenario: Scenario, result: ScenarioSpaceResult): ScatterChart | null {
  const a = result.analysis;
  if (a.parties.length < 2) return null;
  const nameOf = (id: string) => scenario.actors.find((x) => x.id === id)?.name ?? id;
  const [px, py] = [a.parties[0]!, a.parties[1]!];
  const zone = new Set(a.zone.pareto.map((p) => p.outcome));
  const picked = strideSample(a.frontier.size, MAX_SCATTER_POINTS);
  const points: ChartPoint[] = picked.map((t) => {
    const u = a.frontier.utilities[t]!;
    return { x: u[0]!, y: u[1]!, group: zone.has(a.frontier.outcomes[t]!) ? 'zone' : 'frontier' };
  });
  const markers: ChartPoint[] = [];
  for (const [key, label] of Object.entries(SOLUTION_NAMES) as [keyof typeof SOLUTION_NAMES, string][]) {
    const p = a.solutions[key].points[0];
    if (p) markers.push({ x: p.utilities[0]!, y: p.utilities[1]!, group: 'solution', label });
  }
  const d = a.solutions.nash.disagreement;
  const noun = result.mode === 'settlement' ? 'settlements' : 'packages';
  return {
    kind: 'scatter',
    id: 'space',
    title: `Agreement space: ${nameOf(px)} against ${nameOf(py)}`,
    xLabel: `${nameOf(px)}: utility`,
    yLabel: `${nameOf(py)}: utility`,
    points,
    lines: [
      ...(d[0] !== undefined ? [{ axis: 'x' as const, at: d[0], label: `${nameOf(px)} walk-away` }] : []),
      ...(d[1] !== undefined ? [{ axis: 'y' as const, at: d[1], label: `${nameOf(py)} walk-away` }] : []),
    ],
    markers,
    note: `The Pareto frontier of the ${a.outcomes.toLocaleString('en-US')} ${noun} over all ${a.parties.length} parties, projected on these two${
      picked.length < a.frontier.size
        ? ` (every ${Math.ceil(a.frontier.size / MAX_SCATTER_POINTS)}th of ${a.frontier.size.toLocaleString('en-US')} points)`
        : ''
    }; green points are in the zone (${a.zone.count.toLocaleString('en-US')} ${noun}); the shaded quadrant lies above both walk-away lines${markers.length ? '; diamonds: the bargaining solutions' : '; no bargaining solution qualifies, so none is marked'}.`,
  };
}
