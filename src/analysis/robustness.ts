/**
 * Robustness checks of the baseline two-way FE model (paper §3; notebook 04; report T7 and A4).
 * Each check changes ONE choice of the baseline and is re-estimated on its own sample, whose
 * restrictions are counted (`sample.steps`) and whose size is compared with the baseline:
 *
 * - the other trade source (China-reported 2015–2019 vs partner-reported 2015–2024), and the baseline
 *   source restricted to the other source's years (to separate the source from the period);
 * - alternative measures of each factor (broadband or mobile; bank branches or Findex; each LPI
 *   sub-score; rule of law or government effectiveness; RCEP);
 * - factors lagged one year (against reverse causality);
 * - winsorised at the parameters' quantiles (1/99%);
 * - COVID years (2020–2021) excluded;
 * - edition/survey years only (no filled LPI/Findex cells);
 * - leave-one-region-out, and per-region samples (regions with too few countries reported as not
 *   estimable);
 * - Driscoll–Kraay standard errors (same fit, other variance);
 * - balanced sample only;
 * - the other country list (64 vs 65), from a panel built with that list.
 */
import type { Frame } from "../frame";
import { text } from "../frame";
import type { FitResult } from "../estimate/types";
import { FACTOR_KEYS, withParams, type AnalysisParams, type FactorKey } from "./params";
import { baselineRegressors, type Regressors } from "./spec";
import { buildSample, type AnalysisSample, type SampleRequest } from "./sample";
import { fitModelOmitting, type FitWithOmitted } from "./models";
import { analysisPanel } from "./data";

export type CheckGroup = "source" | "measure" | "timing" | "sample" | "region" | "inference" | "list";

export const CHECK_GROUP_LABELS: Readonly<Record<CheckGroup, string>> = {
  source: "Trade source",
  measure: "Alternative measures",
  timing: "Timing and outliers",
  sample: "Sample",
  region: "Regions (heterogeneity)",
  inference: "Standard errors",
  list: "Country list",
};

/** One robustness check and its estimate (or why it could not be estimated). */
export interface RobustnessCheck {
  readonly id: string;
  readonly group: CheckGroup;
  readonly label: string;
  /** The one thing changed relative to the baseline. */
  readonly change: string;
  readonly sample: AnalysisSample | null;
  readonly fit: FitWithOmitted | null;
  /** Baseline N − this N (negative when the check adds observations). */
  readonly droppedVsBaseline: number;
  readonly error?: string;
}

export interface RobustnessResult {
  readonly params: AnalysisParams;
  readonly baseline: RobustnessCheck;
  readonly checks: readonly RobustnessCheck[];
  readonly elapsedMs: number;
}

/** The estimate of a factor in a check (null when the factor is not in that model). */
export function checkEstimate(c: RobustnessCheck, k: FactorKey): { estimate: number; se: number; pValue: number; column: string } | null {
  if (!c.fit || !c.sample) return null;
  const col = c.sample.factorColumns[k];
  const row = col ? c.fit.result.coefficients[col] : undefined;
  return row && col ? { estimate: row.estimate, se: row.se, pValue: row.pValue, column: col } : null;
}

interface CheckSpec {
  id: string;
  group: CheckGroup;
  label: string;
  change: string;
  panel?: Frame;
  params?: AnalysisParams;
  req: Partial<SampleRequest>;
  vcov?: "cluster" | "dk";
  minCountries?: number;
}

/**
 * Run every robustness check.
 * @param panel the analysis panel built with `p`'s list (the other list is built internally)
 * @param dataDir data directory for the other-list panel (default: the project's setting)
 * @example
 * const rob = runRobustness(analysisPanel(params).frame, params);
 * rob.checks.map((c) => [c.label, c.droppedVsBaseline]);
 */
