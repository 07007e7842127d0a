/**
 * Seasonality of a monthly series (China's monthly exports, NBS 2016–2019): month and quarter
 * shares of each year's total, and quarter effects estimated by least squares with year fixed
 * effects, with the F test that all quarter effects are zero.
 *
 * Years: only COMPLETE years (all 12 months non-missing) are used; every other year is listed in
 * `excludedYears` with its reason (in the NBS file, 2020 has January and February rows that are
 * blank, because NBS publishes them as one combined figure).
 *
 * January and February: in the NBS file for 2016–2019 they are separate months. The Spring
 * Festival moves between late January and mid-February, shifting exports between the two months, so
 * `janFeb: "combined"` reports them as one period "Jan–Feb" (shares add the two months; in the
 * regression the two are replaced by one observation equal to their mean, so every observation is
 * "exports per month"). Quarter totals are the same either way (both months are in Q1).
 *
 * Regression (monthly observations m in complete years y):
 *   log V_{y,m} = α_y + β_2·Q2 + β_3·Q3 + β_4·Q4 + ε   (Q1 is the base; `scale: "level"` uses V)
 * by QR least squares; iid standard errors; F = ((RSS_r − RSS_u)/3) / (RSS_u/(N − k)) against the
 * model with year effects only. Reference: R `anova(lm(y ~ factor(year)), lm(y ~ factor(year) +
 * factor(quarter)))`; tested on R's `datasets::AirPassengers`.
 */
import { pfUpper, pTwoSided } from "../dist";
import { qrLeastSquares } from "../estimate/qr";
import { type Frame, numeric } from "../frame";

export interface SeasonalityOptions {
  readonly year?: string;
  readonly month?: string;
  readonly value?: string;
  /** "separate" (default) or "combined" January and February (see module doc). */
  readonly janFeb?: "separate" | "combined";
  /** Dependent variable of the regression: "log" (default) or "level". */
  readonly scale?: "log" | "level";
}

export interface QuarterEffect {
  /** "Q2", "Q3", "Q4" (relative to Q1). */
  readonly term: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly tValue: number;
  readonly pValue: number;
}

