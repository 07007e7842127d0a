/**
 * Comparison of two measurements of the same flow — China-reported exports (NBS/customs, FOB) and
 * partner-reported imports from China (UN Comtrade mirror, usually CIF) — on the country-years where
 * BOTH are present and positive. Rows where either is missing are counted, not used. The two series
 * are compared, never spliced.
 *
 * Statistics: ratio_i = b_i / a_i (partner-reported over China-reported); the median ratio; the
 * geometric mean ratio exp(mean(log ratio)); Pearson correlation of the levels and of the logs,
 * and Spearman's rank correlation, each with a two-sided p-value (see correlation.ts).
 */
import { type Frame, numeric, text } from "../frame";
import { correlationPValue, pearson, spearman } from "./correlation";
import { quantileSorted7 } from "./quantile";

export interface SourceComparisonOptions {
  /** Reference series (denominator), e.g. "exports_nbs_usd". */
  readonly a: string;
  /** Compared series (numerator), e.g. "exports_mirror_usd". */
  readonly b: string;
  readonly id: string;
  readonly time: string;
}

export interface PairStats {
  readonly n: number;
  readonly medianRatio: number | null;
  readonly geometricMeanRatio: number | null;
  readonly pearsonLevels: number | null;
  readonly pearsonLevelsP: number | null;
  readonly pearsonLogs: number | null;
  readonly pearsonLogsP: number | null;
  readonly spearman: number | null;
  readonly spearmanP: number | null;
}

export interface SourceComparison extends PairStats {
  readonly a: string;
  readonly b: string;
  /** Rows with a present but b missing, and b present but a missing, and both missing. */
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
  /** Rows with a value ≤ 0 in either series (left out: the log ratio is undefined). */
  readonly nonPositive: number;
  readonly byYear: readonly ({ year: number } & PairStats)[];
  /** Every matched pair, sorted by |log ratio| descending (largest disagreement first). */
  readonly pairs: readonly { id: string; year: number; a: number; b: number; ratio: number }[];
  readonly note: string;
}

function pairStats(a: number[], b: number[]): PairStats {
  const n = a.length;
  if (n === 0) {
    return { n, medianRatio: null, geometricMeanRatio: null, pearsonLevels: null, pearsonLevelsP: null, pearsonLogs: null, pearsonLogsP: null, spearman: null, spearmanP: null };
  }
  const ratios = Float64Array.from(a, (v, i) => b[i]! / v).sort();
  let sl = 0;
  for (let i = 0; i < n; i++) sl += Math.log(b[i]! / a[i]!);
  const la = Float64Array.from(a, Math.log);
  const lb = Float64Array.from(b, Math.log);
  const rl = pearson(Float64Array.from(a), Float64Array.from(b));
  const rg = pearson(la, lb);
  const rs = spearman(Float64Array.from(a), Float64Array.from(b));
  return {
    n,
    medianRatio: quantileSorted7(ratios, 0.5),
    geometricMeanRatio: Math.exp(sl / n),
    pearsonLevels: rl,
    pearsonLevelsP: rl === null ? null : correlationPValue(rl, n),
    pearsonLogs: rg,
    pearsonLogsP: rg === null ? null : correlationPValue(rg, n),
    spearman: rs,
    spearmanP: rs === null ? null : correlationPValue(rs, n),
  };
}

/**
 * Compare two sources of the same flow where both are present (see module doc).
 *
 * @example
 * const c = compareSources(panel, { a: "exports_nbs_usd", b: "exports_mirror_usd", id: "iso3", time: "year" });
 * c.n; c.medianRatio; c.pearsonLogs; c.byYear;
 */
export function compareSources(frame: Frame, options: SourceComparisonOptions): SourceComparison {
  const a = numeric(frame, options.a);
  const b = numeric(frame, options.b);
  const ids = text(frame, options.id);
  const t = numeric(frame, options.time);
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  let nonPositive = 0;
  const pairs: { id: string; year: number; a: number; b: number; ratio: number }[] = [];
  for (let i = 0; i < frame.nrow; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    const ma = Number.isNaN(ai);
    const mb = Number.isNaN(bi);
    if (ma && mb) neither++;
    else if (ma) onlyB++;
    else if (mb) onlyA++;
    else if (!(ai > 0) || !(bi > 0)) nonPositive++;
    else pairs.push({ id: ids[i] ?? `(row ${i})`, year: t[i]!, a: ai, b: bi, ratio: bi / ai });
  }
  const overall = pairStats(pairs.map((p) => p.a), pairs.map((p) => p.b));
  const years = [...new Set(pairs.map((p) => p.year))].sort((x, y) => x - y);
  const byYear = years.map((year) => {
    const ps = pairs.filter((p) => p.year === year);
    return { year, ...pairStats(ps.map((p) => p.a), ps.map((p) => p.b)) };
  });
  const sorted = [...pairs].sort((x, y) => Math.abs(Math.log(y.ratio)) - Math.abs(Math.log(x.ratio)) || (x.id < y.id ? -1 : x.id > y.id ? 1 : x.year - y.year));
  return {
    a: options.a,
    b: options.b,
    ...overall,
    onlyA,
    onlyB,
    neither,
    nonPositive,
    byYear,
    pairs: sorted,
    note: pairs.length === 0 ? `no country-year has both '${options.a}' and '${options.b}'` : "",
  };
}
