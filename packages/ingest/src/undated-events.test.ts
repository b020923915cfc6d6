import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';
import { findUndatedTriggers } from './undated-events';

describe('events told without a time expression', () => {
  it('types a happening by its verb and leaves relative clauses and infinitives alone', () => {
    expect(findUndatedTriggers('The envoys agreed on a swap of wounded soldiers.').map((t) => t.type)).toEqual([
      'agreement',
    ]);
    expect(findUndatedTriggers('Oslo proposed a truce and handed over a draft.').map((t) => t.type)).toEqual([
      'proposal',
    ]);
    expect(findUndatedTriggers('The minister had a phone call with her counterpart.')[0]?.type).toBe('call');
    expect(findUndatedTriggers('It is a plan which Lima proposed.')).toEqual([]);
    expect(findUndatedTriggers('She was glad to have reached an agreement.')).toEqual([]);
    expect(findUndatedTriggers('He has proposed that the border be demilitarised.')).toEqual([]);
  });

  it('dates an outcome at the latest round of talks before it, not at a background round', () => {
    const text =
      'Delegations of Freedonia and Sylvania held talks in Valletta on March 4. ' +
      'Their first round of talks took place on January 20. ' +
      'The two sides agreed on the release of 300 detainees.';
    const x = extractFromText(text, { published: '2031-03-05' });
    const outcome = x.events.find((e) => e.type === 'agreement');
    expect(outcome).toMatchObject({ date: '2031-03-04', precision: 'day', status: 'reported', dateText: '' });
    expect(outcome?.dateRule).toMatch(/talks "March 4"/);
    expect(text.slice(outcome?.triggerStart, outcome?.triggerEnd)).toBe('agreed on');
  });

  it('gives a second happening of a dated sentence its own event at that date', () => {
    const text = 'Freedonia and Sylvania agreed to a ceasefire during talks in Valletta on Tuesday.';
    const x = extractFromText(text, { published: '2031-03-06' });
    expect(x.events.map((e) => `${e.date} ${e.type}`).sort()).toEqual(['2031-03-04 agreement', '2031-03-04 talks']);
  });

  it('takes the publication date without an earlier dated event, and nothing without either', () => {
    const text = 'The negotiators proposed a monitoring mission.';
    expect(extractFromText(text, { published: '2031-03-05' }).events[0]).toMatchObject({
      date: '2031-03-05',
      type: 'proposal',
      dateRule: 'publication date',
    });
    expect(extractFromText(text).events).toEqual([]);
  });

  it('makes no event of a planned or hypothetical outcome, nor of one under a coarser date', () => {
    expect(extractFromText('The sides will have agreed to a swap.', { published: '2031-03-05' }).events).toEqual([]);
    const coarse = extractFromText('Last month, the parties agreed to a swap of detainees.', {
      published: '2031-03-05',
    });
    expect(coarse.events.every((e) => e.type !== 'agreement' || e.dateText !== '')).toBe(true);
  });
});

describe('statements, sessions and denials told without a time expression', () => {
  it('takes a statement by its form: a readout issued, a statement made, a post on an account', () => {
    for (const sentence of [
      'Freedonia will sign, according to a statement by Foreign Minister Anna Berg.',
      'Anna Berg made this statement to the press.',
      'In a message posted on his social media account, Juan Soto wrote that talks would resume.',
      'Ankara agreed to a pause during a call, according to a readout of the call issued by the presidency.',
    ])
      expect(findUndatedTriggers(sentence).map((t) => t.type)).toContain('statement');
    expect(findUndatedTriggers('Anna Berg said the talks would resume.')).toEqual([]);
  });

  it('dates a session told by its length, and a denied "agree to", at the last session', () => {
    const text =
      'Envoys of Freedonia and Sylvania held talks in Valletta on Tuesday. After five hours of negotiations, ' +
      'Anna Berg spoke to the media. They did not reach any compromise or agree to a new summit.';
    const x = extractFromText(text, { published: '2031-03-06' });
    expect(x.events.map((e) => `${e.date} ${e.type} ${e.status}`)).toEqual([
      '2031-03-04 talks reported',
      '2031-03-04 talks reported',
      '2031-03-04 agreement denied',
    ]);
    // A bare "agree to" that is not denied is no news.
    expect(extractFromText('Both sides agree to the plan.', { published: '2031-03-06' }).events).toEqual([]);
  });

  it('reads a quoted readout\'s "It was agreed", and keeps one copy of a repeated lede (the later one)', () => {
    const readout = 'Anna Berg phoned Juan Soto on Monday. "It was agreed to begin negotiations," the statement added.';
    const x = extractFromText(readout, { published: '2031-03-06' });
    expect(x.events.map((e) => `${e.date} ${e.type}`)).toContain('2031-03-03 agreement');
    const lede = 'It is time to sign, according to a statement by Anna Berg.';
    const twice = extractFromText(`${lede}\n\n${lede}`, { published: '2031-03-06' });
    expect(twice.events).toHaveLength(1);
    expect(twice.events[0]?.triggerStart).toBeGreaterThan(lede.length);
  });
});
