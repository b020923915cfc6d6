import { buildScenarioModel, evaluatePackage, loadScenarioText, type PackagePoints, resolveTerms } from '@entente/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { buildScenarioEntry, ScenarioRegistry } from '../src/scenario-registry';
import { riverFile, riverText } from './fixtures';

// Only a full truce ends the fighting: settlements against walking away, steps against today.
const settleText = `${riverText.replace('id: river-dispute', 'id: river-points')}
settlement:
  requires:
    truce: [full]
`;
const model = buildScenarioModel(loadScenarioText(settleText));
const { app } = createApp({
  scenarios: new ScenarioRegistry([buildScenarioEntry(riverFile.replace('.yaml', '-points.yaml'), settleText)]),
});

interface Body {
  mode: string;
  parties: string[];
  options: { issue: string; options: string[] }[];
  zone: { count: number };
  points: PackagePoints;
}

async function space(body: unknown): Promise<Body> {
  const res = await app.request('/api/scenarios/river-points/space', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}

/** Terms of an outcome index (first issue most significant). */
function termsOf(options: Body['options'], outcome: number): Record<string, string> {
  const terms: Record<string, string> = {};
  let rest = outcome;
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i]!.options;
    terms[options[i]!.issue] = o[rest % o.length]!;
    rest = Math.floor(rest / o.length);
  }
  return terms;
}

describe("the space route's points", () => {
  it.each([
    ['settlements', {}],
    ['steps only', { issues: ['water', 'bridge'] }],
    ['a sample', { maxPoints: 2 }],
  ])('carry the zone flag and answers of core, and count the zone as core does (%s)', async (_, extra) => {
    const body = await space({ points: 'all', ...extra });
    const pts = body.points;
    expect(pts.outcomes.length).toBeGreaterThan(0);
    pts.outcomes.forEach((outcome, t) => {
      const ev = evaluatePackage(model, resolveTerms(model, termsOf(body.options, outcome)), body.parties);
      expect(pts.inZone[t]).toBe(ev.inZone ? 1 : 0);
      body.parties.forEach((party, p) => {
        const a = ev.actors.find((x) => x.actor === party)!;
        expect(pts.answers[p]![t]).toBe(a.answer);
        expect(pts.utilities[p]![t]).toBeCloseTo(a.utility, 12);
      });
    });
    if (!pts.sampled) expect(pts.inZone.reduce((a, b) => a + b, 0)).toBe(body.zone.count);
  });

  it('flags the frontier points too', async () => {
    const body = await space({ points: 'frontier' });
    expect(body.points.inZone).toHaveLength(body.points.outcomes.length);
    expect(body.points.answers).toHaveLength(body.parties.length);
  });
});
