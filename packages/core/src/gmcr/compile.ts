import { EntenteError, type ValidationIssue } from '../errors';
import { compileExpr, conjunctionMask, optionsOf } from './expr';
import { GMCR_LIMITS, nameLengthIssues, sizeIssues, tooManyStates } from './limits';
import type { ConflictGraph, Expr, GmcrModel, MoveSet } from './types';

/** Largest number of options the state enumeration accepts (2^26 candidate patterns; feasible states are capped apart). */
export const MAX_OPTIONS = GMCR_LIMITS.options;
const DIRECT_INDEX_LIMIT = 24;

function issue(path: (string | number)[], code: string, message: string): ValidationIssue {
  return { code, path, message, severity: 'error' };
}

/** Checks the model's internal consistency; returns the problems found (empty when sound). */
export function validateModel(model: GmcrModel): ValidationIssue[] {
  // Over-long names are reported alone: every other message would repeat them.
  const tooLong = nameLengthIssues(model);
  if (tooLong.length > 0) return tooLong;
  const issues: ValidationIssue[] = sizeIssues(model.options.length, model.decisionMakers.length);
  const p = model.paths ?? {};
  const optPath = (i: number) => p.option?.(i) ?? ['options', i];
  const dmPath = (i: number) => p.decisionMaker?.(i) ?? ['decisionMakers', i];
  const K = model.options.length;
  if (K === 0) issues.push(issue(['options'], 'GMCR_NO_OPTIONS', 'The conflict has no options: add at least one.'));
  if (model.decisionMakers.length === 0)
    issues.push(issue(['decisionMakers'], 'GMCR_NO_DMS', 'The conflict has no decision makers: add at least one.'));
  const owners: number[][] = model.options.map(() => []);
  model.decisionMakers.forEach((dm, d) => {
    dm.options.forEach((o, j) => {
      if (!Number.isInteger(o) || o < 0 || o >= K)
        issues.push(
          issue(
            [...dmPath(d), 'options', j],
            'GMCR_UNKNOWN_OPTION',
            `DM '${dm.name}' lists option ${o}, which does not exist.`,
          ),
        );
      else owners[o]!.push(d);
    });
    for (const [j, e] of dm.misperceptions.entries()) checkExpr(e, K, [...dmPath(d), 'misperceptions', j], issues);
  });
  model.options.forEach((opt, o) => {
    const own = owners[o]!;
    if (own.length === 0)
      issues.push(
        issue(
          optPath(o),
          'GMCR_OPTION_WITHOUT_OWNER',
          `Option '${opt.name}' is owned by no decision maker: assign it to one.`,
        ),
      );
    else if (own.length > 1)
      issues.push(
        issue(
          optPath(o),
          'GMCR_OPTION_MULTIPLE_OWNERS',
          `Option '${opt.name}' is listed by several decision makers (${own.map((d) => model.decisionMakers[d]!.name).join(', ')}): keep one.`,
        ),
      );
    else if (opt.dm !== own[0])
      issues.push(
        issue(
          optPath(o),
          'GMCR_OPTION_OWNER_MISMATCH',
          `Option '${opt.name}' names DM ${opt.dm} but is listed by DM ${own[0]}.`,
        ),
      );
  });
  for (const [j, e] of model.infeasible.entries()) checkExpr(e, K, p.infeasible?.(j) ?? ['infeasible', j], issues);
  if (model.preferences.length !== model.decisionMakers.length)
    issues.push(
      issue(
        ['preferences'],
        'GMCR_PREFERENCE_COUNT',
        `There are ${model.preferences.length} preference entries for ${model.decisionMakers.length} decision makers: give one per DM.`,
      ),
    );
  model.preferences.forEach((pref, d) => {
    if (pref.kind === 'statements')
      for (const [j, e] of pref.statements.entries())
        checkExpr(e, K, [...(p.preference?.(d) ?? ['preferences', d]), 'statements', j], issues);
  });
  return issues;
}

function checkExpr(expr: Expr, K: number, path: (string | number)[], issues: ValidationIssue[]): void {
  for (const o of optionsOf(expr))
    if (!Number.isInteger(o) || o < 0 || o >= K)
      issues.push(issue(path, 'GMCR_UNKNOWN_OPTION', `The condition names option ${o}, which does not exist.`));
}

