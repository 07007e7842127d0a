/**
 * Sample quantiles by R's default rule (Hyndman & Fan 1996, type 7).
 */

/**
 * Quantile of SORTED, missing-free data by R's type 7 rule: with h = (n − 1)·p (0-based),
 * lo = ⌊h⌋, hi = ⌈h⌉, Q(p) = (1 − (h − lo))·x[lo] + (h − lo)·x[hi] — the same arithmetic as
 * R's `quantile.default(x, p, type = 7)` (R 4.2), so results agree to the last bit in ordinary cases.
 * (simple-statistics' `quantileSorted` uses the same rule written as x[lo] + f·(x[hi] − x[lo]),
 * which can differ from R in the last bit.)
 *
 * Reference: Hyndman, R. J. & Fan, Y. (1996), "Sample quantiles in statistical packages",
 * The American Statistician 50(4), 361–365; R `?quantile`.
 *
 * @throws Error when `sorted` is empty or p is outside [0, 1]
 * @example
 * quantileSorted7(Float64Array.of(1, 2, 3, 4), 0.25); // 1.75 (R: quantile(1:4, 0.25) = 1.75)
 */
export function quantileSorted7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("quantile of an empty sample");
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  if (hi === lo) return a;
  const b = sorted[hi]!;
  if (b === a) return a;
  const f = h - lo;
  return (1 - f) * a + f * b;
}

/**
 * The non-missing values of `x` (NaN = missing), sorted ascending, as a new Float64Array.
 *
 * @example
 * sortedFinite(Float64Array.of(3, NaN, 1)); // Float64Array [1, 3]
 */
export function sortedFinite(x: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) out[k++] = x[i]!;
  return out.sort();
}
