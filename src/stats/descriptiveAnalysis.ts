/**
 * The descriptive analysis of paper §2 in one call: from the country × year panel (buildPanel) and
 * the NBS monthly file, compute every number that notebook 02, its tables (T1–T4) and figures
 * (F1–F9) show, and a data-based finding (numbers in words) for each descriptive claim of the paper.
 * The verdicts on those claims are NOT decided here: src/analysis/descriptiveClaims.ts decides them
 * (the scorecard rules and thresholds of analysis.params.json), for notebook 02 and the report alike.
 *
 * Sources are kept apart: China-reported exports (NBS, FOB) cover 2015–2019 for all countries;
 * partner-reported imports from China (Comtrade mirror, CIF) cover 2015–2024 with gaps. Mirror
 * totals over "whoever reports" mix growth with coverage changes, so mirror growth and shares use a
 * BALANCED set of countries (a value in every year of the mirror window; the countries left out are
 * listed). Total merchandise exports are the proxy for cross-border e-commerce exports.
 */
import { type Column, type Frame, makeFrame, numeric, text } from "../frame";
import { correlationMatrix, type CorrelationMatrix } from "./correlation";
import { summaryBy, summaryStatistics, type GroupSummary, type VariableSummary } from "./describe";
import { growthRates, sharesBy, topUnits, totalsBy, type GroupGrowth, type GroupShares, type GroupTotals, type RankedUnit } from "./growth";
import { seasonality, type SeasonalityResult } from "./seasonality";
import { compareSources, type SourceComparison } from "./sourceComparison";

export interface DescriptiveOptions {
  readonly id?: string;
  readonly name?: string;
  readonly time?: string;
  /** Region column (text). */
  readonly group?: string;
  readonly nbs?: string;
  readonly mirror?: string;
  readonly nbsYears?: readonly [number, number];
  /** Window of the balanced mirror sample (default 2015–2023: 2024 has 44 reporters only). */
  readonly mirrorYears?: readonly [number, number];
  /** Factor variables for gaps, correlations and scatter plots (name and label). */
  readonly factors?: readonly { name: string; label: string }[];
  /** Number of top partners. */
  readonly top?: number;
}

/** The factor variables used by default (columns of buildPanel). */
export const DEFAULT_FACTORS: readonly { name: string; label: string }[] = [
  { name: "internet_users_pct", label: "Internet users (% of population)" },
  { name: "broadband_subs_per100", label: "Fixed broadband per 100" },
  { name: "mobile_subs_per100", label: "Mobile subscriptions per 100" },
  { name: "secure_servers_per_million", label: "Secure servers per million" },
  { name: "atms_per100k_adults", label: "ATMs per 100k adults" },
  { name: "bank_branches_per100k_adults", label: "Bank branches per 100k adults" },
  { name: "findex_account_pct", label: "Account ownership (% 15+)" },
  { name: "lpi_overall_score", label: "LPI overall score (1–5)" },
];

/** Keys of the paper's §2 descriptive claims (src/analysis/descriptiveClaims.ts lists the claims). */
export type FindingKey = "steady-growth" | "q3q4-peak" | "sea-largest" | "central-asia-rapid" | "cee-sustained" | "regional-gaps";

/** What the data show on one §2 claim, in words with the numbers (no verdict: see module doc). */
export interface Finding {
  readonly key: FindingKey;
  /** Generated from the results, not typed in. */
  readonly finding: string;
}

export interface SourceBlock {
  readonly column: string;
  readonly years: readonly [number, number];
  /** Totals over every reporting country (coverage varies for the mirror). */
  readonly totals: GroupTotals;
  /** Totals over the balanced set (equal to `totals` for NBS, where all countries report). */
  readonly balancedTotals: GroupTotals;
  readonly allTotals: GroupTotals;
  readonly growth: readonly GroupGrowth[];
  readonly allGrowth: GroupGrowth;
  readonly shares: readonly GroupShares[];
  readonly top: readonly RankedUnit[];
  readonly topYear: number;
}

export interface DescriptiveAnalysis {
  readonly options: Required<Omit<DescriptiveOptions, "factors">> & { factors: readonly { name: string; label: string }[] };
  /** Region names in panel (registry) order. */
  readonly regions: readonly string[];
  readonly countries: number;
  /** First and last year of the panel. */
  readonly panelYears: readonly [number, number];
  readonly summary: readonly VariableSummary[];
  readonly gapsByRegion: readonly GroupSummary[];
  readonly nbs: SourceBlock;
  readonly mirror: SourceBlock;
  readonly seasonality: SeasonalityResult;
  readonly seasonalityJanFebCombined: SeasonalityResult;
  readonly sourceComparison: SourceComparison;
  readonly correlations: { pearson: CorrelationMatrix; spearman: CorrelationMatrix };
  /** One finding per §2 claim (verdicts: src/analysis/descriptiveClaims.ts). */
  readonly findings: readonly Finding[];
}

