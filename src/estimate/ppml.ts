/**
 * Poisson pseudo-maximum likelihood (PPML) with any number of absorbed fixed effects.
 *
 * Model: E[y | x, α] = exp(x'β + α_fe1 + α_fe2 + …), estimated by maximising the Poisson
 * log-likelihood; y may be any non-negative number (not only counts: Santos Silva & Tenreyro 2006).
 *
 * Algorithm (as ppmlhdfe, Correia–Guimarães–Zylkin 2020, and fixest::fepois, Bergé 2018): iteratively
 * reweighted least squares where every step is a weighted within regression. With μ the current
 * mean and η = log μ:
 *   z = η + (y − μ)/μ                       (working response)
 *   w = μ (× analytic weights, if any)       (working weights)
 *   z̃, X̃ = weighted demeaning of z and X on all fixed effects (src/estimate/demean.ts)
 *   β = argmin Σ w (z̃ − X̃β)²               (Householder QR, src/estimate/qr.ts)
 *   η ← z − (z̃ − X̃β)                       (the weighted projection of z on [X, FE dummies])
 * until |dev − dev_prev| / (0.1 + |dev|) < tol (R glm's criterion; default tol 1e-10), with step
 * halving (from the second iteration) when the deviance is not finite or increases. Start: μ = (y + ȳ)/2 (ppmlhdfe).
 *
 * Sample (every removal counted in `dropped`):
 * - rows with a missing value in y, a regressor or a FE → `missing`;
 * - y < 0 → an Error naming the variable and data row (PPML needs y ≥ 0);
 * - singleton FE groups (recursively; option dropSingletons, default true) → `singleton`;
 * - separation (ppmlhdfe's rules; Correia, Guimarães & Zylkin 2021 "Verifying the existence of maximum
 *   likelihood estimates for generalized linear models", arXiv 1903.01633): (1) a FE group whose outcome
 *   is zero in every row has α = −∞: its rows are removed; (2) rows separated by the regressors and FE
 *   together are found with the ReLU certificate ({@link reluSeparation}) and removed. Both, with the
 *   singleton check, are repeated until none removes a row; all removals count as `separation`. A
 *   regressor left without variation (e.g. a dummy that was 1 only on separated rows) is dropped with a
 *   note. If at convergence some μᵢ < 1e-10 with yᵢ = 0 remain, a note says so.
 *
 * Reported fit statistics (ppmlhdfe / fixest conventions):
 *   logLik = Σ [y log μ − μ − lgamma(y + 1)],  ll0 = same with μ = ȳ (constant-only model),
 *   pseudoR2 = 1 − logLik/ll0 (McFadden), deviance = 2 Σ [y log(y/μ) − (y − μ)] (0·log 0 = 0),
 *   r2 = cor(y, μ)² (squared correlation, fixest "sq.cor"), rss = Σ w (z̃ − X̃β)² = Pearson χ².
 * Variances come from src/vcov with the working design: bread (X̃'WX̃)⁻¹ (W = μ), scores x̃ᵢ(yᵢ − μᵢ):
 * "iid" is the inverse Fisher information (glm vcov with dispersion 1), "hc0" = sandwich::vcovHC(glm),
 * clusters as for linear models. Statistics are z (normal).
 *
 * Reference: R glm(y ~ x + factor(fe), family = poisson) — test/reference/ppml.R, agreement ≤ 1e-6;
 * ppmlhdfe (Correia, Guimarães & Zylkin 2020, Stata J. 20(1)); fixest::fepois.
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { type Frame, column, freshFloat64, isNumeric, numericColumn } from "../frame";
import { parseFormula } from "./formula";
import { buildPanelIndex, evalTerm, feCodes, type PanelIndex } from "./design";
import { demean, dropSingletonRows, recode, redundantLevels } from "./demean";
import { qrLeastSquares } from "./qr";
import { gatherRows, keptRows, markNaNRows, markNegativeRows } from "./sampleRows";
import { buildFitResult } from "../results/fitResult";
import type { FitInternals, FitOptions, FitResult, FixedEffectInfo } from "./types";

/** PPML-specific options (on top of the common {@link FitOptions}). */
export interface PpmlOptions extends FitOptions {
  /** IRLS convergence tolerance on the relative deviance change (default 1e-10). */
  readonly tol?: number;
  /** Maximum IRLS iterations (default 100). */
  readonly maxIter?: number;
}

