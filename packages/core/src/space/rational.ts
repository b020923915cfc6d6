import { EntenteError } from '../errors';

/** Exact rationals on BigInt, enough for reading decimal weights and evaluations without float error. */
export interface Rational {
  n: bigint;
  d: bigint;
}

/** Greatest common divisor of two integers (non-negative). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Least common multiple of two positive BigInts. */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** A reduced rational with a positive denominator. */
export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new EntenteError('INTERNAL', 'A rational number got a zero denominator.');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

const DECIMAL = /^([+-])?(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal literal ("0.25", "-1e-3", "12.") exactly; null when it is not a finite decimal. */
export function parseDecimal(text: string): Rational | null {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === undefined && (m[3] === undefined || m[3] === ''))) return null;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  let exp = -(m[3]?.length ?? 0) + Number(m[4] ?? 0);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400) return null;
  let n = BigInt(digits === '' ? '0' : digits);
  if (m[1] === '-') n = -n;
  let d = 1n;
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else {
    d = 10n ** BigInt(-exp);
    exp = 0;
  }
  return rational(n, d);
}

/** The exact decimal that prints as `x` (JS prints the shortest literal that round-trips). */
export function fromNumber(x: number): Rational {
  const r = parseDecimal(String(x));
  if (!r) throw new EntenteError('INVALID_NUMBER', `${x} is not a finite number: give a finite decimal number.`);
  return r;
}

export const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rational(a.n * b.d, a.d * b.n);
/** Sign of a − b. */
export const compare = (a: Rational, b: Rational): number => {
  const x = a.n * b.d - b.n * a.d;
  return x > 0n ? 1 : x < 0n ? -1 : 0;
};
/** Numerator of `a` over a denominator that `a.d` divides. */
export const numeratorOver = (a: Rational, den: bigint): bigint => a.n * (den / a.d);
