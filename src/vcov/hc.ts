/** Heteroskedasticity-consistent variances HC0–HC3 (White 1980; MacKinnon & White 1985). */
import { type ScoreBasis, basisLeverages, clusterMeat, sandwich, scoreColumns } from "./sandwich";

export type HcType = "hc0" | "hc1" | "hc2" | "hc3";

/**
 * V = B (Σ ωᵢ sᵢsᵢ') B with sᵢ = xᵢwᵢrᵢ, B = (X'WX)⁻¹ and
 * HC0: ωᵢ = 1;  HC1: ωᵢ = N/(N−K);  HC2: ωᵢ = 1/(1−hᵢ);  HC3: ωᵢ = 1/(1−hᵢ)², hᵢ = wᵢxᵢ'Bxᵢ.
 * K = number of parameters (coefficients + absorbed FE df, see docs/standard-errors.md).
 * With absorbed FE, hᵢ is the leverage in the demeaned design (as plm vcovHC on a within model).
 *
 * Computed from a {@link ScoreBasis} (X form or the stable Q form).
 *
 * Reference: sandwich::vcovHC (Zeileis 2004, J. Stat. Softw. 11(10)); MacKinnon & White (1985).
 *
 * @example
 * // one regressor x = (1, 1), r = (1, −1): B = 1/2, meat = 2 → HC0 = 1/2
 * const basis = { cols: [Float64Array.of(1, 1)], rowFactor: Float64Array.of(1, -1), L: Float64Array.of(0.5), orthonormal: false };
 * vcovHC("hc0", basis, null, 1); // [0.5]
 */
export function vcovHC(type: HcType, basis: ScoreBasis, w: Float64Array | null, K: number): Float64Array {
  const r = basis.rowFactor;
  const n = r.length;
  let a: Float64Array | undefined;
  if (type === "hc2" || type === "hc3") {
    const h = basisLeverages(basis, w);
    a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const one = 1 - h[i]!;
      if (!(one > 1e-12)) throw new Error(`${type.toUpperCase()}: observation ${i + 1} has leverage 1 (its residual is fitted exactly); use hc0/hc1`);
      a[i] = type === "hc2" ? 1 / Math.sqrt(one) : 1 / one;
    }
  }
  const S = scoreColumns(basis.cols, null, r, a);
  const M = clusterMeat(S, null, n);
  const c = type === "hc1" ? n / (n - K) : 1;
  return sandwich(basis.L, M, c);
}
