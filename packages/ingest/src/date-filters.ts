// Month-days that name something ("the March 23 Movement", "Alliance/March 23 Movement") date nothing.
const NAME_BEFORE = /(?:\bthe\s+|\/)$/i;
const NAME_AFTER = /^\s+\p{Lu}[\p{Ll}-]+/u;
const NOT_A_NAME =
  /^\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

// Syndication notes ("X published this content on October 20, 2025") date the page, not a happening.
const PUBLISHING_NOTE =
  /\b(?:(?:published|posted) (?:this|the) (?:content|article|story|page)|(?:first|originally|last) (?:published|posted|updated|appeared))\b[^.!?]{0,40}$/i;

/** Whether a date expression is no event's date: part of a name, or a note on when the page was published. */
export function isNonEventDate(text: string, d: { start: number; end: number; text: string }): boolean {
  const before = text.slice(Math.max(0, d.start - 60), d.start);
  const after = text.slice(d.end, d.end + 30);
  if (/^\p{Lu}/u.test(d.text) && NAME_BEFORE.test(before) && NAME_AFTER.test(after) && !NOT_A_NAME.test(after))
    return true;
  return PUBLISHING_NOTE.test(before);
}

// Photo captions place people in the picture ("(L)", "(center)", ", second right,"); the picture's date is the story's.
const CAPTION =
  /\((?:L|R|C|left|right|centre|center|front|back|top|bottom)\)|,\s+(?:(?:second|third|far)\s+)?(?:left|right|from left|from right|centre|center),/;

/** Whether a sentence is a photo caption, which repeats a happening the text reports. */
export function isCaption(sentence: string): boolean {
  return CAPTION.test(sentence);
}