/** Codes that are limits rather than inconsistencies: thrown under their own code (HTTP 422), not GMCR_INVALID_MODEL. */
const LIMIT_CODES = ['GMCR_NAME_TOO_LONG', 'GMCR_TOO_MANY_OPTIONS', 'GMCR_TOO_MANY_DMS'] as const;

function fail(issues: ValidationIssue[], what = 'The GMCR model is inconsistent'): never {
  const limit = LIMIT_CODES.find((c) => issues.some((i) => i.code === c));
  if (limit !== undefined) {
    const first = issues.find((i) => i.code === limit)!;
    throw new EntenteError(limit, `${first.message} (${issues.length} problem(s))`, { issues });
  }
  throw new EntenteError('GMCR_INVALID_MODEL', `${what}: ${issues[0]?.message ?? ''} (${issues.length} problem(s))`, {
    issues,
  });
}

/** Throws the limit error (or GMCR_INVALID_MODEL) when `issues` is not empty. */
export function failOn(issues: ValidationIssue[], what?: string): void {
  if (issues.length > 0) fail(issues, what);
}

/**
 * Enumerates the feasible states (decimals, increasing). Throws GMCR_TOO_MANY_OPTIONS beyond
 * GMCR_LIMITS.options and GMCR_TOO_MANY_STATES as soon as more than GMCR_LIMITS.states are feasible,
 * so an oversized model is refused before its state arrays are allocated.
 */
