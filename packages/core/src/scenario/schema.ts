import { z } from 'zod';
import { GmcrSectionSchema } from '../gmcr/scenario-section';
import { daysInMonth } from './partial-date';

/** Identifiers are lowercase slugs so they read well in YAML and on the command line. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use a lowercase id made of letters, digits, "-" and "_" (e.g. "black_sea")');

/** True when a YYYY-MM-DD string names a day that exists (no 30 February). */
function isRealDay(date: string): boolean {
  if (date.length !== 10) return true;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return d <= daysInMonth(y, m);
}

/** A calendar date with its precision: `2025-05-16`, `2025-05` or `2025`. */
export const PartialDateSchema = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v),
  z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'write the date as YYYY-MM-DD, YYYY-MM or YYYY')
    .refine(isRealDay, 'this day does not exist in that month'),
);

/** One piece of evidence: the source it comes from and the exact words that support the claim. */
export const EvidenceSchema = z
  .object({
    source: IdSchema.describe('id of an entry in `sources`'),
    quote: z.string().min(1).describe('verbatim words from the source'),
    note: z.string().optional().describe('why the quote supports the claim, or a flagged conflict'),
  })
  .strict();

const EvidenceListSchema = z.array(EvidenceSchema);

export const ActorRoleSchema = z.enum(['party', 'mediator', 'ally', 'guarantor', 'host']);

export const ActorSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]).describe('other names used in text (capitals, leaders)'),
    role: ActorRoleSchema,
    capability: z.number().min(0).optional().describe('relative power, used by forecasting models'),
    partners: z
      .array(IdSchema)
      .default([])
      .describe("key partners: the actor engages with their plans; other parties' offers may be devalued"),
    description: z.string().optional(),
    evidence: EvidenceListSchema.default([]),
  })
  .strict();

export const OptionSchema = z
  .object({
    id: IdSchema,
    label: z.string().min(1),
    position: z.number().min(0).max(100).describe("position on the issue's 0-100 scale"),
    description: z.string().optional(),
  })
  .strict();

export const IssueSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1),
    description: z.string().default(''),
    keywords: z.array(z.string().min(1)).default([]).describe('words that mark a sentence as about this issue'),
    options: z.array(OptionSchema).min(2, 'an issue needs at least two options'),
    statusQuo: IdSchema.describe('the option that holds today, with no agreement'),
    evidence: EvidenceListSchema.default([]),
  })
  .strict();

export const RedLineSchema = z
  .object({
    issue: IdSchema,
    option: IdSchema,
    absolute: z
      .boolean()
      .default(false)
      .describe(
        'true: a veto no package can buy; false (default): a strong penalty on the answer, fitted by `calibrate`',
      ),
    evidence: EvidenceListSchema.min(1, 'a red line needs evidence'),
  })
  .strict();

/** Additive utility now; the discriminant leaves room for other utility models. */
export const UtilityModelSchema = z.discriminatedUnion('model', [z.object({ model: z.literal('additive') }).strict()]);

const RangeSchema = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo <= hi, { message: 'a range is [low, high] with low ≤ high' });

/** Uncertain preference figures as ranges: written beside a figure as `{value, range: [low, high]}`. */
export const PreferenceRangesSchema = z
  .object({
    weights: z.record(IdSchema, RangeSchema).default({}),
    values: z.record(IdSchema, z.record(IdSchema, RangeSchema)).default({}),
    noDeal: RangeSchema.optional(),
  })
  .strict();

const isRanged = (v: unknown): v is { value: unknown; range: unknown } =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  'value' in v &&
  'range' in v &&
  Object.keys(v).length === 2;

