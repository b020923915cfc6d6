/**
 * Dominance queries for n-party frontiers: a static k-d tree over points (k floats each) that
 * answers "is there a point at least q in every dimension and above it in one?". Each node keeps
 * the bounding box of its points, so a subtree whose maximum falls short of q in one dimension is
 * skipped and one whose minimum clears q in every dimension answers at once. Float differences
 * within a dimension's tolerance are handed to a caller-supplied exact tie-break, so exact ties
 * are never split or merged by rounding.
 */

/** Sign of (y's value − q's value) in dimension p, decided exactly; called only for near ties. */
type TieBreak = (p: number, y: number) => number;

const LEAF_SIZE = 12;

export class DominanceIndex {
  private readonly perm: Uint32Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly right: Int32Array;
  private readonly boxMax: Float64Array;
  private readonly boxMin: Float64Array;
  private readonly stack = new Int32Array(256);
  private nodes = 0;

  /** Indexes points 0..count−1 whose values are `vals[j * k + p]` (the array is read, not copied). */
  constructor(
    private readonly vals: Float64Array,
    private readonly k: number,
    count: number,
  ) {
    this.perm = new Uint32Array(count);
    for (let j = 0; j < count; j++) this.perm[j] = j;
    // Median splits leave every leaf more than half full, which bounds the node count.
    const cap = count <= LEAF_SIZE ? 1 : 2 * Math.ceil(count / Math.floor((LEAF_SIZE + 1) / 2)) + 1;
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.right = new Int32Array(cap);
    this.boxMax = new Float64Array(cap * k);
    this.boxMin = new Float64Array(cap * k);
    if (count > 0) this.build(0, count);
  }

  private build(lo: number, hi: number): number {
    const id = this.nodes++;
    const { k, vals, perm } = this;
    const b = id * k;
    for (let p = 0; p < k; p++) {
      this.boxMax[b + p] = Number.NEGATIVE_INFINITY;
      this.boxMin[b + p] = Number.POSITIVE_INFINITY;
    }
    for (let t = lo; t < hi; t++) {
      const o = perm[t]! * k;
      for (let p = 0; p < k; p++) {
        const v = vals[o + p]!;
        if (v > this.boxMax[b + p]!) this.boxMax[b + p] = v;
        if (v < this.boxMin[b + p]!) this.boxMin[b + p] = v;
      }
    }
    this.from[id] = lo;
    this.to[id] = hi;
    this.right[id] = -1;
    if (hi - lo <= LEAF_SIZE) return id;
    let dim = 0;
    let spread = -1;
    for (let p = 0; p < k; p++) {
      const s = this.boxMax[b + p]! - this.boxMin[b + p]!;
      if (s > spread) {
        spread = s;
        dim = p;
      }
    }
    if (spread <= 0) return id;
    const mid = (lo + hi) >>> 1;
    this.select(lo, hi - 1, mid, dim);
    this.build(lo, mid);
    this.right[id] = this.build(mid, hi);
    return id;
  }

  /** Hoare quickselect on perm[lo..hi] so that perm[nth] holds the nth smallest value in dimension d. */
  private select(lo: number, hi: number, nth: number, d: number): void {
    const { perm, vals, k } = this;
    while (hi > lo) {
      const pivot = vals[perm[(lo + hi) >>> 1]! * k + d]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (vals[perm[i]! * k + d]! < pivot) i++;
        while (vals[perm[j]! * k + d]! > pivot) j--;
        if (i <= j) {
          const t = perm[i]!;
          perm[i] = perm[j]!;
          perm[j] = t;
          i++;
          j--;
        }
      }
      if (nth <= j) hi = j;
      else if (nth >= i) lo = i;
      else return;
    }
  }

  /**
   * Whether some indexed point other than `exclude` is ≥ q in every dimension and > q in one.
   * Differences within `tol[p]` are decided by `tie`.
   */
  hasDominator(q: Float64Array, tol: Float64Array, tie: TieBreak, exclude = -1): boolean {
    if (this.nodes === 0) return false;
    const { k, vals, perm, boxMax, boxMin, stack } = this;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      const b = node * k;
      let reachable = true;
      let clears = true;
      for (let p = 0; p < k; p++) {
        if (boxMax[b + p]! < q[p]! - tol[p]!) {
          reachable = false;
          break;
        }
        if (!(boxMin[b + p]! > q[p]! + tol[p]!)) clears = false;
      }
      if (!reachable) continue;
      const r = this.right[node]!;
      if (r < 0) {
        // A whole box strictly above q dominates it unless it holds only the excluded point.
        if (clears && (exclude < 0 || this.to[node]! - this.from[node]! > 1)) return true;
        for (let t = this.from[node]!; t < this.to[node]!; t++) {
          const y = perm[t]!;
          if (y === exclude) continue;
          if (dominates(vals, y * k, q, tol, k, tie, y)) return true;
        }
        continue;
      }
      if (clears) return true;
      // The right half holds the larger values of the split dimension: try it first.
      stack[sp++] = node + 1;
      stack[sp++] = r;
    }
    return false;
  }
}

function dominates(
  vals: Float64Array,
  o: number,
  q: Float64Array,
  tol: Float64Array,
  k: number,
  tie: TieBreak,
  y: number,
): boolean {
  let strict = false;
  for (let p = 0; p < k; p++) {
    const d = vals[o + p]! - q[p]!;
    if (d > tol[p]!) strict = true;
    else if (d < -tol[p]!) return false;
    else {
      const c = tie(p, y);
      if (c < 0) return false;
      if (c > 0) strict = true;
    }
  }
  return strict;
}
