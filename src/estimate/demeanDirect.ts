/**
 * Exact two-way demeaning when one of the two fixed effects has few levels (years, quarters,
 * regions): the small FE is concentrated out by a direct solve of its normal equations instead of
 * iterating sweeps.
 *
 * With A the dummies of the large FE (G_A levels), B those of the small one (G_B levels) and W the
 * weights, the residual of x on [A, B] is (Frisch–Waugh–Lovell)
 *
 *   x̃ = M_A x − M_A B β,   S β = B'W M_A x,   S = B'W M_A B = diag(w_B) − Σ_g C_g C_g' / w_A[g],
 *
 * where M_A subtracts W-weighted means within the levels of A, w_A and w_B are the weight totals of
 * the levels and C_g[t] = Σ_{i: a_i = g, b_i = t} w_i. Per row, x̃_i = x_i − x̄_{a_i} − β_{b_i} + β̄_{a_i}
 * with β̄_g the W-weighted mean of β_{b_i} over the rows of level g. S is G_B × G_B, positive
 * semidefinite, singular along the indicator of every connected component of the A–B graph (its
 * dummies are in span(A)); a diagonally pivoted Cholesky factor with a relative pivot tolerance solves
 * it on a maximal nonsingular principal block (any solution β gives the same x̃).
 *
 * Cost: building S is Σ_g d_g² with d_g the number of distinct B levels of A-level g, its factor
 * G_B³/3, each column four passes over the rows — no iteration. Every column is checked afterwards:
 * the W-weighted means of x̃ within every level of both FE must vanish (≤ tol·rms(x)); if they do not
 * (rounding on a badly connected design), the solve is repeated on x̃ (iterative refinement), and the
 * caller falls back to conjugate gradient when it still fails.
 *
 * Reference: Frisch & Waugh (1933), Lovell (1963); the concentration of a small FE as in Stata's
 * `xtreg, fe` with `i.year` dummies; Gaure (2013) "OLS with multiple high dimensional category
 * variables", CSDA 66 (the A–B graph and its components); Higham (2002) §10.3 (pivoted Cholesky of a
 * semidefinite matrix).
 */

import { gramRows } from "./gramKernel";

/** Factorized plan for one pair of FE codes and weights; reused for every column. */
export interface TwoWayPlan {
  readonly b: Int32Array;
  readonly w: Float64Array | null;
  /** Rows grouped by the level of A: the rows of level g are order[start[g] .. start[g+1]−1]
   *  (order is null when the rows are already in that order, e.g. an entity-major panel). */
  readonly start: Int32Array;
  readonly order: Int32Array | null;
  /** 1 / weight total of each level of A and of B (0 for an empty level). */
  readonly invWa: Float64Array;
  readonly invWb: Float64Array;
  readonly gb: number;
  /** Pivoted Cholesky factor of S: L (rank × rank, row-major lower), pivot order, rank. */
  readonly L: Float64Array;
  readonly perm: Int32Array;
  readonly rank: number;
}

/** Limits of {@link planTwoWayDirect}: the direct solve is used only when it is cheaper than iterating. */
export const DIRECT_MAX_SMALL_LEVELS = 1000;
/** Σ_g d_g² + G_B³/3 must stay below this many multiples of the row count. */
export const DIRECT_MAX_COST_PER_ROW = 100;
/** Slots of the block in which planTwoWayDirect gathers the groups that touch every level of B. */
const DENSE_BLOCK = 256;
/** Relative pivot tolerance of the pivoted Cholesky of S (pivots ≤ tol·max diag are treated as 0). */
const PIVOT_TOL = 1e-9;

function inverted(s: Float64Array): Float64Array {
  const out = new Float64Array(s.length);
  for (let g = 0; g < s.length; g++) out[g] = s[g]! > 0 ? 1 / s[g]! : 0;
  return out;
}

/**
 * Plan the exact two-way demeaning of {@link demeanTwoWayDirectColumn}: S = B'W M_A B (see the module
 * comment) and its pivoted Cholesky factor. `a` and `b` are codes 0..ga−1 and 0..gb−1 (b is the FE
 * with fewer levels). Returns null when gb > DIRECT_MAX_SMALL_LEVELS or when building and factoring S
 * would cost more than DIRECT_MAX_COST_PER_ROW per row (iterate instead).
 *
 * Reference: see the module comment (Frisch–Waugh–Lovell; Higham 2002 §10.3).
 *
 * @example
 * const plan = planTwoWayDirect(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 0, 1), null, 2, 2);
 * plan!.rank; // 1  (S = [[1, −1], [−1, 1]]: one connected component)
 */
