import { describe, expect, it } from 'vitest';
import { randomSpace } from './brute-force.test-helper';
import { prepareSpace } from './prepared';
import { describePackage } from './solutions';
import { decodeTerms } from './terms';

describe('decodeTerms', () => {
  it('reads the same terms from an outcome index as the engine does', () => {
    const space = randomSpace(7, { issues: [3, 3], options: [2, 4] });
    const ps = prepareSpace(space);
    const options = space.issues.map((i) => ({ issue: i.id, options: i.options }));
    const total = space.issues.reduce((n, i) => n * i.options.length, 1);
    expect(total).toBeGreaterThan(8);
    for (let t = 0; t < total; t++) expect(decodeTerms(options, t)).toEqual(describePackage(ps, t, []).terms);
  });

  it('puts the first issue most significant', () => {
    const options = [
      { issue: 'water', options: ['north_all', 'split'] },
      { issue: 'truce', options: ['none', 'full'] },
    ];
    expect(decodeTerms(options, 1)).toEqual({ water: 'north_all', truce: 'full' });
    expect(decodeTerms(options, 2)).toEqual({ water: 'split', truce: 'none' });
  });
});
