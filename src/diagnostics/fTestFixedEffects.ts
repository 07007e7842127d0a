/** F test that all fixed effects are zero (FE model against pooled OLS). */
import type { FitResult } from "../estimate/types";
import { pfUpper } from "../dist";
import type { TestResult } from "./types";

/**
 * F test, H0: all fixed effects are zero (the pooled OLS model is adequate):
 *
 *   F = ((RSS_pooled − RSS_FE) / (df_pooled − df_FE)) / (RSS_FE / df_FE)  ~ F(df_pooled − df_FE, df_FE)
 *
 * with df = residual degrees of freedom (N − K, K counting the absorbed FE). Both fits must use the
 * same sample (checked through N).
 *
 * Reference: Baltagi (2021) §2.3 (Chow-type F test); R plm::pFtest(within, pooling);
 * Stata xtreg, fe ("F test that all u_i=0") — test/reference/diagnostics.json.
 *
 * @example
 * fTestFixedEffects(fit(d, "y ~ x | id"), fit(d, "y ~ x")).pValue;
 */
export function fTestFixedEffects(fe: FitResult, pooled: FitResult): TestResult {
  if (fe.nobs !== pooled.nobs) throw new Error(`F test of fixed effects: the fits have different samples (N = ${fe.nobs} and ${pooled.nobs})`);
  const df1 = pooled.dfResid - fe.dfResid;
  const df2 = fe.dfResid;
  if (!(df1 > 0)) throw new Error("F test of fixed effects: the FE model must have fewer residual degrees of freedom than the pooled model");
  const stat = ((pooled.rss - fe.rss) / df1) / (fe.rss / df2);
  return {
    test: "F test of fixed effects",
    h0: "all fixed effects are zero",
    statistic: stat,
    distribution: "F",
    df: [df1, df2],
    pValue: pfUpper(stat, df1, df2),
    reference: "R plm::pFtest",
    notes: [],
  };
}