export function planTwoWayDirect(a: Int32Array, b: Int32Array, w: Float64Array | null, ga: number, gb: number): TwoWayPlan | null {
  const n = a.length;
  if (gb > DIRECT_MAX_SMALL_LEVELS || b.length !== n) return null;
  const budget = DIRECT_MAX_COST_PER_ROW * Math.max(n, 1);
  if ((gb * gb * gb) / 3 > budget) return null;
  // rows grouped by A level (counting sort; skipped when already grouped in code order), and the
  // cost bound Σ_g min(n_g, gb)²
  const start = new Int32Array(ga + 1);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    start[a[i]! + 1]++;
    if (i > 0 && a[i]! < a[i - 1]!) sorted = false;
  }
  let cost = (gb * gb * gb) / 3;
  for (let g = 0; g < ga; g++) {
    const ng = start[g + 1]!;
    const d = ng < gb ? ng : gb;
    cost += d * d;
    start[g + 1] = start[g]! + ng;
  }
  if (cost > budget) return null;
  let order: Int32Array | null = null;
  if (!sorted) {
    order = new Int32Array(n);
    const fill = start.slice(0, ga);
    for (let i = 0; i < n; i++) order[fill[a[i]!]!++] = i;
  }
  // S = diag(w_B) − Σ_g C_g C_g' / w_A[g], level totals on the way
  const wa = new Float64Array(ga);
  const wb = new Float64Array(gb);
  const S = new Float64Array(gb * gb);
  const cw = new Float64Array(gb);
  const touched = new Int32Array(gb);
  // groups that touch every level of B with one common weight c add c²/w_A·J: summed as a scalar
  let jAcc = 0;
  // groups that touch every level of B with other weights: their scaled C_g/√w_A[g] go to a block of
  // DENSE_BLOCK slots (column t of the block = level t of B), and each full block adds its Gram
  // matrix at once (the tiled kernel of the semi-normal equations) — the same sum Σ_g C_g C_g'/w_A[g]
  const blockCols = gb >= 4 ? Array.from({ length: gb }, () => new Float64Array(DENSE_BLOCK)) : null;
  const dense = blockCols ? new Float64Array(gb * gb) : null;
  let slots = 0;
  for (let g = 0; g < ga; g++) {
    let m = 0;
    let tot = 0;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const i = order ? order[k]! : k;
      const t = b[i]!;
      const wi = w ? w[i]! : 1;
      if (cw[t] === 0) touched[m++] = t;
      cw[t] += wi;
      wb[t] += wi;
      tot += wi;
    }
    wa[g] = tot;
    const inv = tot > 0 ? 1 / tot : 0;
    if (m === gb) {
      const c0 = cw[0]!;
      let equal = true;
      for (let t = 1; t < gb && equal; t++) equal = cw[t] === c0;
      if (equal) jAcc += c0 * c0 * inv;
      else if (blockCols) {
        const r = Math.sqrt(inv);
        for (let t = 0; t < gb; t++) blockCols[t]![slots] = cw[t]! * r;
        if (++slots === DENSE_BLOCK) {
          gramRows(blockCols, null, 0, slots, dense!);
          slots = 0;
        }
      } else {
        // upper triangle (mirrored below)
        for (let t1 = 0; t1 < gb; t1++) {
          const c1 = cw[t1]! * inv;
          const row = t1 * gb;
          for (let t2 = t1; t2 < gb; t2++) S[row + t2] -= c1 * cw[t2]!;
        }
      }
      cw.fill(0);
      continue;
    }
    for (let u = 0; u < m; u++) {
      const t1 = touched[u]!;
      const c1 = cw[t1]! * inv;
      const row = t1 * gb;
      for (let v = 0; v < m; v++) {
        const t2 = touched[v]!;
        if (t2 >= t1) S[row + t2] -= c1 * cw[t2]!;
      }
    }
    for (let u = 0; u < m; u++) cw[touched[u]!] = 0;
  }
  if (slots > 0) gramRows(blockCols!, null, 0, slots, dense!);
  if (dense) for (let t1 = 0; t1 < gb; t1++) for (let t2 = t1; t2 < gb; t2++) S[t1 * gb + t2] -= dense[t1 * gb + t2]!;
  if (jAcc !== 0) for (let k = 0; k < gb * gb; k++) S[k] -= jAcc;
  for (let t = 0; t < gb; t++) S[t * gb + t] += wb[t]!;
  // the lower triangle from the upper one
  for (let t1 = 0; t1 < gb; t1++) for (let t2 = t1 + 1; t2 < gb; t2++) S[t2 * gb + t1] = S[t1 * gb + t2]!;
  const { L, perm, rank } = pivotedCholesky(S, gb, PIVOT_TOL);
  return { b, w, start, order, invWa: inverted(wa), invWb: inverted(wb), gb, L, perm, rank };
}

