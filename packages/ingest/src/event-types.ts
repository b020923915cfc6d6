import type { EventType } from './types';

// Specific kinds first: when two keywords are equally near the date, the earlier rule wins.
const EVENT_RULES: { type: EventType; pattern: RegExp }[] = [
  {
    type: 'prisoner_exchange',
    pattern:
      /\bprisoners?[- ](?:exchanges?|swaps?)\b|\b(?:exchange|swap)s? of (?:(?:some|about|around|more than|another|[\d,]+)\s+)*(?:prisoners|captives|POWs)\b|\b(?:exchange|swap)\s+(?:another\s+|some\s+|about\s+)?[\d,]+\s+(?:prisoners|captives|POWs)\b|\b(?:exchanged|swapped)\s+(?:[\w,]+\s+){0,3}?(?:prisoners|captives|POWs|soldiers|bodies)\b/gi,
  },
  {
    type: 'ceasefire',
    pattern:
      /\bcease-?fires?\b|\btruces?\b|\barmistice\b|\bmoratori(?:um|a)\b|\bhalt (?:strikes|attacks)\b|\bpause in (?:attacks|strikes)\b/gi,
  },
  { type: 'summit', pattern: /\bsummits?\b/gi },
  {
    type: 'call',
    pattern:
      /\b(?:tele)?phone (?:calls?|conversations?|talks?)\b|\bphoned\b|\bcalls? (?:with|between)\b|\bspoke(?:n)? (?:by phone )?(?:to|with)\b/gi,
  },
  {
    type: 'talks',
    // A round, or a meeting of delegations, is a session of talks ("the first round", "a trilateral meeting").
    pattern:
      /\btalks\b|\bnegotiations?\b|\bconvened\b|\bdiscussions\b|\bnegotiat(?:ed|ing)\b|\b(?:first|second|third|fourth|fifth|new|next|latest|last) round\b|\bmeetings? (?:of|between) (?:the )?delegations\b|\b(?:trilateral|bilateral) meetings?\b/gi,
  },
  { type: 'meeting', pattern: /\bmeetings?\b|\bmet\b|\bmeets?\b|\bvisit(?:ed|s)?\b/gi },
  { type: 'sanction', pattern: /\bsanction(?:s|ed)?\b|\btariffs?\b|\bembargo\b/gi },
  {
    type: 'aid_decision',
    pattern:
      /\b(?:military |financial |humanitarian )?aid\b|\bassistance\b|\barms (?:supplies|sales|deliveries)\b|\bintelligence[- ]sharing\b|\bpledg(?:ed|es|e)\b|\blen(?:d|t|ds)\b|\bloans?\b|\bgrants?\b|\bfunding\b|\baid package\b/gi,
  },
  { type: 'proposal', pattern: /\bpropos(?:ed|al|als|es|ing)\b|\bpeace plan\b|\boffer(?:ed|s)?\b/gi },
  {
    type: 'attack',
    pattern:
      /\bstrikes?\b|\bstruck\b|\battack(?:s|ed)?\b|\bclash(?:es|ed)?\b|\bfighting (?:broke out|erupted)\b|\bbarrage\b|\boffensive\b|\bretook\b|\bcaptured\b|\bbomb(?:ing|ed|s)?\b|\bshell(?:ing|ed)\b|\bmissiles?\b|\bdrones?\b|\boffensive\b|\binvasion\b|\binvaded\b|\bair ?(?:raids?|strikes?)\b|\bannex(?:ed|ation)\b/gi,
  },
  {
    type: 'agreement',
    pattern:
      /\bagreements?\b|\bagreed\b|\bdeal\b|\bsign(?:ed|ing)?\b|\binitial(?:l?ed)\b|\bmemorand(?:um|a)\b|\baccords?\b|\btreat(?:y|ies)\b/gi,
  },
  {
    // Votes and returns to work end labour and political disputes; the core has no type of their own.
    type: 'other',
    pattern: /\breturn(?:ed|s|ing)? to work\b|\bvot(?:ed|es|e) (?:to|on|for|against)\b|\breferendum\b/gi,
  },
  {
    type: 'statement',
    pattern:
      /\b(?:said|says|stated|declared|announced|told|wrote|warned|urged|remarked|statement|claimed|insisted|accused|emphasi[sz]ed|reiterated)\b/gi,
  },
];

const STATEMENT =
  /\b(?:said|says|stated|declared|announced|told|wrote|warned|urged|remarked|statement|claimed|insisted|accused|emphasi[sz]ed|reiterated)\b/i;

/** Beyond this many characters a keyword is too far from a date to say what happened then. */
const MAX_DISTANCE = 140;
const BACKWARD_DISTANCE = 60;

// "since the invasion", "since Russia's full-scale invasion": a reference back to another time.
const BACK_REFERENCE = /\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\p{L}’'-]+\s+){0,2}$/iu;

