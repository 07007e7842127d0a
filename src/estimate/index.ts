/**
 * Public entry point of the estimation engine: `fit(data, formula, options)`.
 */
import type { Frame } from "../frame";
import type { FitOptions, FitResult } from "./types";

export type * from "./types";
export { demean, dropSingletonRows, factorize, redundantLevels, isNested } from "./demean";
export { qrLeastSquares, projectOnto } from "./qr";

/**
 * Fit a linear panel/IV model described by a fixest-style formula (see src/estimate/formula.ts).
 *
 * @example
 * const r = fit(frame, "y ~ x1 + x2 | id + year", { vcov: { cluster: ["id"] } });
 * r.coefficients.x1.estimate;
 */
export function fit(_data: Frame, _formula: string, _options: FitOptions = {}): FitResult {
  throw new Error("fit: not implemented yet");
}
