import { forecastEngine } from '../forecast/forecast-engine';
import { domainEngine } from '../genius/domain-engine';
import { gmcrEngine } from '../gmcr/gmcr-engine';
import { backtestEngine } from '../scenario/backtest-engine';
import { calibrateEngine } from '../scenario/calibrate-engine';
import { evaluateEngine } from '../scenario/evaluate-engine';
import { spaceEngine } from '../scenario/space-engine';
import { simulateEngine } from '../simulation/simulate-engine';
import { EngineRegistry } from './registry';
import type { AnyEngine } from './types';

/** The engines Entente ships, in the order the CLI lists them and the report runs them. */
export const BUILTIN_ENGINES: readonly AnyEngine[] = [
  evaluateEngine,
  backtestEngine,
  calibrateEngine,
  spaceEngine,
  gmcrEngine,
  domainEngine,
  forecastEngine,
  simulateEngine,
];

/** A registry holding the built-in engines; interfaces take one so tests can add their own. */
export function createEngineRegistry(extra: readonly AnyEngine[] = []): EngineRegistry {
  return new EngineRegistry([...BUILTIN_ENGINES, ...extra]);
}