export function runRobustness(panel: Frame, p: AnalysisParams, dataDir?: string): RobustnessResult {
  const t0 = performance.now();
  const source = p.dependent.source;
  const base: Regressors = baselineRegressors(p);
  const specs: CheckSpec[] = [];
  for (const other of Object.keys(p.dependent.sources).filter((s) => s !== source)) {
    specs.push({ id: `source-${other}`, group: "source", label: `Dependent: ${p.dependent.sources[other]!.label}`, change: `dependent-variable source ${source} → ${other}`, req: { source: other } });
    // the baseline source restricted to the other source's years: separates "other source" from "other period"
    const [a, b] = p.dependent.sources[other]!.years;
    const [a0, b0] = p.dependent.sources[source]!.years;
    const outside: number[] = [];
    for (let y = a0; y <= b0; y++) if (y < a || y > b) outside.push(y);
    if (outside.length) {
      specs.push({ id: `period-${other}`, group: "source", label: `Baseline source, ${Math.max(a, a0)}–${Math.min(b, b0)} only (years of ${other})`, change: `years ${outside.join(", ")} dropped`, req: { excludeYears: outside } });
    }
  }
  for (const k of FACTOR_KEYS) {
    const f = p.factors[k];
    if (!f.measure || !base.factors[k]) continue;
    for (const alt of f.alternatives) {
      specs.push({ id: `measure-${alt}`, group: "measure", label: `${f.concept}: ${alt}`, change: `${f.measure} → ${alt}`, req: { regressors: baselineRegressors(p, { [k]: alt }) } });
    }
  }
  specs.push({ id: "lag", group: "timing", label: `Factors lagged ${p.lag} year${p.lag > 1 ? "s" : ""}`, change: `factor block at t − ${p.lag}`, req: { lag: p.lag } });
  specs.push({ id: "winsorise", group: "timing", label: `Winsorised at ${100 * p.winsorise.lower}/${100 * p.winsorise.upper}%`, change: "continuous variables clipped at the quantiles", req: { winsorise: p.winsorise } });
  specs.push({ id: "no-covid", group: "timing", label: `Excluding ${p.covidYears.join("–")}`, change: `years ${p.covidYears.join(", ")} dropped`, req: { excludeYears: p.covidYears } });
  specs.push({ id: "edition-only", group: "sample", label: "Edition/survey years only", change: "rows with a filled LPI/Findex cell dropped", req: { editionOnly: true } });
  specs.push({ id: "balanced", group: "sample", label: "Balanced panel only", change: "countries observed in every year", req: { balanced: true } });
  const regions = [...new Set(text(panel, p.identifiers.region))].filter((r): r is string => !!r).sort();
  for (const r of regions) specs.push({ id: `without-${r}`, group: "region", label: `Without ${r}`, change: `region ${r} left out`, req: { dropRegions: [r] } });
  for (const r of regions) specs.push({ id: `only-${r}`, group: "region", label: `Only ${r}`, change: `region ${r} alone`, req: { onlyRegions: [r] }, minCountries: p.minCountriesPerRegion });
  specs.push({ id: "dk", group: "inference", label: "Driscoll–Kraay standard errors", change: "variance robust to cross-sectional dependence", req: {}, vcov: "dk" });
  const otherList = p.panel.list === 64 ? 65 : 64;
  let otherPanel: Frame | undefined;
  let otherParams: AnalysisParams | undefined;
  let otherError: string | undefined;
  try {
    otherParams = withParams(p, { panel: { list: otherList } });
    otherPanel = analysisPanel(otherParams, dataDir).frame;
  } catch (e) {
    otherError = e instanceof Error ? e.message : String(e);
  }
  specs.push({ id: `list-${otherList}`, group: "list", label: `${otherList}-country list`, change: `country list ${p.panel.list} → ${otherList}`, req: {}, ...(otherPanel ? { panel: otherPanel, params: otherParams } : {}) });

  const run = (s: CheckSpec | null): RobustnessCheck => {
    const spec: CheckSpec = s ?? { id: "baseline", group: "sample", label: "Baseline (two-way FE)", change: "none", req: {} };
    const pp = spec.params ?? p;
    const pan = spec.panel ?? panel;
    if (spec.id.startsWith("list-") && !spec.panel) {
      return { id: spec.id, group: spec.group, label: spec.label, change: spec.change, sample: null, fit: null, droppedVsBaseline: NaN, error: otherError ?? "other-list panel not built" };
    }
    let sample: AnalysisSample | null = null;
    try {
      sample = buildSample(pan, pp, { source, regressors: base, ...spec.req });
      if (spec.minCountries && sample.countries < spec.minCountries) {
        const n = sample.countries;
        throw new Error(`only ${n} countr${n === 1 ? "y" : "ies"} (minimum ${spec.minCountries}, analysis.params.json minCountriesPerRegion): too few clusters for country fixed effects with country-clustered errors`);
      }
      const f = fitModelOmitting(sample, pp, "twfe", spec.vcov ?? "cluster");
      return { id: spec.id, group: spec.group, label: spec.label, change: spec.change, sample, fit: f, droppedVsBaseline: NaN };
    } catch (e) {
      return { id: spec.id, group: spec.group, label: spec.label, change: spec.change, sample, fit: null, droppedVsBaseline: NaN, error: e instanceof Error ? e.message : String(e) };
    }
  };
  const b0 = run(null);
  const nBase = b0.fit?.result.nobs ?? NaN;
  const withDrop = (c: RobustnessCheck): RobustnessCheck => ({ ...c, droppedVsBaseline: c.fit ? nBase - c.fit.result.nobs : NaN });
  const baseline = withDrop(b0);
  const checks = specs.map((s) => withDrop(run(s)));
  return Object.freeze({ params: p, baseline, checks, elapsedMs: performance.now() - t0 });
}

/** The fitted checks (for tables), baseline first. */
export function fittedChecks(r: RobustnessResult): { check: RobustnessCheck; result: FitResult }[] {
  return [r.baseline, ...r.checks].flatMap((c) => (c.fit ? [{ check: c, result: c.fit.result }] : []));
}
