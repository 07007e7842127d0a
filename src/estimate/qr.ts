/**
 * Weighted least squares by Householder QR with column scaling and R-style limited pivoting.
 *
 * Never forms X'X: the coefficients solve R b = Q'y and the bread (X'WX)⁻¹ = R⁻¹R⁻ᵀ comes from the
 * triangular factor.
 */

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
  // Rinv (upper triangular), then bread = S^-1 Rinv Rinv' S^-1
  const Rinv = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    Rinv[c * rank + c] = 1 / R[c * rank + c]!;
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let l = i + 1; l <= c; l++) s += R[i * rank + l]! * Rinv[l * rank + c]!;
      Rinv[i * rank + c] = -s / R[i * rank + i]!;
    }
  }
  const bread = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let l = i; l < rank; l++) {
      let s = 0;
      for (let c = l; c < rank; c++) s += Rinv[i * rank + c]! * Rinv[l * rank + c]!;
      const v = s / (scale[kept[i]!]! * scale[kept[l]!]!);
      bread[i * rank + l] = v;
      bread[l * rank + i] = v;
    }
  }
  const P = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let c = i; c < rank; c++) P[i * rank + c] = Rinv[i * rank + c]! / scale[kept[i]!]!;
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

const SPLIT = 134217729; // 2^27 + 1 (Dekker)

/** Rounding error of the product a·b whose rounded value is p: a·b = p + err exactly (Dekker 1971). */
function twoProductErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
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
