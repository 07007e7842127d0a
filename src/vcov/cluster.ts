/** Cluster-robust variances, one-way and multiway (Cameron, Gelbach & Miller 2011). */
import type { Ssc } from "../estimate/types";
import { type ScoreBasis, clusterScoreMeat, psdProjection, sandwich } from "./sandwich";

export interface ClusterDim {
  readonly name: string;
  /** Cluster code per row, 0..G−1. */
  readonly codes: Int32Array;
  readonly G: number;
}

export interface ClusterVcov {
  readonly V: Float64Array;
  /** Clusters per dimension. */
  readonly G: readonly number[];
  /** G used in the min rule (min over dimensions). */
  readonly Gmin: number;
  readonly notes: readonly string[];
}

/** Intersection codes of several cluster dimensions (for the −V₁₂ term). */
function intersect(dims: readonly ClusterDim[]): { codes: Int32Array; G: number } {
  const n = dims[0]!.codes.length;
  const map = new Map<number, number>();
  const out = new Int32Array(n);
  const g2 = dims[1]!.G;
  for (let i = 0; i < n; i++) {
    const key = dims[0]!.codes[i]! * g2 + dims[1]!.codes[i]!;
    let c = map.get(key);
    if (c === undefined) {
      c = map.size;
      map.set(key, c);
    }
    out[i] = c;
  }
  return { codes: out, G: map.size };
}

/**
 * One-way:  V = c · B (Σ_g u_g u_g') B,  u_g = Σ_{i∈g} xᵢwᵢrᵢ,
 *   c = [G/(G−1) if ssc.clusterAdj] · [(N−1)/(N−K) if ssc.adj].
 * Two-way (CGM 2011):  V = V₁ + V₂ − V₁₂ (V₁₂ clustered on the intersection); with
 *   ssc.clusterDf = "min" every term uses G = min(G₁, G₂) (Stata reghdfe, fixest), with
 *   "conventional" each term uses its own G_j/(G_j−1). If the result is not positive semidefinite and
 *   `psdFix` is set, negative eigenvalues are set to zero (CGM 2011 §2.3); otherwise a note is added.
 * K is passed in (computed by the caller from the ssc rule, see docs/standard-errors.md).
 *
 * Reference: Cameron, Gelbach & Miller (2011) JBES 29(2); Stata [R] regress / reghdfe; fixest vcov.
 *
 * @example
 * const d = { name: "g", codes: Int32Array.of(0, 0, 1, 1), G: 2 };
 * const basis = { cols: [Float64Array.of(1, 1, 1, 1)], rowFactor: Float64Array.of(1, 1, -1, -1), L: Float64Array.of(0.25), orthonormal: false };
 * vcovCluster(basis, [d], 1, SSC_PRESETS.none).V; // [0.5]
 */
export function vcovCluster(
  basis: ScoreBasis,
  dims: readonly ClusterDim[],
  K: number,
  ssc: Ssc,
  psdFix = false,
): ClusterVcov {
  const n = basis.rowFactor.length;
  const bread = basis.L;
  if (dims.length < 1 || dims.length > 2) throw new Error(`cluster: give one or two cluster variables (got ${dims.length})`);
  for (const d of dims) {
    if (d.G < 2) throw new Error(`cluster variable '${d.name}' has ${d.G} cluster in the estimation sample; at least 2 are needed`);
  }
  const Gs = dims.map((d) => d.G);
  const Gmin = Math.min(...Gs);
  const adj = ssc.adj ? (n - 1) / (n - K) : 1;
  const gAdj = (G: number): number => (ssc.clusterAdj ? G / (G - 1) : 1);
  const notes: string[] = [];
  if (dims.length === 1) {
    const d = dims[0]!;
    const V = sandwich(bread, clusterScoreMeat(basis.cols, basis.rowFactor, d.codes, d.G), adj * gAdj(d.G));
    return { V, G: Gs, Gmin, notes };
  }
  const inter = intersect(dims);
  const k = basis.cols.length;
  const V = new Float64Array(k * k);
  const terms: { codes: Int32Array; G: number; sign: number }[] = [
    { codes: dims[0]!.codes, G: dims[0]!.G, sign: 1 },
    { codes: dims[1]!.codes, G: dims[1]!.G, sign: 1 },
    { codes: inter.codes, G: inter.G, sign: -1 },
  ];
  for (const t of terms) {
    const Gt = ssc.clusterDf === "min" ? Gmin : t.G;
    const c = t.G >= 2 || !ssc.clusterAdj ? gAdj(Gt) : 1;
    const Vt = sandwich(bread, clusterScoreMeat(basis.cols, basis.rowFactor, t.codes, t.G), adj * c);
    for (let i = 0; i < V.length; i++) V[i] += t.sign * Vt[i]!;
  }
  const { V: Vpsd, negatives } = psdProjection(V);
  if (negatives > 0) {
    if (psdFix) {
      notes.push(`two-way cluster variance had ${negatives} negative eigenvalue(s); set to zero (Cameron–Gelbach–Miller 2011)`);
      return { V: Vpsd, G: Gs, Gmin, notes };
    }
    notes.push(`two-way cluster variance is not positive semidefinite (${negatives} negative eigenvalue(s)); use { cluster: [...], psdFix: true } to fix`);
  }
  return { V, G: Gs, Gmin, notes };
}
