/**
 * The paper's §2 descriptive claims and their verdicts — the ONE place where they are decided.
 * Notebook 02 (next to each finding), notebook 04 and the report (scorecard T9, rows D1–D6) all
 * call `descriptiveClaims`, so a claim gets the same verdict everywhere. The rules are those of
 * src/analysis/scorecard.ts with the thresholds of `analysis.params.json` (`scorecard`); the
 * narrative finding of each claim (numbers in words) comes from the descriptive analysis
 * (src/stats/descriptiveAnalysis.ts `findings`), which decides nothing.
 */
import type { Frame } from "../frame";
import { text } from "../frame";
import type { DescriptiveAnalysis, FindingKey, SourceBlock } from "../stats/descriptiveAnalysis";
import type { AnalysisParams } from "./params";
import {
  combineOutcomes,
  fasterGrowthVerdict,
  largestDestinationVerdict,
  peakSeasonVerdict,
  regionalGapVerdict,
  steadyGrowthVerdict,
  type RuleOutcome,
  type ScorecardRow,
  type YearSeries,
} from "./scorecard";

/** One §2 claim of the paper: scorecard ID, key of its finding, section, wording, evidence. */
export interface DescriptiveClaimSpec {
  readonly id: string;
  readonly key: FindingKey;
  readonly section: "§2.1" | "§2.2";
  /** The claim, paraphrased from the paper. */
  readonly claim: string;
  readonly evidenceIds: readonly string[];
}

/** The six §2 claims, in the paper's order. */
export const DESCRIPTIVE_CLAIMS: readonly DescriptiveClaimSpec[] = [
  { id: "D1", key: "steady-growth", section: "§2.1", claim: "China's exports to Belt-and-Road countries grew steadily", evidenceIds: ["T2", "F1", "F4"] },
  { id: "D2", key: "q3q4-peak", section: "§2.1", claim: "Q3 and Q4 are the peak export season", evidenceIds: ["T3", "F6"] },
  { id: "D3", key: "sea-largest", section: "§2.2", claim: "Southeast Asia is the largest destination", evidenceIds: ["T2", "F2"] },
  { id: "D4", key: "central-asia-rapid", section: "§2.2", claim: "Exports to Central Asia grew rapidly", evidenceIds: ["T2", "F4"] },
  { id: "D5", key: "cee-sustained", section: "§2.2", claim: "Exports to Central and Eastern Europe grew in a sustained way", evidenceIds: ["T2", "F4"] },
  { id: "D6", key: "regional-gaps", section: "§2.2", claim: "Regions differ widely in internet access, payments and logistics", evidenceIds: ["T4"] },
];

/** A scorecard row of a §2 claim, with the key and the narrative finding of the descriptive analysis. */
export interface DescriptiveClaimRow extends ScorecardRow {
  readonly key: FindingKey;
  /** What the data show, in words (src/stats descriptiveAnalysis `findings`). */
  readonly finding: string;
}

/**
 * A yearly series from parallel years/values, keeping the finite values only.
 * @example
 * yearSeries([2015, 2016], [1, null]); // { years: [2015], values: [1] }
 */
export function yearSeries(years: readonly number[], values: readonly (number | null)[]): YearSeries {
  const ys: number[] = [];
  const vs: number[] = [];
  years.forEach((y, i) => {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      ys.push(y);
      vs.push(v);
    }
  });
  return { years: ys, values: vs };
}

function sourceLabel(b: SourceBlock, p: AnalysisParams): string {
  const src = Object.values(p.dependent.sources).find((s) => s.level === b.column);
  return `${src ? src.label.split(" (")[0] : b.column} ${b.years[0]}–${b.years[1]}`;
}

/** Region display name (as used by the descriptive analysis) of a region code. */
function regionName(panel: Frame, p: AnalysisParams, nameColumn: string, code: string): string {
  const codes = text(panel, p.identifiers.region);
  const names = text(panel, nameColumn);
  const i = codes.indexOf(code);
  return i >= 0 && names[i] ? names[i]! : code;
}

