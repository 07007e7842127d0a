/** Diagnostics of 2SLS fits: first-stage F, Sargan over-identification test, Wu–Hausman test. */
import type { FitResult, VcovSpec } from "../estimate/types";
import { qrLeastSquares } from "../estimate/qr";
import { pchisqUpper, pfUpper } from "../dist";
import { indexOfNames } from "./linalg";
import type { TestResult } from "./types";
import { waldTest } from "./wald";

function requireIv(iv: FitResult, what: string): readonly FitResult[] {
  if (iv.model !== "iv" || !iv.firstStage || iv.firstStage.length === 0) throw new Error(`${what}: needs a 2SLS ("iv") fit with its first stages`);
  return iv.firstStage;
}

/**
 * First-stage F statistic of the excluded instruments, one per endogenous regressor: the Wald F test
 * that the coefficients of all excluded instruments are zero in the first-stage regression of that
 * regressor on the exogenous regressors, the instruments and the same fixed effects:
 *
 *   F_j = (π̂_Z' (V̂_Z)⁻¹ π̂_Z) / L ~ F(L, df),  L = number of excluded instruments,
 *
 * with V̂ the first stage's variance (default: the classical iid variance, which gives the textbook
 * (RSS_r − RSS_u)/L ÷ RSS_u/(N − K); pass `vcov` for a robust/clustered version) and df = its dfT.
 *
 * Reference: Staiger & Stock (1997) Econometrica 65(3); R AER summary(ivreg, diagnostics = TRUE)
 * "Weak instruments" — test/reference/iv.json.
 *
 * @example
 * firstStageF(fit(d, "y ~ x | id | p ~ z1 + z2"))[0].statistic;
 */
export function firstStageF(iv: FitResult, options: { vcov?: VcovSpec } = {}): TestResult[] {
  const fs = requireIv(iv, "first-stage F");
  return fs.map((f, j) => {
    const g = f.withVcov(options.vcov ?? "iid");
    const idx = indexOfNames(g.coefNames, iv.instruments, "first-stage F");
    const R = idx.map((i) => g.coefNames.map((_, c) => (c === i ? 1 : 0)));
    const w = waldTest(g, { R }, { form: "F" });
    return {
      ...w,
      test: `First-stage F (${iv.endogenous[j] ?? `endogenous ${j + 1}`})`,
      h0: "the excluded instruments do not explain the endogenous regressor",
      reference: "R AER summary(ivreg, diagnostics = TRUE): Weak instruments",
    };
  });
}

/**
 * Sargan (1958) test of over-identifying restrictions, H0: all instruments are valid (uncorrelated with
 * the structural error):
 *
 *   S = N · R²_u,  R²_u from the regression of the 2SLS residuals û = y − Xb̂ (original regressors) on all
 *   instruments (exogenous regressors + excluded instruments; within-transformed when FE are absorbed),
 *   S ~ χ²(L − P)  (L excluded instruments, P endogenous regressors). R² is centred as in AER
 *   (û has mean zero when the model has a constant or FE). Throws for an exactly identified model.
 *
 * Reference: Sargan (1958) Econometrica 26(3); Wooldridge (2010) §6.3.3; R AER summary(ivreg,
 * diagnostics = TRUE) "Sargan" — test/reference/iv.json.
 *
 * @example
 * sarganTest(fit(d, "y ~ x | p ~ z1 + z2")).pValue;
 */
export function sarganTest(iv: FitResult): TestResult {
  const fs = requireIv(iv, "Sargan test");
  const df = iv.instruments.length - iv.endogenous.length;
  if (df <= 0) throw new Error(`Sargan test: the model is exactly identified (${iv.instruments.length} instrument(s) for ${iv.endogenous.length} endogenous regressor(s)); there is nothing to test`);
  const u = iv.internals.resid;
  const Z = fs[0]!.internals.X; // working design of the first stage = all instruments
  const n = u.length;
  const qr = qrLeastSquares(Z, u);
  let m = 0;
  for (let i = 0; i < n; i++) m += u[i]!;
  m /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (u[i]! - m) ** 2;
  const S = n * (1 - qr.rss / tss);
  return {
    test: "Sargan",
    h0: "the over-identifying restrictions hold (instruments valid)",
    statistic: S,
    distribution: "chisq",
    df: [df],
    pValue: pchisqUpper(S, df),
    reference: "R AER summary(ivreg, diagnostics = TRUE): Sargan",
    notes: [],
  };
}

/**
 * Wu–Hausman test of endogeneity, H0: the endogenous regressors are exogenous (OLS is consistent):
 * augment the structural equation, estimated by OLS, with the first-stage residuals v̂_j of every
 * endogenous regressor and test that their P coefficients are zero:
 *
 *   F = ((RSS_r − RSS_u)/P) / (RSS_u/(N − K − P − df_FE)) ~ F(P, N − K − P − df_FE),
 *
 * RSS_r from y on X, RSS_u from y on [X, V̂] (within-transformed when FE are absorbed).
 *
 * Reference: Wu (1973) Econometrica 41(4); Hausman (1978); R AER summary(ivreg, diagnostics = TRUE)
 * "Wu-Hausman" (which adds the first-stage fitted values: same span) — test/reference/iv.json.
 *
 * @example
 * wuHausmanTest(fit(d, "y ~ x | p ~ z1 + z2")).pValue;
 */
export function wuHausmanTest(iv: FitResult): TestResult {
  const fs = requireIv(iv, "Wu–Hausman test");
  const y = iv.internals.y;
  const endoIdx = indexOfNames(iv.coefNames, iv.endogenous, "Wu–Hausman test");
  // original (not projected) regressors: exogenous columns as used; endogenous = first-stage responses
  const X = iv.internals.X.map((col, j) => {
    const e = endoIdx.indexOf(j);
    return e >= 0 ? fs[e]!.internals.y : col;
  });
  const V = fs.map((f) => f.internals.resid);
  const r = qrLeastSquares(X, y);
  const u = qrLeastSquares([...X, ...V], y);
  const P = V.length;
  const df2 = y.length - u.rank - iv.internals.dfFe;
  const F = ((r.rss - u.rss) / P) / (u.rss / df2);
  return {
    test: "Wu-Hausman",
    h0: "the endogenous regressors are exogenous",
    statistic: F,
    distribution: "F",
    df: [P, df2],
    pValue: pfUpper(F, P, df2),
    reference: "R AER summary(ivreg, diagnostics = TRUE): Wu-Hausman",
    notes: [],
  };
}
