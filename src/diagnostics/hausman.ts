/** Hausman (1978) test of fixed versus random effects. */
import type { FitResult } from "../estimate/types";
import { pchisqUpper } from "../dist";
import { isIntercept, quadFormInv } from "./linalg";
import type { TestResult } from "./types";

/**
 * Hausman test, H0: the random-effects estimator is consistent (individual effects uncorrelated with
 * the regressors).
 *
 *   H = d' (V_FE − V_RE)⁻¹ d,  d = b_FE − b_RE over the coefficients common to both fits (intercept
 *   excluded),  H ~ χ²(q) under H0;  |H| is reported, as plm.
 *
 * The variances are the fits' current ones (`vcov`; use iid fits for the classical test — with a
 * robust variance the difference need not be positive definite). The difference matrix is solved by LU
 * (not assumed positive definite), as plm::phtest.
 *
 * Reference: Hausman (1978) Econometrica 46(6); R plm::phtest(fe, re) — test/reference/diagnostics.json.
 *
 * @example
 * const fe = fit(d, "y ~ x1 + x2", { model: "fe", panel: { id: "id", time: "year" } });
 * const re = fit(d, "y ~ x1 + x2", { model: "re", panel: { id: "id", time: "year" } });
 * hausmanTest(fe, re).pValue;
 */
export function hausmanTest(fe: FitResult, re: FitResult): TestResult {
  const common = re.coefNames.filter((n) => !isIntercept(n) && fe.coefNames.includes(n));
  if (common.length === 0) throw new Error("Hausman test: the two models have no common slope coefficient");
  const iF = common.map((n) => fe.coefNames.indexOf(n));
  const iR = common.map((n) => re.coefNames.indexOf(n));
  const d = common.map((_, a) => fe.coef[iF[a]!]! - re.coef[iR[a]!]!);
  const V = common.map((_, a) => common.map((__, b) => fe.vcov[iF[a]!]![iF[b]!]! - re.vcov[iR[a]!]![iR[b]!]!));
  const stat = Math.abs(quadFormInv(V, d));
  const q = common.length;
  return {
    test: "Hausman",
    h0: "random effects are consistent (effects uncorrelated with the regressors)",
    statistic: stat,
    distribution: "chisq",
    df: [q],
    pValue: pchisqUpper(stat, q),
    reference: "R plm::phtest",
    notes: [`compared coefficients: ${common.join(", ")}`, `variances: ${fe.vcovType} (FE), ${re.vcovType} (RE)`],
  };
}