/** Moves `{value, range}` figures into `ranges`, leaving the value in place, so every engine reads plain numbers. */
function liftRanges(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const pref = { ...(raw as Record<string, unknown>) };
  const ranges = { weights: {} as Record<string, unknown>, values: {} as Record<string, Record<string, unknown>> } as {
    weights: Record<string, unknown>;
    values: Record<string, Record<string, unknown>>;
    noDeal?: unknown;
  };
  let found = false;
  if (pref.weights && typeof pref.weights === 'object' && !Array.isArray(pref.weights)) {
    const weights = { ...(pref.weights as Record<string, unknown>) };
    for (const [k, v] of Object.entries(weights))
      if (isRanged(v)) {
        weights[k] = v.value;
        ranges.weights[k] = v.range;
        found = true;
      }
    pref.weights = weights;
  }
  if (pref.values && typeof pref.values === 'object' && !Array.isArray(pref.values)) {
    const values: Record<string, unknown> = {};
    for (const [issue, options] of Object.entries(pref.values as Record<string, unknown>)) {
      if (!options || typeof options !== 'object' || Array.isArray(options)) {
        values[issue] = options;
        continue;
      }
      const copy = { ...(options as Record<string, unknown>) };
      for (const [k, v] of Object.entries(copy))
        if (isRanged(v)) {
          copy[k] = v.value;
          ranges.values[issue] = { ...ranges.values[issue], [k]: v.range };
          found = true;
        }
      values[issue] = copy;
    }
    pref.values = values;
  }
  if (isRanged(pref.noDeal)) {
    ranges.noDeal = pref.noDeal.range;
    pref.noDeal = pref.noDeal.value;
    found = true;
  }
  if (found && pref.ranges === undefined) pref.ranges = ranges;
  return pref;
}

export const PreferenceSchema = z.preprocess(
  liftRanges,
  z
    .object({
      utility: UtilityModelSchema.default({ model: 'additive' }),
      weights: z.record(IdSchema, z.number()).describe('salience per issue; normalised to sum to 1'),
      values: z
        .record(IdSchema, z.record(IdSchema, z.number()))
        .describe('value in [0,1] of each option, per issue; unlisted options are an error'),
      redLines: z.array(RedLineSchema).default([]),
      noDeal: z.number().describe('walk-away utility in [0,1]: what having no agreement is worth'),
      noDealEvidence: EvidenceListSchema.min(1, 'the no-deal value needs evidence'),
      conditionalBand: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe(
          'half-width of the "accept with conditions" band, as a share of what the proposal puts at stake for the actor (default 0.25)',
        ),
      evidence: EvidenceListSchema.default([]),
      note: z.string().optional(),
      leverage: z
        .record(IdSchema, z.record(IdSchema, z.number()))
        .default({})
        .describe(
          "what an option does to the party's position away from the table, per issue and option (e.g. -0.3 for a truce that freezes a front it is advancing on); counts in steps",
        ),
      holdsOut: z
        .object({ evidence: EvidenceListSchema.min(1, 'holding out needs evidence'), note: z.string().optional() })
        .strict()
        .optional()
        .describe('the party demands a larger package and may reject a smaller step offered in its place'),
      ranges: PreferenceRangesSchema.optional().describe(
        'uncertain figures: a weight, value or walk-away value written as {value, range: [low, high]} lands here',
      ),
    })
    .strict(),
);

export const ValueShiftSchema = z.object({ issue: IdSchema, option: IdSchema, shift: z.number() }).strict();

export const LeverEffectSchema = z
  .object({
    noDealShift: z.number().default(0).describe("change to the target's walk-away value at strength 1"),
    valueShifts: z.array(ValueShiftSchema).default([]).describe("changes to the target's option values at strength 1"),
  })
  .strict();

export const LeverSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1),
    holder: IdSchema,
    target: IdSchema,
    description: z.string().default(''),
    effect: LeverEffectSchema,
    maxStrength: z.number().positive().default(1).describe('the strongest credible use, as a multiple of the effect'),
    evidence: EvidenceListSchema.min(1, 'a lever needs evidence'),
  })
  .strict();

export const ResponseKindSchema = z.enum(['accepted', 'accepted_with_conditions', 'rejected', 'no_response']);

