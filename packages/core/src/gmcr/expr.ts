import { EntenteError } from '../errors';
import type { Expr } from './types';

/** A compiled formula: true when the state with this decimal satisfies it. */
export type StatePredicate = (decimal: number) => boolean;

/** Compiles a formula to a predicate over state decimals (bit k = option k taken). */
export function compileExpr(expr: Expr): StatePredicate {
  switch (expr.kind) {
    case 'option': {
      const bit = expr.option;
      return (d) => ((d >>> bit) & 1) === 1;
    }
    case 'const': {
      const value = expr.value;
      return () => value;
    }
    case 'not': {
      const inner = compileExpr(expr.arg);
      return (d) => !inner(d);
    }
    case 'and': {
      const conj = conjunctionMask(expr);
      if (conj) return (d) => (d & conj.mask) >>> 0 === conj.value;
      const parts = expr.args.map(compileExpr);
      return (d) => parts.every((p) => p(d));
    }
    case 'or': {
      const parts = expr.args.map(compileExpr);
      return (d) => parts.some((p) => p(d));
    }
    case 'implies': {
      const premise = compileExpr(expr.premise);
      const conclusion = compileExpr(expr.conclusion);
      return (d) => !premise(d) || conclusion(d);
    }
  }
}

/** For a conjunction of literals, the (mask, value) pair such that `d & mask === value`; else null. */
export function conjunctionMask(expr: Expr & { kind: 'and' }): { mask: number; value: number } | null {
  let mask = 0;
  let value = 0;
  for (const arg of expr.args) {
    let option: number;
    let taken: boolean;
    if (arg.kind === 'option') {
      option = arg.option;
      taken = true;
    } else if (arg.kind === 'not' && arg.arg.kind === 'option') {
      option = arg.arg.option;
      taken = false;
    } else return null;
    const bit = 2 ** option;
    if ((mask & bit) !== 0 && ((value & bit) !== 0) !== taken) return { mask: 1, value: 2 }; // contradictory: never true
    mask = (mask | bit) >>> 0;
    if (taken) value = (value | bit) >>> 0;
  }
  return { mask, value };
}

/** Builds the conjunction of literals `[option, taken]`. */
export function conjunction(literals: { option: number; taken: boolean }[]): Expr {
  return {
    kind: 'and',
    args: literals.map((l) =>
      l.taken ? { kind: 'option', option: l.option } : { kind: 'not', arg: { kind: 'option', option: l.option } },
    ),
  };
}

/** Every option index a formula mentions. */
export function optionsOf(expr: Expr, into: number[] = []): number[] {
  switch (expr.kind) {
    case 'option':
      into.push(expr.option);
      break;
    case 'const':
      break;
    case 'not':
      optionsOf(expr.arg, into);
      break;
    case 'and':
    case 'or':
      for (const a of expr.args) optionsOf(a, into);
      break;
    case 'implies':
      optionsOf(expr.premise, into);
      optionsOf(expr.conclusion, into);
      break;
  }
  return into;
}

/** Renders a formula in the readable statement syntax, naming options with `name`. */
export function formatExpr(expr: Expr, name: (option: number) => string): string {
  const wrap = (e: Expr): string =>
    e.kind === 'or' || e.kind === 'implies' || (e.kind === 'and' && e.args.length > 1)
      ? `(${formatExpr(e, name)})`
      : formatExpr(e, name);
  switch (expr.kind) {
    case 'option':
      return name(expr.option);
    case 'const':
      return expr.value ? 'true' : 'false';
    case 'not':
      return `!${wrap(expr.arg)}`;
    case 'and':
      return expr.args.map(wrap).join(' & ');
    case 'or':
      return expr.args
        .map((a) => (a.kind === 'implies' || a.kind === 'or' ? `(${formatExpr(a, name)})` : formatExpr(a, name)))
        .join(' | ');
    case 'implies':
      return `IF ${formatExpr(expr.premise, name)} THEN ${formatExpr(expr.conclusion, name)}`;
  }
}

/** A statement syntax error: an input error saying what and where (0-based position in details). */
export class StatementSyntaxError extends EntenteError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super('GMCR_BAD_STATEMENT', `${message} (at character ${position + 1})`, { details: { position } });
  }
}

type Token = { type: 'ident' | 'op' | 'lparen' | 'rparen'; text: string; pos: number };

