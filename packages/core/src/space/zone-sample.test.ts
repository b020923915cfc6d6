import { describe, expect, it } from 'vitest';
import { scenarioPackagePoints } from '../acceptance/package-points';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { buildScenarioModel } from '../scenario/scenario-model';
import { buildScenarioSpace } from '../scenario/scenario-space';
import { bruteForce, randomSpace } from './brute-force.test-helper';
import { zoneOutcomes } from './zone-sample';

describe('zone packages for a plotted sample', () => {
  it('lists the zone packages of the brute force, and says when the limit cut the list', () => {
    for (const seed of [21, 22, 23, 24, 25]) {
      const space = randomSpace(seed, { parties: [2, 4], redLines: 0.1 });
      const bf = bruteForce(space);
      const zone = Array.from({ length: bf.total }, (_, o) => o).filter((o) => bf.inZone(o, false));
      expect(zoneOutcomes(space, 'weak', 1_000_000)).toEqual({ outcomes: zone, complete: true });
      if (zone.length > 1)
        expect(zoneOutcomes(space, 'weak', zone.length - 1)).toEqual({ outcomes: zone.slice(0, -1), complete: false });
    }
  });

  it('keeps required packages in a sample of a scenario space', () => {
    const m = buildScenarioModel(randomScenario(createRandom(4), { actors: 3, issues: 4 }));
    const space = buildScenarioSpace(m, {});
    const total = space.issues.reduce((acc, i) => acc * i.options.length, 1);
    const required = [total - 1, Math.floor(total / 2), 1];
    const plain = scenarioPackagePoints(m, space, 3);
    const sample = scenarioPackagePoints(m, space, 5, required);
    expect(sample.sampled).toBe(true);
    expect(sample.included).toBe(3);
    expect(sample.outcomes.length).toBeLessThanOrEqual(5);
    for (const o of required) expect(sample.outcomes).toContain(o);
    // Without the requirement the last package is not drawn: the test would catch a dropped `include`.
    expect(plain.outcomes).not.toContain(total - 1);
  });
});
