/**
 * The ascending order of a party's utilities over all packages, as position → package index.
 * 'stable' breaks ties by package index (the product's own order); 'numpy' reproduces numpy 1.24's
 * unstable argsort (introsort, FORMAT.md §5.2) so NegMAS' tie order is matched in compatibility mode.
 */
export function ascendingOrder(values: Float64Array, mode: 'stable' | 'numpy'): Uint32Array {
  const n = values.length;
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  if (mode === 'stable') return p.sort((a, b) => values[a]! - values[b]! || a - b);
  numpyArgsort(values, p);
  return p;
}

const SMALL_QUICKSORT = 15;

function swap(p: Uint32Array, i: number, j: number): void {
  const t = p[i]!;
  p[i] = p[j]!;
  p[j] = t;
}

/** Written from the description in FORMAT.md §5.2 (numpy 1.24.2's aquicksort), not from numpy's code. */
function numpyArgsort(v: Float64Array, p: Uint32Array): void {
  const n = p.length;
  if (n < 2) return;
  const stack: number[] = [];
  let l = 0;
  let r = n - 1;
  let depth = 2 * Math.floor(Math.log2(n));
  for (;;) {
    if (depth < 0) {
      heapsortRange(v, p, l, r);
    } else {
      while (r - l > SMALL_QUICKSORT) {
        const m = l + ((r - l) >> 1);
        if (v[p[m]!]! < v[p[l]!]!) swap(p, m, l);
        if (v[p[r]!]! < v[p[m]!]!) swap(p, r, m);
        if (v[p[m]!]! < v[p[l]!]!) swap(p, m, l);
        const x = v[p[m]!]!;
        swap(p, m, r - 1);
        let i = l;
        let j = r - 1;
        for (;;) {
          do i++;
          while (v[p[i]!]! < x);
          do j--;
          while (x < v[p[j]!]!);
          if (i >= j) break;
          swap(p, i, j);
        }
        swap(p, i, r - 1);
        depth--;
        if (i - l < r - i) {
          stack.push(i + 1, r, depth);
          r = i - 1;
        } else {
          stack.push(l, i - 1, depth);
          l = i + 1;
        }
      }
      for (let a = l + 1; a <= r; a++) {
        const vi = p[a]!;
        const x = v[vi]!;
        let b = a;
        while (b > l && x < v[p[b - 1]!]!) {
          p[b] = p[b - 1]!;
          b--;
        }
        p[b] = vi;
      }
    }
    if (stack.length === 0) break;
    depth = stack.pop()!;
    r = stack.pop()!;
    l = stack.pop()!;
  }
}

// The depth-budget fallback; it is never reached on the parity domains, so its tie order is not numpy's.
function heapsortRange(v: Float64Array, p: Uint32Array, l: number, r: number): void {
  const part = Array.from(p.subarray(l, r + 1)).sort((a, b) => v[a]! - v[b]! || a - b);
  p.set(part, l);
}
