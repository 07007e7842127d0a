/** Driscoll–Kraay (1998) variance: robust to heteroskedasticity, serial and cross-sectional correlation. */
import { type ScoreBasis, sandwich, scoreColumns } from "./sandwich";

/**
 * Default bandwidth of Stata's xtscc (Hoechle 2007): floor(4 (T/100)^(2/9)).
 * (R plm::vcovSCC defaults to floor(T^(1/4)) instead; pass the lag explicitly to compare.)
 *
 * @example
 * dkDefaultLag(10); // 2
 */
export function dkDefaultLag(T: number): number {
  return Math.floor(4 * Math.pow(T / 100, 2 / 9));
}

/**
 * V = B S_T B with h_t = Σ_{i: tᵢ = t} xᵢwᵢrᵢ (scores summed over the cross-section of period t) and
 * Newey–West/Bartlett weights over the ordered distinct periods:
 *   S_T = Σ_t h_t h_t' + Σ_{l=1}^{L} (1 − l/(L+1)) Σ_{t>l} (h_t h_{t−l}' + h_{t−l} h_t').
 * No small-sample factor (as plm::vcovSCC type "HC0").
 *
 * Reference: Driscoll & Kraay (1998) REStat 80(4); Hoechle (2007) Stata Journal 7(3) xtscc;
 * Millo (2017) J. Stat. Softw. 82(3) plm::vcovSCC.
 *
 * @example
 * // lag 0 reduces to clustering by period without adjustment
 * const basis = { cols: [Float64Array.of(1, 1)], rowFactor: Float64Array.of(1, -1), L: Float64Array.of(0.5), orthonormal: false };
 * vcovDriscollKraay(basis, Float64Array.of(1, 2), 0).V; // [0.5]
 */
export function vcovDriscollKraay(
  basis: ScoreBasis,
  time: Float64Array,
  lag?: number,
): { V: Float64Array; lag: number; T: number } {
  const n = basis.rowFactor.length;
  const k = basis.cols.length;
  const periods = [...new Set(Array.from(time))].sort((a, b) => a - b);
  if (periods.some((t) => Number.isNaN(t))) throw new Error("Driscoll–Kraay: the time variable has missing values in the estimation sample");
  const T = periods.length;
  const pos = new Map<number, number>();
  periods.forEach((t, j) => pos.set(t, j));
  const L = lag ?? dkDefaultLag(T);
  if (!Number.isInteger(L) || L < 0) throw new Error(`Driscoll–Kraay: lag must be a non-negative integer (got ${L})`);
  const S = scoreColumns(basis.cols, null, basis.rowFactor);
  // H: T×k, row-major
  const H = new Float64Array(T * k);
  for (let a = 0; a < k; a++) {
    const s = S[a]!;
    for (let i = 0; i < n; i++) H[pos.get(time[i]!)! * k + a] += s[i]!;
  }
  const M = new Float64Array(k * k);
  for (let l = 0; l <= Math.min(L, T - 1); l++) {
    const wl = l === 0 ? 1 : 1 - l / (L + 1);
    for (let t = l; t < T; t++) {
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const v = H[t * k + a]! * H[(t - l) * k + b]!;
          M[a * k + b] += wl * v;
          if (l > 0) M[b * k + a] += wl * v;
        }
    }
  }
  return { V: sandwich(basis.L, M, 1), lag: L, T };
}
