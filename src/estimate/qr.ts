/**
 * Weighted least squares by Householder QR with column scaling and R-style limited pivoting.
 *
 * Never forms X'X: the coefficients solve R b = Q'y and the bread (X'WX)⁻¹ = R⁻¹R⁻ᵀ comes from the
 * triangular factor.
 */
import { twoProductErr } from "../numeric/twoProduct";
import { triangularCondition, triangularProducts } from "./triangular";
import { gramLeastSquares } from "./normalEquations";

/** Result of {@link qrLeastSquares}. Coefficient vectors are in the ORIGINAL column order. */
export interface QrFit {
  /** Coefficients, length p; NaN for a column dropped as collinear. */
  readonly coef: Float64Array;
  /** Indices (into the input columns) of the kept columns, ascending. */
  readonly kept: readonly number[];
  /** Indices of the columns dropped as (numerically) collinear, ascending. */
  readonly dropped: readonly number[];
  readonly rank: number;
  /** y − Xb on the original (unweighted) scale, computed as Q·(0, Q'y₂) (stable). */
  readonly resid: Float64Array;
  /** Σ wᵢ rᵢ² */
  readonly rss: number;
  /** (X_k' W X_k)⁻¹ over the kept columns, row-major rank×rank, in `kept` order. */
  readonly bread: Float64Array;
  /** Smallest |R_jj| / max |R_jj| of the scaled problem (a cheap conditioning indicator). */
  readonly rcondDiag: number;
  /** P = S⁻¹R⁻¹ (rank×rank, row-major, upper triangular): bread = P P', and the score of row i maps
   *  to P qᵢ √wᵢ rᵢ (see src/vcov/sandwich.ts). */
  readonly P: Float64Array;
  /** Thin orthonormal factor Q₁ (n×rank, column-major) of W^{1/2} X S⁻¹ over the kept columns, when
   *  `wantQ`; null otherwise. */
  readonly Q: Float64Array[] | null;
}

export interface QrOptions {
  /** Analytic weights (all > 0), or undefined for OLS. */
  readonly weights?: Float64Array;
  /** Rank tolerance (R lm default 1e-7): a column is collinear when the norm of its part orthogonal
   *  to the previously kept columns is < tol × its own norm. */
  readonly tol?: number;
  /** Steps of iterative refinement on the augmented system (residuals in double-double). Default:
   *  2 when the scaled R is ill-conditioned (min|Rjj|/max|Rjj| < 1e-2), else 0 (plain QR solve). Björck (1967) BIT 7; Higham, Accuracy and Stability (2002) §20.5. */
  readonly refine?: number;
  /** Also return the thin Q factor (costs n×rank memory and O(n·rank²) time; used by the
   *  numerically stable sandwich variances). */
  readonly wantQ?: boolean;
  /** "auto" (default): for tall problems (n ≥ 50 000) the corrected semi-normal equations
   *  (src/estimate/normalEquations.ts; clearly full rank and well conditioned only), else the
   *  blocked QR fast path (full rank, well conditioned), else plain Householder; below 50 000 rows
   *  plain Householder; "householder": always the plain column-by-column Householder QR; "blocked":
   *  the blocked QR whenever it is safe, at any n; "normal": the semi-normal equations whenever they
   *  are safe, at any n (then Householder). The fast paths never change a rank decision: they
   *  decline every design the plain QR could find rank-deficient. */
  readonly method?: "auto" | "householder" | "blocked" | "normal";
}

/** Rows from which `method: "auto"` uses the blocked fast path. */
export const BLOCKED_QR_MIN_ROWS = 50_000;

let defaultMethod: "auto" | "householder" | "blocked" | "normal" = "auto";

/**
 * Set the QR method used when a call gives none (default "auto"); returns the previous one. For
 * tests and benchmarks that run whole fits through one path (e.g. the reference tests through the
 * blocked fast path).
 *
 * @example
 * const prev = setDefaultQrMethod("blocked"); try { fit(...) } finally { setDefaultQrMethod(prev); }
 */
