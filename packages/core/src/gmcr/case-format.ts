import { z } from 'zod';
import { EntenteError } from '../errors';
import { failOn } from './compile';
import { conjunction } from './expr';
import { GMCR_LIMITS, sizeIssues, tooManyStates } from './limits';
import { syntheticRankings } from './synthetic';
import type { Expr, GmcrModel, Reversibility } from './types';
import { zodFailure } from './zod-issues';

const LiteralSchema = z.object({ option: z.number().int(), taken: z.boolean() });
const AllOfSchema = z.object({ allOf: z.array(LiteralSchema) });
const ConditionSchema = z.union([AllOfSchema, z.object({ anyOf: z.array(AllOfSchema) })]);
const StabilitySchema = z.record(z.string(), z.array(z.union([z.array(z.boolean()), z.string()])));

/** The reference case format `gmcr-case/1` (inputs, derived structures, reference results). */
export const GmcrCaseSchema = z.looseObject({
  format: z.literal('gmcr-case/1'),
  name: z.string().optional(),
  title: z.string().optional(),
  synthetic: z
    .object({ K: z.number().int().min(1), n: z.number().int().min(1), seed: z.number().int() })
    .loose()
    .optional(),
  options: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        dm: z.number().int(),
        reversibility: z.enum(['both', 'fwd', 'back']),
      }),
    )
    .optional(),
  decisionMakers: z
    .array(
      z.looseObject({
        id: z.number().int(),
        name: z.string(),
        options: z.array(z.number().int()),
        misperceptionConditions: z.array(ConditionSchema).optional(),
      }),
    )
    .optional(),
  infeasibleConditions: z.array(ConditionSchema).default([]),
  states: z
    .array(
      z.looseObject({
        id: z.number().int(),
        decimal: z.number().int(),
        label: z.string().optional(),
        publishedLabel: z.string().optional(),
      }),
    )
    .optional(),
  preferences: z.array(z.looseObject({ dm: z.number().int(), ranking: z.array(z.array(z.number().int())) })).optional(),
  moves: z.array(z.object({ dm: z.number().int(), reachable: z.array(z.array(z.number().int())) })).optional(),
  analysis: z
    .looseObject({ stability: StabilitySchema, equilibria: z.record(z.string(), z.array(z.number().int())) })
    .optional(),
  coalitionAnalyses: z
    .array(
      z.looseObject({
        coalitions: z.array(z.array(z.number().int())),
        effectiveDMs: z.array(z.string()).optional(),
        stability: StabilitySchema,
        equilibria: z.record(z.string(), z.array(z.number().int())),
      }),
    )
    .optional(),
  crossChecks: z.looseObject({}).optional(),
});
export type GmcrCase = z.infer<typeof GmcrCaseSchema>;

/** A case condition as a formula. */
export function caseConditionToExpr(c: z.infer<typeof ConditionSchema>): Expr {
  if ('allOf' in c) return conjunction(c.allOf);
  return { kind: 'or', args: c.anyOf.map((a) => conjunction(a.allOf)) };
}

