/**
 * Building blocks shared by the sandwich variance estimators: scores, clustered meats, B·M·B.
 * k×k matrices are row-major Float64Array(k*k); n-vectors are column-major Float64Array.
 */

import { isShared, PARALLEL_MIN_ROWS, sharedFloat64, startHelperClusterSums } from "../estimate/parallel";
import { clusterScoreSums } from "./clusterKernel";

/**
 * Score columns sⱼ(i) = xᵢⱼ · wᵢ · rᵢ · aᵢ (a = optional per-row factor, e.g. 1/(1−hᵢ) for HC3).
 *
 * Reference: Zeileis (2006) "Object-oriented computation of sandwich estimators", J. Stat. Softw. 16(9), `estfun`.
 *
 * @example
 * scoreColumns([Float64Array.of(1, 1)], null, Float64Array.of(0.5, -0.5))[0]; // [0.5, -0.5]
 */
export function scoreColumns(X: readonly Float64Array[], w: Float64Array | null, r: Float64Array, a?: Float64Array): Float64Array[] {
  const n = r.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = r[i]! * (w ? w[i]! : 1) * (a ? a[i]! : 1);
  return X.map((x) => {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = x[i]! * f[i]!;
    return s;
  });
}

/**
 * Meat M = Σ_g u_g u_g' with u_g = Σ_{i∈g} sᵢ (cluster sums of scores); with `groups` null every row
 * is its own cluster (M = Σ sᵢsᵢ').
 *
 * Reference: Arellano (1987); Liang & Zeger (1986); sandwich::meatCL.
 *
 * @example
 * clusterMeat([Float64Array.of(1, 2, 3)], Int32Array.of(0, 0, 1), 2); // Float64Array [18]  ((1+2)² + 3²)
 */
export function clusterMeat(S: readonly Float64Array[], groups: Int32Array | null, G: number): Float64Array {
  if (groups === null) return gram(S);
  const n = S.length ? S[0]!.length : 0;
  // U: G×k cluster sums, column-major per coefficient
  const U = S.map((s) => {
    const u = new Float64Array(G);
    for (let i = 0; i < n; i++) u[groups[i]!] += s[i]!;
    return u;
  });
  return gram(U);
}

/**
 * Clustered meat straight from a score basis, without materializing the score columns:
 * M = Σ_g u_g u_g', u_g = Σ_{i∈g} colsᵢ·fᵢ — the same numbers as
 * clusterMeat(scoreColumns(cols, null, f), groups, G) (same products, same summation order), with
 * one pass per column and no n×k temporary.
 *
 * Reference: Arellano (1987); sandwich::meatCL.
 *
 * @example
 * clusterScoreMeat([Float64Array.of(1, 1, 1)], Float64Array.of(1, 2, 3), Int32Array.of(0, 0, 1), 2); // [18]
 */
export function clusterScoreMeat(cols: readonly Float64Array[], f: Float64Array, groups: Int32Array, G: number): Float64Array {
  const n = f.length;
  const k = cols.length;
  // columns [h, k) on the helper thread when everything it reads is on shared memory (the same loop
  // on the same columns: the same numbers)
  const h = k > 4 && n >= PARALLEL_MIN_ROWS ? 4 * Math.ceil(k / 8) : k;
  const U = cols.map((_, c) => (c < h ? new Float64Array(G) : sharedFloat64(G)));
  const job = h < k && isShared(f) && isShared(groups) && cols.every(isShared) ? startHelperClusterSums(cols.slice(h), f, groups, U.slice(h)) : null;
  clusterScoreSums(cols.slice(0, h), f, groups, U.slice(0, h));
  if (h < k && !(job && job.wait())) {
    for (const u of U.slice(h)) u.fill(0);
    clusterScoreSums(cols.slice(h), f, groups, U.slice(h));
  }
  return gram(U);
}


/**
 * Sandwich c·L·M·L' (all k×k row-major). With L = B symmetric this is the textbook B·M·B.
 *
 * @example
 * sandwich(Float64Array.of(2), Float64Array.of(3), 1); // Float64Array [12]
 */