export function setDefaultQrMethod(m: "auto" | "householder" | "blocked" | "normal"): "auto" | "householder" | "blocked" | "normal" {
  const prev = defaultMethod;
  defaultMethod = m;
  return prev;
}

/**
 * Weighted least squares  b = argmin Σ wᵢ (yᵢ − xᵢ'b)²  by Householder QR of W^{1/2} X S⁻¹, where S
 * scales every column to unit Euclidean norm (equilibration). Columns are visited in order; a column
 * whose remaining norm after the reflections of the previously kept columns is below `tol` (relative to
 * its norm) is declared collinear and left out — the LINPACK dqrdc2 rule used by R's `lm`, so the
 * LATER of two collinear columns is dropped, as R reports NA for it.
 *
 * Formulas: W^{1/2}XS⁻¹ = QR;  b = S⁻¹ R⁻¹ (Q'W^{1/2}y)₁..ᵣ, then (opts.refine steps) iterative
 * refinement of (r, b) on the augmented system [I A; A' 0][r; x] = [z; 0] using the same QR, with
 * the residuals of the system accumulated in double-double (Björck 1967);  (X'WX)⁻¹ = S⁻¹ R⁻¹ R⁻ᵀ S⁻¹;
 * r = W^{-1/2} Q (0, (Q'W^{1/2}y)ᵣ₊₁..ₙ).
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §5.2 and §5.3; R `lm.fit` /
 * LINPACK `dqrdc2` (tol = 1e-7).
 *
 * @example
 * // y = 1 + 2x exactly
 * const x = Float64Array.of(0, 1, 2, 3);
 * const one = new Float64Array(4).fill(1);
 * const y = Float64Array.of(1, 3, 5, 7);
 * qrLeastSquares([one, x], y).coef; // Float64Array [1, 2]  (to rounding)
 */
