import { describe, expect, it } from 'vitest';
import { prepareDocument } from './prepare-document';
import { dateInLine, pageDateLines, textPublished, urlPublished, yearOfFullDates } from './published-date';

describe('publication date inferred from the page', () => {
  it('reads a date in the URL path, and a Unix time stamp in the URL', () => {
    expect(urlPublished('https://example.org/en/2025-07-24/some-slug')).toEqual({
      date: '2025-07-24',
      rule: 'url-path',
    });
    expect(urlPublished('https://example.org/2025/11/25/slug')).toEqual({ date: '2025-11-25', rule: 'url-path' });
    expect(urlPublished('http://example.cn/20260123/abc/c.html')).toEqual({ date: '2026-01-23', rule: 'url-path' });
    expect(urlPublished('https://example.ua/news/slug-1764962411.html')).toEqual({
      date: '2025-12-05',
      rule: 'url-timestamp',
    });
    expect(urlPublished('https://example.com/article/27607/news')).toBeUndefined();
  });

  it('reads the usual page date forms, day-first when written with dots', () => {
    expect(dateInLine('Published 04.12.25, 07:06 AM')).toBe('2025-12-04');
    expect(dateInLine('27.03.2025, 15:32')).toBe('2025-03-27');
    expect(dateInLine('10/20/2025 | Press release')).toBe('2025-10-20');
    expect(dateInLine('• Saturday, 17 May 2025')).toBe('2025-05-17');
    expect(dateInLine('Anchorage, Alaska, August 16 , 2025')).toBe('2025-08-16');
    expect(dateInLine('31.02.2025')).toBeUndefined();
  });

  it('prefers a byline or time stamp to a date widget, and a dateline to a widget', () => {
    const widget = 'Friday, April 25, 2025\nweather\n\nHeadline\n\n27.03.2025, 15:32\nThe minister said.';
    expect(textPublished(widget)).toEqual({ date: '2025-03-27', rule: 'timestamp' });
    const dateline = 'Sunday, July 27, 2025\n\nHeadline\n\nISTANBUL, July 23 — The talks ended on Tuesday.';
    expect(textPublished(dateline)).toEqual({ date: '2025-07-23', rule: 'dateline' });
    const byline = 'Headline\n\nby The news desk March 18, 2025 8:01 PM 2 min read\nPutin agreed.';
    expect(textPublished(byline)).toEqual({ date: '2025-03-18', rule: 'byline' });
    expect(
      textPublished('Talks ended. The sides met on May 2, 2025, in Istanbul, officials said on the day.'),
    ).toBeUndefined();
  });

  it('stores the rule that gave the date, the caller first', () => {
    const text = 'Headline\n\nISTANBUL, May 16. /TASS/. Russia and Ukraine wrapped up talks in Istanbul in 2025.';
    expect(prepareDocument('a.txt', text).meta).toMatchObject({ published: '2025-05-16', publishedRule: 'dateline' });
    expect(prepareDocument('a.txt', text, { published: '2025-05-20' }).meta).toMatchObject({
      published: '2025-05-20',
      publishedRule: 'given',
    });
    const url = prepareDocument('a.txt', 'Nothing dated here.', { url: 'https://x.org/2024/01/02/a' });
    expect(url.meta).toMatchObject({ published: '2024-01-02', publishedRule: 'url-path' });
    expect(prepareDocument('a.txt', 'Nothing dated here.').meta.published).toBeUndefined();
  });

  it('finds the page-date lines (not events) and the year of the full dates', () => {
    const text = 'Title\nFriday, June 27, 2025\nThe ministers signed on Friday, June 27, a deal.';
    expect(pageDateLines(text)).toEqual([{ start: 6, end: 27 }]);
    expect(yearOfFullDates('Talks on Nov. 23, 2025 and 14 March 2024 went on.')).toBe(2025);
    expect(yearOfFullDates('No full date here, only 2022.')).toBeUndefined();
  });
});