export function enumerateStates(model: GmcrModel): Uint32Array {
  const K = model.options.length;
  failOn(sizeIssues(K, 0));
  // Conjunctions of literals (every mutually exclusive pair) are tested as masks, and a hit skips
  // every candidate that shares the bits from the mask's lowest one up (all equally infeasible):
  // 2^26 candidates against 156 closures took 9 s, most of the 26-option maximum's time.
  const masks: number[] = [];
  const others: Expr[] = [];
  for (const e of model.infeasible) {
    const conj = e.kind === 'and' ? conjunctionMask(e) : null;
    if (conj) masks.push(conj.mask, conj.value, conj.mask & -conj.mask);
    else others.push(e);
  }
  const triples = Uint32Array.from(masks);
  const tests = others.map(compileExpr);
  const total = 2 ** K;
  const cap = GMCR_LIMITS.states;
  let out = new Uint32Array(Math.min(total, 1 << 16));
  let n = 0;
  candidates: for (let d = 0; d < total; d++) {
    for (let j = 0; j < triples.length; j += 3)
      if ((d & triples[j]!) >>> 0 === triples[j + 1]!) {
        // The loop's d++ then carries into the mask's lowest bit.
        d = (d | (triples[j + 2]! - 1)) >>> 0;
        continue candidates;
      }
    let ok = true;
    for (const t of tests)
      if (t(d)) {
        ok = false;
        break;
      }
    if (!ok) continue;
    if (n === cap) throw tooManyStates(K, cap + 1);
    if (n === out.length) {
      const bigger = new Uint32Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[n++] = d;
  }
  return out.slice(0, n);
}

/** Builds the decimal -> index lookup. */
function buildIndex(decimals: Uint32Array, K: number): (d: number) => number {
  if (K <= DIRECT_INDEX_LIMIT) {
    const table = new Int32Array(2 ** K).fill(-1);
    for (let s = 0; s < decimals.length; s++) table[decimals[s]!] = s;
    return (d) => (d >= 0 && d < table.length ? table[d]! : -1);
  }
  const map = new Map<number, number>();
  for (let s = 0; s < decimals.length; s++) map.set(decimals[s]!, s);
  return (d) => map.get(d) ?? -1;
}

/** Payoffs from a ranking of decimal groups (most preferred first): payoff = groups - groupIndex. */
function payoffFromRanking(
  ranking: number[][],
  stateCount: number,
  indexOf: (d: number) => number,
  dmName: string,
  path: (string | number)[],
  label: (s: number) => string,
  describeDecimal: (d: number) => string,
): { pay: Int32Array; issues: ValidationIssue[] } {
  const pay = new Int32Array(stateCount).fill(-1);
  const issues: ValidationIssue[] = [];
  const G = ranking.length;
  ranking.forEach((group, g) => {
    group.forEach((d, j) => {
      const s = indexOf(d);
      if (s < 0) {
        issues.push(
          issue(
            [...path, g, j],
            'GMCR_RANKING_INFEASIBLE_STATE',
            `The ranking of ${dmName} lists a state that is not feasible (${describeDecimal(d)}).`,
          ),
        );
      } else if (pay[s] !== -1) {
        issues.push(
          issue(
            [...path, g, j],
            'GMCR_RANKING_REPEATS_STATE',
            `The ranking of ${dmName} lists state ${label(s)} more than once.`,
          ),
        );
      } else pay[s] = G - g;
    });
  });
  const missing: number[] = [];
  for (let s = 0; s < stateCount; s++) if (pay[s] === -1) missing.push(s);
  if (missing.length > 0)
    issues.push(
      issue(
        path,
        'GMCR_RANKING_OMITS_STATE',
        `The ranking of ${dmName} omits ${missing.length} feasible state(s): ${missing.slice(0, 8).map(label).join(', ')}${missing.length > 8 ? ', ...' : ''}; rank every feasible state once.`,
      ),
    );
  return { pay, issues };
}

/** Payoffs from a strict order of all state decimals, most preferred first. */
function payoffFromOrder(
  order: Uint32Array,
  stateCount: number,
  indexOf: (d: number) => number,
  dmName: string,
): { pay: Int32Array; issues: ValidationIssue[] } {
  const pay = new Int32Array(stateCount).fill(-1);
  let bad = 0;
  for (let j = 0; j < order.length; j++) {
    const s = indexOf(order[j]!);
    if (s < 0 || pay[s] !== -1) bad++;
    else pay[s] = order.length - j;
  }
  const complete = bad === 0 && order.length === stateCount;
  return {
    pay,
    issues: complete
      ? []
      : [
          issue(
            ['preferences'],
            'GMCR_RANKING_INCOMPLETE',
            `The order of ${dmName} is not a permutation of the feasible states.`,
          ),
        ],
  };
}

/** Payoffs by option prioritisation: statement k of L weighs 2^(L-1-k); equal scores tie. */
export function payoffFromStatements(statements: Expr[], decimals: Uint32Array): Int32Array {
  const tests = statements.map(compileExpr);
  const L = tests.length;
  const scores = new Float64Array(decimals.length);
  for (let s = 0; s < decimals.length; s++) {
    let score = 0;
    for (let k = 0; k < L; k++) if (tests[k]!(decimals[s]!)) score += 2 ** (L - 1 - k);
    scores[s] = score;
  }
  return denseRank(scores);
}

/** Dense rank of values (1 = lowest), so equal values share a rank. */
function denseRank(values: Float64Array): Int32Array {
  const sorted = Float64Array.from(values).sort();
  const rankOf = new Map<number, number>();
  let r = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) rankOf.set(sorted[i]!, ++r);
  const out = new Int32Array(values.length);
  for (let s = 0; s < values.length; s++) out[s] = rankOf.get(values[s]!)!;
  return out;
}

/** Option bit mask of a set of option indices. */
export function maskOf(options: readonly number[]): number {
  let m = 0;
  for (const o of options) m = (m | (2 ** o)) >>> 0;
  return m;
}

/**
 * Builds the unilateral moves of a player controlling `options`: t is reachable from s iff t != s
 * is feasible, differs from s only in those options, each changed option respects its
 * reversibility, and neither s nor t is in `hidden` (misperceived). Sorted by `pay` when grouped.
 */