export function qrLeastSquares(X: readonly Float64Array[], y: Float64Array, opts: QrOptions = {}): QrFit {
  const n = y.length;
  const p = X.length;
  const tol = opts.tol ?? 1e-7;
  const w = opts.weights;
  for (let j = 0; j < p; j++) {
    if (X[j]!.length !== n) throw new Error(`qrLeastSquares: column ${j} has ${X[j]!.length} rows, y has ${n}`);
  }
  const method = opts.method ?? defaultMethod;
  if (method === "normal" || (method === "auto" && n >= BLOCKED_QR_MIN_ROWS)) {
    const fast = gramLeastSquares(X, y, opts);
    if (fast) return fast;
  }
  if (method === "blocked" || (method === "auto" && n >= BLOCKED_QR_MIN_ROWS)) {
    const fast = blockedLeastSquares(X, y, opts);
    if (fast) return fast;
  }
  let sw: Float64Array | null = null;
  if (w) {
    if (w.length !== n) throw new Error(`qrLeastSquares: weights have ${w.length} rows, y has ${n}`);
    sw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (!(wi > 0) || !Number.isFinite(wi)) throw new Error(`qrLeastSquares: weight at row ${i} is ${wi} (must be finite and > 0)`);
      sw[i] = Math.sqrt(wi);
    }
  }
  // Working copies: A = W^{1/2} X S^{-1} (column-major), z = W^{1/2} y.
  const A: Float64Array[] = new Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const src = X[j]!;
    const a = new Float64Array(n);
    if (sw) for (let i = 0; i < n; i++) a[i] = src[i]! * sw[i]!;
    else a.set(src);
    const nrm = norm2(a, 0);
    scale[j] = nrm;
    if (nrm > 0) for (let i = 0; i < n; i++) a[i] = a[i]! / nrm;
    A[j] = a;
  }
  const z = new Float64Array(n);
  if (sw) for (let i = 0; i < n; i++) z[i] = y[i]! * sw[i]!;
  else z.set(y);

  const kept: number[] = [];
  const dropped: number[] = [];
  const rdiag: number[] = [];
  const vtv: number[] = [];
  let r = 0; // current rank = row where the next reflection starts
  for (let j = 0; j < p; j++) {
    const a = A[j]!;
    if (r >= n || scale[j] === 0) {
      dropped.push(j);
      continue;
    }
    const nrm = norm2(a, r);
    // the column had unit norm before the reflections, so nrm is the relative remaining norm
    if (!(nrm >= tol)) {
      dropped.push(j);
      continue;
    }
    const x0 = a[r]!;
    const alpha = x0 >= 0 ? -nrm : nrm;
    a[r] = x0 - alpha; // v = x − αe₁ stored in a[r..n)
    const vv = 2 * nrm * (nrm + Math.abs(x0)); // v'v without cancellation
    // apply H = I − 2vv'/(v'v) to the later columns and to z
    for (let l = j + 1; l < p; l++) applyReflector(a, r, n, vv, A[l]!);
    applyReflector(a, r, n, vv, z);
    kept.push(j);
    rdiag.push(alpha);
    vtv.push(vv);
    r++;
  }
  const rank = kept.length;
  // R (rank×rank, upper): R[i][c] = A[kept[c]][i] for i < c, R[c][c] = rdiag[c]
  const R = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    const a = A[kept[c]!]!;
    for (let i = 0; i < c; i++) R[i * rank + c] = a[i]!;
    R[c * rank + c] = rdiag[c]!;
  }
  // back-substitution R b = (Q'z)_{0..rank}
  const bs = new Float64Array(rank);
  for (let i = rank - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let c = i + 1; c < rank; c++) s -= R[i * rank + c]! * bs[c]!;
    bs[i] = s / R[i * rank + i]!;
  }
  const b = new Float64Array(rank);
  for (let c = 0; c < rank; c++) b[c] = bs[c]! / scale[kept[c]!]!;
  // weighted residual rz = Q (0, z_{rank..n}) (stable)
  const rz = new Float64Array(n);
  for (let i = rank; i < n; i++) rz[i] = z[i]!;
  for (let c = rank - 1; c >= 0; c--) applyReflector(A[kept[c]!]!, c, n, vtv[c]!, rz);
  // iterative refinement of (r, b) on the augmented system [I A; A' 0][r; x] = [z; 0]
  // (Björck 1967), residuals f = z − r − A x and g = −A'r accumulated in double-double
  let dmax = 0;
  let dmin = Infinity;
  for (const d of rdiag) {
    dmax = Math.max(dmax, Math.abs(d));
    dmin = Math.min(dmin, Math.abs(d));
  }
  const rcondDiag = rank ? dmin / dmax : 0;
  const refine = opts.refine ?? (rcondDiag < 1e-2 ? 2 : 0);
  if (rank > 0 && refine > 0) {
    const f = new Float64Array(n);
    const g = new Float64Array(rank);
    const u = new Float64Array(rank);
    const dx = new Float64Array(rank);
    for (let step = 0; step < refine; step++) {
      for (let i = 0; i < n; i++) {
        let hi = y[i]!;
        let lo = 0;
        for (let c = 0; c < rank; c++) {
          // (hi, lo) −= x·b exactly up to the final rounding (Dekker TwoProduct + Knuth TwoSum)
          const a = -X[kept[c]!]![i]!;
          const pr = a * b[c]!;
          const pe = twoProductErr(a, b[c]!, pr);
          const s1 = hi + pr;
          const bb = s1 - hi;
          lo += hi - (s1 - bb) + (pr - bb) + pe;
          hi = s1;
        }
        const wi = sw ? sw[i]! : 1;
        f[i] = (hi + lo) * wi - rz[i]!;
      }
      for (let c = 0; c < rank; c++) {
        const col = X[kept[c]!]!;
        let hi = 0;
        let lo = 0;
        for (let i = 0; i < n; i++) {
          const a = -col[i]! * (sw ? sw[i]! : 1);
          const pr = a * rz[i]!;
          const pe = twoProductErr(a, rz[i]!, pr);
          const s1 = hi + pr;
          const bb = s1 - hi;
          lo += hi - (s1 - bb) + (pr - bb) + pe;
          hi = s1;
        }
        g[c] = (hi + lo) / scale[kept[c]!]!;
      }
      // Q'f
      for (let c = 0; c < rank; c++) applyReflector(A[kept[c]!]!, c, n, vtv[c]!, f);
      // u1 = R^{-T} g (forward substitution)
      for (let i = 0; i < rank; i++) {
        let s2 = g[i]!;
        for (let c = 0; c < i; c++) s2 -= R[c * rank + i]! * u[c]!;
        u[i] = s2 / R[i * rank + i]!;
      }
      // δx = R^{-1}(f1 − u1)
      for (let i = rank - 1; i >= 0; i--) {
        let s2 = f[i]! - u[i]!;
        for (let c = i + 1; c < rank; c++) s2 -= R[i * rank + c]! * dx[c]!;
        dx[i] = s2 / R[i * rank + i]!;
      }
      // δr = Q (u1, f2)
      for (let i = 0; i < rank; i++) f[i] = u[i]!;
      for (let c = rank - 1; c >= 0; c--) applyReflector(A[kept[c]!]!, c, n, vtv[c]!, f);
      let change = 0;
      for (let c = 0; c < rank; c++) {
        const delta = dx[c]! / scale[kept[c]!]!;
        change = Math.max(change, Math.abs(delta) / Math.max(Math.abs(b[c]!), 1e-300));
        b[c] = b[c]! + delta;
      }
      for (let i = 0; i < n; i++) rz[i] = rz[i]! + f[i]!;
      if (change < 1e-17) break;
    }
  }
  const coef = new Float64Array(p).fill(NaN);
  for (let c = 0; c < rank; c++) coef[kept[c]!] = b[c]!;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += rz[i]! * rz[i]!;
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = sw ? rz[i]! / sw[i]! : rz[i]!;
  const { bread, P } = triangularProducts(R, rank, kept.map((j) => scale[j]!));
  let Q: Float64Array[] | null = null;
  if (opts.wantQ) {
    // Q₁ e_c = H₀ H₁ ⋯ H_{r−1} e_c
    Q = [];
    for (let c = 0; c < rank; c++) {
      const e = new Float64Array(n);
      e[c] = 1;
      for (let l = rank - 1; l >= 0; l--) applyReflector(A[kept[l]!]!, l, n, vtv[l]!, e);
      Q.push(e);
    }
  }
  return { coef, kept, dropped, rank, resid: res, rss, bread, rcondDiag, P, Q };
}

