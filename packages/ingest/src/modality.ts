import type { EventStatus } from './types';

// Clause openers: a negation or modal before one of these belongs to another clause.
const CLAUSE_BREAK =
  /(?:[;:—–(]|,\s+(?:which|who|when|where|while|but|and|as|after|before|although|though|since|because|whereas|so)\b|\b(?:but|while|whereas|although|because)\b|,\s*(?=[“"]))/gi;
const NEGATION =
  /\b(?:not|never|no|neither|nor|without)\b|n[’']t\b|\b(?:refus(?:ed|es|e)|declin(?:ed|es)|den(?:ied|ies|y)|ruled? out|rules out|reject(?:ed|s)?|dismiss(?:ed|es)|failed to|fails to|(?:has|have|had) yet to|called off|cancel(?:l?ed|s)?|postponed|scrapped|halted|suspended)\b/i;
// "no one", "not only", "no longer" (still happened) and "whether or not" do not deny the event.
const NOT_A_DENIAL = /\b(?:no one|not only|not just|whether or not|no later than|not least|no sooner)\b/gi;
const HYPOTHETICAL =
  /\b(?:if|unless|could|might|possibl[ey]|likely|unlikely|whether|hope[sd]? (?:to|for)|want(?:s|ed)?|seek(?:s|ing)?|sought|would-be|prospect of|chance of|odds of|call(?:s|ed)? for|urged?|push(?:es|ed)? for|in case)\b/i;
const PLANNED =
  /\b(?:will|shall|would|[’']ll|(?:is|are|was|were) to|plan(?:s|ned)?(?: to)?|schedul(?:ed|es)|set to|due to|expected to|intends? to|to be (?:held|signed)|upcoming|in principle|prepar(?:ing|es) (?:for|to))\b/i;
const AFTER_NEGATION =
  /^[^,;.]{0,25}?\b(?:(?:has|have|had|did|does|do|was|were|is|are)\s+not|(?:has|have|had) yet to|never)\b/i;
const AFTER_HYPOTHETICAL = /^[^,;.]{0,25}?\b(?:could|might|is unlikely|are unlikely|is possible)\b/i;
// The modal "may", in lower case and not followed by a day: "May" is also a month ("on 2 May", "May 20").
const MODAL_MAY = /\bmay\b(?!\s+\d)/;
const AFTER_PLANNED =
  /^[^,;.]{0,30}?\b(?:will|is (?:planned|scheduled|expected|due)|are (?:planned|scheduled|expected|due)|in principle)\b/i;

/** The stretch of the sentence that belongs to the clause holding `at` (start of clause to `at`). */
function clauseBefore(sentence: string, at: number): string {
  let from = Math.max(0, at - 90);
  // Only breaks ending past `from` count, so the scan starts a little before it, not at the sentence start.
  const scanFrom = Math.max(0, from - 30);
  for (const m of sentence.slice(scanFrom, at).matchAll(CLAUSE_BREAK)) {
    const end = scanFrom + m.index + m[0].length;
    if (end <= at && end > from) from = end;
  }
  return sentence.slice(from, at);
}

/** Whether a clause break lies between two offsets. */
function clauseBetween(sentence: string, a: number, b: number): boolean {
  const part = sentence.slice(Math.min(a, b), Math.max(a, b));
  return new RegExp(CLAUSE_BREAK.source, 'i').test(part);
}

/**
 * Says whether an event is reported as having happened, planned, hypothetical or denied, from the
 * words of its clause: a negation ("will not agree to a ceasefire", "denied that a meeting…",
 * "has not yet taken place") denies it, a condition or modal ("if", "could", "unlikely", "wants")
 * makes it hypothetical, a future ("will", "scheduled for", a date after publication) plans it.
 * Offsets are into the sentence; `cue` is the keyword that typed the event, `date` its date expression.
 */
export function eventStatus(
  sentence: string,
  date: { start: number; end: number },
  cue: { start: number; end: number } | undefined,
  afterPublication: boolean,
): EventStatus {
  // The clause of the keyword, unless the date sits in another clause ("strikes …, which killed … on Thursday").
  const anchor = cue && !clauseBetween(sentence, cue.end, date.start < cue.start ? date.end : date.start) ? cue : date;
  const before = clauseBefore(sentence, anchor.start).replace(NOT_A_DENIAL, ' ');
  const after = sentence.slice(anchor.end, anchor.end + 60);
  // The sentence's own condition ("…, if the agenda holds") makes any future in it hypothetical.
  const conditional = /\b(?:if|unless)\b/i.test(sentence.slice(anchor.end, anchor.end + 400)) && PLANNED.test(before);
  if (NEGATION.test(before)) return 'denied';
  // "the odds of a peace deal in 2026 are not zero": a negation after the event of a hypothetical is about the odds.
  const hypotheticalBefore = HYPOTHETICAL.test(before);
  if (!hypotheticalBefore && AFTER_NEGATION.test(after)) return 'denied';
  const modalMay = MODAL_MAY.test(before) || /^[^,;.]{0,25}?\bmay\b(?!\s+\d)/.test(after);
  if (hypotheticalBefore || AFTER_HYPOTHETICAL.test(after) || modalMay || conditional) return 'hypothetical';
  if (PLANNED.test(before) || AFTER_PLANNED.test(after) || afterPublication) return 'planned';
  return 'reported';
}