/**
 * Poisson deviance 2 Σ w [y log(y/μ) − (y − μ)] at μ = exp(η), as 2 Σ w [y (log y − η) − (y − μ)]
 * (`logY` holds log yᵢ, 0 where yᵢ = 0: one logarithm per row for the whole fit, none per step).
 */
function poissonDeviance(y: Float64Array, logY: Float64Array, eta: Float64Array, mu: Float64Array, pw: Float64Array | null): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const t = (yi > 0 ? yi * (logY[i]! - eta[i]!) : 0) - (yi - mu[i]!);
    d += (pw ? pw[i]! : 1) * t;
  }
  return 2 * d;
}

/** Poisson log-likelihood Σ w [y η − μ − lgamma(y + 1)] at μ = exp(η) (defined for any y ≥ 0); `lg`
 *  holds lgamma(yᵢ + 1) (see {@link lgammaPlus1}). */
function poissonLogLik(y: Float64Array, eta: Float64Array, mu: Float64Array, pw: Float64Array | null, lg: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    s += (pw ? pw[i]! : 1) * ((yi > 0 ? yi * eta[i]! : 0) - mu[i]! - lg[i]!);
  }
  return s;
}

/** Counts below this value get lgamma(y + 1) from a table filled on first use. */
const LGAMMA_TABLE = 4096;

/** lgamma(yᵢ + 1) for every row (stdlib gammaln; small integer counts — the usual outcome — are
 *  looked up in a table of the same values, so each distinct count is evaluated once). */
function lgammaPlus1(y: Float64Array): Float64Array {
  const table = new Float64Array(LGAMMA_TABLE).fill(NaN);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    if (yi >= 0 && yi < LGAMMA_TABLE && Number.isInteger(yi)) {
      let v = table[yi]!;
      if (v !== v) v = table[yi] = gammaln(yi + 1);
      out[i] = v;
    } else out[i] = gammaln(yi + 1);
  }
  return out;
}

/**
 * Rows separated by the regressors and fixed effects (Correia, Guimarães & Zylkin 2021, "Verifying the
 * existence of maximum likelihood estimates for generalized linear models", §3.3, the "ReLU" method used
 * by ppmlhdfe). A row i with yᵢ = 0 is separated if some linear combination z = Xγ + Dα has zᵢ > 0,
 * z ≥ 0 on every y = 0 row and z = 0 on every y > 0 row: then μᵢ → 0 at the supremum of the
 * likelihood, and the MLE exists only without those rows.
 *
 * Iteration: u = 1{y = 0}; repeat { ẑ = weighted least-squares fit of u on [X, FE] with weight K = 1e8 on
 * y > 0 rows and 1 on y = 0 rows; if ẑ ≥ −ε on the zeros and |ẑ| ≤ ε on the positives (a certificate),
 * return {i : ẑᵢ > ε}; else uᵢ ← max(ẑᵢ, 0) on the zeros, 0 on the positives }, ε = 1e-6, ≤ 1000 rounds.
 *
 * @example
 * // d = 1 only where y = 0: those rows are separated
 * reluSeparation(Float64Array.of(0, 0, 1, 2, 3), [Float64Array.of(1, 1, 0, 0, 0)], []).separated; // [1, 1, 0, 0, 0]
 */