/** Rows per block of the blocked QR (the block of p+1 columns stays in the L1/L2 cache). */
const QR_BLOCK_ROWS = 512;

/**
 * Fast path of {@link qrLeastSquares} for tall, full-rank, well-conditioned problems: the triangular
 * factor of the augmented matrix [W^{1/2}XS⁻¹ | W^{1/2}y] is accumulated block by block of rows
 * (sequential TSQR: Householder QR of [R; Bₖ] for each block Bₖ, as LAPACK dtpqrt), so the data are
 * read once and never copied whole; then b = S⁻¹R⁻¹(Q'z)₁..ₚ, r = y − Xb, and (if wanted)
 * Q₁ = W^{1/2}XS⁻¹R⁻¹ by forward substitution. Returns null — and the caller runs the plain
 * Householder QR — when a column could be collinear or the design is ill-conditioned
 * (min|Rⱼⱼ|/max|Rⱼⱼ| < 1e-2, min|Rⱼⱼ| < 100·tol, or ‖R‖_F‖R⁻¹‖_F > 1e6), so the rank decisions
 * and the accuracy on hard problems are those of the plain QR.
 *
 * Reference: Demmel, Grigori, Hoemmen & Langou (2012) "Communication-optimal parallel and sequential
 * QR and LU factorizations", SIAM J. Sci. Comput. 34(1); Golub & Van Loan §5.2.
 *
 * @example
 * blockedLeastSquares([one, x], y, {}); // same coefficients as qrLeastSquares([one, x], y) to rounding
 */
