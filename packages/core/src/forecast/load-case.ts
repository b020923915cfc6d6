import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { readCsv } from '../csv/read-csv';
import type { SourceText } from '../engine/types';
import { EntenteError } from '../errors';
import { childrenNamed, parseXml, type XmlElement } from '../genius/xml-reader';
import { locatePath } from '../scenario/locate-path';
import type { Scenario } from '../scenario/schema';
import { validateScenarioText } from '../scenario/validate-scenario';
import { jsonErrorOffset } from './json-position';
import type { ForecastCase, ForecastDimension } from './types';

/** How a loader picks among named capability variants (DEU: `equal`, `council_votes`). */
export interface LoadOptions {
  /** Variant name; default: the first one the case lists. */
  capability?: string;
}

function fail(file: string, message: string, line?: number, column?: number): never {
  throw new EntenteError('FORECAST_MALFORMED_INPUT', `${file}${line ? `:${line}:${column ?? 1}` : ''}: ${message}`, {
    issues: [
      {
        code: 'FORECAST_MALFORMED_INPUT',
        path: [],
        message,
        severity: 'error',
        file,
        ...(line ? { line, column: column ?? 1 } : {}),
      },
    ],
  });
}

/** Line and column (1-based) of a character offset. */
function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

/** Parses JSON, reporting a syntax error at its line and column. */
function parseJson(text: string, file: string, lineBase = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const pos = offset === undefined ? undefined : offsetToLineColumn(text, offset);
    const msg = (e as Error).message.split('\n')[0];
    return fail(file, `not valid JSON: ${msg}`, pos && pos.line + lineBase, pos?.column);
  }
}

const Num = z.number().refine(Number.isFinite, 'a finite number');
const CaseSchema = z.object({
  format: z.literal('negotiation-case/1'),
  id: z.string().min(1),
  title: z.string().default(''),
  dimensions: z
    .array(z.object({ id: z.string().min(1), name: z.string().default(''), min: Num, max: Num }).loose())
    .min(1),
  actors: z
    .array(
      z
        .object({
          id: z.string().min(1),
          name: z.string().default(''),
          capability: z.union([Num.nonnegative(), z.record(z.string(), Num.nonnegative())]),
          positions: z.array(Num.nullable()),
          saliences: z.array(Num.min(0).max(1).nullable()),
        })
        .loose(),
    )
    .min(1),
  reference_point: Num.nullable().optional(),
  ideal_accommodation: z.record(z.string(), z.record(z.string(), Num)).optional(),
  outcome: z.object({ value: Num.nullable().optional() }).loose().nullable().optional(),
});

