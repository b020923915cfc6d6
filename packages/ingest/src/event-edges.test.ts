import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';

describe('a negation after a hypothetical event', () => {
  it('is about the odds, not a denial: "the odds of a peace deal in 2026 are not zero"', () => {
    const [event] = extractFromText('While the odds of a peace deal in 2026 are not zero, optimism is low in Kyiv.', {
      published: '2025-12-20',
    }).events;
    expect(event).toMatchObject({ date: '2026', status: 'hypothetical' });
    // A plain negation after the event still denies it.
    const [denied] = extractFromText('A ceasefire on Monday was not agreed, Kyiv said.', {
      published: '2025-12-20',
    }).events;
    expect(denied?.status).toBe('denied');
  });
});

describe('a time of day followed by its day', () => {
  it('is one happening: "overnight on Sunday" is an attack on Sunday, not a statement on Sunday beside one today', () => {
    const events = extractFromText('Russia launched 120 drones at Ukraine overnight on Sunday, officials said.', {
      published: '2025-06-03',
    }).events;
    expect(events.map((e) => [e.date, e.type])).toEqual([['2025-06-01', 'attack']]);
    // Alone, "overnight" is the night before the publication date's morning, as before.
    expect(
      extractFromText('Russia launched 120 drones at Ukraine overnight.', { published: '2025-06-03' }).events.map(
        (e) => e.date,
      ),
    ).toEqual(['2025-06-03']);
  });
});