function blockedLeastSquares(X: readonly Float64Array[], y: Float64Array, opts: QrOptions): QrFit | null {
  const n = y.length;
  const p = X.length;
  const w = opts.weights;
  const tol = opts.tol ?? 1e-7;
  if (p === 0 || p > 200 || n < 2 * p + 2 || (opts.refine ?? 0) > 0) return null;
  let sw: Float64Array | null = null;
  if (w) {
    if (w.length !== n) return null;
    sw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (!(wi > 0) || !Number.isFinite(wi)) return null; // the plain path reports the bad weight
      sw[i] = Math.sqrt(wi);
    }
  }
  const scale = new Float64Array(p);
  const invScale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const x = X[j]!;
    let ss = 0;
    if (sw) for (let i = 0; i < n; i++) ss += (x[i]! * sw[i]!) ** 2;
    else for (let i = 0; i < n; i++) ss += x[i]! * x[i]!;
    if (!(ss > 1e-250 && ss < 1e250)) return null;
    scale[j] = Math.sqrt(ss);
    invScale[j] = 1 / scale[j]!;
  }
  const m = p + 1;
  const NB = QR_BLOCK_ROWS;
  const Ra = new Float64Array(m * m);
  const B = new Float64Array(m * NB);
  for (let r0 = 0; r0 < n; r0 += NB) {
    const nb = Math.min(NB, n - r0);
    for (let j = 0; j < p; j++) {
      const x = X[j]!;
      const f = invScale[j]!;
      const off = j * NB;
      if (sw) for (let i = 0; i < nb; i++) B[off + i] = x[r0 + i]! * sw[r0 + i]! * f;
      else for (let i = 0; i < nb; i++) B[off + i] = x[r0 + i]! * f;
    }
    {
      const off = p * NB;
      if (sw) for (let i = 0; i < nb; i++) B[off + i] = y[r0 + i]! * sw[r0 + i]!;
      else for (let i = 0; i < nb; i++) B[off + i] = y[r0 + i]!;
    }
    triangleOnBlockQr(Ra, B, m, NB, nb);
  }
  // R (p×p), Q'z (first p entries of the last column)
  const R = new Float64Array(p * p);
  const qz = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let c = i; c < p; c++) R[i * p + c] = Ra[i * m + c]!;
    qz[i] = Ra[i * m + p]!;
  }
  const { Rinv, bread, P } = triangularProducts(R, p, scale);
  const { frobenius, rcondDiag, minDiag } = triangularCondition(R, Rinv, p);
  if (!(rcondDiag >= 1e-2) || !(minDiag >= 100 * tol) || !(frobenius <= 1e6)) return null;
  const bs = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = qz[i]!;
    for (let c = i + 1; c < p; c++) s -= R[i * p + c]! * bs[c]!;
    bs[i] = s / R[i * p + i]!;
  }
  const coef = new Float64Array(p);
  for (let c = 0; c < p; c++) coef[c] = bs[c]! * invScale[c]!;
  // one blocked pass over the rows: residuals r = y − Xb and (if wanted) Q₁ = A R⁻¹ by forward
  // substitution within the cached block: q_c = (a_c − Σ_{l<c} R_lc q_l) / R_cc
  const resid = new Float64Array(n);
  const Q: Float64Array[] | null = opts.wantQ ? Array.from({ length: p }, () => new Float64Array(n)) : null;
  const invDiag = new Float64Array(p);
  for (let c = 0; c < p; c++) invDiag[c] = 1 / R[c * p + c]!;
  for (let r0 = 0; r0 < n; r0 += NB) {
    const nb = Math.min(NB, n - r0);
    for (let i = 0; i < nb; i++) B[i] = y[r0 + i]!;
    for (let c = 0; c < p; c++) {
      const x = X[c]!;
      const b = coef[c]!;
      for (let i = 0; i < nb; i++) B[i] = B[i]! - b * x[r0 + i]!;
    }
    resid.set(B.subarray(0, nb), r0);
    if (!Q) continue;
    for (let c = 0; c < p; c++) {
      const x = X[c]!;
      const f = invScale[c]!;
      const off = c * NB;
      if (sw) for (let i = 0; i < nb; i++) B[off + i] = x[r0 + i]! * sw[r0 + i]! * f;
      else for (let i = 0; i < nb; i++) B[off + i] = x[r0 + i]! * f;
      for (let l = 0; l < c; l++) {
        const rl = R[l * p + c]!;
        if (rl === 0) continue;
        const offl = l * NB;
        for (let i = 0; i < nb; i++) B[off + i] = B[off + i]! - rl * B[offl + i]!;
      }
      const d = invDiag[c]!;
      const q = Q[c]!;
      for (let i = 0; i < nb; i++) {
        const v = B[off + i]! * d;
        B[off + i] = v;
        q[r0 + i] = v;
      }
    }
  }
  let rss = 0;
  if (w) for (let i = 0; i < n; i++) rss += w[i]! * resid[i]! * resid[i]!;
  else for (let i = 0; i < n; i++) rss += resid[i]! * resid[i]!;
  const kept = Array.from({ length: p }, (_, j) => j);
  return { coef, kept, dropped: [], rank: p, resid, rss, bread, rcondDiag, P, Q };
}

