import { z } from 'zod';
import { EntenteError, type ErrorCode } from '../errors';
import { conjunction } from './expr';
import type { Expr, GmcrModel } from './types';
import { zodFailure } from './zod-issues';

const PairSchema = z.tuple([z.number().int(), z.enum(['Y', 'N'])]);
const ConjSchema = z.array(PairSchema);
const CondSchema = z.union([ConjSchema, z.object({ compound: z.literal(true), members: z.array(ConjSchema) }).loose()]);
const RankingSchema = z.array(z.union([z.number().int(), z.array(z.number().int())]));

/** gmcr-py / GMCR+ save files (`.gmcr`, JSON). */
export const GmcrPySaveSchema = z.looseObject({
  options: z.array(
    z.looseObject({ name: z.string(), permittedDirection: z.enum(['both', 'fwd', 'back']).default('both') }),
  ),
  decisionMakers: z.array(
    z.looseObject({
      name: z.string(),
      options: z.array(z.number().int()),
      preferences: z.array(CondSchema).default([]),
      misperceptions: z.array(CondSchema).default([]),
      preferenceRanking: RankingSchema.optional(),
      preferenceVector: RankingSchema.optional(),
    }),
  ),
  infeasibles: z.array(CondSchema).default([]),
  useManualPreferenceRanking: z.boolean().optional(),
  useManualPreferenceVectors: z.boolean().optional(),
  coalitions: z.array(z.union([z.number().int(), z.array(z.number().int())])).optional(),
  program: z.string().optional(),
  version: z.string().optional(),
});

/**
 * Parses a gmcr-py save file. Options are re-ordered DM by DM (each DM's options contiguous, in the
 * order the DM lists them), as gmcr-py numbers states; manual rankings use its 1-based state numbers.
 */
export function parseGmcrPySave(doc: unknown, options: { file?: string; title?: string } = {}): GmcrModel {
  const parsed = GmcrPySaveSchema.safeParse(doc);
  if (!parsed.success) throw zodFailure(parsed.error, 'GMCR_SAVE_INVALID', 'The gmcr-py save file', options.file);
  const f = parsed.data;
  const K = f.options.length;
  const engineIndex = new Array<number>(K).fill(-1);
  const order: number[] = [];
  const owner: number[] = [];
  const bad = (path: (string | number)[], code: ErrorCode, message: string): never => {
    throw new EntenteError(code, message, {
      issues: [{ code, path, message, severity: 'error', ...(options.file ? { file: options.file } : {}) }],
    });
  };
  f.decisionMakers.forEach((dm, d) => {
    dm.options.forEach((o, j) => {
      if (o < 0 || o >= K)
        bad(
          ['decisionMakers', d, 'options', j],
          'GMCR_UNKNOWN_OPTION',
          `DM '${dm.name}' lists option ${o}, which does not exist.`,
        );
      if (engineIndex[o] !== -1)
        bad(
          ['decisionMakers', d, 'options', j],
          'GMCR_OPTION_MULTIPLE_OWNERS',
          `Option '${f.options[o]!.name}' is listed by more than one DM.`,
        );
      engineIndex[o] = order.length;
      order.push(o);
      owner.push(d);
    });
  });
  engineIndex.forEach((e, o) => {
    if (e === -1)
      bad(
        ['options', o],
        'GMCR_OPTION_WITHOUT_OWNER',
        `Option '${f.options[o]!.name}' is owned by no decision maker: assign it to one.`,
      );
  });
  const cond = (c: z.infer<typeof CondSchema>, path: (string | number)[]): Expr => {
    const conj = (pairs: z.infer<typeof ConjSchema>): Expr =>
      conjunction(
        pairs.map(([o, v], j) => {
          if (o < 0 || o >= K)
            bad(
              [...path, j],
              'GMCR_UNKNOWN_OPTION',
              `The condition at ${path.join('.')} names option ${o}, which does not exist.`,
            );
          return { option: engineIndex[o]!, taken: v === 'Y' };
        }),
      );
    return Array.isArray(c) ? conj(c) : { kind: 'or', args: c.members.map(conj) };
  };
  const manual = f.useManualPreferenceRanking ?? f.useManualPreferenceVectors ?? false;
  const model: GmcrModel = {
    title: options.title ?? 'gmcr-py conflict',
    options: order.map((o, k) => ({
      id: String(o),
      name: f.options[o]!.name,
      dm: owner[k]!,
      reversibility: f.options[o]!.permittedDirection,
    })),
    decisionMakers: f.decisionMakers.map((dm, d) => ({
      id: String(d),
      name: dm.name,
      options: dm.options.map((o) => engineIndex[o]!),
      misperceptions: dm.misperceptions.map((c, j) => cond(c, ['decisionMakers', d, 'misperceptions', j])),
    })),
    infeasible: f.infeasibles.map((c, j) => cond(c, ['infeasibles', j])),
    preferences: [],
    paths: {
      option: (k) => ['options', order[k]!],
      decisionMaker: (d) => ['decisionMakers', d],
      infeasible: (j) => ['infeasibles', j],
      preference: (d) => ['decisionMakers', d],
    },
  };
  model.preferences = f.decisionMakers.map((dm, d) => {
    const ranking = dm.preferenceRanking ?? dm.preferenceVector;
    if (manual) {
      if (!ranking)
        bad(
          ['decisionMakers', d],
          'GMCR_MISSING_PREFERENCE',
          `DM '${dm.name}' has no manual preference ranking although the file asks for one.`,
        );
      // 1-based state numbers: resolved to decimals once the feasible states are known (see below).
      return { kind: 'ranking', ranking: ranking!.map((g) => (Array.isArray(g) ? g : [g]).map((x) => -x)) };
    }
    return {
      kind: 'statements',
      statements: dm.preferences.map((c, j) => cond(c, ['decisionMakers', d, 'preferences', j])),
    };
  });
  if (f.coalitions) {
    const blocks = f.coalitions.map((b) => (Array.isArray(b) ? b : [b]));
    if (blocks.some((b) => b.length > 1)) model.coalitions = blocks;
  }
  return model;
}

/**
 * Resolves gmcr-py's 1-based state numbers (stored negated by parseGmcrPySave) to decimals, given
 * the feasible states in increasing decimal order.
 */
export function resolveStateNumbers(model: GmcrModel, decimals: Uint32Array): GmcrModel {
  const preferences = model.preferences.map((p, d) => {
    if (p.kind !== 'ranking') return p;
    return {
      kind: 'ranking' as const,
      ranking: p.ranking.map((g, gi) =>
        g.map((x, j) => {
          if (x >= 0) return x;
          const n = -x;
          if (n < 1 || n > decimals.length)
            throw new EntenteError(
              'GMCR_RANKING_UNKNOWN_STATE',
              `The ranking of '${model.decisionMakers[d]!.name}' names state ${n}; states are numbered 1..${decimals.length}.`,
              {
                issues: [
                  {
                    code: 'GMCR_RANKING_UNKNOWN_STATE',
                    path: ['decisionMakers', d, 'preferenceRanking', gi, j],
                    message: `state ${n} does not exist`,
                    severity: 'error',
                  },
                ],
              },
            );
          return decimals[n - 1]!;
        }),
      ),
    };
  });
  return { ...model, preferences };
}
