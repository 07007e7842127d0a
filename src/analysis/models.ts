/**
 * The estimators of the analysis, as engine calls on an estimation sample (src/analysis/sample.ts):
 * one function per model so that baseline, robustness and the specification curve fit the same
 * model the same way.
 *
 * - "pooled": pooled OLS of ln X_it on the factors, controls, gravity terms, region and year dummies;
 * - "twfe":   two-way fixed effects (country + year absorbed), the baseline;
 * - "fe":     one-way (country) within estimator with year dummies (the FE side of the Hausman test);
 * - "re":     random effects (Swamy–Arora) with year dummies and the gravity terms;
 * - "ppml":   Poisson PML on levels with country and year fixed effects (Santos Silva & Tenreyro 2006).
 * Standard errors: clustered by the parameters' cluster variable (Stata rule), or Driscoll–Kraay.
 */
import { fit } from "../estimate/index";
import { fitPpml } from "../estimate/ppml";
import type { FitOptions, FitResult, VcovSpec } from "../estimate/types";
import type { AnalysisParams } from "./params";
import type { AnalysisSample } from "./sample";
import { formula } from "./spec";

export type Estimator = "pooled" | "twfe" | "fe" | "re" | "ppml";
export type VcovChoice = "cluster" | "dk" | "iid";

export const ESTIMATOR_LABELS: Readonly<Record<Estimator, string>> = {
  pooled: "Pooled OLS",
  twfe: "Two-way FE",
  fe: "Country FE + year dummies",
  re: "Random effects",
  ppml: "PPML (levels)",
};

/** The engine's vcov specification for a choice. */
export function vcovSpec(p: AnalysisParams, v: VcovChoice): VcovSpec {
  return v === "cluster" ? { cluster: [p.cluster] } : v === "dk" ? { dk: {} } : "iid";
}

/** Formula and options of an estimator on a sample (exported so tables can show the formula). */
export function modelCall(s: AnalysisSample, p: AnalysisParams, est: Estimator, gravity: readonly string[] = p.gravity): { formula: string; options: FitOptions } {
  const { id, time, region } = p.identifiers;
  const regs = [...s.regressors];
  const panel = { id, time };
  switch (est) {
    case "pooled":
      return { formula: formula(s.y, [...regs, ...gravity, `i(${region})`, `i(${time})`]), options: { model: "ols", panel } };
    case "twfe":
      return { formula: formula(s.y, regs, [id, time]), options: { model: "ols", panel } };
    case "fe":
      return { formula: formula(s.y, [...regs, `i(${time})`]), options: { model: "fe", panel, effect: "individual" } };
    case "re":
      return { formula: formula(s.y, [...regs, ...gravity, `i(${time})`]), options: { model: "re", panel, effect: "individual" } };
    case "ppml":
      return { formula: formula(s.yLevel, regs, [id, time]), options: { panel } };
  }
}

/**
 * Fit one estimator on a sample with the chosen standard errors.
 * @example
 * const r = fitModel(sample, params, "twfe");           // clustered by country
 * r.coefficients[sample.factorColumns.digital!].pValue;
 */
export function fitModel(s: AnalysisSample, p: AnalysisParams, est: Estimator, vcov: VcovChoice = "cluster", gravity?: readonly string[]): FitResult {
  const call = modelCall(s, p, est, gravity);
  // fit once with the classical variance, then the requested one through withVcov (no refit):
  // identical numbers (test/analysis/models.test.ts) and much faster than a fit with a cluster vcov
  const options = { ...call.options, vcov: "iid" as const };
  const r = est === "ppml" ? fitPpml(s.frame, call.formula, options) : fit(s.frame, call.formula, options);
  return vcov === "iid" ? r : r.withVcov(vcovSpec(p, vcov));
}

/** A fit and the regressors left out because they had no variation in the estimation sample. */
export interface FitWithOmitted {
  readonly result: FitResult;
  /** Regressors omitted, each with the engine's reason. */
  readonly omitted: readonly { readonly variable: string; readonly reason: string }[];
}

const NO_VARIATION = /variable '([^']+)' has no variation left|variable '([^']+)' is constant/;

/**
 * `fitModel`, but a regressor of the sample that the engine rejects for having no variation (e.g.
 * a trade-agreement dummy that never switches within the sample's countries and years) is left
 * out and the model refitted; each omission is returned with its reason (never silent).
 * @example
 * const { result, omitted } = fitModelOmitting(sample, params, "twfe");
 * omitted; // [{ variable: "fta_china_in_force", reason: "variable 'fta_china_in_force' has no variation left ..." }]
 */
export function fitModelOmitting(s: AnalysisSample, p: AnalysisParams, est: Estimator, vcov: VcovChoice = "cluster", gravity?: readonly string[]): FitWithOmitted {
  const omitted: { variable: string; reason: string }[] = [];
  let sample = s;
  let grav = gravity ?? p.gravity;
  for (;;) {
    try {
      return { result: fitModel(sample, p, est, vcov, grav), omitted };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const m = NO_VARIATION.exec(msg);
      const v = m ? (m[1] ?? m[2])! : null;
      if (v && sample.regressors.includes(v)) {
        omitted.push({ variable: v, reason: msg });
        sample = { ...sample, regressors: sample.regressors.filter((r) => r !== v) };
        continue;
      }
      if (v && grav.includes(v)) {
        omitted.push({ variable: v, reason: msg });
        grav = grav.filter((r) => r !== v);
        continue;
      }
      throw e;
    }
  }
}

/**
 * A fit cache keyed by a caller-supplied specification key: each distinct model is fitted once;
 * other standard errors come from `withVcov` on the cached fit (no refit).
 */
export class FitCache {
  private readonly fits = new Map<string, FitWithOmitted>();
  hits = 0;
  misses = 0;
  get size(): number {
    return this.fits.size;
  }
  /** The fit for `key`, computing it with `make` on the first request. */
  get(key: string, make: () => FitWithOmitted): FitWithOmitted {
    const f = this.fits.get(key);
    if (f) {
      this.hits++;
      return f;
    }
    this.misses++;
    const r = make();
    this.fits.set(key, r);
    return r;
  }
}
