/**
 * Typed wrappers over the @stdlib distribution functions (which match R to ~16 digits), with
 * upper tails computed directly from the regularized incomplete beta/gamma functions so that tiny
 * p-values keep their relative precision (as R's lower.tail = FALSE).
 */
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import fQuantile from "@stdlib/stats-base-dists-f-quantile";
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import chisqQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";

/**
 * Student t CDF P(T ≤ x) with `df` degrees of freedom (df = Infinity: standard normal). R: pt(x, df).
 * @example
 * pt(1.96, Infinity); // 0.9750021048517795
 */
export function pt(x: number, df: number): number {
  return Number.isFinite(df) ? tCdf(x, df) : normalCdf(x, 0, 1);
}

/**
 * Two-sided p-value 2·P(T > |x|), computed as 2·P(T ≤ −|x|) (no cancellation). R: 2*pt(-abs(x), df).
 * @example
 * pTwoSided(2, 10); // 0.07338803477074...
 */
export function pTwoSided(x: number, df: number): number {
  if (Number.isNaN(x)) return NaN;
  return 2 * pt(-Math.abs(x), df);
}

/**
 * Student t quantile (df = Infinity: normal). R: qt(p, df).
 * @example
 * qt(0.975, Infinity); // 1.959963984540054
 */
export function qt(p: number, df: number): number {
  return Number.isFinite(df) ? tQuantile(p, df) : normalQuantile(p, 0, 1);
}

/**
 * F CDF P(F ≤ x). R: pf(x, d1, d2).
 * @example
 * pf(1, 2, 10); // 0.5981...
 */
export function pf(x: number, d1: number, d2: number): number {
  return fCdf(x, d1, d2);
}

/**
 * Upper tail P(F > x) = I_{d2/(d2+d1·x)}(d2/2, d1/2) (regularized incomplete beta), d2 = Infinity
 * gives the χ²(d1)/d1 limit. R: pf(x, d1, d2, lower.tail = FALSE).
 * @example
 * pfUpper(3, 2, 20); // 0.0726...
 */
export function pfUpper(x: number, d1: number, d2: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(d2)) return pchisqUpper(x * d1, d1);
  return betainc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, true, false);
}

/**
 * F quantile. R: qf(p, d1, d2).
 * @example
 * qf(0.95, 2, 20); // 3.492828...
 */
export function qf(p: number, d1: number, d2: number): number {
  return fQuantile(p, d1, d2);
}

/**
 * χ² CDF. R: pchisq(x, df).
 * @example
 * pchisq(3.84, 1); // 0.94996...
 */
export function pchisq(x: number, df: number): number {
  return chisqCdf(x, df);
}

/**
 * Upper tail P(χ²_df > x) = Q(df/2, x/2) (regularized upper incomplete gamma).
 * R: pchisq(x, df, lower.tail = FALSE).
 * @example
 * pchisqUpper(3.841458820694124, 1); // 0.05
 */
export function pchisqUpper(x: number, df: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * χ² quantile. R: qchisq(p, df).
 * @example
 * qchisq(0.95, 1); // 3.841458820694124
 */
export function qchisq(p: number, df: number): number {
  return chisqQuantile(p, df);
}

/**
 * Standard normal CDF and quantile. R: pnorm / qnorm.
 * @example
 * pnorm(0); // 0.5
 */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}
/** @example qnorm(0.975); // 1.959963984540054 */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}
