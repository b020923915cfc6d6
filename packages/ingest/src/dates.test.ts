import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';

/** The resolved dates of a text, as `text=date/precision` (or `text=?` when unresolved). */
function datesOf(text: string, published?: string): string[] {
  const x = extractFromText(text, published ? { published } : {});
  return x.dates.map((d) => `${d.text}=${d.date ? `${d.date}/${d.precision}` : '?'}`);
}

describe('date expressions resolved against the publication date', () => {
  it('reads a month and day in the publication year when it is before the publication date', () => {
    expect(datesOf('The delegations met on May 16 in Istanbul.', '2025-06-02')).toEqual(['May 16=2025-05-16/day']);
  });

  it('puts a month-day that would fall after publication in the previous year (past-tense news)', () => {
    expect(datesOf('Talks were held on December 3 in Geneva.', '2025-02-10')).toEqual(['December 3=2024-12-03/day']);
  });

  it('resolves "earlier this month" to the publication month', () => {
    expect(datesOf('Earlier this month, the leaders met in Alaska.', '2025-08-22')).toEqual([
      'Earlier this month=2025-08/month',
    ]);
  });

  it('reads "last September" backwards, even when September is still ahead in the year', () => {
    expect(datesOf('Last September the two sides exchanged prisoners.', '2025-08-20')).toEqual([
      'Last September=2024-09/month',
    ]);
    expect(datesOf('Last September the two sides exchanged prisoners.', '2025-10-05')).toEqual([
      'Last September=2025-09/month',
    ]);
  });

  it('counts "two days later" from the date before it in the text', () => {
    expect(datesOf('They met on March 3. Two days later, a truce was announced.', '2025-03-12')).toEqual([
      'March 3=2025-03-03/day',
      'Two days later=2025-03-05/day',
    ]);
  });

  it('leaves "two days later" unresolved when no date comes before it', () => {
    expect(datesOf('Two days later, a truce was announced.', '2025-03-12')).toEqual(['Two days later=?']);
  });

  it('counts "N days ago" back from the publication date, across a month end', () => {
    expect(datesOf('The drone strike came three days ago.', '2025-03-02')).toEqual(['three days ago=2025-02-27/day']);
  });

  it('reads bare years after a preposition at year precision', () => {
    expect(datesOf('Crimea was annexed in 2014.', '2025-01-01')).toEqual(['2014=2014/year']);
  });

  it('reads a month with a year at month precision, without a publication date', () => {
    expect(datesOf('In July 2025, the minister wrote a letter.')).toEqual(['July 2025=2025-07/month']);
  });

  it('keeps relative dates unresolved, and says so, when there is no publication date', () => {
    const x = extractFromText('Earlier this month, the leaders met on May 16.', {});
    expect(x.dates.map((d) => d.unresolved)).toEqual([
      expect.stringMatching(/no publication date/),
      expect.stringMatching(/no publication date/),
    ]);
    expect(x.events).toEqual([]);
  });

  it('resolves "next March" forwards and future-tense sentences to the coming month', () => {
    expect(datesOf('A summit is planned for next March.', '2025-08-01')).toEqual(['next March=2026-03/month']);
    expect(datesOf('The leaders will meet on January 9.', '2025-08-01')).toEqual(['January 9=2026-01-09/day']);
  });

  it('does not take the verb "may" or a title in capitals for a date', () => {
    expect(datesOf('Talks may resume soon, says Ukraine This Week.', '2025-08-01')).toEqual([]);
  });

  it('reads a weekday as the most recent one on or before publication', () => {
    // 2025-03-12 is a Wednesday: the Tuesday before is 2025-03-11.
    expect(datesOf('The Kremlin said on Tuesday that talks would go on.', '2025-03-12')).toEqual([
      'on Tuesday=2025-03-11/day',
    ]);
  });

  it('rejects a publication date that is not a real day', () => {
    expect(() => extractFromText('Text.', { published: '2025-02-30' })).toThrow(/not a real date/);
  });
});

describe('dates completed from context (issue 12)', () => {
  it('counts "last Tuesday" on a Tuesday seven days back and "next Tuesday" seven ahead', () => {
    // 2025-06-03 is a Tuesday.
    expect(datesOf('The envoy arrived last Tuesday.', '2025-06-03')).toEqual(['last Tuesday=2025-05-27/day']);
    expect(datesOf('The envoy will arrive next Tuesday.', '2025-06-03')).toEqual(['next Tuesday=2025-06-10/day']);
    expect(datesOf('The envoy arrived on Monday.', '2025-06-03')).toEqual(['on Monday=2025-06-02/day']);
  });

  it('reads "starting on Sunday" forward and "the October 16 call" as past despite "next steps"', () => {
    expect(datesOf('They agreed to a ceasefire starting on Sunday.', '2025-01-16')).toEqual([
      'on Sunday=2025-01-19/day',
    ]);
    expect(datesOf('Rubio spoke today to discuss next steps following the October 16 call.', '2025-10-20')).toEqual([
      'today=2025-10-20/day',
      'October 16=2025-10-16/day',
    ]);
  });

  it('without a publication date takes a month-day’s year from the text’s full dates, and records the rule', () => {
    const x = extractFromText('Officials met on Nov. 23, 2025 in Geneva. The deadline is Nov. 27. They met Sunday.');
    expect(x.dates.map((d) => `${d.text}=${d.date ?? '?'}`)).toEqual([
      'Nov. 23, 2025=2025-11-23',
      'Nov. 27=2025-11-27',
      'Sunday=?',
    ]);
    expect(x.dates[1]?.rule).toBe('year from the full dates in the text');
  });

  it('takes the year from a period (a scenario source’s month) when no publication date is given', () => {
    const x = extractFromText('A significant moment came on May 16 when officials convened in Istanbul.', {
      period: '2025-06',
    });
    expect(x.dates.map((d) => `${d.text}=${d.date}`)).toEqual(['May 16=2025-05-16']);
    expect(x.dates[0]?.rule).toBe('year from the scenario source date');
  });

  it('reads "August of the previous year" in the year before publication', () => {
    expect(datesOf('The ceasefire expired in August of the previous year.', '2025-10-13')).toEqual([
      'August of the previous year=2024-08/month',
    ]);
  });
  it('counts "a day after" back from the sentence\'s own date when a clause of its own follows', () => {
    // The clause after "after" is the earlier happening; a noun ("after the talks") counts forward as before.
    expect(
      datesOf("Monday's announcement came just a day after the army chief rejected the plan.", '2031-03-05'),
    ).toEqual(['Monday=2031-03-03/day', 'a day after=2031-03-02/day']);
    expect(datesOf('The talks ended on Monday. A day after the talks, the truce began.', '2031-03-05')).toEqual([
      'on Monday=2031-03-03/day',
      'A day after=2031-03-04/day',
    ]);
  });

  it('reads a year after a possessive, and Election Day by its calendar rule', () => {
    expect(datesOf('It was calmer than their 2018 Helsinki meeting.', '2031-03-05')).toEqual(['2018=2018/year']);
    expect(datesOf('The vote on the eve of Election Day ended the strike.', '2024-11-05')).toEqual([
      'on the eve of Election Day=2024-11-04/day',
    ]);
    expect(datesOf('Voters go to the polls on Election Day.', '2030-10-01')).toEqual([
      'on Election Day=2030-11-05/day',
    ]);
  });
});