export function reluSeparation(
  y: Float64Array,
  X: readonly Float64Array[],
  fe: readonly Int32Array[],
  opts: { tol?: number; maxIter?: number } = {},
): { separated: Uint8Array; iterations: number; converged: boolean } {
  const n = y.length;
  const separated = new Uint8Array(n);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (y[i] === 0) zeros++;
  if (zeros === 0) return { separated, iterations: 0, converged: true };
  const K = 1e8;
  const eps = 1e-6;
  const w = mapRows(y.length, (i) => (y[i]! > 0 ? K : 1));
  const u = mapRows(y.length, (i) => (y[i] === 0 ? 1 : 0));
  const Xc = X.length ? X : [];
  for (let it = 1; it <= 1000; it++) {
    let zhat: Float64Array;
    if (fe.length) {
      const dm = demean([u, ...Xc], fe, { weights: w, tol: opts.tol ?? 1e-12, maxIter: opts.maxIter ?? 10000 });
      const ut = dm.columns[0]!;
      const Xt = dm.columns.slice(1);
      const resid = Xt.length ? qrLeastSquares(Xt, ut, { weights: w }).resid : ut;
      zhat = difference(u, resid);
    } else if (Xc.length) {
      const resid = qrLeastSquares(Xc, u, { weights: w }).resid;
      zhat = difference(u, resid);
    } else {
      return { separated, iterations: it, converged: true };
    }
    let certificate = true;
    for (let i = 0; i < n; i++) {
      if (y[i]! > 0 ? Math.abs(zhat[i]!) > eps : zhat[i]! < -eps) {
        certificate = false;
        break;
      }
    }
    if (certificate) {
      for (let i = 0; i < n; i++) if (y[i] === 0 && zhat[i]! > eps) separated[i] = 1;
      return { separated, iterations: it, converged: true };
    }
    for (let i = 0; i < n; i++) u[i] = y[i]! > 0 ? 0 : Math.max(zhat[i]!, 0);
  }
  return { separated, iterations: 1000, converged: false };
}

/**
 * Fit a Poisson PPML model `y ~ x1 + x2 | fe1 + fe2` (fixed effects absorbed) by IRLS on the
 * demeaned weighted problem, with separation and singleton removal. Returns the same immutable
 * {@link FitResult} as `fit()` (statKind "z"; logLik, deviance, pseudoR2, iterations, converged).
 *
 * Formula, sample rules and statistics: see the module comment above.
 * Reference: R glm(family = poisson) with FE dummies (test/reference/ppml.json, ≤ 1e-6), ppmlhdfe.
 *
 * @example
 * const r = fitPpml(frame, "trade ~ ln_dist + rta | exp_year + imp_year", { vcov: { cluster: ["pair"] } });
 * r.coefficients.rta.estimate; r.dropped.separation; r.pseudoR2;
 */