/**
 * Diagonally pivoted Cholesky factorization of a symmetric positive semidefinite m×m matrix
 * (row-major): Pᵀ S P = L Lᵀ on the leading `rank` pivots, stopping when the largest remaining
 * diagonal is ≤ tol · the largest initial diagonal. L is rank×rank, row-major lower triangular.
 *
 * Reference: Higham, Accuracy and Stability of Numerical Algorithms (2nd ed., 2002), §10.3
 * (Cholesky with complete pivoting for semidefinite matrices); LAPACK dpstrf.
 *
 * @example
 * pivotedCholesky(Float64Array.of(4, 2, 2, 1), 2, 1e-9).rank; // 1
 */
export function pivotedCholesky(S: Float64Array, m: number, tol: number): { L: Float64Array; perm: Int32Array; rank: number } {
  const A = Float64Array.from(S);
  const perm = new Int32Array(m);
  for (let i = 0; i < m; i++) perm[i] = i;
  let maxDiag0 = 0;
  for (let i = 0; i < m; i++) maxDiag0 = Math.max(maxDiag0, A[i * m + i]!);
  const thresh = tol * maxDiag0;
  let rank = 0;
  for (let k = 0; k < m; k++) {
    let jmax = k;
    for (let j = k + 1; j < m; j++) if (A[j * m + j]! > A[jmax * m + jmax]!) jmax = j;
    if (!(A[jmax * m + jmax]! > thresh)) break;
    if (jmax !== k) {
      // symmetric swap of rows and columns k and jmax (the first k columns hold L already)
      for (let c = 0; c < m; c++) {
        const t = A[k * m + c]!;
        A[k * m + c] = A[jmax * m + c]!;
        A[jmax * m + c] = t;
      }
      for (let r = 0; r < m; r++) {
        const t = A[r * m + k]!;
        A[r * m + k] = A[r * m + jmax]!;
        A[r * m + jmax] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[jmax]!;
      perm[jmax] = t;
    }
    const d = Math.sqrt(A[k * m + k]!);
    A[k * m + k] = d;
    for (let i = k + 1; i < m; i++) A[i * m + k] = A[i * m + k]! / d;
    // trailing block: lower triangle updated, then mirrored (the swaps above need both halves)
    for (let i = k + 1; i < m; i++) {
      const lik = A[i * m + k]!;
      if (lik === 0) continue;
      for (let j = k + 1; j <= i; j++) A[i * m + j] = A[i * m + j]! - lik * A[j * m + k]!;
    }
    for (let i = k + 1; i < m; i++) for (let j = k + 1; j < i; j++) A[j * m + i] = A[i * m + j]!;
    rank++;
  }
  const L = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let j = 0; j <= i; j++) L[i * rank + j] = A[i * m + j]!;
  return { L, perm, rank };
}

/** Work space of {@link demeanTwoWayDirectColumn} for one plan (reused across columns). */
export interface TwoWayWork {
  /** Of the last solve: [Σx, Σx², max|x|] of its input (unweighted; the check's scale and the
   *  caller's variation test) and [3] max|x̃| of its output. */
  readonly moments: Float64Array;
  readonly meanA: Float64Array;
  readonly sumB: Float64Array;
  readonly beta: Float64Array;
  readonly z: Float64Array;
}

/**
 * Work space for {@link demeanTwoWayDirectColumn}.
 *
 * @example
 * const work = twoWayWork(plan);
 */
export function twoWayWork(plan: TwoWayPlan): TwoWayWork {
  const ga = plan.invWa.length;
  return { moments: new Float64Array(4), meanA: new Float64Array(ga), sumB: new Float64Array(plan.gb), beta: new Float64Array(plan.gb), z: new Float64Array(plan.gb) };
}

/**
 * β from S β = rhs on the pivoted block of the plan's Cholesky factor: L z = P'rhs, Lᵀ u = z,
 * β_P = (u, 0) (Higham 2002 §10.3). Exported for the helper thread's source (src/estimate/parallel.ts).
 *
 * @example
 * solvePivoted(plan, rhs, beta, new Float64Array(plan.gb)); // beta solves S beta = rhs
 */
export function solvePivoted(plan: TwoWayPlan, rhs: Float64Array, beta: Float64Array, z: Float64Array): void {
  const { L, perm, rank } = plan;
  for (let k = 0; k < rank; k++) {
    let s = rhs[perm[k]!]!;
    for (let j = 0; j < k; j++) s -= L[k * rank + j]! * z[j]!;
    z[k] = s / L[k * rank + k]!;
  }
  for (let k = rank - 1; k >= 0; k--) {
    let s = z[k]!;
    for (let j = k + 1; j < rank; j++) s -= L[j * rank + k]! * z[j]!;
    z[k] = s / L[k * rank + k]!;
  }
  beta.fill(0);
  for (let k = 0; k < rank; k++) beta[perm[k]!] = z[k]!;
}

