/**
 * The regression analysis of the study in one call (notebooks 03/04 and the report use it):
 * parameters → panel → baseline → robustness → specification curve → descriptive analysis (H4's
 * src/stats) → claims scorecard, and every dependent table and figure by artifact ID. Everything is
 * a function of ONE parameters object (analysis.params.json), so changing a setting there changes
 * every table and figure consistently (test/analysis/params-dependence.test.ts).
 */
import type { Frame } from "../frame";
import type { PanelResult } from "../clean/panel";
import type { TableModel } from "../tables/index";
import { loadDataFile } from "../data/manifest";
import { resolveDataDir } from "../data/dataDir";
import { descriptiveAnalysis, type DescriptiveAnalysis } from "../stats/descriptiveAnalysis";
import { artifact } from "../artifacts";
import { loadParams, type AnalysisParams } from "./params";
import { analysisPanel, labelsFromDictionary, studyPeriod } from "./data";
import { baselineModel, runBaseline, type BaselineResult } from "./baseline";
import { runRobustness, type RobustnessResult } from "./robustness";
import { runSpecificationCurve, type SpecCurveResult } from "./speccurve";
import { buildScorecard } from "./claims";
import type { ScorecardRow } from "./scorecard";
import { coefficientPlot, specCurveDetailFigure, specCurveFigure, type FigureSpec } from "./figures";
import { baselineTable, diagnosticsTable, proxyTable, robustnessFullTable, robustnessSummaryTable, scorecardTable, specCurveTable } from "./tables";

export * from "./params";
export * from "./spec";
export * from "./sample";
export * from "./models";
export * from "./pca";
export * from "./data";
export * from "./baseline";
export * from "./robustness";
export * from "./speccurve";
export * from "./scorecard";
export * from "./claims";
export * from "./descriptiveClaims";
export * from "./figures";
export * from "./tables";

/** The monthly export file used by the seasonality claim (H4's descriptive analysis). */
export const MONTHLY_EXPORTS_FILE = "trade/china_exports_monthly_nbs_2016_2019.csv";

export interface AnalysisOptions {
  /** Data directory (default: the project's data-directory setting). */
  readonly dataDir?: string;
  /** Skip the robustness checks (T7, A4) — e.g. in a quick notebook cell. */
  readonly robustness?: boolean;
  /** Skip the specification curve (T8, F11, F12); the scorecard then has no curve evidence. */
  readonly specCurve?: boolean;
  /** Called after each step with its name and duration in milliseconds. */
  readonly onStep?: (name: string, ms: number) => void;
}

export interface AnalysisRun {
  readonly params: AnalysisParams;
  readonly panel: PanelResult;
  readonly label: (name: string) => string;
  readonly baseline: BaselineResult;
  readonly robustness: RobustnessResult | null;
  readonly curve: SpecCurveResult | null;
  readonly descriptive: DescriptiveAnalysis;
  /** The descriptive study behind `descriptive` (its panel rows, monthly file). */
  readonly study: DescriptiveStudy;
  readonly scorecard: readonly ScorecardRow[];
  /** Tables by artifact ID (T5–T10, A4). */
  readonly tables: ReadonlyMap<string, TableModel>;
  /** Figures by artifact ID (F10–F12). */
  readonly figures: ReadonlyMap<string, FigureSpec>;
}

const EMPTY_CURVE = (p: AnalysisParams): SpecCurveResult => ({ outcomes: [], skipped: [], duplicates: [], failed: 0, fits: 0, alpha: p.alpha, standardized: p.specCurve.standardize, elapsedMs: 0, summary: [] });

/** The monthly exports frame (read and verified through the data manifest). */
export function monthlyExports(dataDir?: string): Frame {
  return loadDataFile(resolveDataDir(dataDir), MONTHLY_EXPORTS_FILE).frame;
}

export interface DescriptiveStudy {
  /** The panel of the parameter set (fill rule, country list) as built by buildPanel. */
  readonly panel: PanelResult;
  /** Its rows in the study period (the years of the dependent-variable sources). */
  readonly frame: Frame;
  /** China's monthly exports (seasonality). */
  readonly monthly: Frame;
  /** The §2 statistics (src/stats). */
  readonly analysis: DescriptiveAnalysis;
}

/**
 * The descriptive analysis of §2 for one parameter set: the ONE path that notebook 02, the report
 * (through runAnalysis) and the scorecard share, so their tables T1–T4, figures F1–F9 and §2 verdicts
 * are computed on the same panel (fill rule and country list from `analysis.params.json`).
 * @example
 * const s = descriptiveStudy(loadParams());
 * descriptiveTables(s.analysis).map((t) => t.id); // ["T1", "T2", "T3", "T4"]
 */
export function descriptiveStudy(p: AnalysisParams = loadParams(), dataDir?: string): DescriptiveStudy {
  const panel = analysisPanel(p, dataDir);
  const frame = studyPeriod(panel.frame, p);
  const monthly = monthlyExports(dataDir);
  const analysis = descriptiveAnalysis(frame, monthly, { id: p.identifiers.id, name: p.identifiers.name, time: p.identifiers.time });
  return Object.freeze({ panel, frame, monthly, analysis });
}

/**
 * Run the whole regression analysis for one parameter set.
 * @example
 * const run = runAnalysis(loadParams());
 * toHtml(run.tables.get("T5")!);
 * run.scorecard.map((r) => r.outcome.verdict);
 */
export function runAnalysis(p: AnalysisParams = loadParams(), o: AnalysisOptions = {}): AnalysisRun {
  const step = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    o.onStep?.(name, performance.now() - t0);
    return out;
  };
  const panel = step("panel", () => analysisPanel(p, o.dataDir));
  const label = labelsFromDictionary(panel.dictionary);
  const baseline = step("baseline", () => runBaseline(panel.frame, p));
  const robustness = o.robustness === false ? null : step("robustness", () => runRobustness(panel.frame, p, o.dataDir));
  const curve = o.specCurve === false ? null : step("specification curve", () => runSpecificationCurve(panel.frame, p));
  const study = step("descriptive analysis", () => descriptiveStudy(p, o.dataDir));
  const descriptive = study.analysis;
  const scorecard = step("scorecard", () => buildScorecard({ params: p, panel: panel.frame, descriptive, baseline, curve: curve ?? EMPTY_CURVE(p) }));
  const tables = new Map<string, TableModel>();
  const figures = new Map<string, FigureSpec>();
  step("tables and figures", () => {
    tables.set("T5", baselineTable(baseline, label));
    tables.set("T6", diagnosticsTable(baseline, label));
    tables.set("T9", scorecardTable(scorecard, p));
    tables.set("T10", proxyTable(p));
    if (robustness) {
      tables.set("T7", robustnessSummaryTable(robustness));
      tables.set("A4", robustnessFullTable(robustness, label));
    }
    const main = baseline.models.filter((m) => ["pooled", "twfe", "re", "ppml"].includes(m.key));
    const names = Object.values(baselineModel(baseline, "twfe").sample.factorColumns).filter((c): c is string => typeof c === "string");
    figures.set("F10", coefficientPlot(main.map((m) => ({ title: m.title, result: m.fit.result })), names, label, artifact("F10").title));
    if (curve) {
      tables.set("T8", specCurveTable(curve, p));
      figures.set("F11", specCurveFigure(curve, p));
      if (curve.summary.some((s) => s.factor === "digital")) figures.set("F12", specCurveDetailFigure(curve, p, "digital"));
    }
  });
  return Object.freeze({ params: p, panel, label, baseline, robustness, curve, descriptive, study, scorecard, tables, figures });
}