export function buildMoveSet(
  model: GmcrModel,
  decimals: Uint32Array,
  indexOf: (d: number) => number,
  options: readonly number[],
  hidden: Uint8Array | null,
  pay: Int32Array,
): MoveSet {
  const m = decimals.length;
  const mask = maskOf(options);
  const fwdMask = maskOf(options.filter((o) => model.options[o]!.reversibility === 'fwd'));
  const backMask = maskOf(options.filter((o) => model.options[o]!.reversibility === 'back'));
  if (fwdMask === 0 && backMask === 0) return groupMoves(decimals, mask, hidden, pay);
  // Irreversible options: explicit lists over the sub-cube of the player's options.
  const sub = subsetsOf(options);
  const offsets = new Int32Array(m + 1);
  const targets: number[] = [];
  for (let s = 0; s < m; s++) {
    offsets[s] = targets.length;
    if (hidden?.[s]) continue;
    const d = decimals[s]!;
    const base = (d & ~mask) >>> 0;
    for (const bits of sub) {
      const td = (base | bits) >>> 0;
      if (td === d) continue;
      const changed = (td ^ d) >>> 0;
      if ((changed & fwdMask & d) !== 0) continue; // would switch off a forward-only option
      if ((changed & backMask & td) !== 0) continue; // would switch on a backward-only option
      const t = indexOf(td);
      if (t < 0 || hidden?.[t]) continue;
      targets.push(t);
    }
    const from = offsets[s]!;
    const slice = targets.slice(from).sort((a, b) => a - b);
    for (let j = 0; j < slice.length; j++) targets[from + j] = slice[j]!;
  }
  offsets[m] = targets.length;
  return { kind: 'lists', offsets, targets: Int32Array.from(targets) };
}

function subsetsOf(options: readonly number[]): number[] {
  let out = [0];
  for (const o of options) out = out.concat(out.map((b) => (b | (2 ** o)) >>> 0));
  return out;
}