/**
 * One exact solve x ← src − s̄rc_a − β_b + β̄_a (see the module comment; src = x: in place), level by level of A (two
 * passes over the rows, each visiting a level's rows twice while they are in cache: x̄_a, then the
 * right-hand side B'W(x − x̄_a); β̄_a, then the update). Returns max |W-mean of x̃| over the levels of both FE. Exported for the helper
 * thread's source (src/estimate/parallel.ts).
 *
 * Reference: see the module comment.
 *
 * @example
 * const worst = directSolveOnce(plan, x, x, twoWayWork(plan)); // x demeaned in place
 */
export function directSolveOnce(plan: TwoWayPlan, src: Float64Array, x: Float64Array, work: TwoWayWork): number {
  if (!plan.order) return plan.w ? directSolveSortedWeighted(plan, src, x, work, plan.w) : directSolveSorted(plan, src, x, work);
  const { b, w, start, order, invWa, invWb, gb } = plan;
  const ga = invWa.length;
  const { meanA, sumB, beta, z } = work;
  sumB.fill(0);
  // per level of A: its W-mean (and Σx, Σx²), then B'W(x − x̄_a) by level of B over the same rows
  let s1 = 0;
  let s2 = 0;
  let mx = 0;
  for (let g = 0; g < ga; g++) {
    let s = 0;
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    for (let k = k0; k < k1; k++) {
      const i = order ? order[k]! : k;
      const xi = src[i]!;
      s1 += xi;
      s2 += xi * xi;
      const a = Math.abs(xi);
      if (a > mx) mx = a;
      s += w ? w[i]! * xi : xi;
    }
    const m = s * invWa[g]!;
    meanA[g] = m;
    for (let k = k0; k < k1; k++) {
      const i = order ? order[k]! : k;
      sumB[b[i]!] += w ? w[i]! * (src[i]! - m) : src[i]! - m;
    }
  }
  work.moments[0] = s1;
  work.moments[1] = s2;
  work.moments[2] = mx;
  solvePivoted(plan, sumB, beta, z);
  // per level of A, β̄_g, then x̃ = x − x̄_g − β_b + β̄_g on its rows; level sums of x̃
  sumB.fill(0);
  let worst = 0;
  let mo = 0;
  for (let g = 0; g < ga; g++) {
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    let sb = 0;
    for (let k = k0; k < k1; k++) {
      const i = order ? order[k]! : k;
      sb += w ? w[i]! * beta[b[i]!]! : beta[b[i]!]!;
    }
    const shift = sb * invWa[g]! - meanA[g]!;
    let sa = 0;
    for (let k = k0; k < k1; k++) {
      const i = order ? order[k]! : k;
      const v = src[i]! + shift - beta[b[i]!]!;
      x[i] = v;
      const av = Math.abs(v);
      if (av > mo) mo = av;
      const wv = w ? w[i]! * v : v;
      sa += wv;
      sumB[b[i]!] += wv;
    }
    const ma = Math.abs(sa * invWa[g]!);
    if (ma > worst) worst = ma;
  }
  worst = worstOverLevels(worst, sumB, invWb, gb);
  work.moments[3] = mo;
  return worst;
}

/**
 * {@link directSolveOnce} for unweighted rows already grouped by A in code order (the common
 * entity-major panel): the same formulas without the order/weight indirection.
 *
 * @example
 * const worst = directSolveSorted(plan, x, x, twoWayWork(plan)); // plan.order === null, plan.w === null
 */
export function directSolveSorted(plan: TwoWayPlan, src: Float64Array, x: Float64Array, work: TwoWayWork): number {
  const { b, start, invWa, invWb, gb } = plan;
  const ga = invWa.length;
  const { meanA, sumB, beta, z } = work;
  // per level of A (its rows in cache for the second loop): the mean, then B'(x − x̄_a) by level of B
  sumB.fill(0);
  let s1 = 0;
  let s2 = 0;
  let mx = 0;
  for (let g = 0; g < ga; g++) {
    let s = 0;
    let ss = 0;
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    for (let k = k0; k < k1; k++) {
      const v = src[k]!;
      s += v;
      ss += v * v;
      const a = Math.abs(v);
      if (a > mx) mx = a;
    }
    const m = s * invWa[g]!;
    meanA[g] = m;
    for (let k = k0; k < k1; k++) sumB[b[k]!] += src[k]! - m;
    s1 += s;
    s2 += ss;
  }
  work.moments[0] = s1;
  work.moments[1] = s2;
  work.moments[2] = mx;
  solvePivoted(plan, sumB, beta, z);
  sumB.fill(0);
  let worst = 0;
  let mo = 0;
  for (let g = 0; g < ga; g++) {
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    let sb = 0;
    for (let k = k0; k < k1; k++) sb += beta[b[k]!]!;
    const shift = sb * invWa[g]! - meanA[g]!;
    let sa = 0;
    for (let k = k0; k < k1; k++) {
      const v = src[k]! + shift - beta[b[k]!]!;
      x[k] = v;
      const av = Math.abs(v);
      if (av > mo) mo = av;
      sa += v;
      sumB[b[k]!] += v;
    }
    const ma = Math.abs(sa * invWa[g]!);
    if (ma > worst) worst = ma;
  }
  worst = worstOverLevels(worst, sumB, invWb, gb);
  work.moments[3] = mo;
  return worst;
}

