/**
 * Least squares by the corrected semi-normal equations: the fast path of `qrLeastSquares`
 * (src/estimate/qr.ts) for tall, full-rank, well-conditioned designs.
 *
 * With A = W^{1/2}XS⁻¹ (S scales every column to unit norm), the Gram matrix A'A = R'R is
 * accumulated in one blocked pass over the rows and factored by Cholesky; then
 *
 *   b₀ = S⁻¹R⁻¹R⁻ᵀ S⁻¹X'Wy,   r₀ = y − Xb₀,   b = b₀ + S⁻¹R⁻¹R⁻ᵀ S⁻¹X'Wr₀,   r = y − Xb,
 *
 * (X'Wy comes with the Gram matrix, as its last column for [X | y]), i.e. one step of
 * fixed-precision iterative refinement of the semi-normal equations ("CSNE"; skipped when
 * ‖R‖_F‖R⁻¹‖_F ≤ 60, where b₀ is already within κ²ε ≤ 1e-12),
 * whose forward error is of the order of that of a Householder QR solve when κ(A)·√ε < 1 (Björck
 * 1987). The path returns null — and the caller runs the QR — unless the design is comfortably
 * well conditioned: every Cholesky pivot of the unit-diagonal A'A is ≥ 1e-4 (so no column is
 * within a factor 1e2 of collinear; R lm's rank tolerance is 1e-7 on the QR diagonal) and
 * ‖R‖_F‖R⁻¹‖_F ≤ 1e3 (κ(A) ≲ 1e3, κ(A)²ε ≲ 1e-10 before the refinement). The rank decisions on
 * hard problems are therefore always those of the QR.
 *
 * Like the QR it returns (X'WX)⁻¹ = S⁻¹R⁻¹R⁻ᵀS⁻¹ and P = S⁻¹R⁻¹, but never the thin Q factor: the
 * sandwich variances then use the X form of the scores (src/vcov/sandwich.ts), which on designs
 * this well conditioned agrees with the Q form to rounding.
 *
 * Reference: Björck (1987) "Stability analysis of the method of seminormal equations for linear
 * least squares problems", Linear Algebra Appl. 88/89; Björck, Numerical Methods for Least Squares
 * Problems (1996) §2.2.4 and §6.6.5; Golub & Van Loan, Matrix Computations (4th ed.) §5.3.
 */
import { numericColumn } from "../frame";
import type { QrFit, QrOptions } from "./qr";
import { triangularCondition, triangularProducts } from "./triangular";
import { gramRows, residualRows } from "./gramKernel";
import { isShared, rowSplit, sharedCopy, sharedFloat64, startHelperGram, startHelperResidual } from "./parallel";

/**
 * The Gram matrix [M'WM] (upper triangle, row-major m×m) of the columns `cols`: rows [0, h) here and
 * rows [h, n) on the helper thread when every column (and w) is on shared memory, h = rowSplit(n);
 * the two parts are added in that order in every case (the same numbers with one thread).
 */
function gramMatrix(cols: readonly Float64Array[], w: Float64Array | null): Float64Array {
  const m = cols.length;
  const n = m ? cols[0]!.length : 0;
  const G = new Float64Array(m * m);
  const h = rowSplit(n);
  if (h === n) {
    gramRows(cols, w, 0, n, G);
    return G;
  }
  const hi = sharedFloat64(m * m);
  const job = cols.every(isShared) && (!w || isShared(w)) ? startHelperGram(cols, w, h, n, hi) : null;
  gramRows(cols, w, 0, h, G);
  if (!job || !job.wait()) {
    hi.fill(0);
    gramRows(cols, w, h, n, hi);
  }
  for (let k = 0; k < G.length; k++) G[k] = G[k]! + hi[k]!;
  return G;
}

/** Smallest Cholesky pivot (squared QR diagonal) of the unit-diagonal Gram matrix accepted. */
const MIN_PIVOT = 1e-4;
/** Largest ‖R‖_F‖R⁻¹‖_F accepted. */
const MAX_COND = 1e3;
/** Up to this ‖R‖_F‖R⁻¹‖_F the refinement step is skipped (κ²ε ≤ 1e-12 already). */
const NO_REFINE_COND = 60;

/**
 * r ← y − Xb on every row and Σ wᵢrᵢ² returned: rows [0, h) here and [h, n) on the helper thread
 * when X, y and r are on shared memory (h = rowSplit(n)); the sum of squares is added by part in
 * that order in every case (the same numbers with one thread).
 */
function residuals(r: Float64Array, X: readonly Float64Array[], y: Float64Array, b: Float64Array, w: Float64Array | null): number {
  const n = y.length;
  const h = rowSplit(n);
  if (h === n) return residualRows(r, X, y, b, w, 0, n);
  const hi = sharedFloat64(1);
  const job = isShared(r) && isShared(y) && X.every(isShared) && (!w || isShared(w)) ? startHelperResidual(r, X, y, b, w, h, n, hi) : null;
  const lo = residualRows(r, X, y, b, w, 0, h);
  if (!job || !job.wait()) hi[0] = residualRows(r, X, y, b, w, h, n);
  return lo + hi[0]!;
}

