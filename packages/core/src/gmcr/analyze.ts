import { EntenteError } from '../errors';
import { parseGmcrCase } from './case-format';
import { analyzeAllCoalitions, analyzePartition, completePartition } from './coalitions';
import { compileModel, enumerateStates, patternOf, validateModel } from './compile';
import { dmRef, explainSimultaneous, explainState, optionRef } from './explain';
import { parseGmcrPySave, resolveStateNumbers } from './gmcrpy-format';
import { GMCR_LIMITS } from './limits';
import { parseGmcrSection } from './scenario-section';
import { analyzeStability, analyzeStabilityWith, equilibriaOf, type WorkSplitter } from './stability';
import { analyzeStatusQuo, type ReachResult } from './status-quo';
import {
  ALL_CONCEPTS,
  CONCEPTS,
  type Concept,
  type ConceptRecord,
  type ConflictGraph,
  type GmcrModel,
  type Semantics,
  SIM_DEFAULT_STATE_LIMIT,
  type SimultaneousConcept,
  type StabilityConcept,
  type StabilityTable,
} from './types';

/** Which input format a document is. */
export type GmcrInputKind = 'gmcr-case/1' | 'gmcr-py' | 'scenario';

/** Recognises the input format of a decoded document and builds the model. */
export function modelFromDocument(
  doc: unknown,
  options: { file?: string } = {},
): { kind: GmcrInputKind; model: GmcrModel } {
  const file = options.file === undefined ? {} : { file: options.file };
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const o = doc as Record<string, unknown>;
    if (o.format === 'gmcr-case/1') return { kind: 'gmcr-case/1', model: parseGmcrCase(doc, file) };
    if ('gmcr' in o) return { kind: 'scenario', model: parseGmcrSection(o.gmcr, file) };
    if (Array.isArray(o.options) && Array.isArray(o.decisionMakers)) {
      const raw = parseGmcrPySave(doc, file);
      const problems = validateModel({
        ...raw,
        preferences: raw.decisionMakers.map(() => ({ kind: 'statements', statements: [] })),
      });
      if (problems.length > 0)
        throw new EntenteError('GMCR_INVALID_MODEL', `The gmcr-py file is inconsistent: ${problems[0]!.message}`, {
          issues: problems,
        });
      return { kind: 'gmcr-py', model: resolveStateNumbers(raw, enumerateStates(raw)) };
    }
  }
  throw new EntenteError(
    'GMCR_UNKNOWN_INPUT',
    'The input is neither a gmcr-case/1 file, a gmcr-py save file nor a scenario with a `gmcr:` section.',
    {
      issues: [{ code: 'GMCR_UNKNOWN_INPUT', path: [], message: 'unrecognised document', severity: 'error', ...file }],
    },
  );
}

/** What to compute besides stability. */
export interface AnalyzeOptions {
  semantics?: Semantics;
  statusQuo?: number;
  /** Fixed partition (gmcr-py coalition mode), DM indices per block. */
  partition?: number[][];
  /** Coalition stability over all coalitions. */
  allCoalitions?: boolean;
  /** Explain verdicts when the conflict has at most this many states (default 256; 0 = never). */
  explainLimit?: number;
  /** Spreads per-DM/concept work (e.g. over worker threads); default: in turn. */
  split?: WorkSplitter;
  /**
   * Concepts to compute. The four classical ones are always computed (cheap, and every report
   * carries them); SIM and SEQ+SIM when listed. Default: all six up to 2^16 states, the classical
   * four above (see `selectConcepts`).
   */
  concepts?: readonly StabilityConcept[];
}

/** The concepts an analysis computes, and the ones it leaves out with the reason. */
export interface ConceptSelection {
  concepts: StabilityConcept[];
  skipped: SimultaneousConcept[];
  why?: string;
}

/**
 * Which concepts to compute for a conflict of `stateCount` states: the classical four always; SIM
 * and SEQ+SIM when requested, or by default up to SIM_DEFAULT_STATE_LIMIT states. Throws
 * GMCR_BAD_CONCEPTS on an unknown name.
 */