/**
 * {@link directSolveOnce} for weighted rows already grouped by A in code order (the IRLS steps of
 * PPML on an entity-major panel): the same formulas without the order indirection.
 *
 * @example
 * const worst = directSolveSortedWeighted(plan, x, x, twoWayWork(plan), plan.w!); // plan.order === null
 */
export function directSolveSortedWeighted(plan: TwoWayPlan, src: Float64Array, x: Float64Array, work: TwoWayWork, w: Float64Array): number {
  const { b, start, invWa, invWb, gb } = plan;
  const ga = invWa.length;
  const { meanA, sumB, beta, z } = work;
  sumB.fill(0);
  let s1 = 0;
  let s2 = 0;
  let mx = 0;
  for (let g = 0; g < ga; g++) {
    let s = 0;
    let u1 = 0;
    let u2 = 0;
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    for (let k = k0; k < k1; k++) {
      const v = src[k]!;
      u1 += v;
      u2 += v * v;
      const a = Math.abs(v);
      if (a > mx) mx = a;
      s += w[k]! * v;
    }
    const m = s * invWa[g]!;
    meanA[g] = m;
    for (let k = k0; k < k1; k++) sumB[b[k]!] += w[k]! * (src[k]! - m);
    s1 += u1;
    s2 += u2;
  }
  work.moments[0] = s1;
  work.moments[1] = s2;
  work.moments[2] = mx;
  solvePivoted(plan, sumB, beta, z);
  sumB.fill(0);
  let worst = 0;
  let mo = 0;
  for (let g = 0; g < ga; g++) {
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    let sb = 0;
    for (let k = k0; k < k1; k++) sb += w[k]! * beta[b[k]!]!;
    const shift = sb * invWa[g]! - meanA[g]!;
    let sa = 0;
    for (let k = k0; k < k1; k++) {
      const v = src[k]! + shift - beta[b[k]!]!;
      x[k] = v;
      const av = Math.abs(v);
      if (av > mo) mo = av;
      const wv = w[k]! * v;
      sa += wv;
      sumB[b[k]!] += wv;
    }
    const ma = Math.abs(sa * invWa[g]!);
    if (ma > worst) worst = ma;
  }
  worst = worstOverLevels(worst, sumB, invWb, gb);
  work.moments[3] = mo;
  return worst;
}

/**
 * x ← src − P_[A,B] src by the exact solve of the module comment (src = x: in place; else src is
 * only read and x, of the same length, written), with up to `maxRefine` repeats on the residual when
 * the level means of x̃ exceed tol·rms(src). Returns the number of solves (≥ 1), negated when the
 * check still fails (the caller then iterates from the returned x, which is in src + span(A, B), so
 * the limit is unchanged). Afterwards work.moments[2] = max|src| and [3] = max|x̃|.
 *
 * Reference: see the module comment.
 *
 * @example
 * const plan = planTwoWayDirect(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 0, 1), null, 2, 2)!;
 * const x = Float64Array.of(1, 2, 3, 5);
 * demeanTwoWayDirectColumn(plan, x, twoWayWork(plan), 1e-10); // 1; x = [0.25, −0.25, −0.25, 0.25]
 */
export function demeanTwoWayDirectColumn(plan: TwoWayPlan, x: Float64Array, work: TwoWayWork, tol: number, maxRefine = 2, src: Float64Array = x): number {
  return refineDirect(plan, x, work, tol, maxRefine, directSolveOnce(plan, src, x, work));
}

/**
 * The check and refinement of {@link demeanTwoWayDirectColumn} after its first solve (whose result
 * is in x, its check value `worst` and its moments in work.moments): accept when worst ≤ tol·rms(src),
 * else solve again on x up to `maxRefine` times. Returns the number of solves (negated when the check
 * still fails); work.moments[2] keeps max|src| of the first solve. Exported for the helper thread's
 * source (src/estimate/parallel.ts).
 *
 * @example
 * refineDirect(plan, x, work, 1e-10, 2, directSolveOnce(plan, src, x, work)); // = demeanTwoWayDirectColumn(plan, x, work, 1e-10, 2, src)
 */