/** Validates one parsed negotiation case; errors point at the offending value's line and column. */
function caseFromJson(value: unknown, text: string, file: string, options: LoadOptions, lineBase = 0): ForecastCase {
  const checked = CaseSchema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc });
    const pos = locatePath(doc, lc, issue.path as (string | number)[]);
    return fail(
      file,
      `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      pos ? pos.line + lineBase : undefined,
      pos?.column,
    );
  }
  const c = checked.data;
  const m = c.dimensions.length;
  c.actors.forEach((a, i) => {
    if (a.positions.length !== m || a.saliences.length !== m) {
      const lc = new LineCounter();
      const pos = locatePath(parseDocument(text, { lineCounter: lc }), lc, ['actors', i]);
      fail(
        file,
        `actors.${i} (${a.id}): needs one position and one salience per dimension (${m})`,
        pos && pos.line + lineBase,
        pos?.column,
      );
    }
  });
  const variant = (cap: number | Record<string, number>): number => {
    if (typeof cap === 'number') return cap;
    const key = options.capability ?? Object.keys(cap)[0]!;
    const v = cap[key];
    if (v === undefined)
      fail(file, `capability variant "${key}" not found; the case has ${Object.keys(cap).join(', ')}`);
    return v;
  };
  const ids = c.actors.map((a) => a.id);
  let accommodation: Float64Array | undefined;
  if (c.ideal_accommodation) {
    const n = ids.length;
    accommodation = new Float64Array(n * n);
    for (let i = 0; i < n; i++) accommodation[i * n + i] = 1;
    for (const [row, cols] of Object.entries(c.ideal_accommodation)) {
      const i = ids.indexOf(row);
      if (i < 0) continue;
      accommodation[i * n + i] = 0;
      for (const [col, a] of Object.entries(cols)) {
        const j = ids.indexOf(col);
        if (j >= 0) accommodation[i * n + j] = a;
      }
    }
  }
  const outcome = c.outcome?.value;
  return {
    id: c.id,
    title: c.title,
    file,
    ...(lineBase ? { line: lineBase + 1 } : {}),
    actors: c.actors.map((a) => ({ id: a.id, name: a.name || a.id })),
    dimensions: c.dimensions.map((d) => ({ id: d.id, name: d.name || d.id, min: d.min, max: d.max })),
    capability: Float64Array.from(c.actors, (a) => variant(a.capability)),
    positions: c.dimensions.map((_, d) => Float64Array.from(c.actors, (a) => a.positions[d] ?? Number.NaN)),
    salience: c.dimensions.map((_, d) => Float64Array.from(c.actors, (a) => a.saliences[d] ?? 0)),
    ...(c.reference_point != null ? { referencePoint: c.reference_point } : {}),
    ...(typeof outcome === 'number' ? { outcome } : {}),
    ...(accommodation ? { accommodation } : {}),
  };
}

/** KTAB's CSV: a title line, a header line, then name, description, capability and per dimension position and salience (0–100). */
export function parseKtabCsv(text: string, file: string): ForecastCase {
  const { records, problems } = readCsv(text);
  if (problems[0]) fail(file, problems[0].message, problems[0].line, 1);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const cells = (k: number) => (records[k]?.fields ?? []).map((c) => c.trim());
  const head = cells(0);
  const nActors = Number(head[2]);
  const nDims = Number(head[3]);
  if (!(Number.isInteger(nActors) && nActors > 0 && Number.isInteger(nDims) && nDims > 0))
    fail(file, 'line 1 must be "name, description, number of actors, number of dimensions"', 1, 1);
  const header = cells(1);
  const dims: ForecastDimension[] = [...Array(nDims).keys()].map((d) => ({
    id: header[3 + 2 * d] || `d${d}`,
    name: header[3 + 2 * d] || `d${d}`,
    min: 0,
    max: 100,
  }));
  const actors: { id: string; name: string }[] = [];
  const capability = new Float64Array(nActors);
  const positions = dims.map(() => new Float64Array(nActors));
  const salience = dims.map(() => new Float64Array(nActors));
  for (let i = 0; i < nActors; i++) {
    const lineNo = records[i + 2]?.line ?? (records.at(-1)?.line ?? 0) + 1;
    const row = cells(i + 2);
    // A trailing comma leaves an empty last cell; the no-final-comma variant does not.
    if (row.length > 0 && row[row.length - 1] === '' && row.length > 3 + 2 * nDims) row.pop();
    if (row.length < 3 + 2 * nDims) fail(file, `expected ${3 + 2 * nDims} fields, found ${row.length}`, lineNo, 1);
    const num = (k: number, what: string, lo: number, hi: number) => {
      const v = Number(row[k]);
      if (row[k] === '' || !Number.isFinite(v) || v < lo || v > hi) {
        const raw = (lines[lineNo - 1] ?? '').split(',');
        const before = raw.slice(0, k).join(',').length + (k > 0 ? 1 : 0);
        const column = before + 1 + ((raw[k] ?? '').length - (raw[k] ?? '').trimStart().length);
        fail(file, `${what} must be a number in [${lo}, ${hi}], found "${row[k]}"`, lineNo, column);
      }
      return v;
    };
    actors.push({ id: row[0]!, name: row[1] || row[0]! });
    capability[i] = num(2, 'capability', 0, Number.MAX_VALUE);
    for (let d = 0; d < nDims; d++) {
      positions[d]![i] = num(3 + 2 * d, 'position', 0, 100);
      salience[d]![i] = num(4 + 2 * d, 'salience', 0, 100) / 100;
    }
  }
  return {
    id: slug(head[0] || file),
    title: head[1] || head[0] || file,
    file,
    actors,
    dimensions: dims,
    capability,
    positions,
    salience,
  };
}

/** KTAB's XML (smpSchema.xsd): name, Dimensions/dName, Actors/Actor with capability, Position/dCoord and Salience/dSal. */
export function parseKtabXml(text: string, file: string): ForecastCase {
  let root: XmlElement;
  try {
    root = parseXml(text.replace(/^\uFEFF/, ''), file);
  } catch (e) {
    const err = e as EntenteError;
    const issue = err.issues?.[0];
    return fail(file, `not valid XML: ${err.message}`, issue?.line, issue?.column);
  }
  const child = (el: XmlElement, name: string) => childrenNamed(el, name)[0];
  const names = childrenNamed(child(root, 'Dimensions') ?? root, 'dName').map((d) => d.text.trim());
  if (names.length === 0) fail(file, 'no <Dimensions><dName> elements', root.line, root.column);
  const actorsEl = childrenNamed(child(root, 'Actors') ?? root, 'Actor');
  const n = actorsEl.length;
  const capability = new Float64Array(n);
  const positions = names.map(() => new Float64Array(n));
  const salience = names.map(() => new Float64Array(n));
  const actors = actorsEl.map((a, i) => {
    const num = (el: XmlElement | undefined, what: string, lo: number, hi: number): number => {
      const v = Number(el?.text.trim());
      if (!el || el.text.trim() === '' || !Number.isFinite(v) || v < lo || v > hi)
        fail(file, `${what} of actor ${i + 1} must be a number in [${lo}, ${hi}]`, (el ?? a).line, (el ?? a).column);
      return v;
    };
    capability[i] = num(child(a, 'capability'), 'capability', 0, Number.MAX_VALUE);
    const coords = childrenNamed(child(a, 'Position') ?? a, 'dCoord');
    const sals = childrenNamed(child(a, 'Salience') ?? a, 'dSal');
    names.forEach((_, d) => {
      positions[d]![i] = num(coords[d], 'position', 0, 100);
      salience[d]![i] = num(sals[d], 'salience', 0, 100) / 100;
    });
    const name = child(a, 'name')?.text.trim() || `actor-${i + 1}`;
    return { id: name, name: child(a, 'description')?.text.trim() || name };
  });
  const title = child(root, 'name')?.text.trim() || file;
  return {
    id: slug(title),
    title: child(root, 'desc')?.text.trim() || title,
    file,
    actors,
    dimensions: names.map((id) => ({ id, name: id, min: 0, max: 100 })),
    capability,
    positions,
    salience,
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'case';

/**
 * A scenario as a forecasting case: each issue is a dimension on its options' 0–100 positions; the
 * actors are those with preferences; capability is the actor's `capability` (1 when absent);
 * salience is the actor's normalised weight for the issue; its position is the position of its
 * highest-valued option (the mean position when several options tie for best).
 */
export function scenarioToCase(scenario: Scenario, file: string): ForecastCase {
  const ids = Object.keys(scenario.preferences);
  const issues = scenario.issues;
  const actors = ids.map((id) => {
    const a = scenario.actors.find((x) => x.id === id);
    return { id, name: a?.name ?? id };
  });
  const capability = Float64Array.from(ids, (id) => scenario.actors.find((x) => x.id === id)?.capability ?? 1);
  const positions = issues.map(() => new Float64Array(ids.length).fill(Number.NaN));
  const salience = issues.map(() => new Float64Array(ids.length));
  ids.forEach((id, i) => {
    const pref = scenario.preferences[id]!;
    const total = Object.values(pref.weights).reduce((a, b) => a + Math.max(0, b), 0);
    issues.forEach((issue, d) => {
      const values = pref.values[issue.id];
      if (!values || !(total > 0)) return;
      let best = Number.NEGATIVE_INFINITY;
      for (const o of issue.options) best = Math.max(best, values[o.id] ?? Number.NEGATIVE_INFINITY);
      const top = issue.options.filter((o) => values[o.id] === best);
      if (top.length === 0) return;
      positions[d]![i] = top.reduce((a, o) => a + o.position, 0) / top.length;
      salience[d]![i] = Math.max(0, pref.weights[issue.id] ?? 0) / total;
    });
  });
  return {
    id: scenario.id,
    title: scenario.title,
    file,
    actors,
    dimensions: issues.map((issue) => ({
      id: issue.id,
      name: issue.name,
      min: 0,
      max: 100,
      options: issue.options.map((o) => ({ id: o.id, label: o.label, position: o.position })),
    })),
    capability,
    positions,
    salience,
  };
}

/** Reads any supported input into cases: `.jsonl`, `.json`, `.csv`, `.xml`, or a scenario (`.yaml`/`.yml`, or JSON without `format`). */
export function loadForecastSource(source: SourceText, options: LoadOptions = {}): ForecastCase[] {
  const { name: file, text } = source;
  const ext = file.toLowerCase().replace(/^.*(\.[a-z]+)$/, '$1');
  if (ext === '.csv') return [parseKtabCsv(text, file)];
  if (ext === '.xml') return [parseKtabXml(text, file)];
  if (ext === '.jsonl' || ext === '.ndjson') {
    const out: ForecastCase[] = [];
    text.split('\n').forEach((line, k) => {
      if (line.trim() === '') return;
      out.push(caseFromJson(parseJson(line, file, k), line, file, options, k));
    });
    if (out.length === 0) fail(file, 'no case in the file');
    return out;
  }
  if (ext === '.json') {
    const value = parseJson(text, file);
    if (value && typeof value === 'object' && (value as { format?: unknown }).format === 'negotiation-case/1')
      return [caseFromJson(value, text, file, options)];
  }
  const checked = validateScenarioText(text, { file });
  if (!checked.valid || !checked.scenario) {
    const first = checked.issues.find((i) => i.severity === 'error');
    throw new EntenteError(
      'FORECAST_MALFORMED_INPUT',
      `${file}${first?.line ? `:${first.line}:${first.column ?? 1}` : ''}: not a negotiation case or a valid scenario${first ? ` (${first.message})` : ''}`,
      { issues: checked.issues },
    );
  }
  return [scenarioToCase(checked.scenario, file)];
}
