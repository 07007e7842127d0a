/**
 * The claims scorecard of the study (report T9, notebook 04): the paper's §2 descriptive claims,
 * checked on H4's descriptive analysis (src/stats), and its §3 factor claims, checked on the
 * baseline two-way FE model and the specification curve — each verdict computed by the rules in
 * src/analysis/scorecard.ts with the thresholds of `analysis.params.json`.
 */
import type { Frame } from "../frame";
import { text } from "../frame";
import type { DescriptiveAnalysis, SourceBlock } from "../stats/descriptiveAnalysis";
import type { AnalysisParams, FactorKey } from "./params";
import type { BaselineResult } from "./baseline";
import { baselineModel } from "./baseline";
import type { SpecCurveResult } from "./speccurve";
import {
  combineOutcomes,
  factorVerdict,
  fasterGrowthVerdict,
  largestDestinationVerdict,
  peakSeasonVerdict,
  regionalGapVerdict,
  steadyGrowthVerdict,
  type RuleOutcome,
  type ScorecardRow,
  type YearSeries,
} from "./scorecard";

export interface ScorecardInputs {
  readonly params: AnalysisParams;
  /** The analysis panel (for the region code → name map). */
  readonly panel: Frame;
  readonly descriptive: DescriptiveAnalysis;
  readonly baseline: BaselineResult;
  readonly curve: SpecCurveResult;
}

