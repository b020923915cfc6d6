import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-position';

describe('JSON error offsets', () => {
  it('accepts every text JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonErrorOffset(JSON.stringify(v, null, 1))).toBeUndefined();
      }),
    );
  });

  it('points at the first character that breaks the grammar', () => {
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('"abc')).toBe(4);
  });
});
