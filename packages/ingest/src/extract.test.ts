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
      type: 'attack',
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

describe('event types: the most specific kind the date’s own words name', () => {
  const typesOf = (text: string, options = { published: '2025-08-20', lexicon }) =>
    extractFromText(text, options).events.map((e) => `${e.date} ${e.type}`);

  it('calls a meeting of two presidents, or a meeting named a summit, a summit', () => {
    expect(typesOf('President Trump held a meeting with the Russian president Vladimir Putin on August 15.')).toEqual([
      '2025-08-15 summit',
    ]);
    expect(typesOf('Trump and Putin met at a summit in Alaska on August 15.')).toEqual(['2025-08-15 summit']);
    // One president (and a vice president) is not a summit.
    expect(typesOf('Zelensky met Vice President Vance in Munich on February 14.')).toEqual(['2025-02-14 meeting']);
  });

  it('calls a meeting held for talks talks, and a swap agreed at talks a prisoner exchange', () => {
    expect(typesOf('Russian and Ukrainian delegations met in Istanbul on May 16 for direct talks.')).toEqual([
      '2025-05-16 talks',
    ]);
    expect(typesOf('At talks in Istanbul on June 2 the two sides agreed on a prisoner swap.')).toEqual([
      '2025-06-02 prisoner_exchange',
    ]);
    expect(typesOf('On May 23, Russia and Ukraine swapped 390 prisoners each.')).toEqual([
      '2025-05-23 prisoner_exchange',
    ]);
  });

  it('gives each keyword to the date nearest it, and ignores what happened "since" another time', () => {
    const text =
      'Save for failed talks in the early days of Russia’s 2022 invasion, the landscape shifted during Trump’s 2024 re-election campaign.';
    // "invasion" belongs to 2022; 2024 has no keyword of its own, but Trump acts: another kind of event.
    expect(typesOf(text)).toEqual(['2022 attack', '2024 other']);
    expect(
      typesOf('On May 16, officials convened in Istanbul for their first direct talks since the invasion.'),
    ).toEqual(['2025-05-16 talks']);
    expect(typesOf('Soldiers have died since the invasion of Ukraine began on February 24, 2022.')).toEqual([
      '2022-02-24 attack',
    ]);
  });

  it('reports a dated action without a keyword as another event, and a date with no actor as none', () => {
    expect(typesOf('On June 2, Zelensky arrived in Vilnius.')).toEqual(['2025-06-02 other']);
    expect(typesOf('On June 2, Zelensky said the front was holding.')).toEqual(['2025-06-02 statement']);
    expect(typesOf('The hostilities continued in 2025.')).toEqual([]);
    expect(typesOf('The 1994 Budapest Memorandum was signed by the United States.')).toEqual(['1994 agreement']);
  });
});

describe('demonyms', () => {
  it('map to the country without a scenario and never become names', () => {
    const x = extractFromText('On May 25, Russian forces attacked Ukrainian cities, Russian-speaking residents said.', {
      published: '2025-06-02',
    });
    expect(x.events.map((e) => [e.type, e.actors])).toEqual([['attack', ['Russia', 'Ukraine']]]);
    expect(x.mentions.filter((m) => m.kind === 'name' || m.kind === 'person').map((m) => m.text)).toEqual([]);
    expect(x.mentions.filter((m) => m.kind === 'demonym').map((m) => `${m.text}->${m.refersTo}`)).toEqual([
      'Russian->Russia',
      'Ukrainian->Ukraine',
    ]);
  });

  it('map to the scenario actor of their country, or to none when the scenario has no such actor', () => {
    const x = extractFromText('On May 16, Russian, Ukrainian and Turkish officials met in Istanbul.', {
      published: '2025-06-02',
      lexicon,
    });
    expect(x.events[0]?.actors).toEqual(['russia', 'ukraine']);
    expect(x.mentions.map((m) => `${m.text}:${m.actor}`)).toEqual(
      expect.arrayContaining(['Russian:russia', 'Ukrainian:ukraine', 'Turkish:null']),
    );
  });
});

describe('event status and the month of May', () => {
  it('reads "May" as a month, not as a modal verb', () => {
    const x = extractFromText('On 2 May both sides agreed to stop shelling the dams. Talks may resume on May 20.', {
      published: '2024-06-01',
    });
    expect(x.events.find((e) => e.date === '2024-05-02')?.status).toBe('reported');
    expect(x.events.find((e) => e.type === 'talks')?.status).toBe('hypothetical');
  });
});
