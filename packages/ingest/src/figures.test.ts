import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';

/** The figures of a text as `value unit` or `min-max unit`. */
function figuresOf(text: string): string[] {
  return extractFromText(text, { published: '2025-06-03' }).figures.map(
    (f) => `${f.value ?? `${f.min}-${f.max}`} ${f.unit}`,
  );
}

describe('figures (issue 12)', () => {
  it('reads duration ranges in digits and in words', () => {
    expect(figuresOf('Russia offered a ceasefire for 2-3 days.')).toEqual(['2-3 day']);
    expect(figuresOf('Russia suggested 24–48 hour pauses.')).toEqual(['24-48 hour']);
    expect(figuresOf('A pause of two to three days was proposed.')).toEqual(['2-3 day']);
  });

  it('reads compound number words, "over an hour" and "1 mln"', () => {
    expect(figuresOf('Thirty-three hostages will be released.')).toEqual(['33 hostages']);
    expect(figuresOf('The meeting lasted just over an hour.')).toEqual(['1 hour']);
    expect(figuresOf('Russia has suffered over 1 mln casualties.')).toEqual(['1000000 casualties']);
    expect(figuresOf('They discussed the 28-point plan.')).toEqual(['28 points']);
  });

  it('takes no figure from "three-and-a-half-year", clock times, digit dates or names with numbers', () => {
    expect(figuresOf('The three-and-a-half-year war goes on.')).toEqual([]);
    expect(figuresOf('The call came at 15.30 hours and again at 1700 hours.')).toEqual([]);
    expect(figuresOf('The session began at 8:37 p.m. local time.')).toEqual([]);
    expect(figuresOf('Posted 2026-01-23 23:35:15 by the desk.')).toEqual([]);
    expect(figuresOf('Two B-2 bombers flew over the base.')).toEqual([]);
  });
});