/** Parses a `gmcr-case/1` document (already JSON-decoded) into a model; state ids are the case's ids. */
export function parseGmcrCase(doc: unknown, options: { useFileMoves?: boolean; file?: string } = {}): GmcrModel {
  const parsed = GmcrCaseSchema.safeParse(doc);
  if (!parsed.success) throw zodFailure(parsed.error, 'GMCR_CASE_INVALID', 'The gmcr-case/1 document', options.file);
  const c = parsed.data;
  const syn = c.synthetic;
  if (!c.options || !c.decisionMakers) {
    if (!syn)
      throw new EntenteError(
        'GMCR_CASE_INCOMPLETE',
        'The case has no options/decisionMakers and no synthetic spec: add them.',
        {
          issues: [{ code: 'GMCR_CASE_INCOMPLETE', path: ['options'], message: 'missing options', severity: 'error' }],
        },
      );
  }
  const owners = syn?.optionOwners as number[] | undefined;
  const optionsIn =
    c.options ?? (owners ?? []).map((dm, id) => ({ id, name: `o${id}`, dm, reversibility: 'both' as Reversibility }));
  const dmsIn =
    c.decisionMakers ??
    Array.from({ length: syn!.n }, (_, id) => ({
      id,
      name: `DM${id}`,
      options: optionsIn.flatMap((o) => (o.dm === id ? [o.id] : [])),
      misperceptionConditions: undefined,
    }));
  optionsIn.forEach((o, k) => {
    if (o.id !== k)
      throw new EntenteError('GMCR_CASE_INVALID', `Option at index ${k} has id ${o.id}; ids must equal positions.`, {
        issues: [
          { code: 'GMCR_CASE_INVALID', path: ['options', k, 'id'], message: 'id must equal index', severity: 'error' },
        ],
      });
  });
  const stateDecimals = c.states?.map((s) => s.decimal);
  const idToDecimal = (id: number, path: (string | number)[]): number => {
    const d = stateDecimals?.[id];
    if (d === undefined)
      throw new EntenteError(
        'GMCR_UNKNOWN_STATE',
        `State id ${id} at ${path.join('.')} is not among the case's states.`,
        {
          issues: [{ code: 'GMCR_UNKNOWN_STATE', path, message: `unknown state id ${id}`, severity: 'error' }],
        },
      );
    return d;
  };
  const model: GmcrModel = {
    title: c.title ?? c.name ?? 'GMCR case',
    options: optionsIn.map((o) => ({ id: String(o.id), name: o.name, dm: o.dm, reversibility: o.reversibility })),
    decisionMakers: dmsIn.map((d) => ({
      id: String(d.id),
      name: d.name,
      options: d.options,
      misperceptions: (d.misperceptionConditions ?? []).map(caseConditionToExpr),
    })),
    infeasible: c.infeasibleConditions.map(caseConditionToExpr),
    preferences: [],
    paths: {
      infeasible: (j) => ['infeasibleConditions', j],
      decisionMaker: (d) => ['decisionMakers', d],
      preference: (d) => ['preferences', d],
    },
  };
  if (c.preferences) {
    model.preferences = dmsIn.map((_, d) => {
      const p = c.preferences!.find((q) => q.dm === d);
      if (!p)
        throw new EntenteError('GMCR_MISSING_PREFERENCE', `The case has no preference entry for DM ${d}: add one.`, {
          issues: [
            {
              code: 'GMCR_MISSING_PREFERENCE',
              path: ['preferences'],
              message: `no entry for dm ${d}`,
              severity: 'error',
            },
          ],
        });
      const at = c.preferences!.indexOf(p);
      return {
        kind: 'ranking',
        ranking: p.ranking.map((g, gi) => g.map((id, j) => idToDecimal(id, ['preferences', at, 'ranking', gi, j]))),
      };
    });
  } else if (syn) {
    // The rankings take 2^K entries per DM: refuse an oversized spec before generating them.
    failOn(sizeIssues(syn.K, syn.n));
    if (2 ** syn.K > GMCR_LIMITS.states) throw tooManyStates(syn.K, 2 ** syn.K);
    model.preferences = syntheticRankings({ options: syn.K, dms: syn.n, seed: syn.seed }).map((order) => ({
      kind: 'strictOrder',
      order,
    }));
  }
  if (stateDecimals) {
    model.expectedStates = stateDecimals;
    const labels = new Map<number, string>();
    for (const s of c.states!) if (s.publishedLabel !== undefined) labels.set(s.decimal, s.publishedLabel);
    if (labels.size > 0) model.stateLabels = labels;
  }
  if ((options.useFileMoves ?? true) && c.moves) {
    model.explicitMoves = dmsIn.map((_, d) => c.moves!.find((mv) => mv.dm === d)?.reachable ?? []);
  }
  return model;
}
