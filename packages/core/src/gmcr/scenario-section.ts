import { z } from 'zod';
import { EntenteError, type ValidationIssue } from '../errors';
import { parseStatement, StatementSyntaxError } from './expr';
import type { Expr, GmcrModel, GmcrPreference, Reversibility } from './types';
import { zodFailure } from './zod-issues';

/** A piece of evidence for a modelling choice: where it comes from and what it says. */
export const GmcrEvidenceSchema = z.object({
  source: z.string().min(1),
  quote: z.string().min(1),
  note: z.string().optional(),
});

const IdSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.:]*$/, 'use letters, digits, _ . : (starting with a letter or _)');

const OptionSchema = z.object({
  id: IdSchema,
  label: z.string().min(1),
  reversibility: z.enum(['both', 'forward', 'backward']).optional(),
  evidence: z.array(GmcrEvidenceSchema).optional(),
  notes: z.string().optional(),
});

const DecisionMakerSchema = z.object({
  id: IdSchema,
  actor: z.string().optional(),
  name: z.string().optional(),
  options: z.array(OptionSchema).min(1),
  evidence: z.array(GmcrEvidenceSchema).optional(),
  notes: z.string().optional(),
});

/** A statement, optionally with evidence: `"cede_donbas & !nato_renounce"`, `"IF a THEN b"`. */
const StatementSchema = z.union([
  z.string().min(1),
  z.object({
    statement: z.string().min(1),
    evidence: z.array(GmcrEvidenceSchema).optional(),
    note: z.string().optional(),
  }),
]);

/** A state: the ids of the options taken, joined with '+' (`"none"` for no option taken). */
const StateRefSchema = z.union([z.string(), z.array(IdSchema)]);
const RankEntrySchema = z.union([StateRefSchema, z.object({ tie: z.array(StateRefSchema).min(1) })]);

const PreferenceSchema = z.union([
  z.array(StatementSchema),
  z
    .object({
      statements: z.array(StatementSchema).optional(),
      ranking: z.array(RankEntrySchema).optional(),
      evidence: z.array(GmcrEvidenceSchema).optional(),
      notes: z.string().optional(),
    })
    .refine((p) => (p.statements === undefined) !== (p.ranking === undefined), {
      message: 'give exactly one of `statements` or `ranking`',
    }),
]);

/**
 * The `gmcr:` section of an Entente scenario: a GMCR model in a human-editable form.
 * Option order (DM by DM, options in listed order) defines state numbering: state decimal =
 * sum of 2^k over taken options k.
 */
export const GmcrSectionSchema = z.object({
  title: z.string().optional(),
  decisionMakers: z.array(DecisionMakerSchema).min(1),
  infeasible: z.array(StatementSchema).default([]),
  mutuallyExclusive: z.array(z.array(IdSchema).min(2)).default([]),
  misperceptions: z.record(z.string(), z.array(StatementSchema)).optional(),
  preferences: z.record(z.string(), PreferenceSchema),
  statusQuo: z.array(IdSchema).optional(),
  notes: z.string().optional(),
});
export type GmcrSection = z.infer<typeof GmcrSectionSchema>;

const REVERSIBILITY: Record<string, Reversibility> = { both: 'both', forward: 'fwd', backward: 'back' };

