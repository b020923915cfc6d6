import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSuccessOrInputError, FUZZ_RUNS, mutatedJson, mutatedText } from '../fuzz.test-helper';
import { geniusToSpace, readGeniusDomain, readGeniusProfile } from './to-space';

const xmlDomain = `<?xml version="1.0" encoding="UTF-8"?>
<negotiation_template>
  <utility_space number_of_issues="2">
    <objective index="0" name="root" type="objective" etype="objective">
      <issue index="1" name="price" type="discrete" etype="discrete" vtype="discrete">
        <item index="1" value="low"/><item index="2" value="high"/>
      </issue>
      <issue index="2" name="days" type="integer" etype="integer" vtype="integer" lowerbound="1" upperbound="3"/>
    </objective>
  </utility_space>
</negotiation_template>`;

const xmlProfile = `<utility_space>
  <objective index="0" name="root" type="objective" etype="objective">
    <issue index="1" name="price" type="discrete" etype="discrete" vtype="discrete">
      <item index="1" value="low" evaluation="1"/><item index="2" value="high" evaluation="0.25"/>
    </issue>
    <weight index="1" value="0.6"/>
    <issue index="2" name="days" type="integer" etype="integer" vtype="integer" lowerbound="1" upperbound="3">
      <evaluator ftype="linear" slope="0.5" offset="0"/>
    </issue>
    <weight index="2" value="0.4"/>
  </objective>
  <reservation value="0.3"/>
</utility_space>`;

const webDomain = { name: 'trip', issuesValues: { x: { values: ['a', 'b'] }, y: { values: ['c', 'd', 'e'] } } };
const webProfile = {
  LinearAdditiveUtilitySpace: {
    name: 'p1',
    issueUtilities: {
      x: { discreteutils: { valueUtilities: { a: 0.1, b: 1 } } },
      y: { discreteutils: { valueUtilities: { c: 0.2, d: 0.3, e: 1 } } },
    },
    issueWeights: { x: 0.5, y: 0.5 },
    domain: webDomain,
    reservationBid: { issuevalues: { x: 'a', y: 'c' } },
  },
};

/** Domain and profile pairs to mutate: the two inline ones, and two reference domains when present. */
function pairs(): [string, string][] {
  const list: [string, string][] = [
    [xmlDomain, xmlProfile],
    [JSON.stringify(webDomain, null, 1), JSON.stringify(webProfile, null, 1)],
  ];
  const here = path.dirname(fileURLToPath(import.meta.url));
  const ref = path.resolve(here, '../../../../../shared/reference/negotiation/domains');
  for (const [domain, profile] of [
    ['ANAC2016/parsCat/domain.xml', 'ANAC2016/parsCat/profile1.xml'],
    ['geniusweb/Party/party.json', 'geniusweb/Party/party1.json'],
  ])
    if (existsSync(path.join(ref, domain!)) && existsSync(path.join(ref, profile!)))
      list.push([readFileSync(path.join(ref, domain!), 'utf8'), readFileSync(path.join(ref, profile!), 'utf8')]);
  return list;
}

/** What the domain engine does with the files: read the domain, then the profile against it, then build a space. */
function readPair(domainText: string, profileText: string): void {
  expectSuccessOrInputError(() => {
    const domain = readGeniusDomain(domainText, 'domain');
    const profile = readGeniusProfile(profileText, domain, 'profile');
    return geniusToSpace(domain, [profile, profile]);
  });
}

describe('Genius XML and GeniusWeb JSON readers under fuzzing', () => {
  const all = pairs();

  it('reads every unmutated pair (the generators start from valid files)', () => {
    for (const [d, p] of all) {
      const domain = readGeniusDomain(d);
      expect(readGeniusProfile(p, domain).contributions.length).toBe(domain.issues.length);
    }
  });

  it('answers a mutated domain or profile text with an input error or a space', () => {
    const mutated = fc.oneof(
      ...all.map(([d, p]) =>
        fc.oneof(
          mutatedText(d).map((m) => [m, p] as const),
          mutatedText(p).map((m) => [d, m] as const),
        ),
      ),
    );
    fc.assert(
      fc.property(mutated, ([d, p]) => readPair(d, p)),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers structurally mutated GeniusWeb JSON with an input error or a space', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedJson(webDomain).map((d) => [JSON.stringify(d) ?? 'null', JSON.stringify(webProfile)] as const),
          mutatedJson(webProfile).map((p) => [JSON.stringify(webDomain), JSON.stringify(p) ?? 'null'] as const),
        ),
        ([d, p]) => readPair(d, p),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers random strings, deep nesting and odd character references with an input error', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.nat(3000).map((n) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`),
      fc.nat(3000).map((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`),
      fc
        .constantFrom('&#x;', '&#;', '&#xFFFFFFFF;', '&#55296;', '&#1114112;', '&bogus;', '&')
        .map((ref) => `<utility_space><issue name="${ref}" index="1"/></utility_space>`),
    );
    fc.assert(
      fc.property(junk, fc.boolean(), (text, asDomain) =>
        asDomain ? readPair(text, xmlProfile) : readPair(xmlDomain, text),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
