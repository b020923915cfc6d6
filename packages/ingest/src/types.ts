import { type DatePrecision, type EventType, EventTypeSchema } from '@entente/core';

export type { DatePrecision };

/** The kinds of event the extractor recognises: the scenario's own event types, so both speak one language. */
export const EVENT_TYPES = EventTypeSchema.options;
export type { EventType };

/** The kinds of figure the extractor recognises. */
export type FigureKind = 'casualties' | 'money' | 'percentage' | 'duration' | 'count';

/** Where an item sits in the stored plain text of its document. */
export interface Provenance {
  /** Character offset of the item's first character in the document's plain text. */
  start: number;
  /** Character offset one past the item's last character. */
  end: number;
  /** Index of the sentence the item came from. */
  sentence: number;
}

/** A sentence of a document's plain text. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** A date expression found in a sentence, resolved when it can be. */
export interface DateExpression extends Provenance {
  text: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` according to the precision; absent when unresolved. */
  date?: string;
  precision?: DatePrecision;
  /** For a span of days ("May 10-11", "over the weekend"): its last day `YYYY-MM-DD`; `date` is its first. */
  until?: string;
  /** For a week ("last week"): its ISO week `YYYY-Www`; `date` keeps the week's month (the core has no week precision). */
  week?: string;
  /** Why the expression could not be resolved (e.g. no publication date). */
  unresolved?: string;
  /** How a date the text leaves incomplete was completed ("year of publication", …). */
  rule?: string;
}

/**
 * Whether the article reports an event as having happened, as planned or scheduled, as a
 * possibility or condition, or as not happening (refused, ruled out, denied, not yet taken place).
 */
export type EventStatus = 'reported' | 'planned' | 'hypothetical' | 'denied';

/** A dated event: a date expression plus the kind of thing that happened and who took part. */
export interface ExtractedEvent extends Provenance {
  date: string;
  precision: DatePrecision;
  /** For an event over a span of days ("talks on May 10-11"): its last day `YYYY-MM-DD`; `date` is its first. */
  until?: string;
  /** For an event dated by a week ("last week"): its ISO week `YYYY-Www`; `date` is then that week's month. */
  week?: string;
  /** Set when the event is the story's background, not its news (over a year before it, or told in the past perfect). */
  background?: true;
  type: EventType;
  status: EventStatus;
  actors: string[];
  issues: string[];
  /** The date expression's own text, e.g. "on May 16". */
  dateText: string;
  /** Where the date expression sits in the document (the event's `start`/`end` are its sentence's). */
  dateStart?: number;
  dateEnd?: number;
  /**
   * For an event told without a time expression (`dateText` empty): where its date comes from
   * ("date of the event in sentence 3", "publication date").
   */
  dateRule?: string;
  /** The verb or phrase that reports an undated event ("agreed to"), in document offsets. */
  triggerStart?: number;
  triggerEnd?: number;
}

/** A direct quote with its speaker as written (and the scenario actor it maps to, when known). */
export interface ExtractedQuote extends Provenance {
  /** The speaker as the attribution writes it, titles dropped ("Peskov", "Volodymyr Zelenskiy"). */
  speaker: string | null;
  /** The speaker's full name as the article gives it elsewhere ("Peskov" -> "Dmitry Peskov"). */
  speakerName: string | null;
  speakerActor: string | null;
  text: string;
}

/** A number found in text, with its unit and kind; ranges carry min and max instead of value. */
export interface ExtractedFigure extends Provenance {
  value?: number;
  min?: number;
  max?: number;
  unit: string;
  kind: FigureKind;
  text: string;
}

/** A mention of an actor: a scenario actor (actor set) or a name found by NLP (actor null). */
export interface ActorMention extends Provenance {
  text: string;
  actor: string | null;
  kind: 'scenario' | 'person' | 'organisation' | 'place' | 'name' | 'demonym' | 'country';
  /**
   * The country a demonym, country name or capital stands for, when no lexicon maps it to an actor
   * ("Russian" -> "Russia", "the UAE" -> "United Arab Emirates", "Moscow said" -> "Russia").
   */
  refersTo?: string;
}

/** Scenario issues a sentence concerns. */
export interface IssueTag {
  sentence: number;
  issue: string;
  keyword: string;
}

/** Actors and issues to match text against (built from a scenario, or read from a YAML file). */
export interface ScenarioLexicon {
  actors: { id: string; name: string; aliases: string[] }[];
  issues: { id: string; name: string; keywords: string[] }[];
}

/** Metadata known about a document before extraction. */
export interface DocumentMeta {
  title?: string;
  outlet?: string;
  url?: string;
  /** Publication date as `YYYY-MM-DD`. */
  published?: string;
  /** Which rule gave the publication date (`given`, `html-metadata`, `url-path`, `byline`, `dateline`, …). */
  publishedRule?: string;
  /** Where the article was filed, from its dateline ("KYIV, March 3 (Reuters) -" gives "Kyiv"). */
  place?: string;
}

/** Everything extracted from one document's plain text. */
export interface Extraction {
  sentences: Sentence[];
  dates: DateExpression[];
  events: ExtractedEvent[];
  quotes: ExtractedQuote[];
  figures: ExtractedFigure[];
  mentions: ActorMention[];
  issueTags: IssueTag[];
}
