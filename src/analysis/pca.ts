/**
 * Principal components of a block of collinear factor measures (used for the clearly labelled
 * "digital index" alternative of the baseline: the first principal component of the standardised
 * digital-infrastructure measures).
 *
 * Method: on the rows where every column is finite, standardise each column
 * z_ij = (x_ij − x̄_j)/s_j (s_j with n − 1), form the correlation matrix R = Z'Z/(n − 1), and take
 * its eigen-decomposition R = V Λ V' (ml-matrix EigenvalueDecomposition, symmetric case),
 * eigenvalues sorted in decreasing order. Loadings of component k are the k-th eigenvector, signed
 * so that their sum is positive (a higher index means more of every measure when all load
 * positively); scores are Z v_k. The share of variance is λ_k / Σλ = λ_k / p.
 * Reference: Jolliffe (2002), Principal Component Analysis, §2; R `prcomp(x, scale. = TRUE)`
 * (identical up to the sign of each component).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

export interface PcaResult {
  readonly names: readonly string[];
  /** Eigenvalues of the correlation matrix, decreasing. */
  readonly eigenvalues: readonly number[];
  /** Share of total variance of each component (λ_k / p). */
  readonly varianceShare: readonly number[];
  /** loadings[k][j]: loading of column j on component k. */
  readonly loadings: readonly (readonly number[])[];
  /** Scores of the first component, one per input row (NaN where an input is missing). */
  readonly firstScores: Float64Array;
  /** Number of complete rows used. */
  readonly n: number;
  /** Column means and standard deviations used to standardise. */
  readonly means: readonly number[];
  readonly sds: readonly number[];
}

/**
 * Principal components of standardised columns (correlation-matrix PCA).
 * @throws Error when fewer than 2 complete rows remain or a column is constant (named)
 * @example
 * const r = principalComponents([a, b, c], ["internet", "broadband", "mobile"]);
 * r.varianceShare[0]; // share of the first component, e.g. 0.8
 */
export function principalComponents(columns: readonly Float64Array[], names: readonly string[]): PcaResult {
  const p = columns.length;
  if (p === 0 || names.length !== p) throw new Error(`principalComponents: ${p} columns but ${names.length} names`);
  const nrow = columns[0]!.length;
  const rows: number[] = [];
  for (let i = 0; i < nrow; i++) if (columns.every((c) => Number.isFinite(c[i]!))) rows.push(i);
  const n = rows.length;
  if (n < 2) throw new Error(`principalComponents: only ${n} complete rows in ${names.join(", ")}`);
  const means: number[] = [];
  const sds: number[] = [];
  const Z = columns.map((c, j) => {
    let m = 0;
    for (const i of rows) m += c[i]!;
    m /= n;
    let ss = 0;
    for (const i of rows) ss += (c[i]! - m) ** 2;
    const s = Math.sqrt(ss / (n - 1));
    if (!(s > 0)) throw new Error(`principalComponents: column '${names[j]}' is constant on the complete rows`);
    means.push(m);
    sds.push(s);
    return Float64Array.from(rows, (i) => (c[i]! - m) / s);
  });
  const R = Matrix.zeros(p, p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      const za = Z[a]!;
      const zb = Z[b]!;
      for (let i = 0; i < n; i++) s += za[i]! * zb[i]!;
      R.set(a, b, s / (n - 1));
      R.set(b, a, s / (n - 1));
    }
  }
  const evd = new EigenvalueDecomposition(R, { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = vals.map((_, k) => k).sort((x, y) => vals[y]! - vals[x]!);
  const eigenvalues = order.map((k) => vals[k]!);
  const total = eigenvalues.reduce((s, v) => s + v, 0);
  const loadings = order.map((k) => {
    const v = Array.from({ length: p }, (_, j) => V.get(j, k));
    const sum = v.reduce((s, x) => s + x, 0);
    return sum < 0 ? v.map((x) => -x) : v;
  });
  const first = loadings[0]!;
  const firstScores = new Float64Array(nrow).fill(NaN);
  rows.forEach((i, r) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += Z[j]![r]! * first[j]!;
    firstScores[i] = s;
  });
  return Object.freeze({
    names: [...names],
    eigenvalues,
    varianceShare: eigenvalues.map((v) => v / total),
    loadings,
    firstScores,
    n,
    means,
    sds,
  });
}
