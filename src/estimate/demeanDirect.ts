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
      else {
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
  for (let t = 0; t < gb; t++) worst = Math.max(worst, Math.abs(sumB[t]! * invWb[t]!));
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
  for (let t = 0; t < gb; t++) worst = Math.max(worst, Math.abs(sumB[t]! * invWb[t]!));
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
  for (let t = 0; t < gb; t++) worst = Math.max(worst, Math.abs(sumB[t]! * invWb[t]!));
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
  const n = x.length;
  let scale = 0;
  let maxIn = 0;
  for (let solves = 1; solves <= 1 + maxRefine; solves++) {
    const worst = directSolveOnce(plan, solves === 1 ? src : x, x, work);
    if (solves === 1) {
      // rms(x) about its mean, for the check (a scale, so Σx²/n − x̄² is precise enough)
      const mean = work.moments[0]! / (n || 1);
      const m2 = work.moments[1]! / (n || 1);
      scale = Math.sqrt(Math.max(m2 - mean * mean, 0)) || Math.sqrt(m2) || 1;
      maxIn = work.moments[2]!;
    }
    if (worst <= tol * scale) {
      work.moments[2] = maxIn;
      return solves;
    }
  }
  work.moments[2] = maxIn;
  return -(1 + maxRefine);
}