export function selectConcepts(stateCount: number, requested?: readonly string[]): ConceptSelection {
  if (requested !== undefined) {
    const unknown = requested.filter((c) => !(ALL_CONCEPTS as readonly string[]).includes(c));
    if (unknown.length > 0)
      throw new EntenteError(
        'GMCR_BAD_CONCEPTS',
        `Unknown concept(s) ${unknown.map((c) => `'${c}'`).join(', ')}: choose from ${ALL_CONCEPTS.join(', ')}.`,
      );
    const concepts = ALL_CONCEPTS.filter((c) => CONCEPTS.includes(c as Concept) || requested.includes(c));
    const skipped = (['sim', 'seqsim'] as const).filter((c) => !requested.includes(c));
    return skipped.length === 0
      ? { concepts, skipped }
      : {
          concepts,
          skipped,
          why: `${skipped.map(conceptTitle).join(' and ')} not requested (the four classical concepts are always computed); use --concepts ${ALL_CONCEPTS.join(',')} to compute them.`,
        };
  }
  if (stateCount <= SIM_DEFAULT_STATE_LIMIT) return { concepts: [...ALL_CONCEPTS], skipped: [] };
  return {
    concepts: [...CONCEPTS],
    skipped: ['sim', 'seqsim'],
    why: `The conflict has ${stateCount} states (more than ${SIM_DEFAULT_STATE_LIMIT}): SIM and SEQ+SIM are left out by default, as they take several times longer than the four classical concepts; use --concepts ${ALL_CONCEPTS.join(',')} to compute them.`,
  };
}

function conceptTitle(c: StabilityConcept): string {
  return c === 'seqsim' ? 'SEQ+SIM' : c.toUpperCase();
}

/** The analysis as one JSON-ready document. State ids follow the input's own ordering. */
export interface GmcrReport {
  format: 'gmcr-analysis/1';
  title: string;
  mode: Semantics;
  states: number;
  options: { id: string; name: string; dm: number; reversibility: string }[];
  decisionMakers: string[];
  /** How explanations name each DM and option (ids): the legend that maps them to the names above. */
  refs: { decisionMakers: string[]; options: string[] };
  stateList: { id: number; pattern: string; decimal: number; label?: string }[];
  /** The concepts computed: the classical four always, SIM and SEQ+SIM when computed. */
  concepts: StabilityConcept[];
  /** Concepts left out (absent from `stability` and `equilibria`), with the reason in `why`. */
  skipped?: SimultaneousConcept[];
  why?: string;
  /** Per concept (nash, gmr, smr, seq; sim, seqsim when computed), per DM, per state. */
  stability: ConceptRecord<boolean[][]>;
  equilibria: ConceptRecord<number[]>;
  explanations?: {
    state: number;
    dm: number;
    concept: StabilityConcept;
    stable: boolean;
    text: string;
    improvements: unknown[];
  }[];
  explanationsOmitted?: string;
  /** Set when the explanations were cut at GMCR_LIMITS (the ones given are the first, in state order). */
  explanationsTruncated?: string;
  /** With `explanationsTruncated`: the first state whose explanations are missing or incomplete. */
  explanationsCutAt?: number;
  coalitions?: {
    partition?: {
      coalitions: number[][];
      players: string[];
      stability: Record<Concept, boolean[][]>;
      equilibria: Record<Concept, number[]>;
    };
    all?: { definition: string; stability: Record<Concept, boolean[][]>; equilibria: Record<Concept, number[]> };
  };
  statusQuo?: {
    state: number;
    pattern: string;
    byMoves: ReachResult;
    byImprovements: ReachResult;
    byCoalitionalImprovements?: ReachResult;
  };
}

const toBool = <C extends string>(t: Record<C, Uint8Array[]>): Record<C, boolean[][]> =>
  Object.fromEntries(
    (Object.entries(t) as [C, Uint8Array[]][]).map(([c, rows]) => [
      c,
      rows.map((row) => Array.from(row, (x) => x === 1)),
    ]),
  ) as Record<C, boolean[][]>;