function years(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const pct = (v: number | null, d = 1) => (v === null ? "n/a" : `${(100 * v).toFixed(d)}%`);
const bn = (v: number | null) => (v === null ? "n/a" : `${(v / 1e9).toFixed(1)} bn US$`);

function sourceBlock(panel: Frame, o: DescriptiveAnalysis["options"], column: string, win: readonly [number, number], regions: readonly string[], balanced: boolean): SourceBlock {
  const ys = years(win[0], win[1]);
  const base = { value: column, group: o.group, time: o.time, id: o.id, years: ys, levels: regions };
  const totals = totalsBy(panel, base);
  const balancedTotals = balanced ? totalsBy(panel, { ...base, balanced: true }) : totals;
  const allTotals = totalsBy(panel, { value: column, time: o.time, id: o.id, years: ys, balanced, allLabel: "All B&R countries" });
  // top partners in the last year of the window
  const topYear = win[1];
  return {
    column,
    years: win,
    totals,
    balancedTotals,
    allTotals,
    growth: growthRates(balancedTotals, win[0], win[1]),
    allGrowth: growthRates(allTotals, win[0], win[1])[0]!,
    shares: sharesBy(balancedTotals),
    top: topUnits(panel, { value: column, id: o.id, label: o.name, group: o.group, time: o.time, year: topYear, k: o.top }),
    topYear,
  };
}

/**
 * Run the §2 descriptive analysis (see module doc).
 *
 * @param panel the frame of buildPanel(): iso3, country, year, group_name, exports_nbs_usd,
 *   imports_from_china_mirror_usd and the factor columns
 * @param monthly trade/china_exports_monthly_nbs_2016_2019.csv as a Frame (year, month, exports_usd)
 * @example
 * const d = descriptiveAnalysis(buildPanel().frame, readCsvFrame(join(resolveDataDir(), "trade/china_exports_monthly_nbs_2016_2019.csv")));
 * d.findings.map((f) => `${f.key}: ${f.finding}`);
 */
export function descriptiveAnalysis(panel: Frame, monthly: Frame, options: DescriptiveOptions = {}): DescriptiveAnalysis {
  const o = {
    id: options.id ?? "iso3",
    name: options.name ?? "country",
    time: options.time ?? "year",
    group: options.group ?? "group_name",
    nbs: options.nbs ?? "exports_nbs_usd",
    mirror: options.mirror ?? "imports_from_china_mirror_usd",
    nbsYears: options.nbsYears ?? ([2015, 2019] as const),
    mirrorYears: options.mirrorYears ?? ([2015, 2023] as const),
    factors: options.factors ?? DEFAULT_FACTORS,
    top: options.top ?? 10,
  };
  const g = text(panel, o.group);
  const regions = [...new Set(g.filter((x): x is string => x !== null))];
  const countries = new Set(text(panel, o.id)).size;
  const tcol = Array.from(numeric(panel, o.time)).filter((v) => Number.isFinite(v));
  if (tcol.length === 0) throw new Error(`descriptiveAnalysis: column '${o.time}' has no year`);
  const panelYears = [Math.min(...tcol), Math.max(...tcol)] as const;
  const factorNames = o.factors.map((f) => f.name);

  const summary = summaryStatistics(panel, [o.nbs, o.mirror, ...factorNames]);
  const gapsByRegion = summaryBy(panel, factorNames, o.group, { levels: regions });
  const nbs = sourceBlock(panel, o, o.nbs, o.nbsYears, regions, false);
  const mirror = sourceBlock(panel, o, o.mirror, o.mirrorYears, regions, true);
  const seas = seasonality(monthly, { value: "exports_usd" });
  const seasCombined = seasonality(monthly, { value: "exports_usd", janFeb: "combined" });
  const sourceComparison = compareSources(panel, { a: o.nbs, b: o.mirror, id: o.id, time: o.time });
  // correlations of log exports (each source) with the factors, on pairwise complete country-years
  const logs = withLogs(panel, o.nbs, o.mirror);
  const corrVars = ["ln_nbs", "ln_mirror", ...factorNames];
  const correlations = {
    pearson: correlationMatrix(logs, corrVars, "pearson"),
    spearman: correlationMatrix(logs, corrVars, "spearman"),
  };
  const partial = { options: o, regions, nbs, mirror, seasonality: seas, gapsByRegion };
  return {
    ...partial,
    countries,
    panelYears,
    summary,
    seasonalityJanFebCombined: seasCombined,
    sourceComparison,
    correlations,
    findings: makeFindings(partial),
  };
}

function withLogs(panel: Frame, nbs: string, mirror: string): Frame {
  const cols: Record<string, Column> = { ...panel.columns };
  const ln = (c: Float64Array) => Float64Array.from(c, (v) => (v > 0 ? Math.log(v) : Number.NaN));
  cols.ln_nbs = ln(numeric(panel, nbs));
  cols.ln_mirror = ln(numeric(panel, mirror));
  return makeFrame(cols);
}

function regionGrowth(block: SourceBlock, match: RegExp): GroupGrowth | undefined {
  return block.growth.find((x) => match.test(x.group));
}

function makeFindings(d: Pick<DescriptiveAnalysis, "options" | "regions" | "nbs" | "mirror" | "seasonality" | "gapsByRegion">): Finding[] {
  const findings: Finding[] = [];
  const { nbs, mirror } = d;
  const mirrorDropped = mirror.balancedTotals.droppedUnbalanced.length;

  // 2.1 steady growth
  {
    const yN = nbs.allGrowth.yoy.slice(1);
    const yM = mirror.allGrowth.yoy.slice(1);
    const posN = yN.filter((v) => v !== null && v > 0).length;
    const posM = yM.filter((v) => v !== null && v > 0).length;
    const declinesN = nbs.allGrowth.years.slice(1).filter((_, i) => yN[i] !== null && yN[i]! <= 0);
    const declinesM = mirror.allGrowth.years.slice(1).filter((_, i) => yM[i] !== null && yM[i]! <= 0);
    findings.push({
      key: "steady-growth",
      finding:
        `China-reported exports to the ${d.options.nbsYears[0]}–${d.options.nbsYears[1]} panel went from ${bn(nbs.allGrowth.total[0]!)} to ${bn(nbs.allGrowth.total[nbs.allGrowth.total.length - 1]!)} ` +
        `(CAGR ${pct(nbs.allGrowth.cagr)}), rising in ${posN} of ${yN.length} years` +
        (declinesN.length ? ` (falls in ${declinesN.join(", ")}: ${declinesN.map((y) => pct(yN[nbs.allGrowth.years.indexOf(y) - 1]!)).join(", ")})` : "") +
        `. Partner-reported imports from China (balanced set, ${mirrorDropped} countries left out) ` +
        `grew at ${pct(mirror.allGrowth.cagr)} a year over ${d.options.mirrorYears[0]}–${d.options.mirrorYears[1]}, rising in ${posM} of ${yM.length} years` +
        (declinesM.length ? ` (falls in ${declinesM.join(", ")}: ${declinesM.map((y) => pct(yM[mirror.allGrowth.years.indexOf(y) - 1]!)).join(", ")})` : "") + ".",
    });
  }
  // 2.1 Q3/Q4 peak season
  {
    const s = d.seasonality;
    const q = s.quarterShareMean;
    const h2 = s.secondHalfShare;
    const order = [0, 1, 2, 3].sort((a, b) => q[b]! - q[a]!).map((i) => `Q${i + 1}`);
    findings.push({
      key: "q3q4-peak",
      finding:
        `In ${s.yearsUsed[0]}–${s.yearsUsed[s.yearsUsed.length - 1]} (NBS monthly exports to all destinations) the mean quarter shares are ` +
        q.map((v, i) => `Q${i + 1} ${pct(v)}`).join(", ") + `; ranking ${order.join(" > ")}. ` +
        `The second half holds ${h2.map((v) => pct(v)).join(", ")} of each year's exports. ` +
        `Quarter effects with year fixed effects (log exports): ` +
        s.regression.effects.map((e) => `${e.term} ${e.estimate >= 0 ? "+" : ""}${(100 * e.estimate).toFixed(1)} log points (p = ${e.pValue.toPrecision(2)})`).join(", ") +
        `; joint F(${s.regression.fDf1}, ${s.regression.fDf2}) = ${s.regression.fStatistic.toFixed(2)}, p = ${s.regression.fPValue.toPrecision(2)}. ` +
        `These are exports to all destinations, not to the B&R countries only, and not e-commerce.`,
    });
  }
  // 2.2 Southeast Asia largest
  {
    const rank = (b: SourceBlock) =>
      b.years[0] <= b.years[1]
        ? years(b.years[0], b.years[1]).map((_, t) => {
            const vals = b.balancedTotals.groups.map((x) => ({ g: x.group, v: x.total[t] ?? -Infinity }));
            vals.sort((p, q2) => q2.v - p.v);
            return vals[0]!.g;
          })
        : [];
    const topN = rank(nbs);
    const topM = rank(mirror);
    const sea = d.regions.find((r) => /southeast/i.test(r)) ?? "Southeast Asia";
    const nN = topN.filter((x) => x === sea).length;
    const nM = topM.filter((x) => x === sea).length;
    const shareN = nbs.shares.find((x) => x.group === sea)?.share ?? [];
    findings.push({
      key: "sea-largest",
      finding:
        `Southeast Asia is the largest region in ${nN} of ${topN.length} years of China-reported exports (share ${pct(shareN[0] ?? null)} in ${nbs.years[0]}, ${pct(shareN[shareN.length - 1] ?? null)} in ${nbs.years[1]}) ` +
        `and in ${nM} of ${topM.length} years of partner-reported imports (balanced set).`,
    });
  }
  // 2.2 rapid growth in Central Asia; sustained growth in CEE
  {
    const ca = [regionGrowth(nbs, /central asia/i), regionGrowth(mirror, /central asia/i)];
    const allN = nbs.allGrowth.cagr;
    const allM = mirror.allGrowth.cagr;
    const rankOf = (b: SourceBlock, gg: GroupGrowth | undefined) => {
      if (!gg || gg.cagr === null) return null;
      return 1 + b.growth.filter((x) => x.cagr !== null && x.cagr > gg.cagr!).length;
    };
    const caUnits = mirror.balancedTotals.groups.find((x) => /central asia/i.test(x.group))?.units ?? 0;
    findings.push({
      key: "central-asia-rapid",
      finding:
        `Central Asia's CAGR is ${pct(ca[0]?.cagr ?? null)} in China-reported exports ${nbs.years[0]}–${nbs.years[1]} (all B&R: ${pct(allN)}; rank ${rankOf(nbs, ca[0]) ?? "n/a"} of ${nbs.growth.length} regions) ` +
        `and ${pct(ca[1]?.cagr ?? null)} in partner-reported imports ${mirror.years[0]}–${mirror.years[1]} (all B&R: ${pct(allM)}; rank ${rankOf(mirror, ca[1]) ?? "n/a"}; only ${caUnits} Central Asian countries report in every year).`,
    });
    const cee = [regionGrowth(nbs, /eastern europe/i), regionGrowth(mirror, /eastern europe/i)];
    const pos = cee.map((x) => (x ? x.yoy.slice(1).filter((v) => v !== null && v > 0).length : 0));
    const len = cee.map((x) => (x ? x.yoy.length - 1 : 0));
    findings.push({
      key: "cee-sustained",
      finding:
        `Central and Eastern Europe: CAGR ${pct(cee[0]?.cagr ?? null)} (China-reported, ${nbs.years[0]}–${nbs.years[1]}, rising in ${pos[0]} of ${len[0]} years) and ` +
        `${pct(cee[1]?.cagr ?? null)} (partner-reported, ${mirror.years[0]}–${mirror.years[1]}, rising in ${pos[1]} of ${len[1]} years).`,
    });
  }
  // 2.2 regional gaps
  {
    const focus = ["internet_users_pct", "atms_per100k_adults", "findex_account_pct", "lpi_overall_score"];
    const parts: string[] = [];
    for (const v of focus) {
      const means = d.gapsByRegion.map((gr) => ({ g: gr.group, s: gr.stats.find((s) => s.variable === v) })).filter((x) => x.s && x.s.mean !== null);
      if (means.length < 2) {
        parts.push(`${v}: fewer than 2 regions with data`);
        continue;
      }
      means.sort((a, b) => b.s!.mean! - a.s!.mean!);
      const hi = means[0]!;
      const lo = means[means.length - 1]!;
      const ratio = hi.s!.mean! / lo.s!.mean!;
      parts.push(`${v}: highest ${hi.g.replace(/\s*\(.*\)$/, "")} (${hi.s!.mean!.toFixed(2)}), lowest ${lo.g.replace(/\s*\(.*\)$/, "")} (${lo.s!.mean!.toFixed(2)}), ratio ${ratio.toFixed(2)}`);
    }
    findings.push({
      key: "regional-gaps",
      finding: `Region means of country-year values: ${parts.join("; ")}.`,
    });
  }
  return findings;
}