/** Σᵢ wᵢ xᵢ rᵢ for every column (the right-hand side of the refinement step). */
function crossProducts(X: readonly Float64Array[], w: Float64Array | null, r: Float64Array): Float64Array {
  const p = X.length;
  const n = r.length;
  const out = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    const x = X[c]!;
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    if (w) {
      for (; i + 1 < n; i += 2) {
        s0 += w[i]! * x[i]! * r[i]!;
        s1 += w[i + 1]! * x[i + 1]! * r[i + 1]!;
      }
      for (; i < n; i++) s0 += w[i]! * x[i]! * r[i]!;
    } else {
      for (; i + 1 < n; i += 2) {
        s0 += x[i]! * r[i]!;
        s1 += x[i + 1]! * r[i + 1]!;
      }
      for (; i < n; i++) s0 += x[i]! * r[i]!;
    }
    out[c] = s0 + s1;
  }
  return out;
}

/** Solve R'R u = v in place (R upper triangular p×p, row-major). */
function cholSolve(R: Float64Array, p: number, v: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= R[k * p + i]! * v[k]!;
    v[i] = s / R[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = v[i]!;
    for (let k = i + 1; k < p; k++) s -= R[i * p + k]! * v[k]!;
    v[i] = s / R[i * p + i]!;
  }
}

/**
 * Weighted least squares b = argmin Σ wᵢ(yᵢ − xᵢ'b)² by the corrected semi-normal equations (see the
 * module comment), or null when the design is not clearly full rank and well conditioned (then
 * use the QR). The result has the QrFit shape with Q = null.
 *
 * Reference: Björck (1987), Linear Algebra Appl. 88/89; Björck (1996) §6.6.5.
 *
 * @example
 * const one = new Float64Array(1e5).fill(1);
 * const x = Float64Array.from({ length: 1e5 }, (_, i) => i % 7);
 * const y = Float64Array.from(x, (v) => 1 + 2 * v);
 * gramLeastSquares([one, x], y, {})!.coef; // Float64Array [1, 2] (to rounding)
 */
export function gramLeastSquares(X: readonly Float64Array[], y: Float64Array, opts: QrOptions): QrFit | null {
  const n = y.length;
  const p = X.length;
  const w = opts.weights ?? null;
  if (p === 0 || p > 200 || n < 2 * p + 2 || (opts.refine ?? 0) > 0) return null;
  if (w) {
    if (w.length !== n) return null;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (!(wi > 0) || !Number.isFinite(wi)) return null; // the QR reports the bad weight
    }
  }
  // Gram matrix of [X | y]: X'WX and, in the last column, X'Wy
  const m = p + 1;
  // weights not on shared memory are copied there when the rows are split between the threads (one
  // pass, against m(m+1)/2 products per row in the Gram matrix)
  const ws = w && !isShared(w) && rowSplit(n) < n && isShared(y) && X.every(isShared) ? sharedCopy(w) : w;
  const G = gramMatrix([...X, y], ws);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const d = G[j * m + j]!;
    if (!(d > 1e-250 && d < 1e250)) return null;
    scale[j] = Math.sqrt(d);
  }
  // Cholesky of the unit-diagonal S⁻¹GS⁻¹ = R'R (upper R, row-major)
  const R = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let l = j; l < p; l++) R[j * p + l] = G[j * m + l]! / (scale[j]! * scale[l]!);
  for (let k = 0; k < p; k++) {
    let d = R[k * p + k]!;
    for (let i = 0; i < k; i++) d -= R[i * p + k]! * R[i * p + k]!;
    if (!(d >= MIN_PIVOT)) return null;
    const rkk = Math.sqrt(d);
    R[k * p + k] = rkk;
    for (let l = k + 1; l < p; l++) {
      let s = R[k * p + l]!;
      for (let i = 0; i < k; i++) s -= R[i * p + k]! * R[i * p + l]!;
      R[k * p + l] = s / rkk;
    }
  }
  const { Rinv, bread, P } = triangularProducts(R, p, scale);
  const { frobenius: cond, rcondDiag } = triangularCondition(R, Rinv, p);
  if (!(cond <= MAX_COND)) return null;
  // b₀ from X'Wy (the last column of the augmented Gram matrix)
  const coef = new Float64Array(p);
  for (let j = 0; j < p; j++) coef[j] = G[j * m + p]! / scale[j]!;
  cholSolve(R, p, coef);
  for (let j = 0; j < p; j++) coef[j] = coef[j]! / scale[j]!;
  // (on shared memory from SHARED_MIN_ROWS rows: the clustered meat shares its columns with the helper)
  const resid = numericColumn(n);
  let rss = residuals(resid, X, y, coef, ws);
  // one refinement step from X'Wr₀ unless κ is so small that b₀ is already at QR accuracy
  // (forward error of the normal equations ≈ κ²ε ≤ 1e-12 for ‖R‖_F‖R⁻¹‖_F ≤ NO_REFINE_COND)
  if (cond > NO_REFINE_COND) {
    const g = crossProducts(X, w, resid);
    for (let j = 0; j < p; j++) g[j] = g[j]! / scale[j]!;
    cholSolve(R, p, g);
    for (let j = 0; j < p; j++) coef[j] = coef[j]! + g[j]! / scale[j]!;
    rss = residuals(resid, X, y, coef, ws);
  }
  const kept = Array.from({ length: p }, (_, j) => j);
  return { coef, kept, dropped: [], rank: p, resid, rss, bread, rcondDiag, P, Q: null };
}
