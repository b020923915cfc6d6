import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';
import type { ScenarioLexicon } from './types';

const lexicon: ScenarioLexicon = {
  actors: [
    { id: 'ukraine', name: 'Ukraine', aliases: ['Kyiv', 'Zelenskyy', 'Zelensky'] },
    { id: 'russia', name: 'Russia', aliases: ['the Kremlin', 'Peskov', 'Moscow'] },
    { id: 'usa', name: 'United States', aliases: ['US', 'Trump'] },
  ],
  issues: [
    { id: 'crimea', name: 'Crimea', keywords: [] },
    { id: 'nato', name: 'NATO membership', keywords: ['NATO', 'alliance'] },
  ],
};

describe('events, actors and issues', () => {
  it('types an event by the keyword nearest its date and lists the scenario actors of the sentence', () => {
    const text = 'On May 25, Moscow launched a drone strike on Kyiv.';
    const x = extractFromText(text, { published: '2025-06-02', lexicon });
    expect(x.events).toHaveLength(1);
    expect(x.events[0]).toMatchObject({
      date: '2025-05-25',
      precision: 'day',
      type: 'strike',
      actors: ['russia', 'ukraine'],
    });
    expect(text.slice(x.events[0]!.start, x.events[0]!.end)).toBe(text);
  });

  it('maps aliases with their capitals only: "the Kremlin" at a sentence start, but not "us" for US', () => {
    const x = extractFromText('The Kremlin told us nothing. Peskov spoke to the US envoy.', { lexicon });
    expect(x.mentions.filter((m) => m.actor).map((m) => `${m.text}->${m.actor}`)).toEqual([
      'The Kremlin->russia',
      'Peskov->russia',
      'US->usa',
    ]);
  });

  it('finds people and organisations by their part of speech when no scenario is given', () => {
    const x = extractFromText('Foreign Minister Sergei Lavrov met officials of the Atlantic Council in Geneva.', {});
    const found = x.mentions.map((m) => `${m.text}:${m.kind}`);
    expect(found).toContain('Sergei Lavrov:person');
    expect(found).toContain('Atlantic Council:organisation');
    expect(found).toContain('Geneva:place');
  });

  it('tags the issues a sentence concerns, whole words only', () => {
    const x = extractFromText('Crimea stays off the table. The alliance met. Natorp is a name.', { lexicon });
    expect(x.issueTags.map((t) => `${t.sentence}:${t.issue}`)).toEqual(['0:crimea', '1:nato']);
  });
});

describe('quotes', () => {
  const cases: [string, string, string | null][] = [
    ['“We are ready to talk,” Peskov said on Monday.', 'We are ready to talk', 'Peskov'],
    ['Zelenskyy said: "Ukraine will not give up land."', 'Ukraine will not give up land.', 'Zelenskyy'],
    ['"Talks without us lead nowhere," he declared.', 'Talks without us lead nowhere', null],
    ['According to Peskov, “no exchange of territory is possible”.', 'no exchange of territory is possible', 'Peskov'],
    [
      'Bryan Lanza, a former campaign adviser, stated that “the peninsula is gone,” in a podcast.',
      'the peninsula is gone',
      'Bryan Lanza',
    ],
  ];
  for (const [text, quote, speaker] of cases) {
    it(`attributes ${JSON.stringify(text.slice(0, 40))}`, () => {
      const x = extractFromText(text, { lexicon });
      expect(x.quotes).toHaveLength(1);
      const q = x.quotes[0]!;
      expect(q.text).toBe(quote);
      expect(text.slice(q.start, q.end)).toBe(quote);
      expect(q.speaker).toBe(speaker);
    });
  }

  it('resolves "he" to the subject of the sentence before', () => {
    const text =
      'Russian Foreign Minister Sergei Lavrov spoke in Moscow. "Talks without Russia lead nowhere," he declared.';
    const x = extractFromText(text, { lexicon });
    expect(x.quotes.map((q) => q.speaker)).toEqual(['Sergei Lavrov']);
  });

  it('maps a speaker to a scenario actor and leaves short unattributed scare quotes out', () => {
    const x = extractFromText('The talks were “productive” for “a while”. “No deal today,” Trump said.', { lexicon });
    expect(x.quotes.map((q) => [q.text, q.speakerActor])).toEqual([['No deal today', 'usa']]);
  });
});

describe('figures', () => {
  function figuresOf(text: string) {
    return extractFromText(text, {}).figures.map((f) => ({
      kind: f.kind,
      unit: f.unit,
      ...(f.value !== undefined ? { value: f.value } : { min: f.min, max: f.max }),
      text: f.text,
    }));
  }

  it('reads a casualty range with its noun', () => {
    expect(figuresOf('An estimated 165,000 to 235,000 Russian soldiers have been killed.')).toEqual([
      { kind: 'casualties', unit: 'soldiers', min: 165000, max: 235000, text: '165,000 to 235,000 Russian soldiers' },
    ]);
  });

  it('reads percentages of GDP, money with scale words and durations', () => {
    expect(
      figuresOf('Members should spend 5 percent of GDP, donors gave $2.5 billion, and a 30-day truce began.'),
    ).toEqual([
      { kind: 'percentage', unit: 'percent of GDP', value: 5, text: '5 percent of GDP' },
      { kind: 'money', unit: 'USD', value: 2.5e9, text: '$2.5 billion' },
      { kind: 'duration', unit: 'day', value: 30, text: '30-day' },
    ]);
  });

  it('tells counts from casualties by the sentence around them, and skips dates and years', () => {
    expect(figuresOf('On May 16, 2025 the sides swapped 120 soldiers.')).toEqual([
      { kind: 'count', unit: 'soldiers', value: 120, text: '120 soldiers' },
    ]);
    expect(figuresOf('At least 15 civilians were killed in the attack.')).toEqual([
      { kind: 'casualties', unit: 'civilians', value: 15, text: '15 civilians' },
    ]);
  });
});
