/**
 * The claims scorecard: each claim of the paper, the evidence for it, and a verdict computed by an
 * explicit rule with thresholds from `analysis.params.json` (`scorecard`). Verdicts are never typed
 * in: the rules below are the only place they come from, and the notebook prints the rule next to
 * each verdict.
 *
 * Verdicts: "supported", "partly supported", "not supported", "not testable" (with the data that
 * would test the claim).
 */
import type { ScorecardParams } from "./params";

export type Verdict = "supported" | "partly supported" | "not supported" | "not testable";

/** A verdict with the rule that produced it and the statistic it rests on (both human-readable). */
export interface RuleOutcome {
  readonly verdict: Verdict;
  /** The rule applied, with its thresholds, e.g. "supported if β>0 with p<0.05 in the baseline and ...". */
  readonly rule: string;
  /** The statistic(s) the verdict rests on, formatted. */
  readonly statistic: string;
}

function fmt(x: number, d = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(2);
  return x.toFixed(d);
}

function fmtP(p: number): string {
  return p < 0.001 ? "p<0.001" : `p=${p.toFixed(3)}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------------------------
// §3 factor claims

/** Evidence on one factor claim: the baseline estimate and the specification-curve tally. */
export interface FactorEvidence {
  /** Sign the claim implies (+1 raises exports, −1 lowers them). */
  readonly expectedSign: 1 | -1;
  /** Whether the public data measure the concept at all. */
  readonly measured: boolean;
  /** Baseline coefficient and its p-value (null when the factor is not in the baseline). */
  readonly baseline: { readonly estimate: number; readonly pValue: number } | null;
  /** Specification curve: number of specifications with the factor, and how many give the
   *  expected sign with p < alpha. */
  readonly curve: { readonly n: number; readonly rightSignSignificant: number } | null;
  /** For an untestable claim: what data would test it. */
  readonly wouldTest?: string;
}

/**
 * Verdict rule for a factor claim ("X significantly raises exports").
 *
 * Let B = (sign(β̂_baseline) = expected sign and p_baseline < alpha) and
 * s = share of the specification curve with the expected sign and p < alpha. Then
 * - not testable  if the concept is not measured (or has no estimate);
 * - supported     if B and s ≥ supportedShare;
 * - partly        if B (but s < supportedShare), or s ≥ partlyShare;
 * - not supported otherwise (including a significant effect of the wrong sign).
 *
 * @example
 * factorVerdict({ expectedSign: 1, measured: true, baseline: { estimate: 0.2, pValue: 0.01 },
 *   curve: { n: 100, rightSignSignificant: 90 } }, { alpha: 0.05, supportedShare: 0.75, partlyShare: 0.5, ... }).verdict
 * // "supported"
 */
export function factorVerdict(e: FactorEvidence, t: ScorecardParams): RuleOutcome {
  const sign = e.expectedSign > 0 ? "β>0" : "β<0";
  const rule = `supported if ${sign} with p<${t.alpha} in the baseline and in ≥${pct(t.supportedShare)} of the specification curve; partly if only the baseline or ≥${pct(t.partlyShare)} of the curve; otherwise not supported`;
  if (!e.measured || e.baseline === null || !Number.isFinite(e.baseline.estimate) || !Number.isFinite(e.baseline.pValue)) {
    return {
      verdict: "not testable",
      rule: "not testable if the public data hold no measure of the concept (or the model cannot estimate it)",
      statistic: e.wouldTest ? `would need: ${e.wouldTest}` : "no measure in the public data",
    };
  }
  const b = e.baseline;
  const baselineOk = Math.sign(b.estimate) === e.expectedSign && b.pValue < t.alpha;
  const share = e.curve && e.curve.n > 0 ? e.curve.rightSignSignificant / e.curve.n : NaN;
  const shareText = e.curve && e.curve.n > 0 ? `; right sign & p<${t.alpha} in ${e.curve.rightSignSignificant}/${e.curve.n} specifications (${pct(share)})` : "; no specification curve";
  const statistic = `baseline β=${fmt(b.estimate)} (${fmtP(b.pValue)})${shareText}`;
  let verdict: Verdict;
  if (baselineOk && share >= t.supportedShare) verdict = "supported";
  else if (baselineOk || share >= t.partlyShare) verdict = "partly supported";
  else verdict = "not supported";
  return { verdict, rule, statistic };
}

// ---------------------------------------------------------------------------------------------
// §2 descriptive claims

/** A yearly series (years ascending). */
export interface YearSeries {
  readonly years: readonly number[];
  readonly values: readonly number[];
}

/**
 * Compound annual growth rate between the first and last point: (v_T / v_0)^(1/(T − t0)) − 1;
 * NaN with fewer than 2 points or a non-positive endpoint.
 * Reference: the standard CAGR definition (as src/stats/growth.ts `cagr`).
 * @example
 * cagr({ years: [2015, 2017], values: [1, 4] }); // 1 (doubling each year)
 */
export function cagr(s: YearSeries): number {
  const n = s.values.length;
  if (n < 2) return NaN;
  const span = s.years[n - 1]! - s.years[0]!;
  const v0 = s.values[0]!;
  const v1 = s.values[n - 1]!;
  if (!(v0 > 0) || !(v1 > 0) || span <= 0) return NaN;
  return Math.pow(v1 / v0, 1 / span) - 1;
}

/**
 * Count of consecutive-year changes that are positive: pairs (t−1, t) with both values finite;
 * pairs across a gap in years are skipped.
 * @example
 * positiveChangeShare({ years: [2015, 2016, 2017], values: [1, 2, 1.5] }); // { positive: 1, pairs: 2 }
 */
export function positiveChangeShare(s: YearSeries): { positive: number; pairs: number } {
  let positive = 0;
  let pairs = 0;
  for (let i = 1; i < s.values.length; i++) {
    const a = s.values[i - 1]!;
    const b = s.values[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b) || s.years[i]! - s.years[i - 1]! !== 1) continue;
    pairs++;
    if (b > a) positive++;
  }
  return { positive, pairs };
}

/**
 * "Steady / sustained growth" rule on a yearly series.
 * supported if CAGR > 0 and ≥ steadyGrowthShare of year-on-year changes are positive;
 * partly if CAGR > 0 only; not supported otherwise; not testable with fewer than 2 years.
 * @example
 * steadyGrowthVerdict({ years: [2015, 2016, 2017], values: [1, 2, 3] }, params.scorecard).verdict; // "supported"
 */
export function steadyGrowthVerdict(s: YearSeries, t: ScorecardParams): RuleOutcome {
  const rule = `supported if CAGR>0 and ≥${pct(t.steadyGrowthShare)} of year-on-year changes are positive; partly if CAGR>0 only`;
  const g = cagr(s);
  const { positive, pairs } = positiveChangeShare(s);
  if (!Number.isFinite(g) || pairs === 0) return { verdict: "not testable", rule, statistic: "fewer than two comparable years" };
  const share = positive / pairs;
  const statistic = `CAGR ${pct(g)} over ${s.years[0]}–${s.years[s.years.length - 1]}; ${positive}/${pairs} year-on-year changes positive`;
  const verdict: Verdict = g > 0 && share >= t.steadyGrowthShare ? "supported" : g > 0 ? "partly supported" : "not supported";
  return { verdict, rule, statistic };
}

/**
 * "Q3/Q4 is the peak season" rule on quarter shares of annual exports (Q1..Q4, summing to 1).
 * supported if the second half-year's share > peakSeasonShare and the largest quarter is Q3 or Q4;
 * partly if one of the two holds; not supported otherwise.
 * @example
 * peakSeasonVerdict([0.22, 0.24, 0.26, 0.28], params.scorecard).verdict; // "supported"
 */
export function peakSeasonVerdict(quarterShares: readonly number[], t: ScorecardParams, extra = ""): RuleOutcome {
  const rule = `supported if Q3+Q4 share > ${pct(t.peakSeasonShare)} and the largest quarter is Q3 or Q4; partly if one of the two`;
  if (quarterShares.length !== 4 || quarterShares.some((v) => !Number.isFinite(v))) return { verdict: "not testable", rule, statistic: "no complete quarterly data" };
  const h2 = quarterShares[2]! + quarterShares[3]!;
  let top = 0;
  for (let q = 1; q < 4; q++) if (quarterShares[q]! > quarterShares[top]!) top = q;
  const a = h2 > t.peakSeasonShare;
  const b = top >= 2;
  const statistic = `quarter shares ${quarterShares.map((v, q) => `Q${q + 1} ${pct(v)}`).join(", ")}; Q3+Q4 ${pct(h2)}${extra ? `; ${extra}` : ""}`;
  return { verdict: a && b ? "supported" : a || b ? "partly supported" : "not supported", rule, statistic };
}

/**
 * "Region R is the largest destination" rule on yearly regional shares.
 * supported if R has the largest share in every year; partly if in at least half the years.
 * @example
 * largestDestinationVerdict({ SEA: [0.5, 0.6], CEE: [0.2, 0.1] }, "SEA").verdict; // "supported"
 */
export function largestDestinationVerdict(sharesByRegion: Readonly<Record<string, readonly number[]>>, region: string, years?: readonly number[]): RuleOutcome {
  const rule = `supported if ${region} has the largest regional share in every year; partly if in at least half of the years`;
  const regions = Object.keys(sharesByRegion);
  const own = sharesByRegion[region];
  if (!own || own.length === 0) return { verdict: "not testable", rule, statistic: `no data for region ${region}` };
  let wins = 0;
  for (let y = 0; y < own.length; y++) {
    const best = regions.reduce((b, r) => ((sharesByRegion[r]![y] ?? -Infinity) > (sharesByRegion[b]![y] ?? -Infinity) ? r : b), regions[0]!);
    if (best === region) wins++;
  }
  const mean = own.reduce((a, b) => a + b, 0) / own.length;
  const span = years && years.length ? ` (${years[0]}–${years[years.length - 1]})` : "";
  const statistic = `${region} largest in ${wins}/${own.length} years${span}; mean share ${pct(mean)}`;
  const verdict: Verdict = wins === own.length ? "supported" : wins * 2 >= own.length ? "partly supported" : "not supported";
  return { verdict, rule, statistic };
}

/**
 * "Rapid growth in region R" rule: supported if R's CAGR exceeds the all-B&R CAGR; partly if R's
 * CAGR is positive but not above the total; not supported otherwise.
 * @example
 * fasterGrowthVerdict(0.12, 0.05, "CA").verdict; // "supported"
 */
export function fasterGrowthVerdict(regionCagr: number, totalCagr: number, region: string): RuleOutcome {
  const rule = `supported if the CAGR of ${region} exceeds the all-B&R CAGR; partly if positive but not above it`;
  if (!Number.isFinite(regionCagr) || !Number.isFinite(totalCagr)) return { verdict: "not testable", rule, statistic: "growth rate not computable" };
  const statistic = `CAGR ${region} ${pct(regionCagr)} vs all B&R ${pct(totalCagr)}`;
  const verdict: Verdict = regionCagr > totalCagr ? "supported" : regionCagr > 0 ? "partly supported" : "not supported";
  return { verdict, rule, statistic };
}

/**
 * Ratio of the largest to the smallest regional mean, max_r m_r / min_r m_r, over regions with a
 * finite, positive mean (NaN with fewer than two such regions).
 * @example
 * regionalGapRatio({ SEA: 60, SA: 30 }); // { ratio: 2, max: "SEA", min: "SA" }
 */
export function regionalGapRatio(regionMeans: Readonly<Record<string, number>>): { ratio: number; max: string; min: string } {
  const ok = Object.entries(regionMeans).filter(([, v]) => Number.isFinite(v) && v > 0);
  if (ok.length < 2) return { ratio: NaN, max: "", min: "" };
  let mx = ok[0]!;
  let mn = ok[0]!;
  for (const e of ok) {
    if (e[1] > mx[1]) mx = e;
    if (e[1] < mn[1]) mn = e;
  }
  return { ratio: mx[1] / mn[1], max: mx[0], min: mn[0] };
}

/**
 * "Regional gaps in internet, payments and logistics" rule: for each indicator the ratio of the
 * highest to the lowest regional mean; supported if every indicator's ratio ≥ regionalGapRatio,
 * partly if some do, not supported if none; not testable when no indicator has two regions.
 * @example
 * regionalGapVerdict({ internet: { SEA: 60, SA: 30 } }, params.scorecard).verdict; // "supported" (ratio 2)
 */
export function regionalGapVerdict(byIndicator: Readonly<Record<string, Readonly<Record<string, number>>>>, t: ScorecardParams): RuleOutcome {
  const rule = `supported if, for every indicator, the highest regional mean is ≥${t.regionalGapRatio}× the lowest; partly if for some`;
  const parts: string[] = [];
  let tested = 0;
  let gaps = 0;
  for (const [name, means] of Object.entries(byIndicator)) {
    const g = regionalGapRatio(means);
    if (!Number.isFinite(g.ratio)) {
      parts.push(`${name}: not computable`);
      continue;
    }
    tested++;
    if (g.ratio >= t.regionalGapRatio) gaps++;
    parts.push(`${name}: ${g.max}/${g.min} = ${g.ratio.toFixed(2)}×`);
  }
  if (tested === 0) return { verdict: "not testable", rule, statistic: parts.join("; ") || "no regional means" };
  const verdict: Verdict = gaps === tested && tested === Object.keys(byIndicator).length ? "supported" : gaps > 0 ? "partly supported" : "not supported";
  return { verdict, rule, statistic: parts.join("; ") };
}

// ---------------------------------------------------------------------------------------------
// the scorecard table

/** One row of the scorecard. */
export interface ScorecardRow {
  readonly id: string;
  /** Paper section, e.g. "§2.1". */
  readonly section: string;
  /** The claim, quoted briefly (paraphrase of the paper's wording). */
  readonly claim: string;
  /** Where the evidence is shown: table/figure IDs. */
  readonly evidenceIds: readonly string[];
  readonly outcome: RuleOutcome;
}

/** Count of verdicts in a scorecard. */
export function verdictCounts(rows: readonly ScorecardRow[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { supported: 0, "partly supported": 0, "not supported": 0, "not testable": 0 };
  for (const r of rows) out[r.outcome.verdict]++;
  return out;
}

// ---------------------------------------------------------------------------------------------
// assembling the scorecard from the results

/**
 * Combine the outcomes of one claim on several data sources: the common verdict when all agree;
 * "partly supported" when they disagree (ignoring sources where the claim is not testable);
 * "not testable" when no source can test it.
 * @example
 * combineOutcomes([{ verdict: "supported", ... }, { verdict: "not supported", ... }]).verdict; // "partly supported"
 */
export function combineOutcomes(parts: readonly { label: string; outcome: RuleOutcome }[]): RuleOutcome {
  const tested = parts.filter((x) => x.outcome.verdict !== "not testable");
  const statistic = parts.map((x) => `${x.label}: ${x.outcome.statistic} → ${x.outcome.verdict}`).join(" | ");
  const rule = `${parts[0]?.outcome.rule ?? ""}; applied to each source, combined: the common verdict if the sources agree, else partly supported`;
  if (tested.length === 0) return { verdict: "not testable", rule, statistic };
  const vs = new Set(tested.map((x) => x.outcome.verdict));
  return { verdict: vs.size === 1 ? tested[0]!.outcome.verdict : "partly supported", rule, statistic };
}