export const ResponseSchema = z
  .object({
    response: ResponseKindSchema,
    date: PartialDateSchema.optional(),
    evidence: EvidenceListSchema.min(1, 'an observed response needs evidence'),
    note: z.string().optional(),
  })
  .strict();

export const ProposalSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1),
    date: PartialDateSchema,
    proposers: z.array(IdSchema).min(1),
    description: z.string().default(''),
    terms: z.record(IdSchema, IdSchema).describe('issue -> option; issues not named stay at the status quo'),
    responses: z.record(IdSchema, ResponseSchema).default({}),
    evidence: EvidenceListSchema.min(1, 'a proposal needs evidence'),
  })
  .strict();

export const EventTypeSchema = z.enum([
  'meeting',
  'call',
  'summit',
  'talks',
  'proposal',
  'ceasefire',
  'attack',
  'prisoner_exchange',
  'sanction',
  'aid_decision',
  'statement',
  'agreement',
  'other',
]);

export const EventSchema = z
  .object({
    id: IdSchema,
    date: PartialDateSchema,
    type: EventTypeSchema,
    participants: z.array(IdSchema).default([]),
    location: z.string().optional(),
    summary: z.string().min(1),
    issues: z.array(IdSchema).default([]),
    evidence: EvidenceListSchema.min(1, 'an event needs evidence'),
  })
  .strict();

export const SourceSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1),
    outlet: z.string().optional(),
    date: PartialDateSchema.optional(),
    url: z.string().optional(),
    file: z
      .string()
      .refine((f) => !/^([/\\]|[A-Za-z]:)/.test(f) && !f.split(/[/\\]/).includes('..'), {
        message: 'give a path inside the sources folder: no absolute path and no ".." segment',
        params: { code: 'SOURCE_PATH_OUTSIDE' },
      })
      .optional()
      .describe('file name of the source text, looked up beside the scenario or in the sources folder'),
  })
  .strict();

export const NoteSchema = z
  .object({
    id: IdSchema,
    kind: z.enum(['conflict', 'judgement', 'finding', 'caveat']).default('finding'),
    text: z.string().min(1),
    about: z.array(z.string()).default([]).describe('paths or ids the note concerns'),
    evidence: EvidenceListSchema.default([]),
  })
  .strict();

/** What makes a package a settlement that ends the fighting (compared with walking away) rather than a step while it goes on. */
export const SettlementSchema = z
  .object({
    description: z.string().default(''),
    requires: z
      .record(IdSchema, z.array(IdSchema).min(1))
      .describe('issue -> the options a settlement must have on it (e.g. ceasefire: [full])'),
    evidence: EvidenceListSchema.default([]),
  })
  .strict();

/** Parameters of the answer model (see acceptance/answer-probabilities.ts), as `entente calibrate` writes them. */
export const AnswerModelSchema = z
  .object({
    scale: z.number().positive().max(10).describe('logistic scale of the cut-points, in stake units'),
    redLinePenalty: z.number().min(0).max(100).describe('what a crossed red line costs, in stake units'),
    shift: z.number().min(-10).max(10).describe('moves both cut-points; positive: harder to satisfy'),
    bandFactor: z.number().min(0).max(10).describe("multiplies each party's conditional band"),
    adversaryDevaluation: z
      .number()
      .min(-10)
      .max(10)
      .default(0)
      .describe("what an adversary's offer loses, in stake units"),
    partnerEngagement: z
      .number()
      .min(-10)
      .max(10)
      .default(0)
      .describe("what a key partner's offer gains, in stake units"),
    leverageWeight: z
      .number()
      .min(-10)
      .max(10)
      .default(0)
      .describe("how much a step's effect away from the table counts"),
    holdOutPenalty: z
      .number()
      .min(-10)
      .max(10)
      .default(0)
      .describe('what a party holding out for more takes off a step'),
    fit: z
      .object({
        until: z.string().optional(),
        answers: z.number().int().min(0),
        logLikelihood: z.number(),
      })
      .loose()
      .optional()
      .describe('how the parameters were fitted (written by calibrate)'),
  })
  .strict();

