import { EntenteError } from '../errors';
import type { AnyEngine } from './types';

const ID = /^[a-z][a-z0-9-]*$/;

/** The engines an interface offers: the CLI, the API, the jobs and the report iterate over one of these. */
export class EngineRegistry {
  private readonly engines = new Map<string, AnyEngine>();

  constructor(engines: readonly AnyEngine[] = []) {
    for (const engine of engines) this.register(engine);
  }

  /** Adds an engine; its id must be new and a lowercase slug. */
  register(engine: AnyEngine): this {
    if (!ID.test(engine.id))
      throw new EntenteError(
        'INVALID_ENGINE',
        `Engine id "${engine.id}" must be lowercase letters, digits and dashes.`,
      );
    if (this.engines.has(engine.id))
      throw new EntenteError('INVALID_ENGINE', `An engine with id "${engine.id}" is already registered.`);
    this.engines.set(engine.id, engine);
    return this;
  }

  /** The engine with this id, or an input error listing the known ids. */
  get(id: string): AnyEngine {
    const engine = this.engines.get(id);
    if (!engine)
      throw new EntenteError('UNKNOWN_ENGINE', `No engine has id "${id}"; use one of: ${this.ids().join(', ')}.`);
    return engine;
  }

  has(id: string): boolean {
    return this.engines.has(id);
  }

  ids(): string[] {
    return [...this.engines.keys()];
  }

  list(): AnyEngine[] {
    return [...this.engines.values()];
  }
}