/** Groups states by their pattern outside `mask`; hidden states become singletons (no moves). */
function groupMoves(decimals: Uint32Array, mask: number, hidden: Uint8Array | null, pay: Int32Array): MoveSet {
  const m = decimals.length;
  const groupOf = new Int32Array(m);
  const keyToGroup = new Map<number, number>();
  let groups = 0;
  for (let s = 0; s < m; s++) {
    if (hidden?.[s]) {
      groupOf[s] = groups++;
      continue;
    }
    const key = (decimals[s]! & ~mask) >>> 0;
    let g = keyToGroup.get(key);
    if (g === undefined) {
      g = groups++;
      keyToGroup.set(key, g);
    }
    groupOf[s] = g;
  }
  const start = new Int32Array(groups + 1);
  for (let s = 0; s < m; s++) start[groupOf[s]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const order = new Int32Array(m);
  for (let s = 0; s < m; s++) order[fill[groupOf[s]!]!++] = s;
  // Sort each group by payoff, best first (ties by state index), via one numeric key per state.
  let maxPay = 0;
  for (let s = 0; s < m; s++) if (pay[s]! > maxPay) maxPay = pay[s]!;
  const keys = new Float64Array(m);
  for (let g = 0; g < groups; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    if (b - a < 2) continue;
    for (let j = a; j < b; j++) {
      const s = order[j]!;
      keys[j] = (maxPay - pay[s]!) * m + s;
    }
    const sub = keys.subarray(a, b).sort();
    for (let j = a; j < b; j++) order[j] = sub[j - a]! % m;
  }
  return { kind: 'groups', order, start, groupOf };
}

/** States a DM does not perceive (its misperception conditions), as flags. */
function hiddenStates(exprs: Expr[], decimals: Uint32Array): Uint8Array | null {
  if (exprs.length === 0) return null;
  const tests = exprs.map(compileExpr);
  const flags = new Uint8Array(decimals.length);
  for (let s = 0; s < decimals.length; s++) if (tests.some((t) => t(decimals[s]!))) flags[s] = 1;
  return flags;
}

/** Misperceived-state flags per DM (null when the DM perceives everything). */
export function misperceivedStates(model: GmcrModel, decimals: Uint32Array): (Uint8Array | null)[] {
  return model.decisionMakers.map((dm) => hiddenStates(dm.misperceptions, decimals));
}

/** Short label of a state for messages: its Y/N pattern. */
export function patternOf(decimal: number, K: number): string {
  let out = '';
  for (let k = 0; k < K; k++) out += ((decimal >>> k) & 1) === 1 ? 'Y' : 'N';
  return out;
}

/**
 * Compiles a model: validates it, enumerates feasible states, derives payoffs and moves.
 * Throws EntenteError GMCR_INVALID_MODEL with issues (paths into the input) when inconsistent.
 */
export function compileModel(model: GmcrModel): ConflictGraph {
  const problems = validateModel(model);
  if (problems.length > 0) fail(problems);
  const K = model.options.length;
  const decimals = enumerateStates(model);
  if (decimals.length === 0)
    fail([
      issue(['infeasible'], 'GMCR_NO_FEASIBLE_STATE', 'No state is feasible: relax the infeasibility conditions.'),
    ]);
  const indexOf = buildIndex(decimals, K);
  const issues: ValidationIssue[] = [];
  if (model.expectedStates) {
    const expected = Uint32Array.from(model.expectedStates).sort();
    const same = expected.length === decimals.length && expected.every((d, j) => d === decimals[j]);
    if (!same)
      issues.push(
        issue(
          ['states'],
          'GMCR_STATES_MISMATCH',
          `The listed states (${expected.length}) differ from those the infeasibility conditions leave feasible (${decimals.length}).`,
        ),
      );
  }
  const label = (s: number) => `${s} (${patternOf(decimals[s]!, K)})`;
  const payoffs = model.preferences.map((pref, d) => {
    if (pref.kind === 'statements') return payoffFromStatements(pref.statements, decimals);
    if (pref.kind === 'strictOrder') {
      const r = payoffFromOrder(pref.order, decimals.length, indexOf, model.decisionMakers[d]!.name);
      issues.push(...r.issues);
      return r.pay;
    }
    const path = [...(model.paths?.preference?.(d) ?? ['preferences', d]), 'ranking'];
    const r = payoffFromRanking(
      pref.ranking,
      decimals.length,
      indexOf,
      model.decisionMakers[d]!.name,
      path,
      label,
      (x) => patternOf(x, K),
    );
    issues.push(...r.issues);
    return r.pay;
  });
  if (model.statusQuo !== undefined && indexOf(model.statusQuo) < 0)
    issues.push(
      issue(
        model.paths?.statusQuo ?? ['statusQuo'],
        'GMCR_STATUS_QUO_INFEASIBLE',
        `The status quo ${patternOf(model.statusQuo, K)} is not a feasible state: check it against the infeasibility conditions.`,
      ),
    );
  if (issues.length > 0) fail(issues);
  const hidden = misperceivedStates(model, decimals);
  const moves = model.explicitMoves
    ? explicitMoveSets(model.explicitMoves, decimals.length)
    : model.decisionMakers.map((dm, d) => buildMoveSet(model, decimals, indexOf, dm.options, hidden[d]!, payoffs[d]!));
  return { model, stateCount: decimals.length, decimals, indexOf, payoffs, moves };
}

function explicitMoveSets(lists: number[][][], m: number): MoveSet[] {
  return lists.map((perState, d) => {
    if (perState.length !== m)
      fail([
        issue(
          ['moves', d],
          'GMCR_MOVES_LENGTH',
          `The move list of DM ${d} has ${perState.length} entries for ${m} states.`,
        ),
      ]);
    const offsets = new Int32Array(m + 1);
    const targets: number[] = [];
    perState.forEach((row, s) => {
      offsets[s] = targets.length;
      for (const t of row) {
        if (!Number.isInteger(t) || t < 0 || t >= m || t === s)
          fail([
            issue(['moves', d, s], 'GMCR_MOVES_BAD_TARGET', `The move list of DM ${d} at state ${s} names state ${t}.`),
          ]);
        targets.push(t);
      }
    });
    offsets[m] = targets.length;
    return { kind: 'lists', offsets, targets: Int32Array.from(targets) } as MoveSet;
  });
}

/** The states reachable from `s` in one move of a move set. */
export function movesFrom(ms: MoveSet, s: number): number[] {
  if (ms.kind === 'lists') return Array.from(ms.targets.subarray(ms.offsets[s]!, ms.offsets[s + 1]!));
  const g = ms.groupOf[s]!;
  const out: number[] = [];
  for (let j = ms.start[g]!; j < ms.start[g + 1]!; j++) if (ms.order[j] !== s) out.push(ms.order[j]!);
  return out.sort((a, b) => a - b);
}
