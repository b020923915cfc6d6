import type { SeededRandom } from '../random/seeded-random';
import type { Scenario } from '../scenario/schema';

/** A random valid scenario with `actors` parties (ids `p0`, `p1`, …), for contract and property tests. */
export function randomScenario(
  rng: SeededRandom,
  size: { actors?: number; issues?: number; proposals?: number } = {},
): Scenario {
  const nActors = size.actors ?? 2 + rng.int(3);
  const nIssues = size.issues ?? 2 + rng.int(3);
  const ev = [{ source: 's', quote: 'q' }];
  const issues = Array.from({ length: nIssues }, (_, i) => {
    const nOptions = 2 + rng.int(3);
    return {
      id: `i${i}`,
      name: `Issue ${i}`,
      description: '',
      keywords: [],
      options: Array.from({ length: nOptions }, (_, j) => ({
        id: `o${j}`,
        label: `Option ${j}`,
        position: (100 * j) / (nOptions - 1),
      })),
      statusQuo: 'o0',
      evidence: [],
    };
  });
  const round = (x: number) => Math.round(x * 100) / 100;
  const preferences: Scenario['preferences'] = {};
  for (let k = 0; k < nActors; k++) {
    const redLines = issues.flatMap((issue) =>
      rng.next() < 0.2
        ? [
            {
              issue: issue.id,
              option: issue.options[1 + rng.int(issue.options.length - 1)]!.id,
              absolute: false,
              evidence: ev,
            },
          ]
        : [],
    );
    preferences[`p${k}`] = {
      utility: { model: 'additive' },
      weights: Object.fromEntries(issues.map((issue) => [issue.id, 1 + rng.int(5)])),
      values: Object.fromEntries(
        issues.map((issue) => [issue.id, Object.fromEntries(issue.options.map((o) => [o.id, round(rng.next())]))]),
      ),
      redLines,
      noDeal: round(rng.next()),
      noDealEvidence: ev,
      leverage: {},
      evidence: [],
    };
  }
  const proposals = Array.from({ length: size.proposals ?? 4 }, (_, p) => ({
    id: `prop${p}`,
    title: `Proposal ${p}`,
    date: '2025-01-01',
    proposers: ['p0'],
    description: '',
    terms: Object.fromEntries(
      issues
        .filter(() => rng.next() < 0.6)
        .map((issue) => [issue.id, issue.options[rng.int(issue.options.length)]!.id]),
    ),
    responses: {},
    evidence: ev,
  }));
  return {
    schema: 'entente-scenario/1',
    id: 'random',
    title: 'Random scenario',
    description: '',
    asOf: '2025-12-31',
    sources: [{ id: 's', title: 'Source' }],
    actors: Array.from({ length: nActors }, (_, k) => ({
      id: `p${k}`,
      name: `Party ${k}`,
      aliases: [],
      role: 'party' as const,
      partners: [],
      evidence: [],
    })),
    issues,
    preferences,
    levers: [],
    proposals,
    changes: [],
    events: [],
    notes: [],
  };
}

/** Renames and reorders the actors of a scenario: actor `pK` becomes `p<perm[K]>` at position perm[K]. */
export function relabelScenario(scenario: Scenario, perm: readonly number[]): Scenario {
  const rename = (id: string) => (/^p\d+$/.test(id) ? `p${perm[Number(id.slice(1))]}` : id);
  const actors = scenario.actors.map((a) => ({ ...a, id: rename(a.id), partners: a.partners.map(rename) }));
  const ordered = [...actors].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return {
    ...scenario,
    actors: ordered,
    preferences: Object.fromEntries(Object.entries(scenario.preferences).map(([k, v]) => [rename(k), v])),
    proposals: scenario.proposals.map((p) => ({
      ...p,
      proposers: p.proposers.map(rename),
      responses: Object.fromEntries(Object.entries(p.responses).map(([k, v]) => [rename(k), v])),
    })),
    changes: scenario.changes.map((c) => (c.actor === undefined ? c : { ...c, actor: rename(c.actor) })),
  };
}

/** The inverse renaming of actor ids, for restoring outputs. */
export function restoreActorId(id: string, perm: readonly number[]): string {
  if (!/^p\d+$/.test(id)) return id;
  return `p${perm.indexOf(Number(id.slice(1)))}`;
}
