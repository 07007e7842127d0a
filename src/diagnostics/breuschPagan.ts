/** Breusch–Pagan (1980) Lagrange multiplier test for random effects. */
import type { FitResult } from "../estimate/types";
import { pchisqUpper } from "../dist";
import type { TestResult } from "./types";

function codesOf(v: ArrayLike<number>): { codes: Int32Array; G: number } {
  const map = new Map<number, number>();
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    let c = map.get(v[i]!);
    if (c === undefined) {
      c = map.size;
      map.set(v[i]!, c);
    }
    codes[i] = c;
  }
  return { codes, G: map.size };
}

/** LM_j = N / sqrt(2 (Σ_g n_g² − N)) · (Σ_g (Σ_{i∈g} e_i)² / Σ e² − 1) for the grouping `codes`. */
function lmComponent(e: Float64Array, codes: Int32Array, G: number): number {
  const N = e.length;
  const sums = new Float64Array(G);
  const counts = new Float64Array(G);
  let ee = 0;
  for (let i = 0; i < N; i++) {
    sums[codes[i]!] += e[i]!;
    counts[codes[i]!] += 1;
    ee += e[i]! * e[i]!;
  }
  let s2 = 0;
  let m = 0;
  for (let g = 0; g < G; g++) {
    s2 += sums[g]! * sums[g]!;
    m += counts[g]! * counts[g]!;
  }
  return (N / Math.sqrt(2 * (m - N))) * (s2 / ee - 1);
}

/**
 * Breusch–Pagan LM test for random effects, H0: σ²_u = 0 (no individual / time effects), from the
 * residuals e of the pooled OLS fit (fitted with `panel` so the panel codes are known):
 *
 *   LM₁ = N / sqrt(2 (Σ_i T_i² − N)) · (Σ_i (Σ_t e_it)² / Σ e² − 1)   (individual; unbalanced form)
 *   LM₂ = the same over time periods (N_t instead of T_i)
 *   effect "individual": LM₁² ~ χ²(1); "time": LM₂² ~ χ²(1); "twoways": LM₁² + LM₂² ~ χ²(2).
 *
 * Reference: Breusch & Pagan (1980) RES 47(1); Baltagi (2021) §4.2; R plm::plmtest(pooling,
 * type = "bp") — test/reference/diagnostics.json.
 *
 * @example
 * const pooled = fit(d, "y ~ x", { panel: { id: "id", time: "year" } });
 * breuschPaganLM(pooled).pValue;
 */
export function breuschPaganLM(pooled: FitResult, options: { effect?: "individual" | "time" | "twoways" } = {}): TestResult {
  const effect = options.effect ?? "individual";
  const { panelId, panelTime, resid } = pooled.internals;
  if (!panelId || !panelTime) throw new Error("Breusch–Pagan LM test: the pooled fit needs the panel structure (fit with options.panel / --panel ID,TIME)");
  if (pooled.internals.fixedEffects.length > 0) throw new Error("Breusch–Pagan LM test: give the pooled OLS fit (no absorbed fixed effects)");
  const id = codesOf(panelId);
  const tm = codesOf(panelTime);
  const lm1 = lmComponent(resid, id.codes, id.G);
  const lm2 = lmComponent(resid, tm.codes, tm.G);
  const stat = effect === "individual" ? lm1 * lm1 : effect === "time" ? lm2 * lm2 : lm1 * lm1 + lm2 * lm2;
  const df = effect === "twoways" ? 2 : 1;
  return {
    test: "Breusch-Pagan LM",
    h0: `no ${effect === "twoways" ? "individual or time" : effect} effects (variance component zero)`,
    statistic: stat,
    distribution: "chisq",
    df: [df],
    pValue: pchisqUpper(stat, df),
    reference: "R plm::plmtest(type = 'bp')",
    notes: [],
  };
}