export function refineDirect(plan: TwoWayPlan, x: Float64Array, work: TwoWayWork, tol: number, maxRefine: number, worst: number): number {
  const n = x.length;
  // rms(x) about its mean, for the check (a scale, so Σx²/n − x̄² is precise enough)
  const mean = work.moments[0]! / (n || 1);
  const m2 = work.moments[1]! / (n || 1);
  const scale = Math.sqrt(Math.max(m2 - mean * mean, 0)) || Math.sqrt(m2) || 1;
  const maxIn = work.moments[2]!;
  for (let solves = 1; solves <= 1 + maxRefine; solves++) {
    if (solves > 1) worst = directSolveOnce(plan, x, x, work);
    if (worst <= tol * scale) {
      work.moments[2] = maxIn;
      return solves;
    }
  }
  work.moments[2] = maxIn;
  return -(1 + maxRefine);
}

/**
 * {@link demeanTwoWayDirectColumn} for several columns: xs[k] ← src[k] − P_[A,B] src[k] (src = xs:
 * in place), four columns at a time through {@link directSolveSorted4} when the rows are grouped by
 * A (plan.order null; the others one by one), each then checked and refined alone by
 * {@link refineDirect}. The numbers are those of demeanTwoWayDirectColumn column by column. `its`
 * gets the solves per column and `stats` (when given) max|src| and max|x̃| per column (2 each).
 * `works` holds at least min(4, columns) work spaces of the plan.
 *
 * @example
 * demeanTwoWayDirectColumns(plan, xs, xs, [0, 1, 2, 3].map(() => twoWayWork(plan)), 1e-10, its, null);
 */
export function demeanTwoWayDirectColumns(
  plan: TwoWayPlan,
  xs: readonly Float64Array[],
  srcs: readonly Float64Array[],
  works: readonly TwoWayWork[],
  tol: number,
  its: Int32Array,
  stats: Float64Array | null,
): void {
  const m = xs.length;
  const worst = new Float64Array(4);
  let j = 0;
  if (!plan.order) {
    for (; j + 3 < m; j += 4) {
      directSolveSorted4(plan, srcs.slice(j, j + 4), xs.slice(j, j + 4), works, worst);
      for (let c = 0; c < 4; c++) {
        its[j + c] = refineDirect(plan, xs[j + c]!, works[c]!, tol, 2, worst[c]!);
        if (stats) {
          stats[2 * (j + c)] = works[c]!.moments[2]!;
          stats[2 * (j + c) + 1] = works[c]!.moments[3]!;
        }
      }
    }
  }
  for (; j < m; j++) {
    its[j] = demeanTwoWayDirectColumn(plan, xs[j]!, works[0]!, tol, 2, srcs[j]!);
    if (stats) {
      stats[2 * j] = works[0]!.moments[2]!;
      stats[2 * j + 1] = works[0]!.moments[3]!;
    }
  }
}

/**
 * {@link directSolveOnce} for four columns at once on rows grouped by A in code order (plan.order
 * null), weighted (plan.w) or not: the same operations per column in the same order — hence the same
 * bits — with the codes b, the level bounds and the loop control shared by the four (one pass over
 * them instead of four). x[c] ← src[c] − s̄rc_a − β_b + β̄_a; worst[c] = the check value of column c;
 * works[c].moments as in directSolveOnce. Exported for the helper thread's source.
 *
 * Reference: see the module comment.
 *
 * @example
 * directSolveSorted4(plan, [x0, x1, x2, x3], [x0, x1, x2, x3], works, worst); // in place
 */
export function directSolveSorted4(plan: TwoWayPlan, src: readonly Float64Array[], x: readonly Float64Array[], works: readonly TwoWayWork[], worst: Float64Array): void {
  // (each pass in its own function: one hot loop per compiled function, so that V8 compiles and
  // keeps each with complete type feedback — one function with both loops was recompiled on
  // entering each loop (on-stack replacement) and deoptimized after it at every call)
  for (let c = 0; c < 4; c++) works[c]!.sumB.fill(0);
  sorted4Means(plan, src[0]!, src[1]!, src[2]!, src[3]!, works[0]!, works[1]!, works[2]!, works[3]!);
  for (let c = 0; c < 4; c++) {
    const wc = works[c]!;
    solvePivoted(plan, wc.sumB, wc.beta, wc.z);
    wc.sumB.fill(0);
  }
  sorted4Update(plan, src[0]!, src[1]!, src[2]!, src[3]!, x[0]!, x[1]!, x[2]!, x[3]!, works[0]!, works[1]!, works[2]!, works[3]!, worst);
  for (let c = 0; c < 4; c++) worst[c] = worstOverLevels(worst[c]!, works[c]!.sumB, plan.invWb, plan.gb);
}

