import { describe, expect, it } from 'vitest';
import { isCaption, isNonEventDate } from './date-filters';
import { extractFromText } from './extract';
import { mergeAppositeDates } from './same-happening';
import type { ExtractedEvent } from './types';
import { findUndatedTriggers } from './undated-events';

const events = (text: string, published = '2031-06-30') =>
  extractFromText(text, { published }).events.map((e) => `${e.date} ${e.type} [${e.dateText}]`);

describe('one event per happening in a sentence', () => {
  it('reads a weekday and its date side by side as one date, typed by the more specific keyword', () => {
    expect(events('On Tuesday, June 24, envoys of Freedonia and Sylvania met in Valletta.')).toEqual([
      '2031-06-24 meeting [June 24]',
    ]);
    expect(
      events('The rebels announced late Monday, June 23, 2031, that they would enter into a truce.', '2031-06-24'),
    ).toEqual(['2031-06-23 ceasefire [Monday, June 23, 2031]']);
    // Dates side by side that differ, or the same date told apart, stay two events.
    const text = 'June 10, June 24 and again on June 10';
    const ev = (
      date: string,
      start: number,
      end: number,
      type: ExtractedEvent['type'] = 'meeting',
    ): ExtractedEvent => ({
      date,
      precision: 'day',
      type,
      status: 'reported',
      actors: [],
      issues: [],
      dateText: text.slice(start, end),
      dateStart: start,
      dateEnd: end,
      start: 0,
      end: text.length,
      sentence: 0,
    });
    expect(mergeAppositeDates([ev('2031-06-10', 0, 7), ev('2031-06-24', 9, 16)], text)).toHaveLength(2);
    expect(mergeAppositeDates([ev('2031-06-10', 0, 7), ev('2031-06-10', 27, 37)], text)).toHaveLength(2);
    expect(
      mergeAppositeDates([ev('2031-06-10', 0, 7, 'statement'), ev('2031-06-10', 9, 16)], 'June 10, June 10'),
    ).toEqual([{ ...ev('2031-06-10', 0, 16), dateText: 'June 10, June 10' }]);
  });

  it('takes "agreed to a truce, the ministry said on Monday" for one happening, but keeps the verb when the date is the object\'s', () => {
    expect(events('The two armies agreed to a truce, the ministry said on Monday.')).toHaveLength(1);
    expect(events('Freedonia and Sylvania agreed to a truce on May 3 in Valletta.')).toEqual([
      '2031-05-03 ceasefire [May 3]',
    ]);
    const starting = events(
      'Freedonia and Sylvania have agreed to implement a truce starting on Monday.',
      '2031-06-24',
    );
    expect(starting.some((e) => e.includes('agreement'))).toBe(true);
  });

  it('leaves what a deal says to the deal: "Under the arrangement, the sides agreed to …" is no new event', () => {
    expect(findUndatedTriggers('Under the arrangement, the two sides agreed to set up a joint commission.')).toEqual(
      [],
    );
    expect(findUndatedTriggers('The two sides agreed to set up a joint commission.')).toHaveLength(1);
  });
});

describe('dates that are no happening', () => {
  it('skips month-days that name something and syndication notes', () => {
    const text = 'Talks between the government and the April 6 Alliance resumed in Doha on June 2.';
    const at = text.indexOf('April 6');
    expect(isNonEventDate(text, { start: at, end: at + 7, text: 'April 6' })).toBe(true);
    const june = text.indexOf('June 2');
    expect(isNonEventDate(text, { start: june, end: june + 6, text: 'June 2' })).toBe(false);
    expect(events(text)).toEqual(['2031-06-02 talks [June 2]']);
    expect(events('The Ministry published this content on June 20, 2031, and is solely responsible for it.')).toEqual(
      [],
    );
    // A report published on a day is news, not a page note.
    expect(
      events("The World Bank's assessment, published in June, put Freedonia's losses at $5 billion."),
    ).toHaveLength(1);
  });

  it('drops a photo caption when the text already reports a happening that day, and keeps it otherwise', () => {
    expect(isCaption('Envoy Anna Berg (left) shakes hands with Juan Soto in Valletta, June 3, 2031.')).toBe(true);
    expect(isCaption('Minister Li, second right, speaks to reporters, June 3, 2031.')).toBe(true);
    expect(isCaption('Envoy Anna Berg met Juan Soto in Valletta on June 3.')).toBe(false);
    const caption = 'Envoy Anna Berg (left) shakes hands with Juan Soto in Valletta, June 3, 2031.';
    expect(events(`${caption} Freedonia and Sylvania held talks in Valletta on Tuesday.`, '2031-06-04')).toEqual([
      '2031-06-03 talks [on Tuesday]',
    ]);
    expect(events(`${caption} The talks went on.`, '2031-06-04')).toHaveLength(1);
  });
});

describe('happenings told in quotes, captions and back-references', () => {
  it('takes a date a quote gives to a named happening, not a wish nor a repeat of the reporter', () => {
    const communique =
      'The ministry said: "Both sides agreed on an immediate ceasefire with effect from 24:00 hours on 3 June 2031."';
    expect(events(communique, '2031-06-04')).toContain('2031-06-03 ceasefire [3 June 2031]');
    // A wish, and a "today" without a keyword, are no happening.
    expect(events('The envoy said Valletta wanted "a ceasefire by Christmas".', '2031-06-04')).toEqual([]);
    expect(events('"We worked hard today," the envoy said.', '2031-06-04')).toEqual([]);
    // The reporter already tells the talks of that day: the quote repeats them.
    const repeat =
      'Talks between Freedonia and Sylvania began in Valletta on Friday. "The talks commenced today," the host said.';
    expect(events(repeat, '2031-06-06')).toEqual(['2031-06-06 talks [on Friday]']);
  });

  it('keeps a caption that names the happening, and drops "Monday\'s announcement" told before', () => {
    const caption =
      'Envoy Anna Berg (left) and Juan Soto shake hands during the signing ceremony in Valletta on June 3.';
    expect(events(`${caption} Valletta on Tuesday announced the signing of the accord.`, '2031-06-04')).toHaveLength(2);
    const told = 'Freedonia announced a truce on Monday. Monday’s announcement surprised Sylvania.';
    expect(events(told, '2031-06-04')).toEqual(['2031-06-02 ceasefire [on Monday]']);
  });
});
