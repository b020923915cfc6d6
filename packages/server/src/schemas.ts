import { IdParam as Id, LeverUseSchema, TermsSchema } from '@entente/core';
import { z } from 'zod';

const DateFilter = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write the date as YYYY-MM-DD, YYYY-MM or YYYY');

export const EvaluateBodySchema = z
  .object({
    proposal: Id.optional().describe('a recorded proposal of the scenario'),
    terms: TermsSchema.optional(),
    levers: z.array(LeverUseSchema).max(50).default([]),
    asOf: DateFilter.optional().describe("the stances in force on this date (default: the proposal's date, else asOf)"),
    proposers: z.array(Id).max(20).optional().describe("who proposes (default: a recorded proposal's proposers)"),
  })
  .strict()
  .refine((b) => !(b.proposal !== undefined && b.terms !== undefined), {
    message: 'give either "proposal" or "terms", not both',
  });

const SpaceScopeShape = {
  parties: z
    .array(Id)
    .min(2)
    .max(12)
    .optional()
    .describe('actors whose utilities span the space (default: the parties)'),
  issues: z.array(Id).min(1).optional().describe('issues on the table; the others stay at the status quo'),
  levers: z.array(LeverUseSchema).max(50).default([]),
};

export const SpaceBodySchema = z
  .object({
    ...SpaceScopeShape,
    disagreement: z.enum(['reservation', 'zero']).default('reservation'),
    variant: z.enum(['textbook', 'genius']).default('textbook'),
    partialDeals: z
      .object({
        maxSize: z.number().int().min(1).max(4).default(2),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict()
      .or(z.literal(false))
      .default({ maxSize: 2, limit: 20 }),
    openingLevers: z
      .boolean()
      .default(true)
      .describe('search the smallest lever combination that opens an empty zone of settlements'),
    points: z
      .enum(['none', 'all', 'frontier'])
      .default('all')
      .describe('package points to return for plotting (from the settlement space)'),
    maxPoints: z.number().int().min(1).max(100_000).default(20_000),
  })
  .strict();

export const ClosestBodySchema = z
  .object({
    ...SpaceScopeShape,
    proposal: Id.optional(),
    terms: TermsSchema.optional(),
    proposer: Id.optional().describe(
      'the party whose loss breaks ties (default: a proposer of the proposal, else the first party)',
    ),
  })
  .strict()
  .refine((b) => !(b.proposal !== undefined && b.terms !== undefined), {
    message: 'give either "proposal" or "terms", not both',
  });

export const PartialDealsBodySchema = z
  .object({
    ...SpaceScopeShape,
    maxSize: z.number().int().min(1).max(4).default(2),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const OpeningLeversBodySchema = z
  .object({
    ...SpaceScopeShape,
    maxLevers: z.number().int().min(1).max(3).default(2),
    grid: z.array(z.number().positive().max(1)).min(1).max(10).default([0.25, 0.5, 0.75, 1]),
  })
  .strict();

export const GmcrOptionsShape = {
  semantics: z.enum(['textbook', 'gmcrpy']).default('textbook'),
  statusQuo: z.number().int().min(0).optional().describe("state id of the status quo (default: the model's own)"),
  allCoalitions: z.boolean().default(false),
};

export const GmcrBodySchema = z.object(GmcrOptionsShape).strict();

export const GmcrExplainBodySchema = z
  .object({
    state: z.number().int().min(0).describe('state id, as in the report'),
    semantics: GmcrOptionsShape.semantics,
  })
  .strict();

export const GmcrDocumentBodySchema = z
  .object({
    ...GmcrOptionsShape,
    document: z.unknown().describe('a gmcr-case/1 file, a gmcr-py save or a scenario with `gmcr:`'),
  })
  .strict();

export const ValidateBodySchema = z
  .object({
    text: z.string().max(5_000_000).describe('scenario YAML or JSON'),
    file: z.string().max(500).default('scenario.yaml').describe('name used in the positions of the issues'),
    sources: z.record(Id, z.string()).optional().describe('source id -> full text, to check quotes'),
  })
  .strict();

export const IngestDocumentSchema = z
  .object({
    name: z.string().min(1).max(500).describe('file name; its extension picks the format (.txt, .md, .html)'),
    content: z.string().min(1),
    title: z.string().max(500).optional(),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
      .optional(),
    outlet: z.string().max(200).optional(),
    url: z.string().max(2000).optional(),
  })
  .strict();

export const IngestBodySchema = z
  .object({
    scenario: Id.optional().describe('a loaded scenario whose actors and issues to match'),
    documents: z.array(IngestDocumentSchema).min(1).max(100),
  })
  .strict();

export const TimelineQuerySchema = z
  .object({
    actor: Id.optional(),
    issue: Id.optional(),
    from: DateFilter.optional(),
    to: DateFilter.optional(),
    // `background=false` leaves out the events every article tells as background.
    background: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const SearchQuerySchema = z
  .object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();

export const JobBodySchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('space'), scenario: Id, params: SpaceBodySchema.default(SpaceBodySchema.parse({})) })
    .strict(),
  z
    .object({
      kind: z.literal('opening-levers'),
      scenario: Id,
      params: OpeningLeversBodySchema.default(OpeningLeversBodySchema.parse({})),
    })
    .strict(),
  z
    .object({ kind: z.literal('gmcr'), scenario: Id, params: GmcrBodySchema.default(GmcrBodySchema.parse({})) })
    .strict(),
  z.object({ kind: z.literal('ingest'), params: IngestBodySchema }).strict(),
]);

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), details: z.unknown() })
  .describe('every error: a stable code, a sentence that says what to do, and details (validation issues)');

export type EvaluateBody = z.output<typeof EvaluateBodySchema>;
export type SpaceBody = z.output<typeof SpaceBodySchema>;
export type ClosestBody = z.output<typeof ClosestBodySchema>;
export type PartialDealsBody = z.output<typeof PartialDealsBodySchema>;
export type OpeningLeversBody = z.output<typeof OpeningLeversBodySchema>;
export type GmcrBody = z.output<typeof GmcrBodySchema>;
export type GmcrExplainBody = z.output<typeof GmcrExplainBodySchema>;
export type IngestBody = z.output<typeof IngestBodySchema>;
export type SpaceScope = Pick<SpaceBody, 'parties' | 'issues' | 'levers'>;