const KEYWORD_OPS: Record<string, string> = { AND: '&', OR: '|', NOT: '!', IF: 'IF', THEN: 'THEN' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ type: 'lparen', text: c, pos: i++ });
    } else if (c === ')') {
      tokens.push({ type: 'rparen', text: c, pos: i++ });
    } else if (c === '&' || c === '|' || c === '!' || c === '~' || c === '-') {
      const doubled = (c === '&' || c === '|') && text[i + 1] === c;
      tokens.push({ type: 'op', text: c === '~' || c === '-' ? '!' : c, pos: i });
      i += doubled ? 2 : 1;
    } else if (c === '=' && text[i + 1] === '>') {
      tokens.push({ type: 'op', text: '=>', pos: i });
      i += 2;
    } else {
      const m = /^[A-Za-z0-9_.:]+/.exec(text.slice(i));
      if (!m) throw new StatementSyntaxError(`unexpected character '${c}'`, i);
      const word = m[0];
      const op = KEYWORD_OPS[word.toUpperCase()];
      tokens.push(op ? { type: 'op', text: op, pos: i } : { type: 'ident', text: word, pos: i });
      i += word.length;
    }
  }
  return tokens;
}

/** How deeply a statement may nest parentheses, negations and implications (real ones nest a few levels). */
const MAX_STATEMENT_DEPTH = 200;

/**
 * Parses a preference or condition statement: option ids combined with `&` (and), `|` (or),
 * `!`/`-`/`not` (negation), parentheses and `IF a THEN b` (material implication, as GMCR II's
 * conditional statements). `resolve` maps an option id to its index or returns undefined.
 */
export function parseStatement(text: string, resolve: (id: string) => number | undefined): Expr {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k];
  const fail = (message: string): never => {
    throw new StatementSyntaxError(message, peek()?.pos ?? text.length);
  };
  let depth = 0;
  // Each nesting level is a stack frame here and in every walk of the formula: bounded, so none overflows.
  const deeper = (parse: () => Expr): Expr => {
    if (++depth > MAX_STATEMENT_DEPTH) fail(`the statement nests deeper than ${MAX_STATEMENT_DEPTH} levels`);
    try {
      return parse();
    } finally {
      depth--;
    }
  };
  const expectOp = (op: string) => {
    const t = peek();
    if (t?.type !== 'op' || t.text !== op) fail(`expected '${op}'`);
    k++;
  };
  const parseImplication = (): Expr => {
    const t = peek();
    if (t?.type === 'op' && t.text === 'IF') {
      k++;
      const premise = parseOr();
      expectOp('THEN');
      const conclusion = deeper(parseImplication);
      return { kind: 'implies', premise, conclusion };
    }
    const left = parseOr();
    const next = peek();
    if (next?.type === 'op' && next.text === '=>') {
      k++;
      return { kind: 'implies', premise: left, conclusion: deeper(parseImplication) };
    }
    return left;
  };
  const parseOr = (): Expr => {
    const args = [parseAnd()];
    while (peek()?.type === 'op' && peek()?.text === '|') {
      k++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  };
  const parseAnd = (): Expr => {
    const args = [parseUnary()];
    while (peek()?.type === 'op' && peek()?.text === '&') {
      k++;
      args.push(parseUnary());
    }
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  };
  const parseUnary = (): Expr => {
    const t = peek();
    if (!t) return fail('unexpected end of statement');
    if (t.type === 'op' && t.text === '!') {
      k++;
      return { kind: 'not', arg: deeper(parseUnary) };
    }
    if (t.type === 'lparen') {
      k++;
      const inner = deeper(parseImplication);
      if (peek()?.type !== 'rparen') fail("expected ')'");
      k++;
      return inner;
    }
    if (t.type === 'ident') {
      k++;
      const lower = t.text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'const', value: lower === 'true' };
      const option = resolve(t.text);
      if (option === undefined) throw new StatementSyntaxError(`unknown option '${t.text}'`, t.pos);
      return { kind: 'option', option };
    }
    return fail(`unexpected '${t.text}'`);
  };
  if (tokens.length === 0) throw new StatementSyntaxError('empty statement', 0);
  const expr = parseImplication();
  if (k < tokens.length) fail(`unexpected '${peek()!.text}'`);
  return expr;
}