/** Parses and checks a `gmcr:` section into a model (pure). Paths in problems start at `gmcr`. */
export function parseGmcrSection(section: unknown, options: { file?: string } = {}): GmcrModel {
  const parsed = GmcrSectionSchema.safeParse(section);
  if (!parsed.success) {
    const err = zodFailure(parsed.error, 'GMCR_SECTION_INVALID', 'The gmcr section', options.file);
    for (const i of err.issues) i.path.unshift('gmcr');
    throw err;
  }
  const g = parsed.data;
  const issues: ValidationIssue[] = [];
  const add = (path: (string | number)[], code: string, message: string) =>
    issues.push({
      code,
      path: ['gmcr', ...path],
      message,
      severity: 'error',
      ...(options.file ? { file: options.file } : {}),
    });
  const index = new Map<string, number>();
  const modelOptions: GmcrModel['options'] = [];
  const optionPath: (string | number)[][] = [];
  const dmIndex = new Map<string, number>();
  g.decisionMakers.forEach((dm, d) => {
    if (dmIndex.has(dm.id))
      add(['decisionMakers', d, 'id'], 'GMCR_DUPLICATE_ID', `Decision maker id '${dm.id}' is used twice.`);
    dmIndex.set(dm.id, d);
    dm.options.forEach((o, j) => {
      if (index.has(o.id))
        add(['decisionMakers', d, 'options', j, 'id'], 'GMCR_DUPLICATE_ID', `Option id '${o.id}' is used twice.`);
      index.set(o.id, modelOptions.length);
      optionPath.push(['gmcr', 'decisionMakers', d, 'options', j]);
      modelOptions.push({ id: o.id, name: o.label, dm: d, reversibility: REVERSIBILITY[o.reversibility ?? 'both']! });
    });
  });
  const resolve = (id: string) => index.get(id);
  const statement = (s: z.infer<typeof StatementSchema>, path: (string | number)[]): Expr => {
    const text = typeof s === 'string' ? s : s.statement;
    try {
      return parseStatement(text, resolve);
    } catch (e) {
      if (!(e instanceof StatementSyntaxError)) throw e;
      add(path, 'GMCR_BAD_STATEMENT', `Statement "${text}": ${e.message}.`);
      return { kind: 'const', value: false };
    }
  };
  const decimalOf = (ref: z.infer<typeof StateRefSchema>, path: (string | number)[]): number => {
    const ids = Array.isArray(ref)
      ? ref
      : ref.trim() === 'none' || ref.trim() === ''
        ? []
        : ref.split('+').map((x) => x.trim());
    let d = 0;
    for (const id of ids) {
      const k = index.get(id);
      if (k === undefined)
        add(
          path,
          'GMCR_UNKNOWN_OPTION',
          `State '${Array.isArray(ref) ? ref.join('+') : ref}' names unknown option '${id}'.`,
        );
      else d = (d | (2 ** k)) >>> 0;
    }
    return d;
  };
  const infeasible: Expr[] = g.infeasible.map((s, j) => statement(s, ['infeasible', j]));
  g.mutuallyExclusive.forEach((group, j) => {
    const ks = group.map((id) => {
      const k = index.get(id);
      if (k === undefined)
        add(['mutuallyExclusive', j], 'GMCR_UNKNOWN_OPTION', `Mutually exclusive group names unknown option '${id}'.`);
      return k ?? 0;
    });
    for (let a = 0; a < ks.length; a++)
      for (let b = a + 1; b < ks.length; b++)
        infeasible.push({
          kind: 'and',
          args: [
            { kind: 'option', option: ks[a]! },
            { kind: 'option', option: ks[b]! },
          ],
        });
  });
  for (const id of Object.keys(g.preferences))
    if (!dmIndex.has(id))
      add(['preferences', id], 'GMCR_UNKNOWN_DM', `Preferences are given for unknown decision maker '${id}'.`);
  for (const id of Object.keys(g.misperceptions ?? {}))
    if (!dmIndex.has(id))
      add(['misperceptions', id], 'GMCR_UNKNOWN_DM', `Misperceptions are given for unknown decision maker '${id}'.`);
  const preferences: GmcrPreference[] = g.decisionMakers.map((dm) => {
    const p = g.preferences[dm.id];
    if (p === undefined) {
      add(
        ['preferences'],
        'GMCR_MISSING_PREFERENCE',
        `Decision maker '${dm.id}' has no preferences: add statements or a ranking.`,
      );
      return { kind: 'statements', statements: [] };
    }
    if (Array.isArray(p) || p.statements)
      return {
        kind: 'statements',
        statements: (Array.isArray(p) ? p : p.statements!).map((s, j) =>
          statement(s, ['preferences', dm.id, ...(Array.isArray(p) ? [] : ['statements']), j]),
        ),
      };
    return {
      kind: 'ranking',
      ranking: p.ranking!.map((entry, j) =>
        typeof entry === 'object' && !Array.isArray(entry)
          ? entry.tie.map((ref, q) => decimalOf(ref, ['preferences', dm.id, 'ranking', j, 'tie', q]))
          : [decimalOf(entry, ['preferences', dm.id, 'ranking', j])],
      ),
    };
  });
  if (issues.length > 0)
    throw new EntenteError(
      'GMCR_SECTION_INVALID',
      `The gmcr section is inconsistent: ${issues[0]!.message} (${issues.length} problem(s))`,
      {
        issues,
      },
    );
  const model: GmcrModel = {
    title: g.title ?? 'GMCR model',
    options: modelOptions,
    decisionMakers: g.decisionMakers.map((dm, d) => ({
      id: dm.id,
      name: dm.name ?? dm.id,
      options: modelOptions.flatMap((o, k) => (o.dm === d ? [k] : [])),
      misperceptions: (g.misperceptions?.[dm.id] ?? []).map((s, j) => statement(s, ['misperceptions', dm.id, j])),
    })),
    infeasible,
    preferences,
    paths: {
      option: (k) => optionPath[k] ?? ['gmcr', 'decisionMakers'],
      decisionMaker: (d) => ['gmcr', 'decisionMakers', d],
      infeasible: (j) => (j < g.infeasible.length ? ['gmcr', 'infeasible', j] : ['gmcr', 'mutuallyExclusive']),
      preference: (d) => ['gmcr', 'preferences', g.decisionMakers[d]!.id],
      statusQuo: ['gmcr', 'statusQuo'],
    },
  };
  if (g.statusQuo) model.statusQuo = decimalOf(g.statusQuo, ['statusQuo']);
  if (issues.length > 0)
    throw new EntenteError('GMCR_SECTION_INVALID', `The gmcr section is inconsistent: ${issues[0]!.message}`, {
      issues,
    });
  return model;
}
