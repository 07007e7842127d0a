/**
 * Summary statistics of numeric variables, overall and by group.
 *
 * Missing-value policy: a value is missing when it is NaN (the Frame convention). Every statistic is
 * computed on the non-missing values only ("available cases" per variable), and `missing` counts
 * what was left out. A statistic that is undefined for the sample (no value at all; a standard
 * deviation from one value; skewness from fewer than 3 or kurtosis from fewer than 4 values; skewness
 * and kurtosis of a constant) is `null` — never NaN — and `note` says why. An infinite value is an
 * error naming the variable and row (it usually means log(0) upstream).
 *
 * Definitions (n = number of non-missing values, x̄ their mean, m_k = Σ(x − x̄)^k / n):
 * - sd: sample standard deviation with n − 1 (R `sd`).
 * - p25, median, p75: R type-7 quantiles (see {@link quantileSorted7}).
 * - skewness: adjusted Fisher–Pearson G1 = g1·√(n(n−1))/(n−2), g1 = m3/m2^{3/2}
 *   (SAS, SPSS, Excel SKEW; R `e1071::skewness(x, type = 2)`).
 * - kurtosis: EXCESS kurtosis G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)), g2 = m4/m2² − 3
 *   (SAS, SPSS, Excel KURT; R `e1071::kurtosis(x, type = 2)`); 0 for a normal population.
 * Reference: Joanes, D. N. & Gill, C. A. (1998), "Comparing measures of sample skewness and
 * kurtosis", The Statistician 47(1), 183–189.
 */
import { type Frame, column, isNumeric, numeric } from "../frame";
import { quantileSorted7 } from "./quantile";

export interface VariableSummary {
  readonly variable: string;
  /** Non-missing values used. */
  readonly n: number;
  /** Missing (NaN) values left out. */
  readonly missing: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly min: number | null;
  readonly p25: number | null;
  readonly median: number | null;
  readonly p75: number | null;
  readonly max: number | null;
  /** G1 (adjusted Fisher–Pearson), null when n < 3 or sd = 0. */
  readonly skewness: number | null;
  /** G2 (excess kurtosis, adjusted), null when n < 4 or sd = 0. */
  readonly kurtosis: number | null;
  /** Why a statistic is null (empty when all are defined). */
  readonly note: string;
}

/** Moment-based shape statistics: g1 = m3/m2^{3/2} and g2 = m4/m2² − 3 (population moments). */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
}

/**
 * Central moments m2, m3, m4 (divisor n) of the values, by a two-pass algorithm.
 *
 * Formula: x̄ = Σx/n, m_k = Σ(x − x̄)^k / n. Reference: Joanes & Gill (1998).
 * @throws Error when `values` is empty
 * @example
 * centralMoments(Float64Array.of(1, 2, 3, 10)).m2; // 12.5
 */
