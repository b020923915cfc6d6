import { describe, expect, it } from 'vitest';
import { isEntenteError } from '../errors';
import { analyzeSpace } from '../space/analyze';
import { exactUtility, prepareSpace } from '../space/prepared';
import { parseDecimal } from '../space/rational';
import { parseGeniusDomain, parseGeniusProfile } from './genius-xml';
import { parseGeniusWebProfile } from './geniusweb-json';
import { geniusToSpace, readGeniusDomain } from './to-space';
import { parseXml } from './xml-reader';

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isEntenteError(e)) return e;
    throw e;
  }
  throw new Error('expected an EntenteError');
}

describe('XML reader', () => {
  it('reads elements, attributes, entities, comments and self-closing tags', () => {
    const root = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&#65;'><b/><c>t&lt;</c></a>`);
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1 & 2', y: 'A' });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[1]!.text).toBe('t<');
    expect(root.children[1]!.line).toBe(2);
  });

  it('accepts a missing space between attributes (real Genius files have it)', () => {
    expect(parseXml('<i type="discrete"vtype="discrete"/>').attributes).toEqual({
      type: 'discrete',
      vtype: 'discrete',
    });
  });

  it.each([
    ['<a><b></a>', /closing tag <\/a> does not match <b>/],
    ['<a x="1" x="2"/>', /duplicate attribute x/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a/><b/>', /content after the root/],
    ['<a x=1/>', /quoted value/],
    ['', /empty/],
    ['<a>', /not closed/],
  ])('rejects %j', (text, pattern) => {
    const e = errorOf(() => parseXml(text, 'f.xml'));
    expect(e.code).toBe('XML_MALFORMED');
    expect(e.message).toMatch(pattern);
    expect(e.message).toContain('f.xml:');
  });
});

const DOMAIN = `<negotiation_template><utility_space><objective index="0" name="dom">
<issue index="2" name="n" type="integer" lowerbound="1" upperbound="4"/>
<issue index="1" name="d" type="discrete"><item index="1" value="a"/><item index="2" value="b"/><item index="3" value="c"/></issue>
</objective></utility_space></negotiation_template>`;

function profile(body: string, tail = '<reservation value="0.25"/><discount_factor value="0.5"/>') {
  return `<utility_space><objective index="0" name="dom">${body}</objective>${tail}</utility_space>`;
}
const DISCRETE = `<issue index="1" name="d"><item value="a" evaluation="2"/><item value="b" evaluation="4"/><item value="c" evaluation="8"/><item value="a" evaluation="6"/></issue>`;
const INTEGER = `<issue index="2" name="n" lowerbound="1" upperbound="4"><evaluator ftype="linear" slope="0.5" offset="-0.25"/></issue>`;
const WEIGHTS = `<weight index="1" value="0.6"/><weight index="2" value="0.5"/>`;

describe('Genius XML import', () => {
  const domain = parseGeniusDomain(DOMAIN, 'dom.xml');

  it('orders issues by index and enumerates integer ranges', () => {
    expect(domain.issues.map((i) => i.name)).toEqual(['d', 'n']);
    expect(domain.issues[1]!.values).toEqual(['1', '2', '3', '4']);
  });

  it('applies eval/max, the last duplicate item, integer clipping, the cap, reservation and discount', () => {
    const p = parseGeniusProfile(profile(DISCRETE + INTEGER + WEIGHTS), domain, 'p.xml');
    // d: a = 6/8 (last duplicate wins), b = 4/8, c = 1; times 0.6.
    expect(p.contributions[0]!.map((r) => Number(r.n) / Number(r.d))).toEqual([0.45, 0.3, 0.6]);
    // n: clip(0.5·(v − 1) − 0.25, 0, 1) = 0, 0.25, 0.75, 1; times 0.5.
    expect(p.contributions[1]!.map((r) => Number(r.n) / Number(r.d))).toEqual([0, 0.125, 0.375, 0.5]);
    expect(p.reservation).toEqual(parseDecimal('0.25'));
    expect(p.discount).toBe(0.5);
    // Weights sum to 1.1: the best package (c, 4) is capped at exactly 1.
    const ps = prepareSpace(geniusToSpace(domain, [p]));
    const party = ps.parties[0]!;
    expect(exactUtility(party, ps, 2 * 4 + 3)).toBe(party.den);
    expect(exactUtility(party, ps, 0 * 4 + 2)).toBe((party.den * 825n) / 1000n);
  });

  it.each([
    ['0', 1],
    ['1.5', 1],
    ['s', 1],
    ['1', 1],
    ['0.9', 0.9],
  ])('validates the discount factor %s as Genius does', (raw, expected) => {
    const p = parseGeniusProfile(profile(DISCRETE + INTEGER + WEIGHTS, `<discount_factor value="${raw}"/>`), domain);
    expect(p.discount).toBe(expected);
    expect(p.reservation).toBeNull();
  });

  it('notes values without an evaluation and takes them as 0', () => {
    const body = `<issue index="1" name="d"><item value="a" evaluation="1"/></issue>${INTEGER}${WEIGHTS}`;
    const p = parseGeniusProfile(profile(body), domain);
    expect(p.notes).toEqual([
      'value "b" of "d" has no evaluation (taken as 0)',
      'value "c" of "d" has no evaluation (taken as 0)',
    ]);
  });

  it.each([
    [
      DISCRETE + INTEGER + '<weight index="1" value="-0.6"/><weight index="2" value="0.5"/>',
      'GENIUS_NEGATIVE_WEIGHT',
      /<weight index="1"> is negative/,
    ],
    [
      DISCRETE.replace('name="d"', 'name="x"') + INTEGER + WEIGHTS,
      'GENIUS_PROFILE_MISMATCH',
      /named "x" but the domain calls it "d"/,
    ],
    [
      DISCRETE.replace('value="c"', 'value="z"') + INTEGER + WEIGHTS,
      'GENIUS_PROFILE_MISMATCH',
      /Value "z" of issue "d"/,
    ],
    [DISCRETE + WEIGHTS, 'GENIUS_PROFILE_MISMATCH', /no <issue> for domain issue "n"/],
    [DISCRETE + INTEGER + '<weight index="1" value="0.6"/>', 'GENIUS_INVALID', /no <weight> for issue "n"/],
    [
      DISCRETE + INTEGER.replace('slope="0.5"', 'slope="half"') + WEIGHTS,
      'GENIUS_INVALID',
      /slope="half" is not a number/,
    ],
    [
      `${DISCRETE}<issue index="7" name="q"/>${INTEGER}${WEIGHTS}`,
      'GENIUS_PROFILE_MISMATCH',
      /index 7 .* is not in the domain/,
    ],
  ])('rejects bad profiles with a code naming the element (%#)', (body, code, pattern) => {
    const e = errorOf(() => parseGeniusProfile(profile(body), domain, 'bad.xml'));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(pattern);
    expect(e.message).toMatch(/^bad\.xml:\d+: /);
    expect(e.kind).toBe('input');
  });

  it('refuses non-linear profiles and real-valued issues', () => {
    const nonlinear = '<utility_space type="NONLINEAR"><objective/></utility_space>';
    expect(errorOf(() => parseGeniusProfile(nonlinear, domain)).code).toBe('GENIUS_UNSUPPORTED');
    const real = '<utility_space><objective><issue index="1" name="r" type="real"/></objective></utility_space>';
    expect(errorOf(() => parseGeniusDomain(real)).code).toBe('GENIUS_UNSUPPORTED');
  });
});

describe('GeniusWeb JSON import', () => {
  const domainJson = { name: 't', issuesValues: { x: { values: ['a', 'b'] }, y: { values: ['c', 'd'] } } };
  const profileDoc = (weights: Record<string, number>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      LinearAdditiveUtilitySpace: {
        issueUtilities: {
          x: { discreteutils: { valueUtilities: { a: 0.1, b: 1 } } },
          y: { discreteutils: { valueUtilities: { c: 0.2, d: 0.3 } } },
        },
        issueWeights: weights,
        domain: domainJson,
        ...extra,
      },
    });
  const domain = readGeniusDomain(JSON.stringify(domainJson), 'd.json');

  it('reads weights and value utilities as exact decimals, with the reservation bid utility', () => {
    const p = parseGeniusWebProfile(
      profileDoc({ x: 1, y: 1 }, { reservationBid: { issuevalues: { x: 'a', y: 'c' } } }),
      domain,
    );
    // 0.1 + 0.2 is exactly 0.3 here, unlike in float arithmetic.
    expect(p.reservation).toEqual(parseDecimal('0.3'));
    expect(p.cap).toBeNull();
    const space = geniusToSpace(domain, [p, p]);
    // Packages (a, c) and the reservation tie exactly: the weak zone holds all 4 packages, the strict one 3.
    expect(analyzeSpace(space, { partialDeals: false }).zone.count).toBe(4);
    expect(analyzeSpace(space, { partialDeals: false, zone: 'strict' }).zone.count).toBe(3);
  });

  it('rejects negative weights, domain mismatches and other profile types', () => {
    expect(errorOf(() => parseGeniusWebProfile(profileDoc({ x: -1, y: 1 }), domain, 'p.json')).code).toBe(
      'GENIUSWEB_NEGATIVE_WEIGHT',
    );
    const other = readGeniusDomain(
      JSON.stringify({ name: 'o', issuesValues: { x: { values: ['a', 'b'] } } }),
      'o.json',
    );
    expect(errorOf(() => parseGeniusWebProfile(profileDoc({ x: 1, y: 1 }), other, 'p.json')).code).toBe(
      'GENIUSWEB_PROFILE_MISMATCH',
    );
    const e = errorOf(() => parseGeniusWebProfile('{"SumOfGroupsUtilitySpace": {}}', domain, 'p.json'));
    expect(e.code).toBe('GENIUSWEB_UNSUPPORTED');
    expect(e.message).toMatch(/^p\.json: /);
  });
});
