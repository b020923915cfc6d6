import { EntenteError } from '@entente/core';
import { z } from 'zod';

/** The marker line that ends an evidence text's header (see the evidence FORMAT.md). */
const MARKER = /^# -+ TEXT BEGINS BELOW THIS LINE -+$/;

const Span = { start: z.number().int(), end: z.number().int() };

const ExpectedEventSchema = z.object({
  id: z.string(),
  date: z.string().nullable(),
  date_precision: z.string(),
  date_end: z.string().nullable().optional(),
  date_alternatives: z.array(z.string().nullable()).optional(),
  date_expr_start: z.number().int().nullable().optional(),
  date_expr_end: z.number().int().nullable().optional(),
  trigger: z.string().optional(),
  trigger_start: z.number().int().nullable().optional(),
  trigger_end: z.number().int().nullable().optional(),
  type: z.string(),
  status: z.string(),
  participants: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
});

const ExpectedQuoteSchema = z.object({
  id: z.string(),
  speaker: z.string(),
  speaker_kind: z.string().optional(),
  quote: z.string(),
  ...Span,
  optional: z.boolean().optional(),
});

const ExpectedFigureSchema = z.object({
  id: z.string(),
  text: z.string(),
  mentions: z.array(z.object({ text: z.string(), ...Span })),
  value: z.number().nullable().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  optional: z.boolean().optional(),
});

const ExpectedActorSchema = z.object({ name: z.string(), surface_forms: z.array(z.string()).optional() });

/** One `*.expected.json` of the `entente-evidence-expected/1` format (only the fields a scorer reads). */
export const EvidenceExpectedSchema = z.object({
  schema: z.literal('entente-evidence-expected/1'),
  publication_date: z.string().nullable(),
  publication_date_alternatives: z.array(z.string()).optional(),
  events: z.array(ExpectedEventSchema),
  actors: z.array(ExpectedActorSchema).optional(),
  quotes: z.array(ExpectedQuoteSchema),
  figures: z.array(ExpectedFigureSchema),
});
export type EvidenceExpected = z.infer<typeof EvidenceExpectedSchema>;
export type ExpectedEvent = z.infer<typeof ExpectedEventSchema>;
export type ExpectedQuote = z.infer<typeof ExpectedQuoteSchema>;
export type ExpectedFigure = z.infer<typeof ExpectedFigureSchema>;

/** An annotated text: the header's usable metadata, its body, and the hand annotation. */
export interface EvidenceCase {
  name: string;
  /** Store metadata date (`# DATE:`), absent when `none`. */
  date?: string;
  url?: string;
  outlet?: string;
  body: string;
  expected: EvidenceExpected;
}

/**
 * Splits an evidence text into its header fields and body. Only URL, PUBLISHER and DATE are kept:
 * the format forbids reading TITLE, DATE-NOTE or EDITS as data for the extractor.
 */
export function parseEvidenceText(name: string, content: string): Omit<EvidenceCase, 'expected'> {
  const lines = content.split('\n');
  const marker = lines.findIndex((line) => MARKER.test(line.trimEnd()));
  if (marker < 0) {
    throw new EntenteError('EVIDENCE_INVALID', `${name} has no "# ---- TEXT BEGINS BELOW THIS LINE ----" marker line.`);
  }
  const header = new Map<string, string>();
  for (const line of lines.slice(0, marker)) {
    const m = /^# ([A-Z-]+):\s?(.*)$/.exec(line);
    if (m?.[1]) header.set(m[1], (m[2] ?? '').trim());
  }
  // The file ends with one newline that is not part of the body.
  const rest = lines.slice(marker + 1).join('\n');
  const body = rest.endsWith('\n') ? rest.slice(0, -1) : rest;
  const date = header.get('DATE');
  const url = header.get('URL');
  const outlet = header.get('PUBLISHER');
  return {
    name,
    body,
    ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    ...(url ? { url } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

/** Reads an expected file's JSON, saying which case is malformed and where. */
export function parseEvidenceExpected(name: string, json: string): EvidenceExpected {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new EntenteError('EVIDENCE_INVALID', `${name} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = EvidenceExpectedSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EntenteError(
      'EVIDENCE_INVALID',
      `${name} does not follow entente-evidence-expected/1: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

/**
 * Converts Python code-point offsets (the format's) into JavaScript UTF-16 offsets for one body;
 * identical unless the body holds characters outside the Basic Multilingual Plane.
 */
export function codePointToUtf16(body: string): (offset: number) => number {
  const map: number[] = [];
  let i = 0;
  for (const ch of body) {
    map.push(i);
    i += ch.length;
  }
  map.push(i);
  if (i === map.length - 1) return (offset) => offset;
  return (offset) => map[Math.min(Math.max(0, offset), map.length - 1)] ?? i;
}
