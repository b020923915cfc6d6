import type { EventType } from './types';

/** A happening told without a time expression: its type (from the verb) and the verb's span in the sentence. */
interface UndatedTrigger {
  type: EventType;
  start: number;
  end: number;
  /** A present or bare verb ("did not … agree to"): news only when the text denies it. */
  onlyDenied?: boolean;
}

// Verbs that report an outcome of the talks the article is about; the verb alone gives the type.
const TRIGGERS: { type: EventType; pattern: RegExp }[] = [
  {
    type: 'call',
    pattern:
      /\b(?:had|held) (?:a |an )?(?:telephone|phone) (?:conversation|call|talks)\b|\bspoke by (?:tele)?phone\b/gi,
  },
  {
    type: 'agreement',
    pattern:
      /\b(?:(?:ha[sv]e?|had) )?agreed (?:to|on|upon|that)\b|\bagree (?:to|on)\b|\breached (?:a |an )?(?:\w+ ){0,2}(?:agreement|deal|understanding|accord)\b|\bit was agreed\b/gi,
  },
  {
    // "After five hours of negotiations": the span of a session the article reports, dated by its anchor.
    type: 'talks',
    pattern: /\bafter (?:(?:\w+|\d+) )?(?:hours|days|rounds) of (?:\w+ )?(?:negotiations|talks)\b/gi,
  },
  {
    // A statement told by its form, not its date: the publication or readout that is the article's news.
    type: 'statement',
    pattern:
      /\baccording to (?:a|the) (?:\w+ )?(?:statement|readout) (?:by|from|of)\b|\b(?:statement|readout) (?:of the call )?(?:was )?(?:issued|released) by\b|\bmade (?:this|these|the) (?:statement|remarks|comments)\b|\bposted on (?:his|her|its|their) (?:\w+ ){0,2}(?:account|page|channel)\b|\bposted on (?:Truth Social|X|Telegram|Facebook|Twitter|Instagram|social media)\b/gi,
  },
  {
    type: 'proposal',
    // "proposed that the solution would be …" voices a view; a proposal tabled has an object.
    pattern: /\b(?:proposed|requested|handed over|put forward|submitted|tabled)\b(?!\s+that\b)/gi,
  },
];

// Reported speech and relative clauses ("which Russia proposed") are not the sentence's own news when
// the verb sits behind a subordinator, nor is an infinitive ("pleased to have reached").
const SUBORDINATE =
  /\b(?:which|who|whom|what|if|whether|would|will|could|might|should|to be|being|than)\s+(?:[\p{L}’'-]+\s+){0,3}$|\bto (?:have )?$/iu;

// "Under the arrangement, the two sides agreed to develop …" tells what a deal says, not a new happening.
const TERMS_OF =
  /\b(?:under|in) (?:the|this|that|its|their) (?:[\p{L}-]+ ){0,2}(?:arrangement|agreement|deal|framework|accord|plan|terms|memorandum|treaty)\b/iu;

/**
 * Finds, in a sentence with no time expression of its own, the verbs that report a happening
 * (agreed, proposed, handed over, had a telephone conversation), at most one per type and the
 * earliest first. Offsets are into `sentence` (quoted words already blanked by the caller).
 */
export function findUndatedTriggers(sentence: string): UndatedTrigger[] {
  const found: UndatedTrigger[] = [];
  for (const rule of TRIGGERS) {
    for (const m of sentence.matchAll(rule.pattern)) {
      const before = sentence.slice(Math.max(0, m.index - 40), m.index);
      if (SUBORDINATE.test(before) || TERMS_OF.test(sentence.slice(0, m.index))) continue;
      const bare = /^agree\b/i.test(m[0]);
      found.push({
        type: rule.type,
        start: m.index,
        end: m.index + m[0].length,
        ...(bare ? { onlyDenied: true } : {}),
      });
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
