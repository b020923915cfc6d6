import { describe, expect, it } from 'vitest';
import { isEntenteError } from '../errors';
import { MAX_XML_DEPTH, parseXml } from './xml-reader';

/** The code of the EntenteError `fn` throws (fails the test when it throws anything else, or nothing). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isEntenteError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an error');
}

const nested = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;

describe('parseXml limits', () => {
  it('reads nesting up to the limit', () => {
    let el = parseXml(nested(MAX_XML_DEPTH));
    let depth = 1;
    while (el.children[0]) {
      el = el.children[0];
      depth++;
    }
    expect(depth).toBe(MAX_XML_DEPTH);
  });

  it('refuses deeper nesting as an input error instead of overflowing the stack', () => {
    expect(codeOf(() => parseXml(nested(MAX_XML_DEPTH + 1)))).toBe('XML_TOO_DEEP');
    expect(codeOf(() => parseXml(nested(10_000), 'deep.xml'))).toBe('XML_TOO_DEEP');
  });

  it('decodes legal character references', () => {
    expect(parseXml('<a v="&#x41;&#66;&#x1F600;">&#x9;x</a>').attributes.v).toBe('AB\u{1F600}');
  });

  it('refuses empty, malformed and out-of-range character references as malformed XML', () => {
    for (const ref of [
      '&#x;',
      '&#;',
      '&#xZZ;',
      '&#x110000;',
      '&#1114112;',
      '&#0;',
      '&#xD800;',
      '&#99999999999;',
      '&#x-1;',
    ])
      expect(
        codeOf(() => parseXml(`<a v="${ref}"/>`)),
        ref,
      ).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml('<a>&#x;</a>'))).toBe('XML_MALFORMED');
  });
});
