/**
 * Baseline estimates (paper §3; notebook 03, report tables T5/T6, figure F10):
 * pooled OLS with region and year dummies and the gravity terms; two-way FE (country + year)
 * clustered by country; random effects with the Hausman and Breusch–Pagan LM tests and the choice
 * they imply; PPML on levels with country and year FE; the extended model with the factors kept
 * out of the baseline block (tariffs); and, clearly labelled, the two-way FE model with the digital
 * block replaced by its first principal component. Collinearity of the factor block: VIFs (pooled,
 * and net of the fixed effects) and the correlation matrix.
 *
 * All models of the main table share one estimation sample (rows with the dependent variable, every
 * baseline regressor and the gravity terms), so that columns differ by estimator only.
 */
import { type Frame, makeFrame, numeric } from "../frame";
import { fit } from "../estimate/index";
import type { FitResult } from "../estimate/types";
import { breuschPaganLM, hausmanTest, vif, type TestResult } from "../diagnostics/index";
import { correlationMatrix, type CorrelationMatrix } from "../stats/correlation";
import { dependentSource, sampleDescription, type AnalysisParams } from "./params";
import { baselineRegressors, modelFactors, formula } from "./spec";
import { buildSample, type AnalysisSample } from "./sample";
import { ESTIMATOR_LABELS, fitModelOmitting, type Estimator, type FitWithOmitted } from "./models";
import { principalComponents, type PcaResult } from "./pca";
import { DIGITAL_INDEX } from "./data";

/** One column of the baseline table. */
export interface BaselineModel {
  readonly key: "pooled" | "twfe" | "re" | "ppml" | "extended" | "index";
  readonly title: string;
  readonly estimator: Estimator;
  readonly fit: FitWithOmitted;
  readonly sample: AnalysisSample;
  /** Effects shown in the table, keyed by the id, time and region column names: "Yes"/"No"/"dummies"/"random". */
  readonly effects: Readonly<Record<string, string>>;
}

export interface VifRow {
  readonly variable: string;
  /** VIF in the pooled regression of ln X on the baseline regressors (levels, with a constant). */
  readonly pooled: number;
  /** VIF net of country and year effects (within-transformed regressors of the two-way FE fit). */
  readonly within: number;
}

export interface ModelChoice {
  readonly hausman: TestResult;
  readonly breuschPagan: TestResult;
  /** The estimator the two tests imply, and why. */
  readonly implied: "fixed effects" | "random effects" | "pooled OLS";
  readonly reason: string;
}

export interface BaselineResult {
  readonly params: AnalysisParams;
  readonly source: string;
  /** The common sample of the main models. */
  readonly sample: AnalysisSample;
  readonly models: readonly BaselineModel[];
  readonly choice: ModelChoice;
  readonly vif: readonly VifRow[];
  readonly correlation: CorrelationMatrix;
  /** PCA of the digital block (on the panel rows of the source years with every block measure). */
  readonly pca: PcaResult;
  readonly sampleDescription: string;
}

/** The model of `key` in a baseline result. */
export function baselineModel(b: BaselineResult, key: BaselineModel["key"]): BaselineModel {
  const m = b.models.find((x) => x.key === key);
  if (!m) throw new Error(`baseline: no model '${key}'`);
  return m;
}

/**
 * The panel with the first principal component of the digital block as a column
 * ({@link DIGITAL_INDEX}), computed on the rows of the source's years where every block measure
 * is present.
 */
export function withDigitalIndex(panel: Frame, p: AnalysisParams, source: string = p.dependent.source): { frame: Frame; pca: PcaResult } {
  const [a, b] = dependentSource(p, source).years;
  const yr = numeric(panel, p.identifiers.time);
  const cols = p.digitalIndexBlock.map((v) => Float64Array.from(numeric(panel, v), (x, i) => (yr[i]! >= a && yr[i]! <= b ? x : NaN)));
  const pca = principalComponents(cols, p.digitalIndexBlock);
  return { frame: makeFrame({ ...panel.columns, [DIGITAL_INDEX]: pca.firstScores }), pca };
}

/**
 * The two fits the Hausman test of the baseline compares, both with iid variances and year dummies:
 * country FE (within, one-way) and country random effects (Swamy–Arora) on the same regressors —
 * without the time-invariant gravity terms, which FE cannot estimate. R equivalent:
 * plm::phtest(plm(f, model = "within"), plm(f, model = "random", random.method = "swar")) with
 * f = y ~ X + factor(year) (checked live in test/analysis/hausman-plm.test.ts).
 * @example
 * const { fe, re } = hausmanPair(runBaseline(panel, params).sample, params);
 * hausmanTest(fe, re).pValue;
 */
