/** Wooldridge's test for serial correlation in panel-data models (first-difference based). */
import type { FitResult } from "../estimate/types";
import { qrLeastSquares } from "../estimate/qr";
import { clusterMeat, sandwich, scoreColumns } from "../vcov/sandwich";
import { pfUpper } from "../dist";
import type { TestResult } from "./types";

/**
 * Wooldridge (2002, §10.4.1) test for serial correlation, from the residuals ê of a first-difference
 * regression (an "fd" fit, which must carry the panel codes):
 *
 *   pooled OLS  ê_it = δ + ρ ê_i,t−1 + v_it   (lag = the previous FD row of the same unit, by time),
 *   F = ((ρ̂ − ρ₀) / se(ρ̂))²  ~ F(1, N_aux − 2),  se from the cluster-robust CR0 variance by unit
 *   (no small-sample factor).
 *   h0 "fe" (default): ρ₀ = −0.5 — no serial correlation in the idiosyncratic errors of the model in
 *   levels (Stata `xtserial`'s null); h0 "fd": ρ₀ = 0 — no serial correlation in the differenced errors.
 *
 * Reference: Wooldridge (2002) Econometric Analysis of Cross Section and Panel Data §10.4.1; Drukker
 * (2003) Stata J. 3(2) (xtserial); R plm::pwfdtest(h0 = "fe" | "fd") — test/reference/diagnostics.json.
 *
 * @example
 * const fd = fit(d, "y ~ x1 + x2", { model: "fd", panel: { id: "id", time: "year" } });
 * wooldridgeSerialTest(fd).pValue;            // H0: no serial correlation in the level errors
 */
export function wooldridgeSerialTest(fd: FitResult, options: { h0?: "fe" | "fd" } = {}): TestResult {
  const h0 = options.h0 ?? "fe";
  const { panelId, panelTime, resid } = fd.internals;
  if (fd.model !== "fd") throw new Error(`Wooldridge serial-correlation test: needs a first-difference ("fd") fit, got "${fd.model}"`);
  if (!panelId || !panelTime) throw new Error("Wooldridge serial-correlation test: the fit has no panel codes (fit with options.panel)");
  return wooldridgeFromResiduals(resid, panelId, panelTime, h0);
}

/**
 * The same test from first-difference residuals with their unit codes and times (any row order).
 *
 * @example
 * wooldridgeFromResiduals(e, unitCodes, years, "fe").statistic;
 */
export function wooldridgeFromResiduals(e: Float64Array, id: ArrayLike<number>, time: ArrayLike<number>, h0: "fe" | "fd" = "fe"): TestResult {
  const n = e.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => id[a]! - id[b]! || time[a]! - time[b]!);
  const cur: number[] = [];
  const lag: number[] = [];
  const unit: number[] = [];
  for (let j = 1; j < n; j++) {
    const i = order[j]!;
    const p = order[j - 1]!;
    if (id[i] === id[p]) {
      cur.push(e[i]!);
      lag.push(e[p]!);
      unit.push(id[i]!);
    }
  }
  const m = cur.length;
  if (m < 3) throw new Error("Wooldridge serial-correlation test: fewer than 3 residual pairs (units need ≥ 2 differenced periods)");
  const X = [new Float64Array(m).fill(1), Float64Array.from(lag)];
  const y = Float64Array.from(cur);
  const qr = qrLeastSquares(X, y);
  if (qr.kept.length !== 2) throw new Error("Wooldridge serial-correlation test: the lagged residual is constant");
  const uMap = new Map<number, number>();
  const codes = Int32Array.from(unit, (u) => {
    let c = uMap.get(u);
    if (c === undefined) {
      c = uMap.size;
      uMap.set(u, c);
    }
    return c;
  });
  const S = scoreColumns(X, null, qr.resid);
  const V = sandwich(qr.bread, clusterMeat(S, codes, uMap.size), 1);
  const rho = qr.coef[1]!;
  const rho0 = h0 === "fe" ? -0.5 : 0;
  const F = ((rho - rho0) / Math.sqrt(V[3]!)) ** 2;
  const df2 = m - 2;
  return {
    test: "Wooldridge serial correlation (first differences)",
    h0: h0 === "fe" ? "no serial correlation in the idiosyncratic errors (levels)" : "no serial correlation in the differenced errors",
    statistic: F,
    distribution: "F",
    df: [1, df2],
    pValue: pfUpper(F, 1, df2),
    reference: `R plm::pwfdtest(h0 = '${h0}')`,
    notes: [`rho = ${rho}, H0 value ${rho0}, ${uMap.size} units, ${m} residual pairs`],
  };
}