/**
 * The verdict of every §2 claim (D1–D6), by the scorecard rules with the thresholds of `p.scorecard`.
 * Claims checked on both export sources (China-reported, partner-reported balanced set) apply the
 * rule to each source and combine them (`combineOutcomes`).
 *
 * @param d the descriptive analysis (src/stats descriptiveAnalysis)
 * @param p the analysis parameters (thresholds, region codes, factor measures)
 * @param panel a frame with the region code (`p.identifiers.region`) and name (`d.options.group`) columns
 * @example
 * const rows = descriptiveClaims(descriptiveAnalysis(panel, monthly), loadParams(), panel);
 * rows.map((r) => `${r.id} ${r.claim}: ${r.outcome.verdict}`);
 */
export function descriptiveClaims(d: DescriptiveAnalysis, p: AnalysisParams, panel: Frame): DescriptiveClaimRow[] {
  const t = p.scorecard;
  const blocks = [d.nbs, d.mirror];
  const name = (code: string) => regionName(panel, p, d.options.group, code);
  const perSource = (f: (b: SourceBlock) => RuleOutcome): RuleOutcome => combineOutcomes(blocks.map((bl) => ({ label: sourceLabel(bl, p), outcome: f(bl) })));
  const regionGrowth = (bl: SourceBlock, region: string) => bl.growth.find((x) => x.group === region);

  const outcomes: Record<FindingKey, () => RuleOutcome> = {
    // all B&R countries (mirror: balanced set)
    "steady-growth": () => perSource((bl) => steadyGrowthVerdict(yearSeries(bl.allGrowth.years, bl.allGrowth.total), t)),
    // monthly NBS totals, all destinations
    "q3q4-peak": () => {
      const s = d.seasonality;
      const q = (term: string) => s.regression.effects.find((e) => e.term === term)?.estimate.toFixed(3) ?? "n/a";
      const extra = `quarter effects vs Q1 (log, year FE): Q3 ${q("Q3")}, Q4 ${q("Q4")}; joint F p=${s.regression.fPValue.toPrecision(3)}; years ${s.yearsUsed.join(", ")} (all destinations, not B&R only)`;
      return peakSeasonVerdict(s.quarterShareMean, t, extra);
    },
    "sea-largest": () => {
      const sea = name(t.regions.southeastAsia);
      return perSource((bl) => {
        const by: Record<string, number[]> = {};
        for (const s of bl.shares) by[s.group] = s.share.map((v) => (v === null ? NaN : v));
        return largestDestinationVerdict(by, sea, bl.shares[0]?.years ?? []);
      });
    },
    "central-asia-rapid": () => {
      const ca = name(t.regions.centralAsia);
      return perSource((bl) => fasterGrowthVerdict(regionGrowth(bl, ca)?.cagr ?? NaN, bl.allGrowth.cagr ?? NaN, ca));
    },
    "cee-sustained": () => {
      const cee = name(t.regions.cee);
      return perSource((bl) => {
        const g = regionGrowth(bl, cee);
        return g ? steadyGrowthVerdict(yearSeries(g.years, g.total), t) : { verdict: "not testable", rule: "", statistic: `no region ${cee}` };
      });
    },
    // regional means of country-years of the measures of the digital, payment and logistics factors
    "regional-gaps": () => {
      const vars = [p.factors.digital.measure, p.factors.payment.measure, p.factors.logistics.measure].filter((v): v is string => !!v);
      const byIndicator: Record<string, Record<string, number>> = {};
      for (const v of vars) {
        const m: Record<string, number> = {};
        for (const g of d.gapsByRegion) {
          const s = g.stats.find((x) => x.variable === v);
          if (s && s.mean !== null) m[g.group] = s.mean;
        }
        byIndicator[v] = m;
      }
      return regionalGapVerdict(byIndicator, t);
    },
  };
  return DESCRIPTIVE_CLAIMS.map((c) => {
    const finding = d.findings.find((f) => f.key === c.key);
    if (!finding) throw new Error(`descriptiveClaims: the descriptive analysis has no finding '${c.key}'`);
    return { ...c, finding: finding.finding, outcome: outcomes[c.key]() };
  });
}