function series(years: readonly number[], values: readonly (number | null)[]): YearSeries {
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
 * Every claim of the paper with its evidence and verdict.
 * @example
 * const rows = buildScorecard({ params, panel, descriptive, baseline, curve });
 * rows.map((r) => `${r.claim}: ${r.outcome.verdict}`);
 */
export function buildScorecard(inp: ScorecardInputs): ScorecardRow[] {
  const { params: p, descriptive: d, baseline: b, curve } = inp;
  const t = p.scorecard;
  const rows: ScorecardRow[] = [];
  const blocks = [d.nbs, d.mirror];
  const name = (code: string) => regionName(inp.panel, p, d.options.group, code);

  // §2.1 steady growth of exports to B&R (all B&R countries; mirror: balanced set)
  rows.push({
    id: "D1",
    section: "§2.1",
    claim: "China's exports to Belt-and-Road countries grew steadily",
    evidenceIds: ["T2", "F1", "F4"],
    outcome: combineOutcomes(blocks.map((bl) => ({ label: sourceLabel(bl, p), outcome: steadyGrowthVerdict(series(bl.allGrowth.years, bl.allGrowth.total), t) }))),
  });
  // §2.1 Q3/Q4 peak season (monthly NBS totals, all destinations)
  {
    const s = d.seasonality;
    const q3 = s.regression.effects.find((e) => e.term === "Q3");
    const q4 = s.regression.effects.find((e) => e.term === "Q4");
    const extra = `quarter effects vs Q1 (log, year FE): Q3 ${q3 ? q3.estimate.toFixed(3) : "n/a"}, Q4 ${q4 ? q4.estimate.toFixed(3) : "n/a"}; joint F p=${s.regression.fPValue.toPrecision(3)}; years ${s.yearsUsed.join(", ")} (all destinations, not B&R only)`;
    rows.push({ id: "D2", section: "§2.1", claim: "Q3 and Q4 are the peak export season", evidenceIds: ["T3", "F6"], outcome: peakSeasonVerdict(s.quarterShareMean, t, extra) });
  }
  // §2.2 Southeast Asia largest destination
  {
    const sea = name(p.scorecard.regions.southeastAsia);
    rows.push({
      id: "D3",
      section: "§2.2",
      claim: "Southeast Asia is the largest destination",
      evidenceIds: ["T2", "F2"],
      outcome: combineOutcomes(
        blocks.map((bl) => {
          const by: Record<string, number[]> = {};
          for (const s of bl.shares) by[s.group] = s.share.map((v) => (v === null ? NaN : v));
          return { label: sourceLabel(bl, p), outcome: largestDestinationVerdict(by, sea, bl.shares[0]?.years ?? []) };
        }),
      ),
    });
  }
  // §2.2 rapid growth in Central Asia; sustained growth in CEE
  {
    const ca = name(p.scorecard.regions.centralAsia);
    rows.push({
      id: "D4",
      section: "§2.2",
      claim: "Exports to Central Asia grew rapidly",
      evidenceIds: ["T2", "F4"],
      outcome: combineOutcomes(
        blocks.map((bl) => {
          const g = bl.growth.find((x) => x.group === ca);
          return { label: sourceLabel(bl, p), outcome: fasterGrowthVerdict(g?.cagr ?? NaN, bl.allGrowth.cagr ?? NaN, ca) };
        }),
      ),
    });
    const cee = name(p.scorecard.regions.cee);
    rows.push({
      id: "D5",
      section: "§2.2",
      claim: "Exports to Central and Eastern Europe grew in a sustained way",
      evidenceIds: ["T2", "F4"],
      outcome: combineOutcomes(
        blocks.map((bl) => {
          const g = bl.growth.find((x) => x.group === cee);
          return { label: sourceLabel(bl, p), outcome: g ? steadyGrowthVerdict(series(g.years, g.total), t) : { verdict: "not testable", rule: "", statistic: `no region ${cee}` } };
        }),
      ),
    });
  }
  // §2.2 regional gaps in internet, payments, logistics (regional means of country-years)
  {
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
    rows.push({ id: "D6", section: "§2.2", claim: "Regions differ widely in internet access, payments and logistics", evidenceIds: ["T4"], outcome: regionalGapVerdict(byIndicator, t) });
  }

  // §3 factor claims: baseline two-way FE and the specification curve
  const fe = baselineModel(b, "twfe");
  const ext = b.models.find((m) => m.key === "extended");
  const factorRow = (id: string, section: string, k: FactorKey, claim: string, evidence: string[]): ScorecardRow => {
    const f = p.factors[k];
    const model = f.inBaseline ? fe : ext ?? fe;
    const col = model.sample.factorColumns[k];
    const c = col ? model.fit.result.coefficients[col] : undefined;
    const s = curve.summary.find((x) => x.factor === k);
    const outcome = factorVerdict(
      {
        expectedSign: f.expectedSign,
        measured: f.measure !== null,
        baseline: c ? { estimate: c.estimate, pValue: c.pValue } : null,
        curve: s ? { n: s.n, rightSignSignificant: s.rightSignSignificant } : null,
      },
      t,
    );
    return { id, section, claim, evidenceIds: [f.inBaseline ? "T5" : "T5 (extended)", ...evidence], outcome: { ...outcome, statistic: `${f.measure}, baseline = ${model.title} (T5): ${outcome.statistic}` } };
  };
  rows.push(factorRow("F1", "§3.1", "digital", "Digital infrastructure significantly raises exports", ["T7", "T8", "F11"]));
  rows.push(factorRow("F2", "§3.2", "logistics", "Logistics efficiency significantly raises exports", ["T7", "T8", "F11"]));
  rows.push(factorRow("F3", "§3.3", "payment", "Payment convenience significantly raises exports", ["T7", "T8", "F11"]));
  rows.push({
    id: "F4",
    section: "§3",
    claim: "Online-shopping penetration significantly raises exports",
    evidenceIds: ["T10"],
    outcome: factorVerdict({ expectedSign: 1, measured: false, baseline: null, curve: null, wouldTest: "the share of adults who buy online (Global Findex 'used the internet to buy something online', UNCTAD B2C e-commerce index) by country and year" }, t),
  });
  rows.push(factorRow("F5", "§3", "institutions", "Institutional quality matters for exports", ["T7", "T8"]));
  rows.push(factorRow("F6", "§3", "tariffs", "Lower tariffs raise exports", ["T7", "T8"]));
  rows.push(factorRow("F7", "§3", "market_access", "Market access (trade agreements) raises exports", ["T7", "T8"]));
  rows.push({
    id: "F8",
    section: "§3",
    claim: "Cross-border e-commerce platforms raise exports",
    evidenceIds: ["T10"],
    outcome: factorVerdict({ expectedSign: 1, measured: false, baseline: null, curve: null, wouldTest: "platform presence, overseas warehouses or marketplace traffic by destination country and year" }, t),
  });
  return rows;
}

/** The outcome of a claim by ID (for prose in the report). */
export function claimOutcome(rows: readonly ScorecardRow[], id: string): RuleOutcome {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`scorecard: no claim '${id}'`);
  return r.outcome;
}
