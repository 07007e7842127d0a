/**
 * Specification curve (Simonsohn, Simmons & Nelson 2020, "Specification curve analysis", Nature
 * Human Behaviour 4: 1208–1214): the baseline two-way FE model re-estimated over every combination
 * of the analysis choices listed in `analysis.params.json` (`specCurve.dimensions`): dependent-variable
 * source, digital / payment / logistics measure, lag of the factor block, winsorisation, COVID
 * years, edition years only, and the standard errors (clustered or Driscoll–Kraay).
 *
 * Each distinct model is fitted once (FitCache); a standard-error choice reuses the fit through
 * `withVcov`. Combinations that cannot differ from another one (COVID exclusion for a source
 * without 2020–2021; edition-only when nothing is filled) are detected from the estimation sample
 * and counted as duplicates, not fitted twice and not counted twice. Continuous factor measures (not 0/1 dummies) are
 * standardised within each sample when `specCurve.standardize` is set, so coefficients are "per
 * standard deviation" and comparable across measures.
 */
import type { Frame } from "../frame";
import { text, numeric } from "../frame";
import type { FitResult } from "../estimate/types";
import { FACTOR_KEYS, dependentSource, type AnalysisParams, type FactorKey } from "./params";
import { buildSample, type AnalysisSample } from "./sample";
import { baselineRegressors } from "./spec";
import { FitCache, fitModelOmitting, type Estimator } from "./models";

/** One combination of choices. */
export interface SpecChoice {
  readonly source: string;
  readonly digital: string;
  readonly payment: string;
  readonly logistics: string;
  readonly lag: number;
  readonly winsorise: boolean;
  readonly excludeCovid: boolean;
  readonly editionOnly: boolean;
  /** Extended model: adds the factors kept out of the baseline block (e.g. tariffs). */
  readonly extended: boolean;
  readonly vcov: "cluster" | "dk";
}

export const CHOICE_DIMENSIONS = ["source", "digital", "payment", "logistics", "lag", "winsorise", "excludeCovid", "editionOnly", "extended", "vcov"] as const;

/** A short label of a choice, e.g. "mirror · internet_users_pct · ... · lag 1 · DK". */
export function choiceLabel(c: SpecChoice): string {
  return [c.source, c.digital, c.payment, c.logistics, c.lag ? `lag ${c.lag}` : "no lag", c.winsorise ? "winsorised" : "raw", c.excludeCovid ? "no COVID yrs" : "all yrs", c.editionOnly ? "editions only" : "filled", c.extended ? "extended" : "baseline block", c.vcov === "dk" ? "DK SE" : "cluster SE"].join(" · ");
}

/**
 * Every combination of the choices in the parameters (Cartesian product, in a fixed order), minus
 * those that are identical by construction (COVID exclusion for a source whose years hold no COVID
 * year), which are listed with the reason.
 * @example
 * enumerateSpecifications(params).specs.length; // product of the dimension sizes, minus skipped
 */
export function enumerateSpecifications(p: AnalysisParams): { specs: SpecChoice[]; skipped: { choice: SpecChoice; reason: string }[] } {
  const d = p.specCurve.dimensions;
  const specs: SpecChoice[] = [];
  const skipped: { choice: SpecChoice; reason: string }[] = [];
  for (const source of d.source)
    for (const digital of d.digital)
      for (const payment of d.payment)
        for (const logistics of d.logistics)
          for (const lag of d.lag)
            for (const winsorise of d.winsorise)
              for (const excludeCovid of d.excludeCovid)
                for (const editionOnly of d.editionOnly)
                  for (const extended of d.extended)
                  for (const vcov of d.vcov) {
                    const choice: SpecChoice = { source, digital, payment, logistics, lag, winsorise, excludeCovid, editionOnly, extended, vcov };
                    const [a, b] = dependentSource(p, source).years;
                    if (excludeCovid && !p.covidYears.some((y) => y >= a && y <= b)) {
                      skipped.push({ choice, reason: `no COVID year (${p.covidYears.join(", ")}) in ${source} years ${a}–${b}` });
                      continue;
                    }
                    specs.push(choice);
                  }
  return { specs, skipped };
}

