/**
 * Public entry point of the estimation engine: `fit(data, formula, options)`.
 */
import type { Frame } from "../frame";
import type { FitOptions, FitResult } from "./types";
import { fitModel } from "./fit";

export type * from "./types";
export { demean, dropSingletonRows, factorize, redundantLevels, isNested } from "./demean";
export { qrLeastSquares, projectOnto } from "./qr";
export { parseFormula } from "./formula";
export { buildPanelIndex, panelLag, evalTerm, feCodes } from "./design";
export { buildFitResult, waldF, type FitParts } from "../results/fitResult";
export { computeVcov, parseVcovSpec, describeVcov, resolveSsc, SSC_PRESETS } from "../vcov/index";

/**
 * Fit a linear panel/IV model described by a fixest-style formula (grammar: src/estimate/formula.ts).
 *
 * Models: "ols" (pooled OLS; with `| fe` in the formula = absorbed-FE OLS, reported as "fe"),
 * "fe" (within; FE from the formula or from `panel` + `effect`), "re" (Swamy–Arora), "be"
 * (between), "fd" (first differences), "iv" (2SLS, implied by `endo ~ instruments`). PPML is
 * `fitPpml` in src/estimate/ppml.ts. Estimation uses Householder QR (src/estimate/qr.ts) on the
 * transformed data; the variance is computed by src/vcov from what the fit keeps, so
 * `result.withVcov(spec)` never refits.
 *
 * Reference: Bergé (2018) fixest; Croissant & Millo (2008) plm; Correia (2017) reghdfe.
 *
 * @example
 * const r = fit(frame, "y ~ x1 + x2 | id + year", { vcov: { cluster: ["id"] } });
 * r.coefficients.x1.estimate;
 */
export function fit(data: Frame, formula: string, options: FitOptions = {}): FitResult {
  return fitModel(data, formula, options);
}