export function sandwich(L: Float64Array, M: Float64Array, c: number): Float64Array {
  const k = Math.round(Math.sqrt(L.length));
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += L[i * k + l]! * M[l * k + j]!;
      T[i * k + j] = s;
    }
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += T[i * k + l]! * L[j * k + l]!;
      V[i * k + j] = s * c;
      V[j * k + i] = s * c;
    }
  return V;
}

/**
 * The vectors a sandwich variance is built from: V = c · L (Σ_g u_g u_g') L', u_g = Σ_{i∈g} colsᵢ·fᵢ.
 * Two equivalent forms:
 *  - X form: cols = X, fᵢ = wᵢrᵢ, L = B = (X'WX)⁻¹ (textbook; Zeileis 2006);
 *  - Q form: cols = Q₁, fᵢ = √wᵢ rᵢ, L = P = S⁻¹R⁻¹ where W^{1/2}XS⁻¹ = Q₁R, because
 *    B xᵢwᵢrᵢ = P qᵢ √wᵢ rᵢ. The Q form sums orthonormal vectors and applies the triangular P last,
 *    so it keeps its accuracy on ill-conditioned designs (Longley: 1e-12 vs 1e-8 for B·M·B).
 * Leverage: X form hᵢ = wᵢ xᵢ'Bxᵢ, Q form hᵢ = ‖qᵢ‖².
 */
export interface ScoreBasis {
  readonly cols: readonly Float64Array[];
  readonly rowFactor: Float64Array;
  readonly L: Float64Array;
  readonly orthonormal: boolean;
}

/**
 * The score basis of a fit: Q form when the fit kept Q₁ and P, X form otherwise.
 *
 * @example
 * const b = scoreBasis(result.internals);
 * sandwich(b.L, clusterMeat(scoreColumns(b.cols, null, b.rowFactor), null, n), 1); // HC0
 */
export function scoreBasis(internals: {
  readonly X: readonly Float64Array[];
  readonly w: Float64Array | null;
  readonly resid: Float64Array;
  readonly bread: Float64Array;
  readonly Q?: readonly Float64Array[] | null;
  readonly P?: Float64Array | null;
}): ScoreBasis {
  const { w, resid } = internals;
  const n = resid.length;
  // unweighted: the residuals themselves (the row factor is only read)
  const f = w ? new Float64Array(n) : resid;
  if (internals.Q && internals.P && internals.Q.length === internals.X.length) {
    if (w) for (let i = 0; i < n; i++) f[i] = resid[i]! * Math.sqrt(w[i]!);
    return { cols: internals.Q, rowFactor: f, L: internals.P, orthonormal: true };
  }
  if (w) for (let i = 0; i < n; i++) f[i] = resid[i]! * w[i]!;
  return { cols: internals.X, rowFactor: f, L: internals.bread, orthonormal: false };
}

/**
 * Leverages hᵢ of the fit from a score basis (see {@link ScoreBasis}).
 *
 * @example
 * basisLeverages(scoreBasis(result.internals), result.internals.w); // Float64Array of hᵢ
 */
export function basisLeverages(b: ScoreBasis, w: Float64Array | null): Float64Array {
  if (!b.orthonormal) return leverages(b.cols, w, b.L);
  const n = b.rowFactor.length;
  const h = new Float64Array(n);
  for (const q of b.cols) for (let i = 0; i < n; i++) h[i] += q[i]! * q[i]!;
  return h;
}

/**
 * Eigen-decomposition of a symmetric k×k matrix by cyclic Jacobi rotations:  A = Q diag(λ) Q'.
 *
 * Reference: Golub & Van Loan, Matrix Computations, §8.5 (cyclic Jacobi).
 *
 * @example
 * symmetricEigen(Float64Array.of(2, 1, 1, 2)).values; // [1, 3] (in some order)
 */
