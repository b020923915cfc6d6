import type { AnalysedSentence } from './nlp';
import { NUMBER_WORD_PATTERN, NUMBER_WORDS, numberWordValue } from './number-words';
import type { ExtractedFigure, FigureKind } from './types';

const WORD_NUMBERS = NUMBER_WORDS;
const SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  bln: 1e9,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  k: 1e3,
};
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?`;
const WORD_NUM = NUMBER_WORD_PATTERN;
const SCALE_WORDS = '(?:\\s*(?:thousand|million|billion|trillion|bn|mln|bln)\\b)?';
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

// "$250m", "£1.5bn", "€20 billion".
const MONEY_SYMBOL = new RegExp(
  `([$€£])\\s?(${NUM})((?:\\s*(?:thousand|million|billion|trillion|bn|mn)\\b|m\\b|k\\b)?)`,
  'gi',
);
const MONEY_WORD = new RegExp(
  `\\b(${NUM})(${SCALE_WORDS})\\s+(dollars|euros|pounds|USD|EUR|GBP|roubles|rubles|hryvnias?)\\b`,
  'gi',
);
const PERCENT = new RegExp(
  `\\b(${NUM})\\s*(%|percent\\b|per cent\\b)(\\s+of\\s+(?:GDP|gross domestic product)\\b)?`,
  'gi',
);
const DURATION = new RegExp(
  `\\b(${NUM}|${WORD_NUM})[- ](day|week|month|year|decade|hour|minute)s?(?:-long)?\\b(?!\\s+(?:later|ago|earlier|after|before)\\b)`,
  'gi',
);
// "2-3 days", "24–48 hour", "two to three days": a duration given as a range.
const DURATION_RANGE = new RegExp(
  `\\b(${NUM}|${WORD_NUM})\\s*(?:-|–|to)\\s*(${NUM}|${WORD_NUM})[- ](day|week|month|year|decade|hour|minute)s?\\b`,
  'gi',
);
// "over an hour", "just under a week": one unit, said with a qualifier.
const ONE_UNIT =
  /\b(?:just\s+)?(?:over|under|more than|less than|about|nearly|almost|around|within)\s+(an?)\s+(day|week|month|year|hour)\b/gi;
// "28-point plan", "a 20-point plan".
const POINTS = new RegExp(`\\b(${NUM}|${WORD_NUM})[- ]points?\\b`, 'gi');
// Clock times, calendar dates in digits and names with numbers ("15.30 hours", "8:37 p.m.", "1700 hours",
// "2026-01-23", "04.12.25", "B-2") are not figures.
const NOT_FIGURES =
  /\b\d{1,2}[.:]\d{2}(?::\d{2})?(?:\s*(?:hours|hrs|[ap]\.?m\b\.?))?|\b\d{1,2}\s*[ap]\.?m\b\.?|\b[0-2]\d[0-5]\d\s+(?:hours|hrs)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\p{Lu}+-\d+\b/gu;
const RANGE = new RegExp(
  `\\b(${NUM})(${SCALE_WORDS})\\s*(?:to|-|–|and)\\s*(${NUM})(${SCALE_WORDS})(?=\\s|[.,;:]|$)`,
  'gi',
);
const COUNT = new RegExp(`\\b(${NUM})(${SCALE_WORDS})(?=\\s|[.,;:)]|$)`, 'gi');
// "a third of", "two-thirds", "half of": shares as percentages.
const FRACTION =
  /\b(a|one|two|three|four)[- ](half|third|thirds|quarter|quarters|fifth|fifths)\b(?=\s+of\b|-)|\b(a|one|two|three|four)-(half|third|thirds|quarter|quarters|fifth|fifths)\b|\b(half) of\b/gi;
const DENOMINATORS: Record<string, number> = {
  half: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
};
// "three border crossings", "two ballistic missiles": small counts written as words.
const WORD_COUNT = new RegExp(`\\b(${WORD_NUM}|dozens?)\\s+(?:[a-z]+(?:-[a-z]+)?\\s+)?([a-z]+s)\\b`, 'gi');
const NOT_COUNTED =
  /^(?:diplomats|officials|governments|presidents|leaders|sources|countries|delegations|ministers|envoys|analysts|economists|days|weeks|months|years|decades|hours|minutes|seconds|times|sides|ways|things|thirds|quarters|fifths|others|ones)$/;
const NOUN_AFTER_OF = /^\s+of\s+(?:the|them|those|these|its|their)\s+(?:[a-z]+\s+)?([a-z][a-z-]*s)\b/;
const NOUN_AFTER =
  /^\s+(?:(?:more|other|Russian|Ukrainian|military|civilian|foreign|American|European|[A-Z][a-z]+)\s+)?([a-z][a-z-]*)/;
const CASUALTY_NOUNS =
  /^(soldiers|troops|civilians|people|children|fatalities|casualties|deaths|dead|servicemen|fighters|lives|men|women|killed|wounded)$/;
const CASUALTY_CONTEXT =
  /\b(killed|wounded|dead|died|deaths?|casualt\w*|fatalit\w*|murdered|losses|injured|lost their lives|toll|dying|dies)\b/i;

function parseNumber(digits: string, scaleWord: string): number {
  const base = Number(digits.replace(/,/g, ''));
  const scale = SCALE[scaleWord.trim().toLowerCase()] ?? 1;
  return base * scale;
}

function unitOfDuration(word: string): string {
  return word.toLowerCase();
}

/**
 * Finds figures in a sentence: money, percentages, durations, ranges and counts; counts of people
 * in a sentence about deaths or wounds are casualties. `skip` holds spans (e.g. dates) to leave alone.
 */
export function findFigures(
  sentence: AnalysedSentence,
  skip: { start: number; end: number }[] = [],
): ExtractedFigure[] {
  const text = sentence.text;
  const taken = skip.map((s) => ({ start: s.start - sentence.start, end: s.end - sentence.start }));
  const figures: ExtractedFigure[] = [];
  const overlaps = (s: number, e: number) => taken.some((t) => s < t.end && e > t.start);
  const push = (s: number, e: number, figure: Omit<ExtractedFigure, 'start' | 'end' | 'sentence' | 'text'>) => {
    if (overlaps(s, e)) return;
    taken.push({ start: s, end: e });
    figures.push({
      ...figure,
      text: text.slice(s, e),
      start: sentence.start + s,
      end: sentence.start + e,
      sentence: sentence.index,
    });
  };
  // Most patterns need a digit, a unit word or a fraction word: a sentence without one skips them (same result).
  const digit = /\d/.test(text);
  const unitWord = /day|week|month|year|decade|hour|minute/i.test(text);
  if (digit) for (const m of text.matchAll(NOT_FIGURES)) taken.push({ start: m.index, end: m.index + m[0].length });
  const casualtyContext = CASUALTY_CONTEXT.test(text);
  const kindForNoun = (noun: string): { kind: FigureKind; unit: string } => {
    if (CASUALTY_NOUNS.test(noun) && casualtyContext) return { kind: 'casualties', unit: noun };
    return { kind: 'count', unit: noun };
  };

  if (digit)
    for (const m of text.matchAll(MONEY_SYMBOL)) {
      const unit = CURRENCY[m[1] ?? '$'] ?? 'USD';
      push(m.index, m.index + m[0].length, { value: parseNumber(m[2] ?? '0', m[3] ?? ''), unit, kind: 'money' });
    }
  if (digit)
    for (const m of text.matchAll(MONEY_WORD)) {
      const word = (m[3] ?? '').toLowerCase();
      const unit = word.startsWith('dollar')
        ? 'USD'
        : word.startsWith('euro')
          ? 'EUR'
          : word.startsWith('pound')
            ? 'GBP'
            : /^r[ou]*bles$/.test(word)
              ? 'RUB'
              : word.startsWith('hryvnia')
                ? 'UAH'
                : word.toUpperCase();
      push(m.index, m.index + m[0].length, { value: parseNumber(m[1] ?? '0', m[2] ?? ''), unit, kind: 'money' });
    }
  if (digit)
    for (const m of text.matchAll(PERCENT)) {
      const unit = m[3] ? 'percent of GDP' : 'percent';
      push(m.index, m.index + m[0].length, { value: parseNumber(m[1] ?? '0', ''), unit, kind: 'percentage' });
    }
  if (unitWord)
    for (const m of text.matchAll(DURATION_RANGE)) {
      const min = numberWordValue(m[1] ?? '') ?? parseNumber(m[1] ?? '0', '');
      const max = numberWordValue(m[2] ?? '') ?? parseNumber(m[2] ?? '0', '');
      if (!(max > min)) continue;
      push(m.index, m.index + m[0].length, { min, max, unit: unitOfDuration(m[3] ?? 'day'), kind: 'duration' });
    }
  if (unitWord)
    for (const m of text.matchAll(ONE_UNIT)) {
      const at = m.index + m[0].length - (m[1] ?? '').length - 1 - (m[2] ?? '').length;
      push(at, m.index + m[0].length, { value: 1, unit: unitOfDuration(m[2] ?? 'day'), kind: 'duration' });
    }
  if (/point/i.test(text))
    for (const m of text.matchAll(POINTS)) {
      const value = numberWordValue(m[1] ?? '') ?? parseNumber(m[1] ?? '0', '');
      push(m.index, m.index + m[0].length, { value, unit: 'points', kind: 'count' });
    }
  if (/half|third|quarter|fifth/i.test(text))
    for (const m of text.matchAll(FRACTION)) {
      // "three-and-a-half-year" is a length, not a share.
      if (/and[- ]$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      const top = (m[1] ?? m[3] ?? (m[5] ? 'one' : 'a')).toLowerCase();
      const bottom = DENOMINATORS[(m[2] ?? m[4] ?? 'half').toLowerCase()] ?? 2;
      const value = Math.round(((top === 'a' ? 1 : (WORD_NUMBERS[top] ?? 1)) / bottom) * 1000) / 10;
      push(m.index, m.index + m[0].length, { value, unit: 'percent', kind: 'percentage' });
    }
  if (unitWord)
    for (const m of text.matchAll(DURATION)) {
      const word = (m[1] ?? '').toLowerCase();
      const value = numberWordValue(word) ?? parseNumber(word, '');
      push(m.index, m.index + m[0].length, { value, unit: unitOfDuration(m[2] ?? 'day'), kind: 'duration' });
    }
  if (digit)
    for (const m of text.matchAll(RANGE)) {
      // "2024 and 2025" are years, not a range of anything.
      if (/^(19|20)\d\d$/.test(m[1] ?? '') && /^(19|20)\d\d$/.test(m[3] ?? '')) continue;
      const end = m.index + m[0].length;
      const noun = NOUN_AFTER.exec(text.slice(end))?.[1] ?? '';
      const { kind, unit } = kindForNoun(noun);
      const min = parseNumber(m[1] ?? '0', m[2] || m[4] || '');
      const max = parseNumber(m[3] ?? '0', m[4] ?? '');
      if (!(max > min)) continue;
      const nounEnd = noun ? end + (NOUN_AFTER.exec(text.slice(end))?.[0].length ?? 0) : end;
      push(m.index, nounEnd, { min, max, unit: unit || 'items', kind });
    }
  if (digit)
    for (const m of text.matchAll(COUNT)) {
      const digits = m[1] ?? '0';
      const end = m.index + m[0].length;
      const ofMatch = NOUN_AFTER_OF.exec(text.slice(end));
      const nounMatch = ofMatch ?? NOUN_AFTER.exec(text.slice(end));
      const noun = nounMatch?.[1] ?? '';
      const value = parseNumber(digits, m[2] ?? '');
      // Bare years and small unlabelled numbers carry no figure worth keeping.
      if (/^(1[89]|20)\d\d$/.test(digits) && !m[2]) continue;
      if (!noun && value < 1000) continue;
      // "3 hours ago", "6 min read": times of day and reading times are not figures.
      if (/^(seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)$/.test(noun)) continue;
      if (noun) {
        const { kind, unit } = kindForNoun(noun);
        push(m.index, end + (nounMatch?.[0].length ?? 0), { value, unit, kind });
      } else {
        push(m.index, end, {
          value,
          unit: casualtyContext ? 'people' : 'items',
          kind: casualtyContext ? 'casualties' : 'count',
        });
      }
    }
  for (const m of text.matchAll(WORD_COUNT)) {
    const word = (m[1] ?? '').toLowerCase();
    const noun = (m[2] ?? '').toLowerCase();
    if (NOT_COUNTED.test(noun)) continue;
    // A capitalised number mid-sentence is part of a name ("the Group of Seven").
    if (m.index > 0 && /^\p{Lu}/u.test(m[1] ?? '') && !/[.!?]\s*$/.test(text.slice(0, m.index))) continue;
    const value = word.startsWith('dozen') ? 12 : (numberWordValue(word) ?? 0);
    if (value < 2) continue;
    const { kind, unit } = kindForNoun(noun);
    push(m.index, m.index + m[0].length, { value, unit, kind });
  }
  return figures.sort((a, b) => a.start - b.start);
}
