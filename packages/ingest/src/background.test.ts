import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';

const backgroundOf = (text: string, published?: string) =>
  extractFromText(text, published ? { published } : {}).events.map((e) => [e.date, e.background ?? false]);

describe('background events', () => {
  it('flags what the past perfect tells before the story, not the news beside it', () => {
    const text =
      'Ukraine and Russia held talks in Istanbul on May 16. Crimea, which had been annexed by Russia in 2014, was not discussed.';
    expect(backgroundOf(text, '2025-05-17')).toEqual([
      ['2025-05-16', false],
      ['2014', true],
    ]);
  });

  it('flags events over a year before the publication date, and keeps recent ones as news', () => {
    const text = 'The two sides signed a ceasefire in November 2022. They met again in Doha on March 3.';
    expect(backgroundOf(text, '2025-03-10')).toEqual([
      ['2022-11', true],
      ['2025-03-03', false],
    ]);
  });

  it('reads reported content after the date as content: "said on Nov. 23 they had made progress" is news', () => {
    const text = 'Officials said on Nov. 23 they had made progress toward a deal after talks in Geneva.';
    expect(backgroundOf(text, '2025-11-24').every(([, background]) => background === false)).toBe(true);
  });

  it('measures from the latest dated news when no publication date is known, and marks nothing without one', () => {
    const text = 'Russia annexed Crimea in 2014. Delegations held talks in Istanbul on May 16, 2025.';
    expect(backgroundOf(text)).toEqual([
      ['2014', true],
      ['2025-05-16', false],
    ]);
    expect(backgroundOf('Russia annexed Crimea in 2014.')).toEqual([['2014', false]]);
  });
});