export function hausmanPair(sample: AnalysisSample, p: AnalysisParams): { fe: FitResult; re: FitResult } {
  const { id, time } = p.identifiers;
  const fe = fitModelOmitting(sample, p, "fe", "iid").result;
  const re = fit(sample.frame, formula(sample.y, [...sample.regressors, `i(${time})`]), { model: "re", panel: { id, time }, vcov: "iid" });
  return { fe, re };
}

/**
 * Fit the baseline models, the model-choice tests and the collinearity diagnostics.
 * @example
 * const b = runBaseline(analysisPanel(params).frame, params);
 * baselineModel(b, "twfe").fit.result.coefficients.internet_users_pct.pValue;
 */
export function runBaseline(panel: Frame, p: AnalysisParams, source: string = p.dependent.source): BaselineResult {
  const { id, time, region } = p.identifiers;
  const regs = baselineRegressors(p);
  const sample = buildSample(panel, p, { source, regressors: regs, extra: p.gravity });
  const models: BaselineModel[] = [];
  const add = (key: BaselineModel["key"], est: Estimator, s: AnalysisSample, effects: Record<string, string>, title = ESTIMATOR_LABELS[est]) => {
    models.push({ key, title, estimator: est, fit: fitModelOmitting(s, p, est, "cluster"), sample: s, effects });
  };
  const fx = (country: string, year: string, reg: string) => ({ [id]: country, [time]: year, [region]: reg });
  const FE = fx("Yes", "Yes", "(in country FE)");
  add("pooled", "pooled", sample, fx("No", "dummies", "dummies"));
  add("twfe", "twfe", sample, FE);
  add("re", "re", sample, fx("random", "dummies", "No"));
  const ppmlSample = buildSample(panel, p, { source, regressors: regs, extra: p.gravity, keepZeros: true });
  add("ppml", "ppml", ppmlSample, FE);
  const ext = modelFactors(p, true).filter((k) => !p.factors[k].inBaseline);
  if (ext.length) {
    const extSample = buildSample(panel, p, { source, regressors: baselineRegressors(p, {}, true) });
    add("extended", "twfe", extSample, FE, `Two-way FE + ${ext.map((k) => p.factors[k].concept.toLowerCase()).join(", ")}`);
  }
  const idx = withDigitalIndex(panel, p, source);
  const idxSample = buildSample(idx.frame, p, { source, regressors: baselineRegressors(p, { digital: DIGITAL_INDEX }) });
  add("index", "twfe", idxSample, FE, "Two-way FE, digital index (PC1)");

  // model choice: classical (iid) Hausman on FE vs RE with the same regressors and year dummies;
  // Breusch–Pagan LM on the pooled OLS residuals
  const pair = hausmanPair(sample, p);
  const hausman = hausmanTest(pair.fe, pair.re);
  const pooledForLm = fit(sample.frame, formula(sample.y, [...sample.regressors, ...p.gravity, `i(${region})`, `i(${time})`]), { panel: { id, time }, vcov: "iid" });
  const breuschPagan = breuschPaganLM(pooledForLm, { effect: "individual" });
  const a = p.alpha;
  let implied: ModelChoice["implied"];
  let reason: string;
  if (breuschPagan.pValue >= a) {
    implied = "pooled OLS";
    reason = `Breusch–Pagan LM p = ${breuschPagan.pValue.toPrecision(3)} ≥ ${a}: no evidence of country effects, pooled OLS is adequate`;
  } else if (hausman.pValue < a) {
    implied = "fixed effects";
    reason = `Breusch–Pagan LM p = ${breuschPagan.pValue.toPrecision(3)} < ${a} (country effects present) and Hausman p = ${hausman.pValue.toPrecision(3)} < ${a} (RE inconsistent): fixed effects`;
  } else {
    implied = "random effects";
    reason = `Breusch–Pagan LM p = ${breuschPagan.pValue.toPrecision(3)} < ${a} (country effects present) and Hausman p = ${hausman.pValue.toPrecision(3)} ≥ ${a} (RE not rejected): random effects are consistent and efficient`;
  }

  // collinearity of the factor block
  const pooledPlain = fit(sample.frame, formula(sample.y, sample.regressors), { vcov: "iid" });
  const vPooled = vif(pooledPlain);
  const vWithin = vif(models.find((m) => m.key === "twfe")!.fit.result);
  const factorCols = modelFactors(p).map((k) => sample.factorColumns[k]!).filter(Boolean);
  const vifRows: VifRow[] = sample.regressors.map((v) => ({ variable: v, pooled: vPooled[v] ?? NaN, within: vWithin[v] ?? NaN }));
  const correlation = correlationMatrix(sample.frame, factorCols);

  return Object.freeze({
    params: p,
    source,
    sample,
    models,
    choice: { hausman, breuschPagan, implied, reason },
    vif: vifRows,
    correlation,
    pca: idx.pca,
    sampleDescription: sampleDescription(p, source),
  });
}
