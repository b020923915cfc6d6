import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { readCsv } from '../csv/read-csv';
import { EntenteError, type ValidationIssue } from '../errors';
import { attachLocations } from './locate-path';
import { fromZodIssues, YAML_MAX_ALIAS_COUNT } from './parse-scenario';
import { EvidenceSchema, IdSchema, type Proposal, ProposalSchema, ResponseSchema } from './schema';

/** A record file's proposals: the scenario's proposal format, with evidence optional (test data kept apart). */
const OptionalEvidence = z.array(EvidenceSchema).default([]);
const RecordProposalSchema = ProposalSchema.extend({
  proposers: z.array(IdSchema).default([]),
  responses: z.record(IdSchema, ResponseSchema.extend({ evidence: OptionalEvidence })).default({}),
  evidence: OptionalEvidence,
});
const RecordSchema = z.union([
  z.array(RecordProposalSchema),
  z.object({ proposals: z.array(RecordProposalSchema) }).loose(),
]);

/** The most proposals a record may hold (each is evaluated once per fit). */
export const MAX_RECORD_PROPOSALS = 10_000;

const fail = (file: string, issues: ValidationIssue[]): never => {
  throw new EntenteError(
    'RECORD_INVALID',
    `${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues
      .slice(0, 5)
      .map((i) => `${i.line ? `line ${i.line}${i.column ? `:${i.column}` : ''} ` : ''}${i.path.join('.')} ${i.message}`)
      .join('; ')}`,
    { issues },
  );
};

/**
 * Reads a CSV record: one row per answer, with columns `proposal`, `date`, `actor`, `response` and
 * `terms` (`issue=option;issue=option`), and optionally `title` and `proposers` (`a;b`).
 */
function parseCsvRecord(text: string, file: string): Proposal[] {
  const { records: rows, problems } = readCsv(text);
  if (problems.length > 0)
    fail(
      file,
      problems.map((p) => ({
        code: 'INVALID_FORMAT',
        path: [],
        message: `${p.message} (CSV).`,
        severity: 'error' as const,
        file,
        line: p.line,
        column: 1,
      })),
    );
  const header = rows.shift()?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = ['proposal', 'date', 'actor', 'response', 'terms'].filter((c) => !header.includes(c));
  if (missing.length > 0)
    fail(file, [
      {
        code: 'MISSING_FIELD',
        path: [],
        message: `The CSV header lacks ${missing.join(', ')}; expected proposal,date,actor,response,terms[,title,proposers].`,
        severity: 'error',
        file,
        line: 1,
        column: 1,
      },
    ]);
  const col = (row: string[], name: string) => row[header.indexOf(name)]?.trim() ?? '';
  const byId = new Map<string, { raw: Record<string, unknown>; line: number }>();
  const issues: ValidationIssue[] = [];
  for (const { fields, line } of rows) {
    const id = col(fields, 'proposal');
    const terms: Record<string, string> = {};
    for (const pair of col(fields, 'terms').split(';').filter(Boolean)) {
      const [issue, option, ...rest] = pair.split('=').map((s) => s.trim());
      if (!issue || !option || rest.length > 0) {
        issues.push({
          code: 'INVALID_FORMAT',
          path: ['terms'],
          message: `"${pair}" is not issue=option.`,
          severity: 'error',
          file,
          line,
          column: 1,
        });
        continue;
      }
      terms[issue] = option;
    }
    const entry = byId.get(id) ?? {
      raw: {
        id,
        title: col(fields, 'title') || id,
        date: col(fields, 'date'),
        proposers: col(fields, 'proposers')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
        terms,
        responses: {},
      },
      line,
    };
    (entry.raw.responses as Record<string, unknown>)[col(fields, 'actor')] = {
      response: col(fields, 'response'),
      evidence: [],
    };
    byId.set(id, entry);
  }
  const out: Proposal[] = [];
  for (const { raw, line } of byId.values()) {
    const parsed = RecordProposalSchema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
    else issues.push(...fromZodIssues(parsed.error.issues).map((i) => ({ ...i, file, line, column: 1 })));
  }
  if (issues.length > 0) fail(file, issues);
  return out;
}

/**
 * Parses a record of proposals and answers kept apart from the scenario: YAML or JSON (a list of
 * proposals, or `{proposals: [...]}`) or CSV (one row per answer).
 * @example parseProposalRecord(text, 'later.yaml').length
 */
export function parseProposalRecord(text: string, file = 'record'): Proposal[] {
  const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
  const proposals =
    /\.csv$/i.test(file) || /^proposal\s*,/i.test(firstLine) ? parseCsvRecord(text, file) : parseYamlRecord(text, file);
  if (proposals.length > MAX_RECORD_PROPOSALS)
    throw new EntenteError(
      'RECORD_TOO_LARGE',
      `${file} holds ${proposals.length} proposals; the limit is ${MAX_RECORD_PROPOSALS}.`,
    );
  return proposals;
}

function parseYamlRecord(text: string, file: string): Proposal[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    fail(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: 'YAML_SYNTAX',
          path: [],
          message: e.message.split('\n')[0] ?? e.message,
          severity: 'error' as const,
          file,
          line: pos.line,
          column: pos.col,
        };
      }),
    );
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch {
    fail(file, [
      {
        code: 'YAML_TOO_MANY_ALIASES',
        path: [],
        message: 'The YAML aliases expand past the limit.',
        severity: 'error',
        file,
        line: 1,
        column: 1,
      },
    ]);
  }
  const parsed = RecordSchema.safeParse(raw);
  if (!parsed.success) {
    // A union's issues are hard to read: report against the list form, the common one.
    const list = z
      .array(RecordProposalSchema)
      .safeParse(Array.isArray(raw) ? raw : (raw as { proposals?: unknown })?.proposals);
    const zodIssues = list.success ? parsed.error.issues : list.error.issues;
    const prefix = Array.isArray(raw) ? [] : ['proposals'];
    fail(
      file,
      attachLocations(
        fromZodIssues(zodIssues).map((i) => ({ ...i, path: [...prefix, ...i.path] })),
        doc,
        lineCounter,
        file,
      ),
    );
  }
  const data = parsed.data!;
  return Array.isArray(data) ? data : data.proposals;
}
