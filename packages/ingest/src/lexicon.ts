import { EntenteError } from '@entente/core';
import { parse as parseYaml } from 'yaml';
import type { ScenarioLexicon } from './types';

interface ActorLike {
  id: string;
  name: string;
  aliases?: string[];
}
interface IssueLike {
  id: string;
  name: string;
  keywords?: string[];
  description?: string;
}

/** Builds the extraction lexicon from a scenario's actors and issues (anything with that shape). */
export function lexiconFromScenario(scenario: { actors: ActorLike[]; issues: IssueLike[] }): ScenarioLexicon {
  return {
    actors: scenario.actors.map((a) => ({ id: a.id, name: a.name, aliases: [...(a.aliases ?? [])] })),
    issues: scenario.issues.map((i) => ({ id: i.id, name: i.name, keywords: [...(i.keywords ?? [])] })),
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks that parsed data has the lexicon's shape and returns it, or says what is wrong. */
export function parseLexicon(data: unknown, file: string): ScenarioLexicon {
  const root = (
    data && typeof data === 'object' && 'scenario' in data ? (data as { scenario: unknown }).scenario : data
  ) as Record<string, unknown> | null | undefined;
  const problem = (what: string) =>
    new EntenteError(
      'LEXICON_INVALID',
      `${file}: ${what}. A lexicon needs actors [{id, name, aliases}] and issues [{id, name, keywords}].`,
    );
  if (!root || typeof root !== 'object') throw problem('the file is not a mapping');
  const actors = root.actors;
  const issues = root.issues ?? [];
  if (!Array.isArray(actors)) throw problem('"actors" is missing or not a list');
  if (!Array.isArray(issues)) throw problem('"issues" is not a list');
  const lexicon: ScenarioLexicon = { actors: [], issues: [] };
  actors.forEach((a: unknown, i) => {
    const r = a as Record<string, unknown> | null;
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string')
      throw problem(`actors[${i}] needs a string id and name`);
    const aliases = r.aliases ?? [];
    if (!isStringArray(aliases)) throw problem(`actors[${i}].aliases must be a list of strings`);
    lexicon.actors.push({ id: r.id, name: r.name, aliases });
  });
  issues.forEach((x: unknown, i) => {
    const r = x as Record<string, unknown> | null;
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string')
      throw problem(`issues[${i}] needs a string id and name`);
    const keywords = r.keywords ?? [];
    if (!isStringArray(keywords)) throw problem(`issues[${i}].keywords must be a list of strings`);
    lexicon.issues.push({ id: r.id, name: r.name, keywords });
  });
  return lexicon;
}

/** Parses a lexicon (or a scenario with actors and issues) from YAML or JSON text. */
export function parseLexiconText(text: string, file: string): ScenarioLexicon {
  let data: unknown;
  try {
    // logLevel 'error': the YAML library would print its warnings (unknown tags) on stderr.
    data = parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (error) {
    throw new EntenteError('LEXICON_INVALID', `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseLexicon(data, file);
}