export function fitPpml(data: Frame, formula: string, options: PpmlOptions = {}): FitResult {
  const pf = parseFormula(formula);
  if (pf.endogenous.length) throw new Error(`PPML: instrumental variables are not supported ('${formula}')`);
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100;
  const demeanTol = options.demean?.tol ?? 1e-12;
  const demeanMaxIter = options.demean?.maxIter ?? 10000;
  const panel: PanelIndex | null = options.panel ? buildPanelIndex(data, options.panel.id, options.panel.time) : null;
  const n0 = data.nrow;

  // ---- evaluate response, regressors, FE over all rows
  const yAll = evalTerm(data, pf.response, panel).columns[0]!;
  const names: string[] = [];
  const cols: Float64Array[] = [];
  for (const t of pf.terms) {
    const ev = evalTerm(data, t, panel);
    names.push(...ev.names);
    cols.push(...ev.columns);
  }
  const feNames = pf.fixedEffects.map((parts) => parts.join("^"));
  const feAll = pf.fixedEffects.map((parts) => feCodes(data, parts));
  const hasFe = feAll.length > 0;
  const addIntercept = !hasFe && pf.intercept;
  let pwAll: Float64Array | null = null;
  if (options.weights) {
    const c = column(data, options.weights);
    if (!isNumeric(c)) throw new Error(`PPML: weights column '${options.weights}' is not numeric`);
    pwAll = c;
  }

  // ---- missing values (counted per variable)
  const keep = new Uint8Array(n0).fill(1);
  const missingBy = new Map<string, number>();
  // variable by variable in this order, one pass each: a row missing in several variables is counted
  // for the first of them
  let missing = 0;
  const count = (what: string, dropped: number): void => {
    if (dropped > 0) missingBy.set(what, (missingBy.get(what) ?? 0) + dropped);
    missing += dropped;
  };
  count(pf.response.label, markNaNRows(yAll, keep).fresh);
  cols.forEach((c, j) => count(names[j]!, markNaNRows(c, keep).fresh));
  feAll.forEach((fe, q) => count(feNames[q]!, markNegativeRows(fe.codes, keep).fresh));
  if (pwAll) count(options.weights!, markNaNRows(pwAll, keep).fresh);
  if (panel) count(`${panel.idName}/${panel.timeName}`, markNegativeRows(panel.id, keep).fresh);
  for (let i = 0; i < n0; i++) {
    if (!keep[i]) continue;
    if (yAll[i]! < 0) {
      throw new Error(`PPML: the outcome '${pf.response.label}' must be non-negative, but is ${yAll[i]} at data row ${i + 1}`);
    }
    if (pwAll && !(pwAll[i]! > 0 && Number.isFinite(pwAll[i]!))) {
      throw new Error(`PPML: weight '${options.weights}' must be finite and > 0, but is ${pwAll[i]} at data row ${i + 1}`);
    }
  }
  if (missing === n0) throw new Error(`PPML: no observation left after removing missing values in '${formula}'`);

  // ---- singletons and separation, iterated to a fixed point:
  //      (a) singleton FE groups, (b) FE groups with an all-zero outcome, (c) ReLU certificate
  let singleton = 0;
  let separation = 0;
  const separatedBy = new Map<string, number>();
  const dropSingles = options.dropSingletons ?? true;
  const feRules = (): void => {
    for (;;) {
      let changed = false;
      if (dropSingles && hasFe) {
        // codes with missing (−1) set to 0 — those rows are not kept anyway (no copy if none)
        const fe0 = feAll.map((f) => (missing === 0 ? f.codes : nonNegative(f.codes)));
        const s = dropSingletonRows(fe0, keep, feAll.map((f) => f.levels.length));
        if (s.dropped > 0) {
          keep.set(s.keep);
          singleton += s.dropped;
          changed = true;
        }
      }
      for (let q = 0; q < feAll.length; q++) {
        const codes = feAll[q]!.codes;
        const G = feAll[q]!.levels.length;
        const sum = new Float64Array(G);
        const cnt = new Int32Array(G);
        for (let i = 0; i < n0; i++) {
          if (!keep[i]) continue;
          sum[codes[i]!]! += yAll[i]!;
          cnt[codes[i]!]!++;
        }
        // no level whose kept rows all have y = 0: nothing to drop (skip the pass over the rows)
        let any = false;
        for (let g = 0; g < G && !any; g++) any = cnt[g]! > 0 && sum[g] === 0;
        if (!any) continue;
        for (let i = 0; i < n0; i++) {
          if (keep[i] && cnt[codes[i]!]! > 0 && sum[codes[i]!] === 0) {
            keep[i] = 0;
            separation++;
            separatedBy.set(feNames[q]!, (separatedBy.get(feNames[q]!) ?? 0) + 1);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  };
  const reluNotes: string[] = [];
  for (let round = 0; round < 20; round++) {
    feRules();
    const rr = keptRows(keep);
    if (rr.length === 0) break;
    // every row kept: the evaluated columns and FE codes themselves (read only), no gather
    const all = rr.length === n0;
    const ys = all ? yAll : gatherRows(yAll, rr);
    const Xs = cols.map((c) => (all ? c : gatherRows(c, rr)));
    if (addIntercept) Xs.unshift(new Float64Array(rr.length).fill(1));
    const fes = feAll.map((f) => (all ? f.codes : recode(f.codes, f.levels, rr).codes));
    const relu = reluSeparation(ys, Xs, fes, { tol: demeanTol, maxIter: demeanMaxIter });
    if (!relu.converged) reluNotes.push(`PPML: the ReLU separation check did not converge in ${relu.iterations} iterations; separation by the regressors may remain`);
    let found = 0;
    const sep = relu.separated;
    for (let j = 0; j < sep.length; j++) {
      if (sep[j]) {
        keep[rr[j]!] = 0;
        found++;
      }
    }
    if (found === 0) break;
    separation += found;
    separatedBy.set("regressors (ReLU certificate)", (separatedBy.get("regressors (ReLU certificate)") ?? 0) + found);
  }
  const rows = keptRows(keep);
  const n = rows.length;
  const allRows = n === n0;
  if (n === 0) throw new Error(`PPML: no observation left after removing missing values, singletons and separated groups in '${formula}'`);

  // ---- estimation-sample arrays
  // (every row kept: the evaluated columns themselves, read only)
  const y = allRows ? yAll : gatherRows(yAll, rows);
  const pw = pwAll ? (allRows ? pwAll : gatherRows(pwAll, rows)) : null;
  let X0: Float64Array[] = cols.map((c) => (allRows ? c : gatherRows(c, rows)));
  let coefNamesAll = [...names];
  if (addIntercept) {
    X0.unshift(new Float64Array(n).fill(1));
    coefNamesAll.unshift("(Intercept)");
  }
  const fe = feAll.map((f) => (allRows ? { codes: f.codes, levels: f.levels } : recode(f.codes, f.levels, rows)));
  const feCodesS = fe.map((f) => f.codes);
  const feGroups = fe.map((f) => f.levels.length);
  // regressors without variation left once the FE are swept out (incl. all-zero columns after
  // separation): dropped with a note naming them (max |x̃| ≤ 1e-9 · max |x|)
  const absorbedNotes: string[] = [];
  // Warm starts of the demeaning (fixest/ppmlhdfe): M_D x = M_D (x − a) for any a in span(D), so each
  // IRLS step demeans the previous step's demeaned regressors (x − a = x̃_prev) and z minus the FE
  // part of the previous z (z − (z_prev − z̃_prev)); both are nearly orthogonal to D already under
  // the new weights, so CG needs few sweeps. The result differs from a cold start only within the
  // demeaning tolerance.
  let warmX: Float64Array[] | null = null;
  let feZ: Float64Array | null = null;
  // (With the exact two-way solve — demean method "direct" — a warm start changes nothing, so z is
  // passed as it is and its FE part is not kept.)
  let exact = false;
  // the exact solve writes into the same arrays at every step: z̃ into ztBuf, X̃ over the previous X̃
  // (in place: M_D x̃_prev = M_D x); no fresh n-vectors per step
  const ztBuf = numericColumn(n);
  const demeanWarm = (zNow: Float64Array, wNow: Float64Array): Float64Array[] => {
    const zIn = feZ && !exact ? difference(zNow, feZ) : zNow;
    const out = exact && warmX ? [ztBuf, ...warmX] : undefined;
    const dm = demean([zIn, ...(warmX ?? X0)], feCodesS, { weights: wNow, tol: demeanTol, maxIter: demeanMaxIter, groups: feGroups, out });
    exact = dm.method === "direct";
    const zt0 = dm.columns[0]!;
    feZ = exact ? null : difference(zNow, zt0);
    warmX = dm.columns.slice(1);
    return dm.columns;
  };
  {
    const dm = hasFe ? demean(X0, feCodesS, { tol: demeanTol, maxIter: demeanMaxIter, groups: feGroups }) : null;
    const swept = dm ? dm.columns : X0;
    // max|x| before and after (recorded by the direct solve on the way; else one pass each)
    const before = dm?.maxAbs?.before ?? Float64Array.from(X0, maxAbsOf);
    const after = dm?.maxAbs?.after ?? Float64Array.from(swept, maxAbsOf);
    const keepCol = X0.map((_, j) => before[j]! > 0 && after[j]! > 1e-9 * before[j]!);
    keepCol.forEach((k, j) => {
      if (!k) absorbedNotes.push(`dropped '${coefNamesAll[j]}': no variation left ${hasFe ? "within the fixed effects" : "in the estimation sample"} (collinear)`);
    });
    X0 = X0.filter((_, j) => keepCol[j]);
    coefNamesAll = coefNamesAll.filter((_, j) => keepCol[j]);
    if (hasFe) warmX = swept.filter((_, j) => keepCol[j]);
  }
  if (X0.length === 0) throw new Error(`PPML: no regressor with variation left in '${formula}' (${absorbedNotes.join("; ")})`);
  let ysum = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    ysum += (pw ? pw[i]! : 1) * y[i]!;
    wsum += pw ? pw[i]! : 1;
  }
  const ybar = ysum / wsum;
  if (!(ybar > 0)) throw new Error(`PPML: the outcome '${pf.response.label}' is zero in every estimation-sample row`);

  // ---- IRLS
  const mu = mapRows(y.length, (i) => (y[i]! + ybar) / 2);
  const eta = mapRows(mu.length, (i) => Math.log(mu[i]!));
  const logY = mapRows(n, (i) => (y[i]! > 0 ? Math.log(y[i]!) : 0));
  let dev = poissonDeviance(y, logY, eta, mu, pw);
  let converged = false;
  let iterations = 0;
  let coef = new Float64Array(X0.length);
  let kept: readonly number[] = [];
  let droppedCols: readonly number[] = [];
  let Xt: Float64Array[] = [];
  let zt: Float64Array = ztBuf;
  const wts = numericColumn(n);
  let bread = new Float64Array(0);
  let rss = 0;
  const z = new Float64Array(n);
  /**
   * One IRLS working regression at the current μ: weights w = pw·μ, working response
   * z = η + (y − μ)/μ, both demeaned by the FE (warm-started), then weighted least squares by QR.
   */
  const workingRegression = () => {
    for (let i = 0; i < n; i++) {
      wts[i] = (pw ? pw[i]! : 1) * mu[i]!;
      z[i] = eta[i]! + (y[i]! - mu[i]!) / mu[i]!;
    }
    const work = hasFe ? demeanWarm(z, wts) : [Float64Array.from(z), ...X0];
    zt = work[0]!;
    const Xw = work.slice(1);
    const qr = qrLeastSquares(Xw, zt, { weights: wts });
    kept = qr.kept;
    droppedCols = qr.dropped;
    Xt = kept.map((j) => Xw[j]!);
    bread = qr.bread;
    rss = qr.rss;
    return qr;
  };
  const etaNew = freshFloat64(n);
  const muNew = freshFloat64(n);
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const qr = workingRegression();
    // new linear predictor: z minus the residual of the full weighted projection
    const resid = qr.resid;
    // η, μ and the deviance terms in one pass (the same sum as poissonDeviance)
    let d = 0;
    for (let i = 0; i < n; i++) {
      const e = z[i]! - resid[i]!;
      const m = Math.exp(e);
      etaNew[i] = e;
      muNew[i] = m;
      const yi = y[i]!;
      d += (pw ? pw[i]! : 1) * ((yi > 0 ? yi * (logY[i]! - e) : 0) - (yi - m));
    }
    let devNew = 2 * d;
    // step halving if the deviance is not finite or increases
    let halvings = 0;
    // (not in the first iteration: the starting μ is not of the model's form, so its deviance is no bound)
    while ((!Number.isFinite(devNew) || (it > 1 && devNew > dev * (1 + 1e-12) + 1e-12)) && halvings < 30) {
      for (let i = 0; i < n; i++) {
        etaNew[i] = (etaNew[i]! + eta[i]!) / 2;
        muNew[i] = Math.exp(etaNew[i]!);
      }
      devNew = poissonDeviance(y, logY, etaNew, muNew, pw);
      halvings++;
    }
    coef = qr.coef;
    const change = Math.abs(devNew - dev) / (0.1 + Math.abs(devNew));
    eta.set(etaNew);
    mu.set(muNew);
    dev = devNew;
    if (change < tol) {
      converged = true;
      break;
    }
  }

  // ---- final working quantities at the converged μ (bread and scores consistent with μ̂)
  coef = workingRegression().coef;

  const notes: string[] = [...reluNotes, ...absorbedNotes];
  for (const j of droppedCols) notes.push(`dropped collinear column ${coefNamesAll[j]}`);
  if (!converged) notes.push(`PPML: IRLS did not converge in ${maxIter} iterations (relative deviance change ≥ ${tol})`);
  let tiny = 0;
  for (let i = 0; i < n; i++) if (y[i] === 0 && mu[i]! < 1e-10) tiny++;
  if (tiny > 0) notes.push(`PPML: ${tiny} observation(s) with y = 0 have fitted mean < 1e-10: possible separation by the regressors (not removed)`);

  const reasons: string[] = [];
  for (const [v, c] of missingBy) reasons.push(`${c} row(s) with missing ${v}`);
  if (singleton) reasons.push(`${singleton} singleton row(s) of absorbed fixed effects`);
  for (const [v, c] of separatedBy) {
    reasons.push(v.startsWith("regressors") ? `${c} row(s) separated by the regressors (ReLU certificate: fitted mean 0, y = 0)` : `${c} row(s) in ${v} groups whose outcome is always zero (separation)`);
  }

  const red = redundantLevels(feCodesS, feGroups);
  const fixedEffects: FixedEffectInfo[] = fe.map((f, q) => ({
    name: feNames[q]!,
    groups: f.levels.length,
    redundant: red[q]!,
    codes: f.codes,
    levels: f.levels,
  }));
  const dfFe = fixedEffects.reduce((s, f) => s + f.groups - f.redundant, 0);

  // working residual r with score x̃ᵢ wᵢ rᵢ = x̃ᵢ pwᵢ (yᵢ − μᵢ)
  const resid = mapRows(y.length, (i) => (y[i]! - mu[i]!) / mu[i]!);
  const lg = lgammaPlus1(y);
  const ll = poissonLogLik(y, eta, mu, pw, lg);
  const ll0 = poissonLogLik(y, new Float64Array(n).fill(Math.log(ybar)), new Float64Array(n).fill(ybar), pw, lg);
  // squared correlation of y and μ̂
  let my = 0;
  let mm = 0;
  for (let i = 0; i < n; i++) {
    my += y[i]!;
    mm += mu[i]!;
  }
  my /= n;
  mm /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (y[i]! - my) * (mu[i]! - mm);
    sxx += (y[i]! - my) ** 2;
    syy += (mu[i]! - mm) ** 2;
  }
  const sqCor = (sxy * sxy) / (sxx * syy);

  const internals: FitInternals = {
    frame: data,
    rows,
    X: Xt,
    y: zt,
    w: wts,
    resid,
    fitted: mu,
    yOriginal: y,
    bread,
    sigma2: 1,
    fixedEffects,
    dfFe,
    hasConstant: hasFe || addIntercept,
    panelId: panel ? Int32Array.from(rows, (r) => panel.id[r]!) : null,
    panelTime: panel ? gatherRows(panel.time, rows) : null,
  };
  const coefNames = kept.map((j) => coefNamesAll[j]!);
  return buildFitResult({
    model: "ppml",
    formula,
    effect: null,
    coefNames,
    coef: kept.map((j) => coef[j]!),
    internals,
    vcovSpec: options.vcov ?? "iid",
    ssc: options.ssc,
    dropped: { missing, singleton, separation, reasons },
    interceptIndex: coefNames.indexOf("(Intercept)"),
    statKind: "z",
    rss,
    r2: sqCor,
    adjR2: NaN,
    withinR2: null,
    logLik: ll,
    deviance: dev,
    pseudoR2: 1 - ll / ll0,
    iterations,
    converged,
    notes,
  });
}

/** Codes with −1 (missing) replaced by 0. */
function nonNegative(codes: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? 0 : codes[i]!;
  return out;
}

/** a − b elementwise (a plain loop: the hot per-row differences of the IRLS and the ReLU check). */
function difference(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

/** out[i] = f(i) for i < n (a plain loop: Float64Array.from with a map function is much slower). */
function mapRows(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/** max |x[i]|. */
function maxAbsOf(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]!);
    if (a > m) m = a;
  }
  return m;
}