/** A dated change of stance or of the situation: from `date` on, the given preference fields or status quo hold. */
export const ChangeSchema = z
  .object({
    date: PartialDateSchema,
    actor: IdSchema.optional().describe('whose preferences change (needed for the preference fields)'),
    description: z.string().default(''),
    weights: z.record(IdSchema, z.number()).optional().describe('new saliences for the issues named'),
    values: z
      .record(IdSchema, z.record(IdSchema, z.number()))
      .optional()
      .describe('new option values for the issues and options named'),
    noDeal: z.number().optional().describe('the new walk-away value'),
    conditionalBand: z.number().min(0).max(1).optional(),
    addRedLines: z.array(RedLineSchema).default([]),
    removeRedLines: z.array(z.object({ issue: IdSchema, option: IdSchema }).strict()).default([]),
    statusQuo: z.record(IdSchema, IdSchema).optional().describe('issue -> the option that holds from this date'),
    evidence: EvidenceListSchema.min(1, 'a change needs evidence'),
  })
  .strict();

/** The words reports use for this negotiation, so a strike or a trade talk is not described as a war. */
export const VocabularySchema = z
  .object({
    noDeal: z
      .string()
      .min(1)
      .optional()
      .describe('what a party does without a deal, after "prefers"/"than": "fighting on", "staying on strike"'),
    conflict: z
      .string()
      .min(1)
      .optional()
      .describe('what a settlement ends, after "end" and before "goes on": "the fighting", "the strike"'),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    schema: z.literal('entente-scenario/1').default('entente-scenario/1'),
    id: IdSchema,
    title: z.string().min(1),
    description: z.string().default(''),
    asOf: PartialDateSchema.describe('the date the scenario describes; later dates are errors'),
    sources: z.array(SourceSchema).default([]),
    actors: z.array(ActorSchema).min(1),
    issues: z.array(IssueSchema).min(1),
    preferences: z.record(IdSchema, PreferenceSchema).default({}),
    levers: z.array(LeverSchema).default([]),
    proposals: z.array(ProposalSchema).default([]),
    changes: z
      .array(ChangeSchema)
      .default([])
      .describe('dated changes of preferences or of the status quo; evaluations use the state in force on their date'),
    events: z.array(EventSchema).default([]),
    notes: z.array(NoteSchema).default([]),
    settlement: SettlementSchema.optional().describe(
      'packages meeting these terms end the fighting and are weighed against walking away; other packages are steps weighed against today',
    ),
    gmcr: GmcrSectionSchema.optional().describe('a Graph Model for Conflict Resolution of the same conflict'),
    answerModel: AnswerModelSchema.optional().describe(
      'fitted answer-model parameters (entente calibrate); without it, the published defaults',
    ),
    vocabulary: VocabularySchema.optional().describe(
      'words the reports use; without it, "fighting on" when a settlement is defined, else "walking away"',
    ),
  })
  .strict();

export type Evidence = z.infer<typeof EvidenceSchema>;
export type ActorRole = z.infer<typeof ActorRoleSchema>;
export type Actor = z.infer<typeof ActorSchema>;
export type IssueOption = z.infer<typeof OptionSchema>;
export type Issue = z.infer<typeof IssueSchema>;
export type RedLine = z.infer<typeof RedLineSchema>;
export type Preference = z.infer<typeof PreferenceSchema>;
export type Lever = z.infer<typeof LeverSchema>;
export type LeverEffect = z.infer<typeof LeverEffectSchema>;
export type ResponseKind = z.infer<typeof ResponseKindSchema>;
export type ObservedResponse = z.infer<typeof ResponseSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type ScenarioEvent = z.infer<typeof EventSchema>;
export type EventType = z.infer<typeof EventTypeSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type Settlement = z.infer<typeof SettlementSchema>;
/** A scenario after parsing, with defaults filled in (weights not yet normalised). */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written by hand, before defaults. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** The JSON Schema of the scenario format (for editors and other tools). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