/**
 * Householder QR of the stacked matrix [R; B] in place: R (m×m upper triangular, row-major) on top
 * of a block B of nb rows (column-major, leading dimension ld); afterwards R is the triangular factor
 * of the stack and B is destroyed (LAPACK dtpqrt with a full lower block).
 */
function triangleOnBlockQr(R: Float64Array, B: Float64Array, m: number, ld: number, nb: number): void {
  for (let j = 0; j < m; j++) {
    const off = j * ld;
    let ss = 0;
    for (let i = 0; i < nb; i++) ss += B[off + i]! * B[off + i]!;
    if (ss === 0) continue;
    const rjj = R[j * m + j]!;
    const nrm = Math.sqrt(rjj * rjj + ss);
    const alpha = rjj >= 0 ? -nrm : nrm;
    const v0 = rjj - alpha;
    const vv = v0 * v0 + ss;
    for (let l = j + 1; l < m; l++) {
      const offl = l * ld;
      let s = v0 * R[j * m + l]!;
      for (let i = 0; i < nb; i++) s += B[off + i]! * B[offl + i]!;
      const f = (2 * s) / vv;
      if (f === 0) continue;
      R[j * m + l] = R[j * m + l]! - f * v0;
      for (let i = 0; i < nb; i++) B[offl + i] = B[offl + i]! - f * B[off + i]!;
    }
    R[j * m + j] = alpha;
  }
}


/** Euclidean norm of a[from..], with scaling against overflow/underflow (LAPACK dnrm2 style). */
function norm2(a: Float64Array, from: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < a.length; i++) {
    const v = a[i]!;
    if (v !== 0) {
      const av = Math.abs(v);
      if (scale < av) {
        ssq = 1 + ssq * (scale / av) * (scale / av);
        scale = av;
      } else {
        ssq += (av / scale) * (av / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/** c ← (I − 2vv'/(v'v)) c on rows [from, n), v stored in v[from..n). */
function applyReflector(v: Float64Array, from: number, n: number, vv: number, c: Float64Array): void {
  let s = 0;
  for (let i = from; i < n; i++) s += v[i]! * c[i]!;
  const f = (2 * s) / vv;
  if (f === 0) return;
  for (let i = from; i < n; i++) c[i] = c[i]! - f * v[i]!;
}

/**
 * Solve the linear system for several right-hand sides by QR (used for projections, e.g. the 2SLS
 * first stage): returns the fitted values X b for each column of Y, by the same QR as
 * {@link qrLeastSquares}.
 *
 * Formula: ŷ = X (X'WX)⁻¹ X'W y = y − r.  Reference: Golub & Van Loan §5.3.
 *
 * @example
 * const one = new Float64Array(3).fill(1);
 * projectOnto([one], [Float64Array.of(1, 2, 6)])[0]; // Float64Array [3, 3, 3]
 */
export function projectOnto(X: readonly Float64Array[], Y: readonly Float64Array[], opts: QrOptions = {}): Float64Array[] {
  return Y.map((y) => {
    const f = qrLeastSquares(X, y, opts);
    const out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = y[i]! - f.resid[i]!;
    return out;
  });
}