/** The rows of the computed concepts only. */
function computedRows(table: StabilityTable, concepts: readonly StabilityConcept[]): ConceptRecord<Uint8Array[]> {
  return Object.fromEntries(concepts.map((c) => [c, table[c]])) as ConceptRecord<Uint8Array[]>;
}

function equilibriaTable(
  graph: ConflictGraph,
  table: StabilityTable,
  concepts: readonly StabilityConcept[],
): ConceptRecord<number[]> {
  return Object.fromEntries(concepts.map((c) => [c, equilibriaOf(table[c], graph.stateCount)])) as ConceptRecord<
    number[]
  >;
}

/** Builds the report from a compiled graph and its stability table. */
export function buildReport(
  graph: ConflictGraph,
  table: StabilityTable,
  options: AnalyzeOptions = {},
  selection: ConceptSelection = selectConcepts(graph.stateCount, options.concepts),
): GmcrReport {
  const semantics = options.semantics ?? 'textbook';
  const model = graph.model;
  const K = model.options.length;
  const concepts = selection.concepts;
  const equilibria = equilibriaTable(graph, table, concepts);
  const report: GmcrReport = {
    format: 'gmcr-analysis/1',
    title: model.title,
    mode: semantics,
    states: graph.stateCount,
    options: model.options.map((o) => ({ id: o.id, name: o.name, dm: o.dm, reversibility: o.reversibility })),
    decisionMakers: model.decisionMakers.map((d) => d.name),
    refs: {
      decisionMakers: model.decisionMakers.map((_, d) => dmRef(graph, d)),
      options: model.options.map((_, k) => optionRef(graph, k)),
    },
    stateList: Array.from(graph.decimals, (d, id) => {
      const label = model.stateLabels?.get(d);
      return { id, pattern: patternOf(d, K), decimal: d, ...(label === undefined ? {} : { label }) };
    }),
    concepts: [...concepts],
    ...(selection.skipped.length > 0 ? { skipped: selection.skipped } : {}),
    ...(selection.why !== undefined ? { why: selection.why } : {}),
    stability: toBool(computedRows(table, concepts) as Record<string, Uint8Array[]>) as ConceptRecord<boolean[][]>,
    equilibria,
  };
  const limit = options.explainLimit ?? 256;
  if (graph.stateCount <= limit) {
    report.explanations = [];
    const { explanations: maxCount, explanationChars: maxChars } = GMCR_LIMITS;
    let chars = 0;
    explaining: for (let s = 0; s < graph.stateCount; s++)
      for (let d = 0; d < model.decisionMakers.length; d++)
        for (const c of concepts) {
          const e =
            c === 'sim' || c === 'seqsim'
              ? explainSimultaneous(graph, d, s, c, semantics)
              : explainState(graph, d, s, c, semantics);
          if (e.improvements.length === 0) continue;
          // The witnesses' state ids count too: a long sanction path is output like its words.
          chars += e.text.length + 8 * e.improvements.length;
          if (report.explanations.length === maxCount || chars > maxChars) {
            report.explanationsCutAt = s;
            report.explanationsTruncated = `Explanations stop at state ${s}: a report holds at most ${maxCount} explanations and ${maxChars} characters of them (GMCR_LIMITS). Ask for one state's explanation (POST /api/scenarios/:id/gmcr/explain), or analyse a smaller model.`;
            break explaining;
          }
          report.explanations.push({
            state: s,
            dm: d,
            concept: c,
            stable: e.stable,
            text: e.text,
            improvements: e.improvements,
          });
        }
  } else
    report.explanationsOmitted = `The conflict has ${graph.stateCount} states (> ${limit}); explanations are given for small conflicts only.`;
  const partition = options.partition ?? undefined;
  if (partition || options.allCoalitions) {
    report.coalitions = {};
    if (partition) {
      const r = analyzePartition(graph, completePartition(graph, partition), semantics);
      report.coalitions.partition = {
        coalitions: r.coalitions,
        players: r.players,
        stability: toBool(r.stability),
        equilibria: r.equilibria,
      };
    }
    if (options.allCoalitions) {
      const r = analyzeAllCoalitions(graph, semantics);
      report.coalitions.all = {
        definition:
          'Inohara & Hipel (2008), Systems Engineering 11(4): C-stable for DM i iff stable for every coalition H containing i; a sanction counts when not every member of H strictly prefers it.',
        stability: toBool(r.stability),
        equilibria: r.equilibria,
      };
    }
  }
  const sq = options.statusQuo ?? (model.statusQuo !== undefined ? graph.indexOf(model.statusQuo) : undefined);
  if (sq !== undefined) {
    if (!Number.isInteger(sq) || sq < 0 || sq >= graph.stateCount)
      throw new EntenteError(
        'GMCR_STATUS_QUO_INFEASIBLE',
        `The status quo ${sq} is not a feasible state (ids 0..${graph.stateCount - 1}).`,
        {
          issues: [
            {
              code: 'GMCR_STATUS_QUO_INFEASIBLE',
              path: ['statusQuo'],
              message: `state ${sq} is not feasible`,
              severity: 'error',
            },
          ],
        },
      );
    report.statusQuo = {
      state: sq,
      pattern: patternOf(graph.decimals[sq]!, K),
      byMoves: analyzeStatusQuo(graph, sq, equilibria, 'moves'),
      byImprovements: analyzeStatusQuo(graph, sq, equilibria, 'improvements'),
    };
    if (graph.stateCount <= 4096 && model.decisionMakers.length <= 8)
      report.statusQuo.byCoalitionalImprovements = analyzeStatusQuo(graph, sq, equilibria, 'coalitionalImprovements');
  }
  return report;
}

