/**
 * Number formatting for tables: fixed decimals, no negative zero, no "NaN".
 */

/**
 * `x` with exactly `digits` decimals (round half away from zero as `Number.prototype.toFixed`
 * does on the binary value), or `null` when `x` is not finite (the caller prints a marker and a
 * note, never "NaN"). A value that rounds to zero is printed without a minus sign.
 * Formula: sign(x)·round(|x|·10^d)/10^d, printed with d decimals.
 * Reference: fixest `etable` and Stata `esttab` print "0.000" (not "-0.000") for tiny negatives.
 *
 * @example
 * formatNumber(-0.0004, 3); // "0.000"
 * formatNumber(1.23456, 2); // "1.23"
 * formatNumber(NaN, 2);     // null
 */
export function formatNumber(x: number, digits: number): string | null {
  if (!Number.isFinite(x)) return null;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new Error(`formatNumber: digits must be an integer in 0..20, got ${digits}`);
  }
  const s = x.toFixed(digits);
  // "-0.000" → "0.000" (negative zero or a tiny negative that rounds to zero)
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A count (N, clusters) as an integer string, or null when not finite.
 *
 * @example
 * formatCount(640); // "640"
 */
export function formatCount(x: number): string | null {
  if (!Number.isFinite(x)) return null;
  return String(Math.round(x));
}

/** Significance thresholds, largest marker first: p < 0.01 "***", p < 0.05 "**", p < 0.1 "*". */
export const DEFAULT_STARS: readonly (readonly [number, string])[] = [
  [0.01, "***"],
  [0.05, "**"],
  [0.1, "*"],
];

/**
 * The significance marker of a p-value: the symbol of the smallest threshold `p` is below, or ""
 * (also for a missing p-value).
 * Reference: the convention of Stata `esttab` / R `modelsummary` (* p<0.1, ** p<0.05, *** p<0.01).
 *
 * @example
 * starsFor(0.003); // "***"
 * starsFor(0.07);  // "*"
 */
export function starsFor(p: number, thresholds: readonly (readonly [number, string])[] = DEFAULT_STARS): string {
  if (!Number.isFinite(p)) return "";
  const sorted = [...thresholds].sort((a, b) => a[0] - b[0]);
  for (const [t, s] of sorted) if (p < t) return s;
  return "";
}

/** The note that explains the significance markers, e.g. "* p < 0.1, ** p < 0.05, *** p < 0.01". */
export function starsNote(thresholds: readonly (readonly [number, string])[] = DEFAULT_STARS): string {
  return [...thresholds]
    .sort((a, b) => b[0] - a[0])
    .map(([t, s]) => `${s} p < ${t}`)
    .join(", ");
}
