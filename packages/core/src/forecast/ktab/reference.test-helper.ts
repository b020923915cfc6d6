import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SmpInput } from './types';

// Locates ../shared/reference/forecasting beside the repository (absent in a plain clone).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const forecastingDir = path.resolve(repoRoot, '../shared/reference/forecasting');
export const referencePresent = existsSync(path.join(forecastingDir, 'cases', 'FORMAT.md'));

interface CaseActor {
  id: string;
  capability: number | Record<string, number>;
  positions: number[];
  saliences: (number | null)[];
}

export interface ReferenceCase {
  id: string;
  dimensions: { id: string }[];
  actors: CaseActor[];
  ideal_accommodation?: Record<string, Record<string, number> | string>;
  expected?: {
    rounds?: { t: number; positions: Record<string, number[]>; position_win_prob: Record<string, number> }[];
    derived?: { final_cap_x_sal_weighted_mean: number[]; final_pce_expected_position: number[] };
    tolerance?: { positions_abs: number; win_prob_abs: number };
    deterministic_part?: { t0_position_win_prob: Record<string, number> };
  };
}

export function readCase(file: string): ReferenceCase {
  return JSON.parse(readFileSync(path.join(forecastingDir, 'cases', file), 'utf8')) as ReferenceCase;
}

/** A case's inputs as the SMP takes them (capability variant picked by name when there are several). */
export function caseToInput(c: ReferenceCase, capability = 'equal'): SmpInput {
  const n = c.actors.length;
  const dims = c.dimensions.length;
  const input: SmpInput = {
    actors: c.actors.map((a) => a.id),
    capability: Float64Array.from(c.actors, (a) =>
      typeof a.capability === 'number' ? a.capability : (a.capability[capability] ?? Number.NaN),
    ),
    dimensions: c.dimensions.map((d) => d.id),
    positions: Array.from({ length: dims }, (_, d) => Float64Array.from(c.actors, (a) => a.positions[d] ?? 0)),
    salience: Array.from({ length: dims }, (_, d) => Float64Array.from(c.actors, (a) => a.saliences[d] ?? 0)),
  };
  const acc = c.ideal_accommodation;
  if (acc) {
    const index = new Map(input.actors.map((id, i) => [id, i]));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = acc[input.actors[i]!];
      if (row === undefined || typeof row === 'string') a[i * n + i] = 1;
      else for (const [id, v] of Object.entries(row)) a[i * n + index.get(id)!] = v;
    }
    input.accommodation = a;
  }
  return input;
}