// More specific kinds that, in the same stretch of text, say what a generic meeting or talks were.
const REFINEMENTS: Partial<Record<EventType, EventType[]>> = {
  meeting: ['prisoner_exchange', 'summit', 'talks'],
  talks: ['prisoner_exchange', 'summit'],
  // What was agreed: a swap, a truce or a loan is that kind of event.
  agreement: ['prisoner_exchange', 'ceasefire', 'aid_decision'],
};

// Heads of state or government: two of them (or "leaders") at one meeting make it a summit.
const LEADER = /\b(?:(?:vice |deputy )?president|prime minister|chancellor|king)\b/gi;
const LEADERS = /\b(?:leaders|heads of (?:state|government))\b/gi;

/** Counts the heads of state or government a sentence names (vice presidents not included). */
function leaderCount(sentence: string): number {
  let count = 0;
  for (const m of sentence.matchAll(LEADER)) if (!/^(?:vice|deputy)/i.test(m[0])) count++;
  for (const _ of sentence.matchAll(LEADERS)) count += 2;
  return count;
}

interface KeywordHit {
  type: EventType;
  center: number;
  start: number;
  end: number;
  /** After "since": it dates only a date that closely follows it ("since the invasion began on …"). */
  backward: boolean;
}

function keywordHits(sentence: string): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const rule of EVENT_RULES) {
    if (rule.type === 'statement') continue;
    for (const m of sentence.matchAll(rule.pattern)) {
      const backward = BACK_REFERENCE.test(sentence.slice(Math.max(0, m.index - 40), m.index));
      hits.push({
        type: rule.type,
        center: m.index + m[0].length / 2,
        start: m.index,
        end: m.index + m[0].length,
        backward,
      });
    }
  }
  return hits;
}

/** What else the sentence says, for dates no keyword describes. */
export interface SentenceClues {
  /** An actor is followed by a verb: someone did something, even if no keyword says what. */
  actorActs: boolean;
}

/**
 * Types the event each date of a sentence reports. Each keyword belongs to the date nearest it
 * (within a short distance); a date takes the type of its nearest keyword, refined to a more
 * specific kind its other keywords name (talks held at a meeting, a swap agreed in talks), and a
 * meeting or talks between two leaders is a summit. A date without keywords is a statement when
 * the sentence reports one, `other` when an actor acts, and no event otherwise.
 * Positions are offsets into the sentence.
 */
export function classifyDatedEvents(
  sentence: string,
  dates: { start: number; end: number }[],
  clues: SentenceClues,
): (EventType | undefined)[] {
  return classifyDatedEventsWithCues(sentence, dates, clues).map((c) => c?.type);
}

/** An event type with the keyword that gave it (offsets into the sentence), when one did. */
export interface TypedDate {
  type: EventType;
  cue?: { start: number; end: number };
}

/** As `classifyDatedEvents`, also saying which keyword typed each date (for its modality). */
export function classifyDatedEventsWithCues(
  sentence: string,
  dates: { start: number; end: number }[],
  clues: SentenceClues,
): (TypedDate | undefined)[] {
  // Most sentences have no date: nothing to type, so the keyword scan is skipped.
  if (dates.length === 0) return [];
  const centers = dates.map((d) => (d.start + d.end) / 2);
  const claimed: { type: EventType; distance: number; start: number; end: number }[][] = dates.map(() => []);
  for (const hit of keywordHits(sentence)) {
    let best = -1;
    for (let i = 0; i < centers.length; i++) {
      const center = centers[i] ?? 0;
      const distance = Math.abs(hit.center - center);
      if (hit.backward && (center < hit.center || distance > BACKWARD_DISTANCE)) continue;
      if (distance <= MAX_DISTANCE && (best < 0 || distance < Math.abs(hit.center - (centers[best] ?? 0)))) best = i;
    }
    if (best >= 0)
      claimed[best]?.push({
        type: hit.type,
        distance: Math.abs(hit.center - (centers[best] ?? 0)),
        start: hit.start,
        end: hit.end,
      });
  }
  const statement = STATEMENT.test(sentence);
  const leaders = leaderCount(sentence);
  return claimed.map((hits): TypedDate | undefined => {
    if (hits.length === 0) return statement ? { type: 'statement' } : clues.actorActs ? { type: 'other' } : undefined;
    // Nearest first; on a tie the earlier rule (the more specific kind) wins.
    const order = (t: EventType) => EVENT_RULES.findIndex((r) => r.type === t);
    hits.sort((a, b) => a.distance - b.distance || order(a.type) - order(b.type));
    const nearest = hits[0] as { type: EventType; start: number; end: number };
    let type = nearest.type;
    const finer = REFINEMENTS[type]?.find((t) => hits.some((h) => h.type === t));
    if (finer) type = finer;
    if ((type === 'meeting' || type === 'talks') && leaders >= 2) type = 'summit';
    return { type, cue: { start: nearest.start, end: nearest.end } };
  });
}