export function symmetricEigen(A: Float64Array): { values: Float64Array; vectors: Float64Array } {
  const k = Math.round(Math.sqrt(A.length));
  const a = Float64Array.from(A);
  const q = new Float64Array(k * k);
  for (let i = 0; i < k; i++) q[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += a[i * k + j]! ** 2;
    if (off < 1e-30 * (1 + a.reduce((s, v) => s + v * v, 0))) break;
    for (let p = 0; p < k; p++)
      for (let r = p + 1; r < k; r++) {
        const apr = a[p * k + r]!;
        if (apr === 0) continue;
        const theta = (a[r * k + r]! - a[p * k + p]!) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let l = 0; l < k; l++) {
          const alp = a[l * k + p]!;
          const alr = a[l * k + r]!;
          a[l * k + p] = c * alp - s * alr;
          a[l * k + r] = s * alp + c * alr;
        }
        for (let l = 0; l < k; l++) {
          const apl = a[p * k + l]!;
          const arl = a[r * k + l]!;
          a[p * k + l] = c * apl - s * arl;
          a[r * k + l] = s * apl + c * arl;
        }
        for (let l = 0; l < k; l++) {
          const qlp = q[l * k + p]!;
          const qlr = q[l * k + r]!;
          q[l * k + p] = c * qlp - s * qlr;
          q[l * k + r] = s * qlp + c * qlr;
        }
      }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i]!;
  return { values, vectors: q };
}

/**
 * Nearest positive-semidefinite version of a symmetric matrix by zeroing negative eigenvalues:
 * V⁺ = Q diag(max(λ, 0)) Q' (Cameron, Gelbach & Miller 2011, §2.3, for two-way clustering).
 *
 * @example
 * psdProjection(Float64Array.of(1, 2, 2, 1)); // eigenvalues 3 and −1 → Q diag(3, 0) Q' = [1.5, 1.5, 1.5, 1.5]
 */
export function psdProjection(V: Float64Array): { V: Float64Array; negatives: number } {
  const k = Math.round(Math.sqrt(V.length));
  const { values, vectors } = symmetricEigen(V);
  let negatives = 0;
  const out = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    const l = values[e]!;
    if (l < 0) {
      negatives++;
      continue;
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] += l * vectors[i * k + e]! * vectors[j * k + e]!;
  }
  return { V: out, negatives };
}

/**
 * Leverages hᵢ = wᵢ xᵢ' B xᵢ of the (weighted) least-squares fit, B = (X'WX)⁻¹.
 *
 * Reference: MacKinnon & White (1985); sandwich::vcovHC (hatvalues).
 *
 * @example
 * const one = new Float64Array(4).fill(1);
 * leverages([one], null, Float64Array.of(0.25)); // [0.25, 0.25, 0.25, 0.25]
 */
export function leverages(X: readonly Float64Array[], w: Float64Array | null, B: Float64Array): Float64Array {
  const k = X.length;
  const n = k ? X[0]!.length : 0;
  const h = new Float64Array(n);
  for (let a = 0; a < k; a++) {
    const xa = X[a]!;
    for (let b = 0; b < k; b++) {
      const bab = B[a * k + b]!;
      if (bab === 0) continue;
      const xb = X[b]!;
      for (let i = 0; i < n; i++) h[i] += xa[i]! * bab * xb[i]!;
    }
  }
  if (w) for (let i = 0; i < n; i++) h[i] = h[i]! * w[i]!;
  return h;
}

/**
 * Gram matrix of columns: M[a,b] = Σ_i c_a[i]·c_b[i] (k×k, row-major, symmetric), each entry summed in
 * index order. The cluster meat is the Gram matrix of the cluster-summed scores.
 *
 * Reference: Golub & Van Loan (2013) §1.1 (inner products).
 *
 * @example
 * gram([Float64Array.of(1, 2), Float64Array.of(3, 4)]); // Float64Array [5, 11, 11, 25]
 */
export function gram(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const n = k ? cols[0]!.length : 0;
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const ca = cols[a]!;
    for (let b = a; b < k; b++) {
      const cb = cols[b]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += ca[i]! * cb[i]!;
      M[a * k + b] = s;
      M[b * k + a] = s;
    }
  }
  return M;
}
