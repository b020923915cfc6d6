import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isEntenteError } from '../errors';
import { loadScenarioText } from '../scenario/parse-scenario';
import { applyLevers, buildScenarioModel } from '../scenario/scenario-model';
import { buildScenarioSpace } from '../scenario/scenario-space';
import { prepareSpace } from '../space/prepared';
import { zoneExists } from '../space/zone';
import { openingLeverSets } from './scenario-levers';
import { smallestLeverSets } from './smallest-sets';
import { validateLeverUses } from './validate';

const here = path.dirname(fileURLToPath(import.meta.url));
const river = buildScenarioModel(
  loadScenarioText(readFileSync(path.join(here, '../scenario/fixtures/river-dispute.yaml'), 'utf8')),
);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return isEntenteError(e) ? e.code : 'not an EntenteError';
  }
  return undefined;
}

describe('validateLeverUses', () => {
  it('rejects an unknown lever, naming the known ones', () => {
    expect(codeOf(() => validateLeverUses(river, [{ id: 'nope', strength: 1 }]))).toBe('UNKNOWN_LEVER');
    expect(() => validateLeverUses(river.scenario, [{ id: 'nope', strength: 1 }])).toThrow(/use one of: broker_aid/);
  });

  it('rejects strengths outside [0, maxStrength], saying the maxStrength', () => {
    for (const strength of [-0.1, 3.01, Number.NaN, Number.POSITIVE_INFINITY])
      expect(codeOf(() => validateLeverUses(river, [{ id: 'broker_aid', strength }]))).toBe(
        'LEVER_STRENGTH_OUT_OF_RANGE',
      );
    expect(() => validateLeverUses(river, [{ id: 'broker_aid', strength: 50 }])).toThrow(/maxStrength 3/);
    expect(codeOf(() => validateLeverUses(river, [{ id: 'broker_aid', strength: 3 }]))).toBeUndefined();
    expect(codeOf(() => validateLeverUses(river, [{ id: 'broker_aid', strength: 0 }]))).toBeUndefined();
  });

  it('guards applyLevers, so every caller gets the same errors', () => {
    expect(codeOf(() => applyLevers(river, [{ id: 'broker_aid', strength: 50 }]))).toBe('LEVER_STRENGTH_OUT_OF_RANGE');
    expect(codeOf(() => applyLevers(river, [{ id: 'sanctions', strength: 1 }]))).toBe('UNKNOWN_LEVER');
  });
});

describe('smallestLeverSets', () => {
  it('finds a threshold that is not linear in the strength, by bisection, verified', () => {
    // Passes from strength 0.37 up to 0.8 only, then fails again: no linear solve gets this right.
    const test = (uses: { id: string; strength: number }[]) =>
      uses.some((u) => u.id === 'a' && u.strength >= 0.37 && u.strength <= 0.8);
    const found = smallestLeverSets([{ id: 'a', maxStrength: 1 }], test);
    expect(found.alreadyOpen).toBe(false);
    const strength = found.sets[0]!.levers[0]!.strength;
    expect(strength).toBeGreaterThanOrEqual(0.37);
    expect(strength).toBeLessThan(0.371);
    expect(test([{ id: 'a', strength }])).toBe(true);
  });

  it('prefers fewer levers, and lists every passing set of that size by total strength', () => {
    const need = { a: 0.6, b: 0.3, c: 2 };
    const test = (uses: { id: string; strength: number }[]) =>
      uses.some((u) => u.strength >= need[u.id as keyof typeof need]);
    const found = smallestLeverSets(
      [
        { id: 'a', maxStrength: 1 },
        { id: 'b', maxStrength: 1 },
        { id: 'c', maxStrength: 1 },
      ],
      test,
    );
    expect(found.sets.map((s) => s.levers.map((l) => l.id).join('+'))).toEqual(['b', 'a']);
    expect(found.sets[0]!.levers[0]!.strength).toBeCloseTo(0.3, 3);
    expect(found.sets[1]!.levers[0]!.strength).toBeCloseTo(0.6, 3);
  });

  it('needs two levers when no single one passes', () => {
    const test = (uses: { id: string; strength: number }[]) =>
      uses.reduce((s, u) => s + u.strength, 0) >= 1.5 && uses.length === 2;
    const found = smallestLeverSets(
      [
        { id: 'a', maxStrength: 1 },
        { id: 'b', maxStrength: 1 },
      ],
      test,
    );
    // Grid tuples (0.5, 1), (0.75, 0.75) and (1, 0.5) tie on total strength; each is kept.
    expect(found.sets.length).toBeGreaterThan(0);
    for (const set of found.sets) {
      expect(set.levers.map((l) => l.id)).toEqual(['a', 'b']);
      expect(set.totalStrength).toBeGreaterThanOrEqual(1.5);
      expect(set.totalStrength).toBeLessThan(1.51);
    }
  });

  it('says when the test already passes, and when nothing passes', () => {
    expect(smallestLeverSets([{ id: 'a', maxStrength: 1 }], () => true)).toEqual({ alreadyOpen: true, sets: [] });
    expect(smallestLeverSets([{ id: 'a', maxStrength: 1 }], () => false)).toEqual({ alreadyOpen: false, sets: [] });
  });
});

describe('the flagship scenario', () => {
  const file = path.join(here, '../../../../scenarios/ukraine-2025/scenario.yaml');
  const model = buildScenarioModel(loadScenarioText(readFileSync(file, 'utf8')));
  const scope = { kind: 'settlement' as const };
  const opens = (strength: number) =>
    zoneExists(
      prepareSpace(buildScenarioSpace(applyLevers(model, [{ id: 'us_sanctions_and_tariffs', strength }]), scope)),
    );

  it('opens a settlement zone with US sanctions alone, at the smallest strength found and not below', () => {
    const found = openingLeverSets(model, scope);
    expect(found.alreadyOpen).toBe(false);
    const best = found.combinations[0]!;
    expect(best.levers.map((l) => l.id)).toEqual(['us_sanctions_and_tariffs']);
    const strength = best.levers[0]!.strength;
    expect(strength).toBeCloseTo(2.835, 3);
    expect(best.zoneCount).toBeGreaterThan(0);
    expect(opens(strength)).toBe(true);
    expect(opens(strength * 0.999)).toBe(false);
    expect(opens(3)).toBe(true);
  });
});
