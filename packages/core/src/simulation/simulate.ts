import { EntenteError } from '../errors';
import { PROTOCOLS } from './protocols';
import { LazyRandom } from './sao';
import { type StrategyRegistry, strategyRegistry } from './strategy-registry';
import type { NegotiationTable, RunConfig, RunOutcome } from './types';

/** Options of one run besides its configuration. */
export interface SimulateOptions {
  registry?: StrategyRegistry;
  /** State carried between runs of one table ('negmas' mode only: tit-for-tat's cursor, FORMAT.md §6.3). */
  carry?: Map<string, number>;
}

function fail(message: string): never {
  throw new EntenteError('SIMULATION_INVALID', message);
}

/** Checks a run configuration against a table (party count, protocol, deadline). */
export function checkRunConfig(table: NegotiationTable, config: RunConfig): void {
  if (!PROTOCOLS[config.protocol])
    fail(`Unknown protocol "${config.protocol}"; known: ${Object.keys(PROTOCOLS).join(', ')}.`);
  if (config.strategies.length !== table.parties.length)
    fail(`${config.strategies.length} strategies for ${table.parties.length} parties: give one per party.`);
  if (table.parties.length < 2) fail('A negotiation needs at least two parties.');
  const d = config.deadline;
  if (
    d.kind === 'fixed'
      ? !(Number.isInteger(d.steps) && d.steps >= 1)
      : !(Number.isInteger(d.min) && d.min >= 1 && d.max >= d.min)
  )
    fail('The deadline must be a whole number of rounds, at least 1 (random: 1 ≤ min ≤ max).');
  const first = config.firstProposer ?? 0;
  if (!(Number.isInteger(first) && first >= 0 && first < table.parties.length))
    fail('The first proposer must be a party index.');
  if (
    config.order &&
    (config.order.length !== table.parties.length || [...config.order].sort((a, b) => a - b).some((p, i) => p !== i))
  )
    fail('The call order must name every party exactly once.');
}

/**
 * Runs one negotiation on a table: fresh strategy instances, the protocol, randomness from the seed.
 * @example simulate(table, { protocol: 'sao', strategies: ['boulware', 'conceder'], deadline: { kind: 'fixed', steps: 100 }, seed: 1 })
 */
export function simulate(table: NegotiationTable, config: RunConfig, options: SimulateOptions = {}): RunOutcome {
  checkRunConfig(table, config);
  const registry = options.registry ?? strategyRegistry;
  const players = registry.create(table, config.strategies, {
    compat: config.compat ?? 'entente',
    ...(options.carry ? { carry: options.carry } : {}),
  });
  return PROTOCOLS[config.protocol]!(table, players, config, new LazyRandom(config.seed));
}
