import { pathToFileURL } from 'node:url';
import { type AnyEngine, createEngineRegistry, EngineRegistry, EntenteError } from '@entente/core';

/**
 * Imports an engines module; a TypeScript one through tsx's scoped import, which compiles that
 * module's graph only (a global tsx hook would also catch the compiled CLI's own chunks, and a
 * worker thread's `--import tsx` does not reach modules it imports by URL).
 */
async function importModule(url: string): Promise<{ engines?: unknown }> {
  if (!/\.[mc]?tsx?$/.test(new URL(url).pathname)) return import(url);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url) as Promise<{ engines?: unknown }>;
}

/** Imports modules that add engines (each exports `engines`, an array of engine modules) and returns their engines. */
export async function importEngineModules(modules: readonly string[]): Promise<AnyEngine[]> {
  const extra: AnyEngine[] = [];
  for (const spec of modules) {
    const mod = await importModule(/^file:/.test(spec) ? spec : pathToFileURL(spec).href);
    if (!Array.isArray(mod.engines))
      throw new EntenteError('INVALID_ENGINE', `The engines module ${spec} exports no "engines" array.`);
    extra.push(...(mod.engines as AnyEngine[]));
  }
  return extra;
}

/**
 * A registry of `base` (default: the built-in engines) plus the engines of `modules`, so worker
 * processes and threads know an engine that is not built in.
 */
export async function registryWithModules(
  modules: readonly string[],
  base: readonly AnyEngine[] = createEngineRegistry().list(),
): Promise<EngineRegistry> {
  const extra = await importEngineModules(modules);
  const ids = new Set(extra.map((e) => e.id));
  return new EngineRegistry([...base.filter((e) => !ids.has(e.id)), ...extra]);
}