export interface SeasonalityResult {
  readonly yearsUsed: readonly number[];
  readonly excludedYears: readonly { year: number; reason: string }[];
  readonly janFeb: "separate" | "combined";
  /** Period labels: "Jan".."Dec", or "Jan–Feb", "Mar".."Dec" when combined. */
  readonly periods: readonly string[];
  /** shareByYear[y][k] = V(period k of year y) / V(year y). */
  readonly periodShareByYear: readonly (readonly number[])[];
  /** Mean over the years used of each period's share. */
  readonly periodShareMean: readonly number[];
  /** quarterShareByYear[y][q] = V(quarter q+1 of year y) / V(year y). */
  readonly quarterShareByYear: readonly (readonly number[])[];
  readonly quarterShareMean: readonly number[];
  /** (Q3 + Q4) / year, per year used. */
  readonly secondHalfShare: readonly number[];
  /** Annual totals (sum of the 12 months) per year used. */
  readonly annualTotal: readonly number[];
  readonly regression: {
    readonly scale: "log" | "level";
    readonly nobs: number;
    readonly dfResidual: number;
    readonly effects: readonly QuarterEffect[];
    /** Joint test β2 = β3 = β4 = 0. */
    readonly fStatistic: number;
    readonly fDf1: number;
    readonly fDf2: number;
    readonly fPValue: number;
    readonly rss: number;
    readonly rssYearOnly: number;
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Month/quarter shares and quarter effects of a monthly series (T3, F6); see the module doc.
 *
 * @throws Error naming the row when a month is outside 1–12 or a (year, month) appears twice, and
 *   when fewer than 2 complete years remain
 * @example
 * const s = seasonality(readCsvFrame(dataFile("trade/china_exports_monthly_nbs_2016_2019.csv")),
 *   { value: "exports_usd" });
 * s.quarterShareMean; // [Q1, Q2, Q3, Q4] mean shares of the annual total
 */
export function seasonality(frame: Frame, options: SeasonalityOptions = {}): SeasonalityResult {
  const yc = options.year ?? "year";
  const mc = options.month ?? "month";
  const vc = options.value ?? "exports_usd";
  const janFeb = options.janFeb ?? "separate";
  const scale = options.scale ?? "log";
  const year = numeric(frame, yc);
  const month = numeric(frame, mc);
  const value = numeric(frame, vc);

  const byYear = new Map<number, Float64Array>();
  const seen = new Set<string>();
  const rowsPresent = new Set<string>();
  for (let i = 0; i < frame.nrow; i++) {
    const y = year[i]!;
    const m = month[i]!;
    if (!Number.isInteger(y)) throw new Error(`seasonality: column '${yc}', row ${i}: year ${y} is not an integer`);
    if (!Number.isInteger(m) || m < 1 || m > 12) throw new Error(`seasonality: column '${mc}', row ${i}: month ${m} is not in 1–12`);
    let arr = byYear.get(y);
    if (!arr) byYear.set(y, (arr = new Float64Array(12).fill(Number.NaN)));
    if (seen.has(`${y}-${m}`)) throw new Error(`seasonality: row ${i}: duplicate (${yc}, ${mc}) = (${y}, ${m})`);
    seen.add(`${y}-${m}`);
    rowsPresent.add(`${y}-${m}`);
    const v = value[i]!;
    if (!Number.isNaN(v) && !(v > 0) && scale === "log") {
      throw new Error(`seasonality: column '${vc}', row ${i}: value ${v} is not positive (log scale)`);
    }
    arr[m - 1] = Number.isNaN(v) ? Number.NaN : v;
  }
  const yearsUsed: number[] = [];
  const excluded: { year: number; reason: string }[] = [];
  for (const y of [...byYear.keys()].sort((a, b) => a - b)) {
    const arr = byYear.get(y)!;
    const blank = MONTHS.filter((_, k) => Number.isNaN(arr[k]!) && rowsPresent.has(`${y}-${k + 1}`));
    const absent = MONTHS.filter((_, k) => !rowsPresent.has(`${y}-${k + 1}`));
    if (blank.length === 0 && absent.length === 0) yearsUsed.push(y);
    else {
      const parts = [];
      if (blank.length) parts.push(`blank ${blank.join(", ")}`);
      if (absent.length) parts.push(`no row for ${absent.length === 1 ? absent[0] : `${absent[0]}–${absent[absent.length - 1]}`}`);
      excluded.push({ year: y, reason: `incomplete: ${parts.join("; ")}` });
    }
  }
  if (yearsUsed.length < 2) {
    throw new Error(`seasonality: ${yearsUsed.length} complete year(s) in '${vc}' (need >= 2); excluded: ${excluded.map((e) => `${e.year} (${e.reason})`).join("; ")}`);
  }

  const periods = janFeb === "combined" ? ["Jan–Feb", ...MONTHS.slice(2)] : [...MONTHS];
  const periodShareByYear: number[][] = [];
  const quarterShareByYear: number[][] = [];
  const annualTotal: number[] = [];
  for (const y of yearsUsed) {
    const arr = byYear.get(y)!;
    let tot = 0;
    for (let k = 0; k < 12; k++) tot += arr[k]!;
    annualTotal.push(tot);
    const shares = Array.from(arr, (v) => v / tot);
    periodShareByYear.push(janFeb === "combined" ? [shares[0]! + shares[1]!, ...shares.slice(2)] : shares);
    quarterShareByYear.push([0, 1, 2, 3].map((q) => shares[3 * q]! + shares[3 * q + 1]! + shares[3 * q + 2]!));
  }
  const meanCols = (rows: number[][]) => rows[0]!.map((_, k) => rows.reduce((s, r) => s + r[k]!, 0) / rows.length);

  // regression design
  const ys: number[] = [];
  const yearOf: number[] = [];
  const quarterOf: number[] = [];
  for (const y of yearsUsed) {
    const arr = byYear.get(y)!;
    const obs: { v: number; q: number }[] = [];
    if (janFeb === "combined") obs.push({ v: (arr[0]! + arr[1]!) / 2, q: 1 });
    else obs.push({ v: arr[0]!, q: 1 }, { v: arr[1]!, q: 1 });
    for (let k = 2; k < 12; k++) obs.push({ v: arr[k]!, q: Math.floor(k / 3) + 1 });
    for (const o of obs) {
      ys.push(scale === "log" ? Math.log(o.v) : o.v);
      yearOf.push(y);
      quarterOf.push(o.q);
    }
  }
  const N = ys.length;
  const yv = Float64Array.from(ys);
  const intercept = new Float64Array(N).fill(1);
  const yearDummies = yearsUsed.slice(1).map((y) => Float64Array.from(yearOf, (v) => (v === y ? 1 : 0)));
  const qDummies = [2, 3, 4].map((q) => Float64Array.from(quarterOf, (v) => (v === q ? 1 : 0)));
  const Xr = [intercept, ...yearDummies];
  const Xu = [...Xr, ...qDummies];
  const fitU = qrLeastSquares(Xu, yv);
  const fitR = qrLeastSquares(Xr, yv);
  if (fitU.dropped.length > 0) throw new Error("seasonality: collinear design (unexpected)");
  const k = Xu.length;
  const dfRes = N - k;
  const sigma2 = fitU.rss / dfRes;
  const effects: QuarterEffect[] = qDummies.map((_, j) => {
    const col = Xr.length + j;
    const pos = fitU.kept.indexOf(col);
    const est = fitU.coef[col]!;
    const se = Math.sqrt(sigma2 * fitU.bread[pos * fitU.rank + pos]!);
    const t = est / se;
    return { term: `Q${j + 2}`, estimate: est, stdError: se, tValue: t, pValue: pTwoSided(t, dfRes) };
  });
  const df1 = qDummies.length;
  const F = (fitR.rss - fitU.rss) / df1 / sigma2;
  return {
    yearsUsed,
    excludedYears: excluded,
    janFeb,
    periods,
    periodShareByYear,
    periodShareMean: meanCols(periodShareByYear),
    quarterShareByYear,
    quarterShareMean: meanCols(quarterShareByYear),
    secondHalfShare: quarterShareByYear.map((q) => q[2]! + q[3]!),
    annualTotal,
    regression: {
      scale,
      nobs: N,
      dfResidual: dfRes,
      effects,
      fStatistic: F,
      fDf1: df1,
      fDf2: dfRes,
      // upper tail P(F > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2): keeps tiny p-values precise (R pf(..., lower.tail = FALSE))
      fPValue: F > 0 ? pfUpper(F, df1, dfRes) : 1,
      rss: fitU.rss,
      rssYearOnly: fitR.rss,
    },
  };
}