/**
 * Pass 1 of {@link directSolveSorted4}: per level of A the W-means of the four columns (into
 * meanA) and B'W(x − x̄_a) (added into sumB, zeroed by the caller); moments[0..2] = Σx, Σx², max|x|
 * of each column. Exported for the helper thread's source.
 *
 * @example
 * sorted4Means(plan, x0, x1, x2, x3, w0, w1, w2, w3); // then solvePivoted on each wc.sumB
 */
export function sorted4Means(
  plan: TwoWayPlan,
  x0: Float64Array,
  x1: Float64Array,
  x2: Float64Array,
  x3: Float64Array,
  wk0: TwoWayWork,
  wk1: TwoWayWork,
  wk2: TwoWayWork,
  wk3: TwoWayWork,
): void {
  const { b, start, invWa, w } = plan;
  const ga = invWa.length;
  const m0 = wk0.meanA;
  const m1 = wk1.meanA;
  const m2 = wk2.meanA;
  const m3 = wk3.meanA;
  const u0 = wk0.sumB;
  const u1 = wk1.sumB;
  const u2 = wk2.sumB;
  const u3 = wk3.sumB;
  // moments of the inputs (Σx, Σx², max|x|) and, per level of A, the W-mean and B'W(x − x̄_a)
  let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
  let mx0 = 0, mx1 = 0, mx2 = 0, mx3 = 0;
  for (let g = 0; g < ga; g++) {
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    for (let k = k0; k < k1; k++) {
      const v0 = x0[k]!;
      const v1 = x1[k]!;
      const v2 = x2[k]!;
      const v3 = x3[k]!;
      a0 += v0;
      a1 += v1;
      a2 += v2;
      a3 += v3;
      q0 += v0 * v0;
      q1 += v1 * v1;
      q2 += v2 * v2;
      q3 += v3 * v3;
      const b0 = Math.abs(v0);
      const b1 = Math.abs(v1);
      const b2 = Math.abs(v2);
      const b3 = Math.abs(v3);
      if (b0 > mx0) mx0 = b0;
      if (b1 > mx1) mx1 = b1;
      if (b2 > mx2) mx2 = b2;
      if (b3 > mx3) mx3 = b3;
    }
    const iw = invWa[g]!;
    let e0 = a0, e1 = a1, e2 = a2, e3 = a3;
    if (w) {
      e0 = e1 = e2 = e3 = 0;
      for (let k = k0; k < k1; k++) {
        const wk = w[k]!;
        e0 += wk * x0[k]!;
        e1 += wk * x1[k]!;
        e2 += wk * x2[k]!;
        e3 += wk * x3[k]!;
      }
    }
    const c0 = e0 * iw;
    const c1 = e1 * iw;
    const c2 = e2 * iw;
    const c3 = e3 * iw;
    m0[g] = c0;
    m1[g] = c1;
    m2[g] = c2;
    m3[g] = c3;
    if (w) {
      for (let k = k0; k < k1; k++) {
        const t = b[k]!;
        const wk = w[k]!;
        u0[t] += wk * (x0[k]! - c0);
        u1[t] += wk * (x1[k]! - c1);
        u2[t] += wk * (x2[k]! - c2);
        u3[t] += wk * (x3[k]! - c3);
      }
    } else {
      for (let k = k0; k < k1; k++) {
        const t = b[k]!;
        u0[t] += x0[k]! - c0;
        u1[t] += x1[k]! - c1;
        u2[t] += x2[k]! - c2;
        u3[t] += x3[k]! - c3;
      }
    }
    s10 += a0;
    s11 += a1;
    s12 += a2;
    s13 += a3;
    s20 += q0;
    s21 += q1;
    s22 += q2;
    s23 += q3;
  }
  const q0 = wk0.moments;
  const q1 = wk1.moments;
  const q2 = wk2.moments;
  const q3 = wk3.moments;
  q0[0] = s10;
  q1[0] = s11;
  q2[0] = s12;
  q3[0] = s13;
  q0[1] = s20;
  q1[1] = s21;
  q2[1] = s22;
  q3[1] = s23;
  q0[2] = mx0;
  q1[2] = mx1;
  q2[2] = mx2;
  q3[2] = mx3;
}

/**
 * Pass 2 of {@link directSolveSorted4}: with β of each column (work.beta), per level of A β̄_g and
 * x̃ = x − x̄_g − β_b + β̄_g written to y0..y3, the level sums of W·x̃ for B added into sumB (zeroed by
 * the caller), worst[c] = the largest |W-mean| over the levels of A, moments[3] = max|x̃|. Exported
 * for the helper thread's source.
 *
 * @example
 * sorted4Update(plan, x0, x1, x2, x3, y0, y1, y2, y3, w0, w1, w2, w3, worst);
 */