/** Compiles a model and runs the full analysis (stability per concept, then the extras asked for). */
export async function analyzeGmcr(model: GmcrModel, options: AnalyzeOptions = {}): Promise<GmcrReport> {
  return analyzeGraph(compileModel(model), options);
}

/** The full analysis of an already compiled conflict (callers that check its size first compile once). */
export async function analyzeGraph(graph: ConflictGraph, options: AnalyzeOptions = {}): Promise<GmcrReport> {
  const semantics = options.semantics ?? 'textbook';
  const selection = selectConcepts(graph.stateCount, options.concepts);
  const table = options.split
    ? await analyzeStabilityWith(graph, semantics, options.split, selection.concepts)
    : analyzeStability(graph, semantics, selection.concepts);
  return buildReport(graph, table, options, selection);
}

/**
 * The size in bytes of a report's JSON before explanations, coalitions and status-quo paths: each
 * state's entry in the state list plus a `true`/`false` per DM and concept. Lets a server refuse
 * an answer it cannot send before computing it (a 20-option model once answered 120 MB).
 */
export function estimateReportBytes(states: number, options: number, decisionMakers: number, concepts: number): number {
  const digits = String(states).length;
  const stateEntry = 30 + 2 * digits + options + String(2 ** options).length;
  return states * (stateEntry + decisionMakers * concepts * 6);
}

/**
 * The number of options a decoded GMCR document declares, read from its shape without parsing it
 * (0 when the shape is not recognised): lets a server decide where to run it before any work.
 */
export function documentOptionCount(doc: unknown): number {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 0;
  const o = doc as Record<string, unknown>;
  const length = (x: unknown) => (Array.isArray(x) ? x.length : 0);
  if (o.format === 'gmcr-case/1') {
    const syn = o.synthetic as { K?: unknown; optionOwners?: unknown } | undefined;
    const K = typeof syn?.K === 'number' ? syn.K : 0;
    return Math.max(length(o.options), length(syn?.optionOwners), K);
  }
  if (o.gmcr && typeof o.gmcr === 'object') {
    const dms = (o.gmcr as { decisionMakers?: unknown }).decisionMakers;
    return Array.isArray(dms)
      ? dms.reduce((n: number, d) => n + length((d as { options?: unknown } | null)?.options), 0)
      : 0;
  }
  return length(o.options);
}
