/** Pesaran (2004) CD test for cross-sectional dependence. */
import type { FitResult } from "../estimate/types";
import { pnorm } from "../dist";
import type { TestResult } from "./types";

/**
 * Pesaran CD test, H0: no cross-sectional dependence of the residuals e_it:
 *
 *   CD = sqrt(1/P) Σ_{i<j} sqrt(T_ij) ρ̂_ij  ~ N(0, 1),
 *
 * ρ̂_ij = the Pearson correlation of e_i and e_j over their T_ij common periods (each series centred
 * over those periods, as R cor(use = "pairwise.complete.obs")), summed over the P pairs with T_ij > 1
 * (pairs with ≤ 1 common period are left out and counted in `notes`). Two-sided p-value. Works for
 * unbalanced panels. Uses the residuals of any fit that carries the panel codes (pooled OLS: raw
 * residuals; FE: within residuals).
 *
 * Reference: Pesaran (2004, 2015 Econometric Reviews 34); R plm::pcdtest(model, test = "cd") —
 * test/reference/diagnostics.json.
 *
 * @example
 * pesaranCD(fit(d, "y ~ x | id", { panel: { id: "id", time: "year" } })).statistic;
 */
export function pesaranCD(fit: FitResult): TestResult {
  const { panelId, panelTime, resid } = fit.internals;
  if (!panelId || !panelTime) throw new Error("Pesaran CD test: the fit has no panel codes (fit with options.panel)");
  const n = resid.length;
  const idMap = new Map<number, number>();
  const tMap = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!idMap.has(panelId[i]!)) idMap.set(panelId[i]!, idMap.size);
    if (!tMap.has(panelTime[i]!)) tMap.set(panelTime[i]!, tMap.size);
  }
  const N = idMap.size;
  const T = tMap.size;
  // wide N×T matrix, NaN = absent
  const E = new Float64Array(N * T).fill(NaN);
  for (let i = 0; i < n; i++) E[idMap.get(panelId[i]!)! * T + tMap.get(panelTime[i]!)!] = resid[i]!;
  let sum = 0;
  let pairs = 0;
  let skipped = 0;
  for (let a = 1; a < N; a++) {
    for (let b = 0; b < a; b++) {
      let c = 0;
      let ma = 0;
      let mb = 0;
      for (let t = 0; t < T; t++) {
        const x = E[a * T + t]!;
        const y = E[b * T + t]!;
        if (!Number.isNaN(x) && !Number.isNaN(y)) {
          c++;
          ma += x;
          mb += y;
        }
      }
      if (c <= 1) {
        skipped++;
        continue;
      }
      ma /= c;
      mb /= c;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let t = 0; t < T; t++) {
        const x = E[a * T + t]!;
        const y = E[b * T + t]!;
        if (!Number.isNaN(x) && !Number.isNaN(y)) {
          sxy += (x - ma) * (y - mb);
          sxx += (x - ma) ** 2;
          syy += (y - mb) ** 2;
        }
      }
      sum += Math.sqrt(c) * (sxy / Math.sqrt(sxx * syy));
      pairs++;
    }
  }
  if (pairs === 0) throw new Error("Pesaran CD test: no pair of units shares more than one period");
  const cd = Math.sqrt(1 / pairs) * sum;
  return {
    test: "Pesaran CD",
    h0: "no cross-sectional dependence",
    statistic: cd,
    distribution: "normal",
    df: [],
    pValue: 2 * pnorm(-Math.abs(cd)),
    reference: "R plm::pcdtest(test = 'cd')",
    notes: [`${N} units, ${pairs} pairs`, ...(skipped ? [`${skipped} pair(s) with ≤ 1 common period left out`] : [])],
  };
}
