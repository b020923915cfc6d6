import type { EventType } from './types';

// Specific kinds first: when two keywords are equally near the date, the earlier rule wins.
const EVENT_RULES: { type: EventType; pattern: RegExp }[] = [
  {
    type: 'prisoner_exchange',
    pattern: /\bprisoners?[- ](?:exchanges?|swaps?)\b|\b(?:exchange|swap)s? of (?:prisoners|captives|POWs)\b/gi,
  },
  {
    type: 'ceasefire',
    pattern:
      /\bcease-?fires?\b|\btruces?\b|\barmistice\b|\bhalt (?:strikes|attacks)\b|\bpause in (?:attacks|strikes)\b/gi,
  },
  { type: 'summit', pattern: /\bsummits?\b/gi },
  {
    type: 'call',
    pattern:
      /\b(?:tele)?phone (?:calls?|conversations?|talks?)\b|\bphoned\b|\bcalls? (?:with|between)\b|\bspoke(?:n)? (?:by phone )?(?:to|with)\b/gi,
  },
  { type: 'talks', pattern: /\btalks\b|\bnegotiations?\b|\bconvened\b|\bdiscussions\b|\bnegotiat(?:ed|ing)\b/gi },
  { type: 'meeting', pattern: /\bmeetings?\b|\bmet\b|\bmeets?\b|\bvisit(?:ed|s)?\b/gi },
  { type: 'sanction', pattern: /\bsanction(?:s|ed)?\b|\btariffs?\b|\bembargo\b/gi },
  {
    type: 'aid_decision',
    pattern:
      /\b(?:military |financial |humanitarian )?aid\b|\bassistance\b|\barms (?:supplies|sales|deliveries)\b|\bintelligence[- ]sharing\b/gi,
  },
  { type: 'proposal', pattern: /\bpropos(?:ed|al|als|es|ing)\b|\bpeace plan\b|\boffer(?:ed|s)?\b/gi },
  {
    type: 'strike',
    pattern:
      /\bstrikes?\b|\battack(?:s|ed)?\b|\bbomb(?:ing|ed|s)?\b|\bshell(?:ing|ed)\b|\bmissiles?\b|\bdrones?\b|\boffensive\b|\binvasion\b|\binvaded\b|\bair ?(?:raids?|strikes?)\b|\bannex(?:ed|ation)\b/gi,
  },
  {
    type: 'statement',
    pattern:
      /\b(?:said|says|stated|declared|announced|told|wrote|warned|urged|remarked|statement|claimed|insisted|accused|emphasi[sz]ed|reiterated)\b/gi,
  },
];

/** The event type a sentence reports near a position, by keyword distance; statements only when nothing else matches. */
export function classifyEvent(sentence: string, near: number): EventType | undefined {
  let best: { type: EventType; distance: number } | undefined;
  for (const rule of EVENT_RULES) {
    if (rule.type === 'statement') continue;
    for (const m of sentence.matchAll(rule.pattern)) {
      const distance = Math.abs(m.index + m[0].length / 2 - near);
      if (!best || distance < best.distance) best = { type: rule.type, distance };
    }
  }
  if (best) return best.type;
  const statement = EVENT_RULES.find((r) => r.type === 'statement');
  return statement && new RegExp(statement.pattern.source, 'i').test(sentence) ? 'statement' : undefined;
}
