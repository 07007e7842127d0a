/**
 * The claims scorecard of the study (report T9, notebook 04): the paper's §2 descriptive claims,
 * checked on H4's descriptive analysis (src/stats) by src/analysis/descriptiveClaims.ts (the same
 * function notebook 02 calls), and its §3 factor claims, checked on the
 * baseline two-way FE model and the specification curve — each verdict computed by the rules in
 * src/analysis/scorecard.ts with the thresholds of `analysis.params.json`.
 */
import type { Frame } from "../frame";
import type { DescriptiveAnalysis } from "../stats/descriptiveAnalysis";
import { descriptiveClaims } from "./descriptiveClaims";
import type { AnalysisParams, FactorKey } from "./params";
import type { BaselineResult } from "./baseline";
import { baselineModel } from "./baseline";
import type { SpecCurveResult } from "./speccurve";
import { factorVerdict, type RuleOutcome, type ScorecardRow } from "./scorecard";

export interface ScorecardInputs {
  readonly params: AnalysisParams;
  /** The analysis panel (for the region code → name map). */
  readonly panel: Frame;
  readonly descriptive: DescriptiveAnalysis;
  readonly baseline: BaselineResult;
  readonly curve: SpecCurveResult;
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
  // §2 descriptive claims D1–D6: the one set of rules shared with notebook 02
  rows.push(...descriptiveClaims(d, p, inp.panel));

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
  const untestable = (id: string, claim: string, wouldTest: string): ScorecardRow => ({
    id,
    section: "§3",
    claim,
    evidenceIds: ["T10"],
    outcome: factorVerdict({ expectedSign: 1, measured: false, baseline: null, curve: null, wouldTest }, t),
  });
  const curveEvidence = ["T7", "T8", "F11"];
  const robustnessEvidence = ["T7", "T8"];
  rows.push(
    factorRow("F1", "§3.1", "digital", "Digital infrastructure significantly raises exports", curveEvidence),
    factorRow("F2", "§3.2", "logistics", "Logistics efficiency significantly raises exports", curveEvidence),
    factorRow("F3", "§3.3", "payment", "Payment convenience significantly raises exports", curveEvidence),
    untestable("F4", "Online-shopping penetration significantly raises exports", "the share of adults who buy online (Global Findex 'used the internet to buy something online', UNCTAD B2C e-commerce index) by country and year"),
    factorRow("F5", "§3", "institutions", "Institutional quality matters for exports", robustnessEvidence),
    factorRow("F6", "§3", "tariffs", "Lower tariffs raise exports", robustnessEvidence),
    factorRow("F7", "§3", "market_access", "Market access (trade agreements) raises exports", robustnessEvidence),
    untestable("F8", "Cross-border e-commerce platforms raise exports", "platform presence, overseas warehouses or marketplace traffic by destination country and year"),
  );
  return rows;
}

/** The outcome of a claim by ID (for prose in the report). */
export function claimOutcome(rows: readonly ScorecardRow[], id: string): RuleOutcome {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`scorecard: no claim '${id}'`);
  return r.outcome;
}