export function sorted4Update(
  plan: TwoWayPlan,
  x0: Float64Array,
  x1: Float64Array,
  x2: Float64Array,
  x3: Float64Array,
  y0: Float64Array,
  y1: Float64Array,
  y2: Float64Array,
  y3: Float64Array,
  wk0: TwoWayWork,
  wk1: TwoWayWork,
  wk2: TwoWayWork,
  wk3: TwoWayWork,
  worst: Float64Array,
): void {
  const { b, start, invWa, w } = plan;
  const ga = invWa.length;
  const m0 = wk0.meanA;
  const m1 = wk1.meanA;
  const m2 = wk2.meanA;
  const m3 = wk3.meanA;
  const u0 = wk0.sumB;
  const u1 = wk1.sumB;
  const u2 = wk2.sumB;
  const u3 = wk3.sumB;
  const be0 = wk0.beta;
  const be1 = wk1.beta;
  const be2 = wk2.beta;
  const be3 = wk3.beta;
  // per level of A, β̄_g, then x̃ = x − x̄_g − β_b + β̄_g on its rows; level sums of W·x̃
  let wo0 = 0, wo1 = 0, wo2 = 0, wo3 = 0;
  let mo0 = 0, mo1 = 0, mo2 = 0, mo3 = 0;
  for (let g = 0; g < ga; g++) {
    const k0 = start[g]!;
    const k1 = start[g + 1]!;
    let sb0 = 0, sb1 = 0, sb2 = 0, sb3 = 0;
    if (w) {
      for (let k = k0; k < k1; k++) {
        const t = b[k]!;
        const wk = w[k]!;
        sb0 += wk * be0[t]!;
        sb1 += wk * be1[t]!;
        sb2 += wk * be2[t]!;
        sb3 += wk * be3[t]!;
      }
    } else {
      for (let k = k0; k < k1; k++) {
        const t = b[k]!;
        sb0 += be0[t]!;
        sb1 += be1[t]!;
        sb2 += be2[t]!;
        sb3 += be3[t]!;
      }
    }
    const iw = invWa[g]!;
    const h0 = sb0 * iw - m0[g]!;
    const h1 = sb1 * iw - m1[g]!;
    const h2 = sb2 * iw - m2[g]!;
    const h3 = sb3 * iw - m3[g]!;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let k = k0; k < k1; k++) {
      const t = b[k]!;
      const wk = w ? w[k]! : 1;
      const v0 = x0[k]! + h0 - be0[t]!;
      const v1 = x1[k]! + h1 - be1[t]!;
      const v2 = x2[k]! + h2 - be2[t]!;
      const v3 = x3[k]! + h3 - be3[t]!;
      y0[k] = v0;
      y1[k] = v1;
      y2[k] = v2;
      y3[k] = v3;
      const b0 = Math.abs(v0);
      const b1 = Math.abs(v1);
      const b2 = Math.abs(v2);
      const b3 = Math.abs(v3);
      if (b0 > mo0) mo0 = b0;
      if (b1 > mo1) mo1 = b1;
      if (b2 > mo2) mo2 = b2;
      if (b3 > mo3) mo3 = b3;
      const z0 = wk * v0;
      const z1 = wk * v1;
      const z2 = wk * v2;
      const z3 = wk * v3;
      a0 += z0;
      a1 += z1;
      a2 += z2;
      a3 += z3;
      u0[t] += z0;
      u1[t] += z1;
      u2[t] += z2;
      u3[t] += z3;
    }
    const r0 = Math.abs(a0 * iw);
    const r1 = Math.abs(a1 * iw);
    const r2 = Math.abs(a2 * iw);
    const r3 = Math.abs(a3 * iw);
    if (r0 > wo0) wo0 = r0;
    if (r1 > wo1) wo1 = r1;
    if (r2 > wo2) wo2 = r2;
    if (r3 > wo3) wo3 = r3;
  }
  worst[0] = wo0;
  worst[1] = wo1;
  worst[2] = wo2;
  worst[3] = wo3;
  wk0.moments[3] = mo0;
  wk1.moments[3] = mo1;
  wk2.moments[3] = mo2;
  wk3.moments[3] = mo3;
}

/**
 * max(start, max_t |sums[t]·invW[t]|): the check value over the levels of B (the largest W-mean of
 * x̃ within a level). Exported for the helper thread's source.
 *
 * @example
 * worstOverLevels(0.1, Float64Array.of(2, -6), Float64Array.of(0.5, 0.25), 2); // 1.5
 */
export function worstOverLevels(start: number, sums: Float64Array, invW: Float64Array, gb: number): number {
  let worst = start;
  for (let t = 0; t < gb; t++) worst = Math.max(worst, Math.abs(sums[t]! * invW[t]!));
  return worst;
}
