import { EntenteError } from '../errors';
import { createRandom } from '../random/seeded-random';
import type { ProtocolRunner } from './protocols';
import type { ScenarioTable } from './table/scenario-table';
import type { PackageId, RunConfig, RunOutcome, Strategy } from './types';

/** A partial agreement to try first: these issues are negotiated as a step, the rest held at today's terms. */
export interface PartialStage {
  readonly issues: readonly string[];
  /** Rounds the stage may take (default: the run's deadline). */
  readonly rounds?: number;
}

/** One stage's result: the issues it closed (issue id → option id), or none. */
export interface PartialResult {
  readonly issues: readonly string[];
  readonly closed: Readonly<Record<string, string>> | null;
  readonly finalStep: number;
}

/** A run with partial agreements first: the stages, then the main negotiation on what stays open. */
export interface StagedOutcome {
  readonly partials: readonly PartialResult[];
  /** The main negotiation on the table with the closed issues fixed (its agreement includes them). */
  readonly main: RunOutcome;
  /** Rounds used by the stages and the main negotiation together. */
  readonly totalSteps: number;
}

/** Reads `energy_infrastructure+black_sea;prisoner_exchange` into stages (issue ids joined by `+`). */
export function parsePartialStages(text: string, rounds?: number): PartialStage[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ issues: s.split('+').map((x) => x.trim()), ...(rounds ? { rounds } : {}) }));
}

/**
 * Runs a negotiation with partial agreements as an option of any protocol: each stage negotiates
 * its issues as a step (weighed against today, other issues at today's terms) with fresh
 * strategies; what it agrees is closed, and the main negotiation then runs on the rest of the table.
 * Closed issues stay closed even when the main negotiation fails, as the 2025 energy and Black Sea
 * pauses did.
 * @example runStaged(table, [{ issues: ['ceasefire'] }], config, runSao, (t) => registry.create(t, config.strategies, { compat: 'entente' }))
 */
export function runStaged(
  table: ScenarioTable,
  stages: readonly PartialStage[],
  config: RunConfig,
  runner: ProtocolRunner,
  makePlayers: (table: ScenarioTable) => readonly Strategy[],
): StagedOutcome {
  const closed = new Map<number, number>();
  const partials: PartialResult[] = [];
  let used = 0;
  stages.forEach((stage, k) => {
    const open = new Set(
      stage.issues.map((id) => {
        const i = table.issues.findIndex((x) => x.id === id);
        if (i < 0)
          throw new EntenteError(
            'UNKNOWN_ISSUE',
            `No issue has id "${id}"; use some of: ${table.issues.map((x) => x.id).join(', ')}.`,
          );
        return i;
      }),
    );
    // Everything outside the stage is held where it stands: closed terms, else today's option.
    const held = new Map(closed);
    const today = table.decode(table.baseline);
    table.issues.forEach((_, i) => {
      if (!open.has(i) && !held.has(i)) held.set(i, today[i]!);
    });
    const sub = table.close(held, 'step');
    const steps = stage.rounds ?? (config.deadline.kind === 'fixed' ? config.deadline.steps : config.deadline.max);
    const stageConfig: RunConfig = {
      ...config,
      deadline: { kind: 'fixed', steps },
      seed: (config.seed ^ (0x2545f491 * (k + 1))) >>> 0,
    };
    const out = runner(sub, makePlayers(sub), stageConfig, createRandom(stageConfig.seed));
    used += out.finalStep;
    let terms: Record<string, string> | null = null;
    if (out.agreement !== null) {
      const digits = sub.decode(out.agreement as PackageId);
      terms = {};
      for (const i of open) {
        closed.set(i, digits[i]!);
        terms[table.issues[i]!.id] = table.issues[i]!.options[digits[i]!]!;
      }
    }
    partials.push({ issues: [...stage.issues], closed: terms, finalStep: out.finalStep });
  });
  // A settlement issue closed short of the settlement (an energy pause) stays open for the settlement itself.
  const keep = new Map(
    [...closed].filter(([i, o]) => table.model.settlementOptions[i]![o] === 1 || table.kind !== 'settlement'),
  );
  const mainTable = keep.size > 0 ? table.close(keep) : table;
  const main = runner(mainTable, makePlayers(mainTable), config, createRandom(config.seed));
  return { partials, main, totalSteps: used + main.finalStep };
}