export function centralMoments(values: ArrayLike<number>): Moments {
  const n = values.length;
  if (n === 0) throw new Error("centralMoments: no values");
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  let mean = s / n;
  // one correction step (improves the mean when values are large and close)
  let c = 0;
  for (let i = 0; i < n; i++) c += values[i]! - mean;
  mean += c / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return { n, mean, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Sample skewness G1 = g1·√(n(n−1))/(n−2) with g1 = m3/m2^{3/2}; null when n < 3 or m2 = 0.
 *
 * Reference: Joanes & Gill (1998) G1; R `e1071::skewness(x, type = 2)`.
 * @example
 * skewnessG1(Float64Array.of(1, 2, 3, 10)); // 1.7636… (R e1071::skewness(c(1,2,3,10), type = 2))
 */
export function skewnessG1(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 3) return null;
  const m = centralMoments(values);
  if (m.m2 === 0) return null;
  const g1 = m.m3 / Math.pow(m.m2, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/**
 * Sample excess kurtosis G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)) with g2 = m4/m2² − 3; null when
 * n < 4 or m2 = 0.
 *
 * Reference: Joanes & Gill (1998) G2; R `e1071::kurtosis(x, type = 2)`.
 * @example
 * kurtosisG2(Float64Array.of(1, 2, 3, 10)); // 3.228 (R e1071::kurtosis(c(1,2,3,10), type = 2))
 */
export function kurtosisG2(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 4) return null;
  const m = centralMoments(values);
  if (m.m2 === 0) return null;
  const g2 = m.m4 / (m.m2 * m.m2) - 3;
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/**
 * Summary statistics of one numeric variable (see the module doc for definitions and the
 * missing-value policy).
 *
 * @param values the column, NaN = missing
 * @param variable its name (used in the result and in error messages)
 * @throws Error naming the variable and row when a value is ±Infinity
 * @example
 * describeValues(Float64Array.of(1, 2, NaN, 4), "x");
 * // { variable: "x", n: 3, missing: 1, mean: 2.333…, sd: 1.527…, min: 1, p25: 1.5, median: 2, p75: 3,
 * //   max: 4, skewness: 0.935…, kurtosis: null, note: "kurtosis needs n >= 4" }
 */
export function describeValues(values: ArrayLike<number>, variable: string): VariableSummary {
  const finite: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) missing++;
    else if (!Number.isFinite(v)) throw new Error(`variable '${variable}', row ${i}: infinite value ${v}`);
    else finite.push(v);
  }
  const x = Float64Array.from(finite).sort();
  const n = x.length;
  if (n === 0) {
    return {
      variable, n, missing, mean: null, sd: null, min: null, p25: null, median: null, p75: null, max: null,
      skewness: null, kurtosis: null,
      note: values.length === 0 ? "no observations" : "all values missing",
    };
  }
  const m = centralMoments(x);
  const notes: string[] = [];
  let sd: number | null = null;
  if (n >= 2) sd = Math.sqrt((m.m2 * n) / (n - 1));
  else notes.push("single observation: sd, skewness and kurtosis undefined");
  let skewness: number | null = null;
  let kurtosis: number | null = null;
  if (n >= 2 && m.m2 === 0) notes.push("constant: skewness and kurtosis undefined");
  else if (n >= 2) {
    skewness = skewnessG1(x);
    kurtosis = kurtosisG2(x);
    if (skewness === null) notes.push("skewness needs n >= 3");
    if (kurtosis === null) notes.push("kurtosis needs n >= 4");
  }
  return {
    variable,
    n,
    missing,
    mean: m.mean,
    sd,
    min: x[0]!,
    p25: quantileSorted7(x, 0.25),
    median: quantileSorted7(x, 0.5),
    p75: quantileSorted7(x, 0.75),
    max: x[n - 1]!,
    skewness,
    kurtosis,
    note: notes.join("; "),
  };
}

/**
 * Summary statistics of each named numeric column of a frame (T1).
 *
 * @throws Error when a column is missing or not numeric
 * @example
 * summaryStatistics(panel, ["internet_users_pct", "lpi_score"]).map((s) => s.median);
 */
export function summaryStatistics(frame: Frame, variables: readonly string[]): VariableSummary[] {
  return variables.map((v) => describeValues(numeric(frame, v), v));
}

export interface GroupSummary {
  /** The group's label (region name, or the year as text). */
  readonly group: string;
  /** Rows of the frame in the group (0 for a requested group with no rows). */
  readonly rows: number;
  readonly stats: readonly VariableSummary[];
}

/**
 * Summary statistics of each variable within each group of a text or numeric column (e.g. region
 * or year). Groups appear in `levels` order when given — a requested group with no rows yields an
 * explicit empty result (n = 0, note "no rows in group") — otherwise in sorted order of the values
 * present. Rows whose group value is missing are counted in a group named "(missing)".
 *
 * @example
 * summaryBy(panel, ["internet_users_pct"], "region", { levels: REGIONS })[0].stats[0].mean;
 */
export function summaryBy(
  frame: Frame,
  variables: readonly string[],
  by: string,
  options: { levels?: readonly string[] } = {},
): GroupSummary[] {
  const keys = groupKeys(frame, by);
  const rowsOf = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = rowsOf.get(k);
    if (list) list.push(i);
    else rowsOf.set(k, [i]);
  });
  const present = [...rowsOf.keys()].sort(compareKeys);
  const levels = options.levels ? [...options.levels, ...present.filter((k) => !options.levels!.includes(k))] : present;
  const cols = variables.map((v) => numeric(frame, v));
  return levels.map((g) => {
    const idx = rowsOf.get(g) ?? [];
    const stats = variables.map((v, j) => {
      const c = cols[j]!;
      const s = describeValues(Float64Array.from(idx, (i) => c[i]!), v);
      return idx.length === 0 ? { ...s, note: "no rows in group" } : s;
    });
    return { group: g, rows: idx.length, stats };
  });
}

/** Group labels of every row: text as is, numbers as their decimal text, missing as "(missing)". */
export function groupKeys(frame: Frame, by: string): string[] {
  const c = column(frame, by);
  if (isNumeric(c)) return Array.from(c, (v) => (Number.isNaN(v) ? "(missing)" : String(v)));
  return c.map((v) => (v === null ? "(missing)" : v));
}

function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
