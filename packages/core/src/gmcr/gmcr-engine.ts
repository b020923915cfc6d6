import { parseDocument, parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { defineEngine, type SourceText } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable, wrap } from '../report/format-table';
import { describeGmcrState, gmcrReportSection } from '../report/gmcr-section';
import { analyzeGmcr, type GmcrReport, modelFromDocument } from './analyze';
import type { GmcrModel, Semantics, StabilityConcept } from './types';

const CONCEPTS: StabilityConcept[] = ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim'];
const CLASSICAL = ['nash', 'gmr', 'smr', 'seq'] as const;
const LETTER: Record<StabilityConcept, string> = { nash: 'N', gmr: 'G', smr: 'S', seq: 'Q', sim: 'M', seqsim: 'B' };
const TITLE: Record<StabilityConcept, string> = {
  nash: 'NASH',
  gmr: 'GMR',
  smr: 'SMR',
  seq: 'SEQ',
  sim: 'SIM',
  seqsim: 'SEQ+SIM',
};

/** Reads a JSON or YAML document, reporting syntax errors with their position. */
export function parseDocumentSource(source: SourceText): unknown {
  const { name: file, text } = source;
  const dot = file.lastIndexOf('.');
  const ext = dot >= 0 ? file.slice(dot).toLowerCase() : '';
  if (ext === '.yaml' || ext === '.yml') {
    try {
      // logLevel 'error': the YAML library would print its warnings (unknown tags, directives) on stderr.
      return parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
    } catch (e) {
      const pos = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
      throw new EntenteError(
        'GMCR_MALFORMED_INPUT',
        `${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
        {
          issues: [
            {
              code: 'GMCR_MALFORMED_INPUT',
              path: [],
              message: 'YAML syntax error',
              severity: 'error',
              file,
              ...(pos ? { line: pos.line, column: pos.col } : {}),
            },
          ],
        },
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse does not always say where; the YAML parser (a JSON superset) locates the error.
    const pos = parseDocument(text).errors[0]?.linePos?.[0];
    const line = pos?.line;
    const column = pos?.col;
    throw new EntenteError(
      'GMCR_MALFORMED_INPUT',
      `${file} is not valid JSON: ${(e as Error).message}. Fix the syntax and retry.`,
      {
        issues: [
          {
            code: 'GMCR_MALFORMED_INPUT',
            path: [],
            message: 'JSON syntax error',
            severity: 'error',
            file,
            ...(line ? { line, column: column ?? 1 } : {}),
          },
        ],
      },
    );
  }
}

/** Resolves a DM reference (index, id or name). */
function dmIndex(model: GmcrModel, ref: string): number {
  const t = ref.trim();
  const byName = model.decisionMakers.findIndex((d) => d.id === t || d.name === t);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(t) && Number(t) < model.decisionMakers.length) return Number(t);
  throw new EntenteError(
    'GMCR_BAD_COALITIONS',
    `Unknown decision maker '${t}' in --coalitions: use an index, id or name.`,
  );
}

/**
 * Parses --status-quo: a state id, a Y/N pattern over the options (engine order), or option ids/names
 * taken joined by '+' or ',' (`none` for no option). Returns a state decimal or an id.
 */
function parseStatusQuo(model: GmcrModel, spec: string): { id?: number; decimal?: number } {
  const t = spec.trim();
  if (/^\d+$/.test(t)) return { id: Number(t) };
  const K = model.options.length;
  if (t.length === K && /^[YN]+$/i.test(t)) {
    let d = 0;
    for (let k = 0; k < K; k++) if (t[k]!.toUpperCase() === 'Y') d += 2 ** k;
    return { decimal: d };
  }
  if (t === 'none') return { decimal: 0 };
  let d = 0;
  for (const part of t.split(/[+,]/)) {
    const k = model.options.findIndex((o) => o.id === part.trim() || o.name === part.trim());
    if (k < 0)
      throw new EntenteError(
        'GMCR_BAD_STATUS_QUO',
        `--status-quo names unknown option '${part.trim()}': use a state id, a Y/N pattern or option ids.`,
      );
    d += 2 ** k;
  }
  return { decimal: d };
}

function renderText(report: GmcrReport): string {
  const out: string[] = [
    `${report.title}`,
    `${report.states} feasible states, ${report.decisionMakers.length} decision makers, ${report.mode} semantics`,
    '',
  ];
  // The legend: explanations name DMs and options by these ids, so each name is printed once.
  out.push(
    `Decision makers: ${report.decisionMakers.map((name, d) => `${report.refs.decisionMakers[d]} = ${name}`).join(', ')}`,
    `Options (in pattern order): ${report.options.map((o, k) => `${report.refs.options[k]} = ${o.name} (${report.refs.decisionMakers[o.dm]})`).join(', ')}`,
    '',
  );
  const computed = CONCEPTS.filter((c) => report.concepts.includes(c));
  if (report.states <= 512) {
    const header = ['state', 'pattern', ...report.decisionMakers, 'equilibrium'];
    const rows = report.stateList.map((s) => [
      s.label !== undefined ? `${s.id} (${s.label})` : String(s.id),
      s.pattern,
      ...report.decisionMakers.map((_, d) =>
        computed.map((c) => (report.stability[c]?.[d]?.[s.id] ? LETTER[c] : '-')).join(''),
      ),
      computed
        .filter((c) => report.equilibria[c]?.includes(s.id))
        .map((c) => TITLE[c])
        .join(' '),
    ]);
    out.push(
      formatTable([header, ...rows], { width: 100 }),
      '',
      `Stability letters: ${computed.map((c) => `${LETTER[c]}=${TITLE[c]}`).join(', ')} (- = unstable).`,
      '',
    );
  } else out.push(`(state table omitted for ${report.states} states; use --json)`, '');
  // States are named by the options taken, in words; long lists show their first few and a count.
  const named = (state: number) => `${state} [${describeGmcrState(report, state)}]`;
  const some = (states: readonly number[], shown = 3) =>
    `${states.slice(0, shown).map(named).join('; ')}${states.length > shown ? `; … and ${states.length - shown} more (--json lists all)` : ''}`;
  for (const c of computed) {
    const eq = report.equilibria[c] ?? [];
    out.push(`${TITLE[c]} equilibria (${eq.length}): ${eq.length ? some(eq) : 'none'}`);
  }
  if (report.coalitions?.partition) {
    const p = report.coalitions.partition;
    out.push('', `Fixed coalitions (${p.players.join(' | ')}):`);
    for (const c of CLASSICAL) out.push(`  ${TITLE[c]}: ${p.equilibria[c].length ? some(p.equilibria[c]) : 'none'}`);
  }
  if (report.coalitions?.all) {
    const a = report.coalitions.all;
    out.push('', `Coalition stability over all coalitions (${a.definition})`);
    for (const c of CLASSICAL) out.push(`  C-${TITLE[c]}: ${a.equilibria[c].length ? some(a.equilibria[c]) : 'none'}`);
  }
  if (report.statusQuo) {
    const sq = report.statusQuo;
    const how: Record<string, string> = {
      moves: 'by any moves',
      improvements: 'by unilateral improvements',
      coalitionalImprovements: 'by joint improvements (every member of the moving coalition gains)',
    };
    out.push('', `From the status quo ${named(sq.state)}, the equilibria that can be reached:`);
    for (const r of [sq.byMoves, sq.byImprovements, sq.byCoalitionalImprovements]) {
      if (!r) continue;
      out.push(`  ${how[r.kind] ?? r.kind}:`);
      for (const c of computed) {
        const all = r.reachable[c] ?? [];
        const reach = all
          .slice(0, 3)
          .map((x) =>
            x.path.length === 0
              ? `${x.state} (already there)`
              : `${named(x.state)} via ${x.path.map((st) => `${st.movers.map((d) => report.decisionMakers[d]).join(' + ')} ${st.from}→${st.to}`).join(', ')}`,
          );
        const more = all.length > 3 ? `; … and ${all.length - 3} more` : '';
        const unreachable = r.unreachable[c] ?? [];
        out.push(
          `    ${TITLE[c]}: ${reach.join('; ') || 'none'}${more}${unreachable.length ? `; ${unreachable.length} not reachable` : ''}`,
        );
      }
    }
  }
  if (report.explanations) {
    out.push('', 'Explanations:');
    const seen = new Set<string>();
    for (const e of report.explanations) {
      // Nash lists the improvements; the other concepts add the sanction (or its absence).
      if (seen.has(`${e.concept}:${e.text}`)) continue;
      seen.add(`${e.concept}:${e.text}`);
      out.push(`  [${TITLE[e.concept]}] ${e.text.split('\n').join('\n    ')}`);
    }
    if (report.explanationsTruncated) out.push('', report.explanationsTruncated);
  } else if (report.explanationsOmitted) out.push('', report.explanationsOmitted);
  if (report.skipped?.length)
    out.push('', `Not computed: ${report.skipped.map((c) => TITLE[c]).join(', ')}. ${report.why ?? ''}`);
  // Every line fits 100 columns, continuation lines indented under their first word.
  return out
    .map((line) => {
      const indent = /^\s*/.exec(line)![0];
      return line.length <= 100 ? line : wrap(line.trim(), 98, indent).replace(/\n/g, '\n  ');
    })
    .join('\n');
}

/** `entente gmcr INPUT`: GMCR stability analysis. */
const GmcrParams = z
  .object({
    mode: z
      .enum(['textbook', 'gmcrpy'])
      .default('textbook')
      .describe('textbook (legal sequences) or gmcrpy (each opponent moves at most once per sanction)'),
    statusQuo: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe('status quo: state id, Y/N pattern, or option ids taken joined by +'),
    coalitions: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe(
        "'all' for coalition stability over all coalitions, or a fixed partition like 'US+USSR,Cuba' (DM ids, names or indices)",
      ),
    explainLimit: z
      .number()
      .int()
      .min(0)
      .max(1_048_576)
      .default(256)
      .describe('explain verdicts when there are at most n states'),
    concepts: z
      .string()
      .max(200)
      .optional()
      .describe(
        'concepts to compute, comma-separated from nash,gmr,smr,seq,sim,seqsim, or all (the four classical ones are always computed; default: all six up to 65536 states, the classical four above)',
      ),
    threads: z
      .number()
      .int()
      .min(1)
      .max(256)
      .optional()
      .describe(
        'threads: the main one plus n-1 workers sharing the (DM, concept) tasks (default: 1, except all cores for SIM or SEQ+SIM on conflicts of 2^18 states or more, where workers were measured to pay)',
      ),
  })
  .strict();

/** GMCR stability analysis as a registered engine. */
export const gmcrEngine = defineEngine({
  id: 'gmcr',
  title: 'GMCR stability',
  summary:
    'Graph Model for Conflict Resolution: Nash/GMR/SMR/SEQ/SIM/SEQ+SIM stability, equilibria, explanations, coalitions, status quo',
  input: {
    name: 'input',
    description: 'a gmcr-case/1 JSON file, a gmcr-py .gmcr save file, or a scenario (YAML/JSON) with a gmcr: section',
    min: 1,
    max: 1,
    scenario: true,
  },
  params: GmcrParams,
  long: true,
  result: z
    .object({
      title: z.string(),
      states: z.number(),
      decisionMakers: z.array(z.string()),
      concepts: z.array(z.string()),
      equilibria: z.record(z.string(), z.array(z.unknown())),
    })
    .loose(),
  load(sources) {
    const source = sources[0]!;
    const doc = parseDocumentSource(source);
    const { kind, model } = modelFromDocument(doc, { file: source.name });
    const notes = kind === 'scenario' ? (doc as { gmcr?: { notes?: unknown } }).gmcr?.notes : undefined;
    return { model, notes: typeof notes === 'string' ? notes : undefined };
  },
  async run({ model }, params, ctx) {
    let statusQuo: number | undefined;
    if (params.statusQuo !== undefined) {
      const sq = parseStatusQuo(model, params.statusQuo);
      if (sq.decimal !== undefined) model.statusQuo = sq.decimal;
      else statusQuo = sq.id;
    }
    let partition = model.coalitions;
    let allCoalitions = false;
    if (params.coalitions !== undefined) {
      if (params.coalitions.trim() === 'all') allCoalitions = true;
      else partition = params.coalitions.split(',').map((block) => block.split('+').map((r) => dmIndex(model, r)));
    }
    const concepts =
      params.concepts === undefined
        ? undefined
        : params.concepts
            .split(',')
            .map((c) => c.trim().toLowerCase())
            .filter((c) => c !== '')
            .flatMap((c): string[] => (c === 'all' ? CONCEPTS : c === 'seq+sim' ? ['seqsim'] : [c]));
    const split = ctx.splitters.gmcr?.(params.threads === undefined ? {} : { threads: params.threads });
    try {
      return await analyzeGmcr(model, {
        semantics: params.mode as Semantics,
        ...(statusQuo === undefined ? {} : { statusQuo }),
        ...(partition ? { partition } : {}),
        allCoalitions,
        explainLimit: params.explainLimit,
        ...(split ? { split } : {}),
        ...(concepts === undefined ? {} : { concepts: concepts as StabilityConcept[] }),
      });
    } finally {
      await split?.close();
    }
  },
  render: (report) => `${renderText(report)}\n`,
  section: (report, input) => gmcrReportSection(report, input.notes),
  report: { applies: (scenario) => scenario.gmcr !== undefined, params: { explainLimit: 0 } },
});