/** One factor's estimate in one specification. */
export interface FactorEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly pValue: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** The outcome of one specification. */
export interface SpecOutcome {
  readonly choice: SpecChoice;
  readonly nobs: number;
  readonly countries: number;
  /** Rows of the panel in the source's years that the sample does not use. */
  readonly dropped: number;
  readonly estimates: Readonly<Partial<Record<FactorKey, FactorEstimate>>>;
  /** Regressors left out for lack of variation in this sample (their factor has no estimate here). */
  readonly omitted?: readonly string[];
  /** Set when the model could not be estimated (the message of the engine). */
  readonly error?: string;
}

/** Per-factor tally over the specification curve. */
export interface FactorCurveSummary {
  readonly factor: FactorKey;
  readonly concept: string;
  readonly expectedSign: 1 | -1;
  /** Specifications in which the factor was estimated. */
  readonly n: number;
  readonly positive: number;
  readonly positiveSignificant: number;
  readonly negativeSignificant: number;
  /** Expected sign and p < alpha. */
  readonly rightSignSignificant: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface SpecCurveResult {
  readonly outcomes: readonly SpecOutcome[];
  readonly skipped: readonly { choice: SpecChoice; reason: string }[];
  /** Combinations whose sample and transforms equal an earlier one (not counted twice). */
  readonly duplicates: readonly { choice: SpecChoice; sameAs: SpecChoice }[];
  readonly failed: number;
  readonly fits: number;
  readonly alpha: number;
  readonly standardized: boolean;
  readonly elapsedMs: number;
  readonly summary: readonly FactorCurveSummary[];
}

function sampleSignature(s: AnalysisSample, id: string, time: string, c: SpecChoice): string {
  const ids = text(s.frame, id);
  const t = numeric(s.frame, time);
  const rows: string[] = [];
  for (let i = 0; i < s.frame.nrow; i++) rows.push(`${ids[i]}@${t[i]}`);
  return [c.source, c.digital, c.payment, c.logistics, c.lag, c.winsorise, c.extended, rows.join(",")].join("|");
}

function median(v: number[]): number {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Tally of the factor estimates over the successful specifications: counts of β > 0, of β > 0 with
 * p < alpha, of β < 0 with p < alpha, of the expected sign with p < alpha, and the median, min and
 * max of β (median of an even count = mean of the two middle values).
 * @example
 * summarizeCurve(curve.outcomes, params).find((s) => s.factor === "digital")!.rightSignSignificant;
 */
export function summarizeCurve(outcomes: readonly SpecOutcome[], p: AnalysisParams, alpha: number = p.alpha): FactorCurveSummary[] {
  return FACTOR_KEYS.filter((k) => outcomes.some((o) => o.estimates[k])).map((k) => {
    const est = outcomes.flatMap((o) => (o.estimates[k] ? [o.estimates[k]!] : []));
    const b = est.map((e) => e.estimate);
    const sig = (e: FactorEstimate) => e.pValue < alpha;
    const sign = p.factors[k].expectedSign;
    return {
      factor: k,
      concept: p.factors[k].concept,
      expectedSign: sign,
      n: est.length,
      positive: est.filter((e) => e.estimate > 0).length,
      positiveSignificant: est.filter((e) => e.estimate > 0 && sig(e)).length,
      negativeSignificant: est.filter((e) => e.estimate < 0 && sig(e)).length,
      rightSignSignificant: est.filter((e) => Math.sign(e.estimate) === sign && sig(e)).length,
      median: median(b),
      min: b.length ? Math.min(...b) : NaN,
      max: b.length ? Math.max(...b) : NaN,
    };
  });
}

export interface SpecCurveOptions {
  /** Estimator re-fitted over the curve (default "twfe"). */
  readonly estimator?: Estimator;
  /** Restrict to these specifications (default: all from `enumerateSpecifications`). */
  readonly specs?: readonly SpecChoice[];
  readonly cache?: FitCache;
}

/**
 * Fit the specification curve on a panel.
 * @example
 * const curve = runSpecificationCurve(panel, params);
 * curve.summary.find((s) => s.factor === "digital")!.rightSignSignificant; // e.g. 140 of 288
 */
export function runSpecificationCurve(panel: Frame, p: AnalysisParams, o: SpecCurveOptions = {}): SpecCurveResult {
  const t0 = performance.now();
  const est = o.estimator ?? "twfe";
  const { specs: all, skipped } = enumerateSpecifications(p);
  const specs = o.specs ?? all;
  const cache = o.cache ?? new FitCache();
  const { id, time } = p.identifiers;
  const panelYears = numeric(panel, time);
  const samples = new Map<string, { sample: AnalysisSample; sig: string; choice: SpecChoice } | { error: string }>();
  const firstBySig = new Map<string, SpecChoice>();
  const outcomes: SpecOutcome[] = [];
  const duplicates: { choice: SpecChoice; sameAs: SpecChoice }[] = [];
  let failed = 0;
  for (const c of specs) {
    const sampleKey = [c.source, c.digital, c.payment, c.logistics, c.lag, c.winsorise, c.excludeCovid, c.editionOnly, c.extended].join("|");
    let entry = samples.get(sampleKey);
    if (!entry) {
      try {
        const regressors = baselineRegressors(p, { digital: c.digital, payment: c.payment, logistics: c.logistics }, c.extended);
        const sample = buildSample(panel, p, {
          source: c.source,
          regressors,
          lag: c.lag,
          winsorise: c.winsorise ? p.winsorise : null,
          excludeYears: c.excludeCovid ? p.covidYears : [],
          editionOnly: c.editionOnly,
          standardize: p.specCurve.standardize,
        });
        const sig = sampleSignature(sample, id, time, c);
        entry = { sample, sig, choice: c };
      } catch (e) {
        entry = { error: e instanceof Error ? e.message : String(e) };
      }
      samples.set(sampleKey, entry);
    }
    if ("error" in entry) {
      failed++;
      outcomes.push({ choice: c, nobs: 0, countries: 0, dropped: NaN, estimates: {}, error: entry.error });
      continue;
    }
    const sigV = `${entry.sig}|${c.vcov}`;
    const first = firstBySig.get(sigV);
    if (first && first !== c) {
      duplicates.push({ choice: c, sameAs: first });
      continue;
    }
    firstBySig.set(sigV, c);
    const s = entry.sample;
    const [a, b] = dependentSource(p, c.source).years;
    let inYears = 0;
    for (const y of panelYears) if (y >= a && y <= b) inYears++;
    let r: FitResult;
    let omitted: readonly string[] = [];
    try {
      const base = cache.get(`${est}|${entry.sig}`, () => fitModelOmitting(s, p, est, "cluster"));
      omitted = base.omitted.map((o) => o.variable);
      r = c.vcov === "cluster" ? base.result : base.result.withVcov({ dk: {} });
    } catch (e) {
      failed++;
      outcomes.push({ choice: c, nobs: s.nobs, countries: s.countries, dropped: inYears - s.nobs, estimates: {}, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const estimates: Partial<Record<FactorKey, FactorEstimate>> = {};
    for (const k of FACTOR_KEYS) {
      const col = s.factorColumns[k];
      const row = col ? r.coefficients[col] : undefined;
      if (row) estimates[k] = { estimate: row.estimate, se: row.se, pValue: row.pValue, ciLow: row.ciLow, ciHigh: row.ciHigh };
    }
    outcomes.push({ choice: c, nobs: r.nobs, countries: s.countries, dropped: inYears - r.nobs, estimates, ...(omitted.length ? { omitted } : {}) });
  }
  const ok = outcomes.filter((x) => !x.error);
  return Object.freeze({
    outcomes,
    skipped,
    duplicates,
    failed,
    fits: cache.size,
    alpha: p.alpha,
    standardized: p.specCurve.standardize,
    elapsedMs: performance.now() - t0,
    summary: summarizeCurve(ok, p),
  });
}
