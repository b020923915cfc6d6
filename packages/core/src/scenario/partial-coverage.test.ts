import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { analyzeScenarioSpace } from './analyze-scenario-space';
import { buildScenarioModel } from './scenario-model';
import { renderSpace } from './space-engine';

describe('space results say when the partial-deal search was cut short', () => {
  const scenario = randomScenario(createRandom(9), { actors: 3, issues: 5 });
  const model = buildScenarioModel(scenario);
  const statusQuo = Object.fromEntries(scenario.issues.map((i) => [i.id, i.statusQuo]));

  it('flags a search limited to single issues, in the JSON and the text, with the counts', () => {
    const result = analyzeScenarioSpace(model, { partialDealSize: 1, openingLevers: false });
    const search = (result.steps ?? result.analysis).partialDealSearch!;
    expect(result.truncated).toBe(true);
    expect(search.subsets).toBe(31);
    expect(search.searched + search.notSearched + search.tooLarge).toBe(31);
    expect(search.notSearched).toBeGreaterThan(0);
    const text = renderSpace(JSON.parse(JSON.stringify(result)), statusQuo);
    expect(text).toContain(`TRUNCATED: ${search.searched} of 31 issue subsets searched`);
  });

  it('says nothing is cut when every subset is searched', () => {
    const result = analyzeScenarioSpace(model, { partialDealSize: 5, openingLevers: false });
    expect(result.truncated).toBe(false);
    expect((result.steps ?? result.analysis).partialDealSearch).toMatchObject({ searched: 31, truncated: false });
    expect(renderSpace(result, statusQuo)).not.toContain('TRUNCATED');
  });
});
