/**
 * Filling survey-edition series (LPI editions, Findex waves) onto calendar years.
 *
 * An edition published for year e is placed at year e. A year y with no edition of its own is
 * filled only when it lies strictly between two editions of the same country, e0 < y < e1
 * (no fill before a country's first or after its last edition: no extrapolation):
 * - `none`:   left missing;
 * - `locf`:   last observation carried forward, x(y) = x(e0);
 * - `linear`: linear interpolation, x(y) = x(e0) + (x(e1) − x(e0)) · (y − e0) / (e1 − e0).
 * Every filled cell is flagged (`filled[i] = 1`).
 */

export type FillRule = "none" | "locf" | "linear";
export const FILL_RULES: readonly FillRule[] = ["none", "locf", "linear"];

export interface FilledSeries {
  /** Value at each target year (NaN = missing). */
  readonly value: Float64Array;
  /** 1 where the value was filled (not an edition of its own), else 0. */
  readonly filled: Float64Array;
}

/**
 * Place one country's editions on target years and fill the gaps between editions.
 *
 * Formula (for y with e0 < y < e1, e0 and e1 the nearest editions around y):
 * locf x(y) = x(e0); linear x(y) = x(e0) + (x(e1) − x(e0))(y − e0)/(e1 − e0).
 * Reference: the last-observation-carried-forward and linear rules of R `zoo::na.locf` and
 * `zoo::na.approx(..., rule = 1)` (rule 1 = no extrapolation beyond the observed range).
 *
 * @param editionYears years of the published editions (any order; NaN values are ignored)
 * @param editionValues values at those editions
 * @param targetYears calendar years wanted (e.g. 2015..2024)
 * @example
 * fillEditionGaps([2014, 2016, 2018, 2023], [2.0, 3.0, 3.5, 4.0], [2015, 2016, 2019, 2024], "linear");
 * // value = [2.5, 3.0, 3.6, NaN], filled = [1, 0, 1, 0]
 */
export function fillEditionGaps(
  editionYears: ArrayLike<number>,
  editionValues: ArrayLike<number>,
  targetYears: ArrayLike<number>,
  rule: FillRule,
): FilledSeries {
  if (!FILL_RULES.includes(rule)) throw new Error(`fill rule must be one of ${FILL_RULES.join(", ")}; got ${JSON.stringify(rule)}`);
  const pts: [number, number][] = [];
  for (let i = 0; i < editionYears.length; i++) {
    const v = editionValues[i]!;
    if (!Number.isNaN(v)) pts.push([editionYears[i]!, v]);
  }
  pts.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < pts.length; i++) {
    if (pts[i]![0] === pts[i - 1]![0]) throw new Error(`fillEditionGaps: two editions for year ${pts[i]![0]}`);
  }
  const n = targetYears.length;
  const value = new Float64Array(n).fill(NaN);
  const filled = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const y = targetYears[j]!;
    let lo = -1;
    for (let k = 0; k < pts.length; k++) if (pts[k]![0] <= y) lo = k;
    if (lo >= 0 && pts[lo]![0] === y) {
      value[j] = pts[lo]![1];
      continue;
    }
    if (rule === "none" || lo < 0 || lo + 1 >= pts.length) continue; // before first / after last edition
    const [e0, x0] = pts[lo]!;
    const [e1, x1] = pts[lo + 1]!;
    value[j] = rule === "locf" ? x0 : x0 + ((x1 - x0) * (y - e0)) / (e1 - e0);
    filled[j] = 1;
  }
  return { value, filled };
}
