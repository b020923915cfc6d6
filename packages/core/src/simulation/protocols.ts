import type { SeededRandom } from '../random/seeded-random';
import { runMediatedDefault } from './mediated';
import { runSao } from './sao';
import type { NegotiationTable, RunConfig, RunOutcome, Strategy } from './types';

/** Runs one negotiation under a protocol with ready strategy instances. */
export type ProtocolRunner = (
  table: NegotiationTable,
  players: readonly Strategy[],
  config: RunConfig,
  random: SeededRandom,
) => RunOutcome;

/** The protocols by name (`--protocol`). */
export const PROTOCOLS: Readonly<Record<string, ProtocolRunner>> = {
  sao: runSao,
  mediated: runMediatedDefault,
};
