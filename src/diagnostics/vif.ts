/** Variance inflation factors. */
import type { FitResult } from "../estimate/types";
import { qrLeastSquares } from "../estimate/qr";
import { isIntercept } from "./linalg";

/**
 * Variance inflation factor of every slope coefficient:
 *
 *   VIF_j = 1 / (1 − R²_j),  R²_j from the auxiliary regression of regressor j on the other regressors
 *   and a constant (= the j-th diagonal element of the inverse correlation matrix of the regressors).
 *
 * Computed on the fit's working design (for absorbed-FE models the within-transformed regressors, i.e.
 * collinearity net of the fixed effects), with the fit's weights if any, by Householder QR (no matrix
 * inversion). Needs a model with a constant (explicit or absorbed by FE) and ≥ 2 slopes.
 *
 * Reference: Fox & Monette (1992) JASA 87; R car::vif(lm) — test/reference/diagnostics.json.
 *
 * @example
 * vif(fit(d, "y ~ x1 + x2 + x3")); // { x1: 1.8, x2: 2.4, x3: 1.2 } (for example)
 */
export function vif(fit: FitResult): Record<string, number> {
  const { X, w, hasConstant } = fit.internals;
  if (!hasConstant) throw new Error("VIF: the model has no constant; VIFs are defined for models with an intercept (or absorbed FE)");
  const slopes = fit.coefNames.map((n, j) => ({ n, j })).filter(({ n }) => !isIntercept(n));
  if (slopes.length < 2) throw new Error("VIF: needs at least two slope coefficients");
  const n = X[0]!.length;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i]! : 1;
  // centre every slope column (weighted mean): equivalent to including the constant
  const C = slopes.map(({ j }) => {
    const x = X[j]!;
    let m = 0;
    for (let i = 0; i < n; i++) m += (w ? w[i]! : 1) * x[i]!;
    m /= sw;
    return Float64Array.from(x, (v) => v - m);
  });
  const out: Record<string, number> = {};
  slopes.forEach(({ n: name }, a) => {
    const y = C[a]!;
    const others = C.filter((_, b) => b !== a);
    const qr = qrLeastSquares(others, y, w ? { weights: w } : {});
    let tss = 0;
    for (let i = 0; i < n; i++) tss += (w ? w[i]! : 1) * y[i]! * y[i]!;
    // 1/(1 − R²) = TSS / RSS
    out[name] = tss / qr.rss;
  });
  return out;
}
