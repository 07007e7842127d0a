/**
 * The estimation pipeline behind `fit()`: formula → design columns → sample (missing, singletons)
 * → transformation (FE demeaning, RE quasi-demeaning, between means, first differences, 2SLS)
 * → QR least squares → immutable result with a decoupled variance.
 */
import { type Frame, column, isNumeric } from "../frame";
import { gatherInts, gatherRows, keptRows, markNaNRows, markNegativeRows, markNonFiniteColumns } from "./sampleRows";
import { buildFitResult, type FitParts } from "../results/fitResult";
import { parseFormula, exprVariables, type ParsedFormula, type Term } from "./formula";
import { buildPanelIndex, evalTerm, feCodes, type PanelIndex } from "./design";
import { demean, dropSingletonRows, recode, redundantLevels } from "./demean";
import { qrLeastSquares, type QrFit } from "./qr";
import type {
  DroppedInfo,
  FitInternals,
  FitOptions,
  FitResult,
  FixedEffectInfo,
  ModelKind,
  PanelEffect,
  RandomEffectsInfo,
} from "./types";

interface NamedColumn {
  name: string;
  col: Float64Array;
}

function evalTerms(frame: Frame, terms: readonly Term[], panel: PanelIndex | null): NamedColumn[] {
  const out: NamedColumn[] = [];
  for (const t of terms) {
    const e = evalTerm(frame, t, panel);
    e.names.forEach((name, j) => out.push({ name, col: e.columns[j]! }));
  }
  return out;
}

/** Weighted mean and total sum of squares about it (centered) or about 0. */
function tss(y: Float64Array, w: Float64Array | null, centered: boolean): number {
  const n = y.length;
  let m = 0;
  if (centered) {
    let sw = 0;
    if (w) {
      for (let i = 0; i < n; i++) {
        sw += w[i]!;
        m += w[i]! * y[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) m += y[i]!;
      sw = n;
    }
    m /= sw;
  }
  let s = 0;
  if (w) {
    for (let i = 0; i < n; i++) {
      const d = y[i]! - m;
      s += w[i]! * d * d;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = y[i]! - m;
      s += d * d;
    }
  }
  return s;
}

function columnScale(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]!);
    if (a > m) m = a;
  }
  return m;
}

/** Check that columns keep variation after a transformation (max|x̃| > 1e-9·max|x|); error naming
 *  the variable. `scales` gives max|x| and max|x̃| when the transformation recorded them. */
function requireVariation(orig: NamedColumn[], transformed: Float64Array[], what: string, scales: { before: Float64Array; after: Float64Array } | null = null, offset = 0): void {
  orig.forEach((c, j) => {
    const s0 = scales ? scales.before[offset + j]! : columnScale(c.col);
    const s1 = scales ? scales.after[offset + j]! : columnScale(transformed[j]!);
    if (s0 === 0 || s1 <= 1e-9 * s0) throw new Error(`variable '${c.name}' has no variation left after ${what}`);
  });
}

function collinearNotes(names: readonly string[], q: QrFit): string[] {
  return q.dropped.map((j) => `dropped collinear column '${names[j]}' (rank-deficient or ill-conditioned design: its pivoted-QR diagonal is below 1e-7 of the largest, the rank tolerance of R's lm)`);
}

interface Sample {
  rows: Int32Array;
  dropped: DroppedInfo;
}

/**
 * Fit a model; see `fit` in src/estimate/index.ts for the public documentation (formulas of each
 * estimator in the doc comments of fitLinear, fitRandom, fitBetween, fitFirstDifference below).
 *
 * @example
 * fitModel(frame, "y ~ x | id", { vcov: { cluster: ["id"] } }).coefficients.x.se;
 */
export function fitModel(data: Frame, formulaText: string, options: FitOptions = {}): FitResult {
  const f: ParsedFormula = parseFormula(formulaText);
  const isIV = f.endogenous.length > 0;
  let model: ModelKind = options.model ?? (isIV ? "iv" : f.fixedEffects.length ? "fe" : "ols");
  if (model === "ppml") throw new Error("fit: model 'ppml' is estimated by fitPpml() in src/estimate/ppml.ts");
  if (isIV && model !== "iv" && model !== "ols" && model !== "fe") throw new Error(`fit: an IV formula ('endo ~ instruments') cannot be estimated with model '${model}'`);
  if (isIV) model = "iv";
  if (model === "iv" && !isIV) throw new Error("fit: model 'iv' needs an IV part in the formula: y ~ exog | fe | endo ~ instruments");
  const effect: PanelEffect = options.effect ?? "individual";

  // every column the model reads must exist (clear error before anything else)
  const used = new Set<string>();
  for (const t of [f.response, ...f.terms, ...f.endogenous, ...f.instruments]) exprVariables(t.expr).forEach((v) => used.add(v));
  for (const fe of f.fixedEffects) fe.forEach((v) => used.add(v));
  if (options.weights) used.add(options.weights);
  const vcov = options.vcov ?? "iid";
  const clusterVars = typeof vcov === "object" && "cluster" in vcov ? vcov.cluster : [];
  clusterVars.forEach((v) => used.add(v));
  if (options.panel) {
    used.add(options.panel.id);
    used.add(options.panel.time);
  }
  for (const v of used) column(data, v);

  const panel = options.panel ? buildPanelIndex(data, options.panel.id, options.panel.time) : null;
  if ((model === "re" || model === "be" || model === "fd") && !panel) {
    throw new Error(`fit: model '${model}' needs the panel structure: give --panel ID,TIME (options.panel)`);
  }
  if ((model === "re" || model === "be" || model === "fd") && f.fixedEffects.length) {
    throw new Error(`fit: model '${model}' takes its panel from --panel; remove the '| FE' part of the formula`);
  }
  if (model === "re" && effect !== "individual") throw new Error("fit: model 're' supports effect 'individual' only");

  // ---- evaluate design over all rows
  const yEval = evalTerm(data, f.response, panel);
  const yAll = yEval.columns[0]!;
  const xs = evalTerms(data, f.terms, panel);
  const endo = evalTerms(data, f.endogenous, panel);
  const inst = evalTerms(data, f.instruments, panel);
  const wAll = options.weights ? (() => {
    const c = column(data, options.weights!);
    if (!isNumeric(c)) throw new Error(`weights variable '${options.weights}' is not numeric`);
    return c;
  })() : null;

  // fixed effects: formula, or the panel for model "fe"
  let feSpecs: string[][] = f.fixedEffects.map((x) => [...x]);
  if (model === "fe" && feSpecs.length === 0) {
    if (!panel) throw new Error("fit: model 'fe' needs fixed effects in the formula ('| fe1 + fe2') or --panel ID,TIME");
    feSpecs = effect === "individual" ? [[panel.idName]] : effect === "time" ? [[panel.timeName]] : [[panel.idName], [panel.timeName]];
  }
  const feAll = feSpecs.map((names) => ({ name: names.join("^"), ...feCodes(data, names) }));

  // ---- missing values (counted per variable; a row can be missing in several)
  const n0 = data.nrow;
  const keep = new Uint8Array(n0).fill(1);
  const reasons: string[] = [];
  /** Count the rows a variable drops; a variable missing in every row is an error naming it. */
  const recordMissing = (name: string, cnt: number): void => {
    if (cnt === n0 && n0 > 0) throw new Error(`variable '${name}' is missing (or not finite) in all ${n0} rows`);
    if (cnt > 0) reasons.push(`${cnt} row(s) with missing or non-finite '${name}'`);
  };
  let missing = 0;
  /** Record a variable's missing rows: `cnt` values missing, `fresh` of them in rows not yet dropped. */
  const record = (name: string, m: { cnt: number; fresh: number }): void => {
    recordMissing(name, m.cnt);
    missing += m.fresh;
  };
  const markMissing = (name: string, isMissing: (i: number) => boolean): void => {
    let cnt = 0;
    let fresh = 0;
    for (let i = 0; i < n0; i++) {
      if (isMissing(i)) {
        cnt++;
        fresh += keep[i]!;
        keep[i] = 0;
      }
    }
    record(name, { cnt, fresh });
  };
  const checked = [{ name: f.response.label, col: yAll }, ...xs, ...endo, ...inst];
  markNonFiniteColumns(checked.map((c) => c.col), keep).forEach((m, j) => record(checked[j]!.name, m));
  for (const fe of feAll) record(fe.name, markNegativeRows(fe.codes, keep));
  if (wAll) markMissing(options.weights!, (i) => !(wAll[i]! > 0) || !Number.isFinite(wAll[i]!));
  for (const cv of clusterVars) {
    // a cluster variable that is also an absorbed FE: its missing rows are marked already
    if (feAll.some((fe) => fe.name === cv)) continue;
    const c = column(data, cv);
    // numeric: NaN only (an infinite cluster id is a value, as before)
    if (isNumeric(c)) record(cv, markNaNRows(c, keep));
    else markMissing(cv, (i) => c[i] === null || c[i] === undefined);
  }
  if (panel) markMissing(`${panel.idName}/${panel.timeName}`, (i) => panel.id[i]! < 0);

  // ---- singletons (absorbed FE only)
  let singleton = 0;
  if (feAll.length && options.dropSingletons !== false && (model === "fe" || model === "ols" || model === "iv")) {
    // codes with the missing rows set to 0 (no copy when no row is missing: no code is −1 then)
    const codesKept = feAll.map((fe) => {
      if (missing === 0) return fe.codes;
      const c = new Int32Array(n0);
      for (let i = 0; i < n0; i++) c[i] = keep[i] ? fe.codes[i]! : 0;
      return c;
    });
    const s = dropSingletonRows(codesKept, keep, feAll.map((fe) => fe.levels.length));
    singleton = s.dropped;
    keep.set(s.keep);
    if (singleton) reasons.push(`${singleton} singleton observation(s) removed recursively (fixed effects with one observation)`);
  }
  const rows = keptRows(keep, n0 - missing - singleton);
  if (rows.length === 0) throw new Error(`no observations left after removing missing values (${reasons.join("; ")})`);
  const sample: Sample = { rows, dropped: { missing, singleton, separation: 0, reasons: Object.freeze(reasons) } };

  const common = { data, f, formulaText, options, panel, sample };
  // every row kept (rows = 0..n0−1): the evaluated columns themselves, no copy — they are read,
  // never written, from here on (every transformation below returns new arrays)
  const allRows = rows.length === n0;
  const takeS = (col: Float64Array): Float64Array => (allRows ? col : gatherRows(col, rows));
  const y = takeS(yAll);
  const X = xs.map((c) => ({ name: c.name, col: takeS(c.col) }));
  const w = wAll ? takeS(wAll) : null;
  switch (model) {
    case "ols":
    case "fe":
    case "iv": {
      // every row kept: every level occurs, so the codes are already 0..G−1
      const fes = feAll.map((fe) => (allRows ? { name: fe.name, codes: fe.codes, levels: fe.levels } : { name: fe.name, ...recode(fe.codes, fe.levels, rows) }));
      return fitLinear(common, model === "iv" ? "iv" : fes.length ? "fe" : "ols", feSpecs.length && !f.fixedEffects.length ? effect : null, y, X,
        endo.map((c) => ({ name: c.name, col: takeS(c.col) })), inst.map((c) => ({ name: c.name, col: takeS(c.col) })), w, fes);
    }
    case "re":
      return fitRandom(common, y, X, w);
    case "be":
      return fitBetween(common, y, X, w);
    case "fd":
      return fitFirstDifference(common, y, X, w);
    default:
      throw new Error(`fit: unknown model '${model as string}'`);
  }
}

interface Common {
  data: Frame;
  f: ParsedFormula;
  formulaText: string;
  options: FitOptions;
  panel: PanelIndex | null;
  sample: Sample;
}

function panelCodes(c: Common, rows: Int32Array): { id: Int32Array | null; time: Float64Array | null } {
  if (!c.panel) return { id: null, time: null };
  return { id: gatherInts(c.panel.id, rows), time: gatherRows(c.panel.time, rows) };
}

function makeFeInfo(fes: { name: string; codes: Int32Array; levels: string[] }[]): { infos: FixedEffectInfo[]; dfFe: number } {
  const red = redundantLevels(fes.map((x) => x.codes), fes.map((x) => x.levels.length));
  const infos = fes.map((fe, q) => Object.freeze({ name: fe.name, groups: fe.levels.length, redundant: red[q]!, codes: fe.codes, levels: Object.freeze(fe.levels) }));
  const dfFe = infos.reduce((s, x) => s + x.groups - x.redundant, 0);
  return { infos, dfFe };
}

/** OLS / absorbed-FE OLS / 2SLS (with or without FE). */
function fitLinear(
  c: Common,
  model: "ols" | "fe" | "iv",
  effect: PanelEffect | null,
  y: Float64Array,
  X: NamedColumn[],
  endo: NamedColumn[],
  inst: NamedColumn[],
  w: Float64Array | null,
  fes: { name: string; codes: Int32Array; levels: string[] }[],
): FitResult {
  const { options, sample, f } = c;
  const n = y.length;
  const notes: string[] = [];
  let iterations = 0;
  let converged = true;
  let yT = y;
  let XT = X.map((x) => x.col);
  let endoT = endo.map((x) => x.col);
  let instT = inst.map((x) => x.col);
  const { infos, dfFe } = makeFeInfo(fes);
  const hasFe = fes.length > 0;
  const names = X.map((x) => x.name);
  let interceptIndex = -1;
  if (hasFe) {
    const d = demean([y, ...XT, ...endoT, ...instT], fes.map((x) => x.codes), {
      weights: w ?? undefined,
      tol: options.demean?.tol,
      maxIter: options.demean?.maxIter,
      method: options.demean?.method,
      groups: fes.map((x) => x.levels.length),
    });
    iterations = d.iterations;
    converged = d.converged;
    if (!converged) notes.push(`demeaning did not converge in ${options.demean?.maxIter ?? 10000} sweeps`);
    yT = d.columns[0]!;
    XT = d.columns.slice(1, 1 + X.length);
    endoT = d.columns.slice(1 + X.length, 1 + X.length + endo.length);
    instT = d.columns.slice(1 + X.length + endo.length);
    const feNames = fes.map((x) => x.name).join(", ");
    // (the demeaned columns are [y, X, endo, inst]: the recorded scales start after y)
    requireVariation([...X, ...endo, ...inst], [...XT, ...endoT, ...instT], `removing the fixed effects (${feNames})`, d.maxAbs, 1);
  } else if (f.intercept) {
    XT = [new Float64Array(n).fill(1), ...XT];
    names.unshift("(Intercept)");
    interceptIndex = 0;
  }
  const hasConstant = hasFe || f.intercept;
  const pc = panelCodes(c, sample.rows);

  if (model !== "iv") {
    if (XT.length === 0) throw new Error("singular design: the model has no regressor left (add a variable or an intercept)");
    const q = qrLeastSquares(XT, yT, { weights: w ?? undefined, wantQ: true });
    notes.push(...collinearNotes(names, q));
    if (q.rank === 0) throw new Error(`singular design: every regressor is collinear or zero (${names.join(", ")})`);
    const kept = q.kept;
    const kNames = kept.map((j) => names[j]!);
    const Xk = kept.map((j) => XT[j]!);
    const dfResid = n - kept.length - dfFe;
    if (dfResid <= 0) throw new Error(`singular design: ${n} observations for ${kept.length + dfFe} parameters (no residual degrees of freedom)`);
    const sigma2 = q.rss / dfResid;
    // fitted values y − r formed on first use (one n-vector and a pass that most fits never need)
    let fitted: Float64Array | null = null;
    const resid = q.resid;
    const internals: FitInternals = Object.freeze({
      frame: c.data,
      rows: sample.rows,
      X: Object.freeze(Xk),
      y: yT,
      w,
      resid,
      get fitted(): Float64Array {
        if (!fitted) {
          fitted = new Float64Array(n);
          for (let i = 0; i < n; i++) fitted[i] = y[i]! - resid[i]!;
        }
        return fitted;
      },
      yOriginal: y,
      bread: q.bread,
      Q: q.Q,
      P: q.P,
      sigma2,
      fixedEffects: Object.freeze(infos),
      dfFe,
      hasConstant,
      panelId: pc.id,
      panelTime: pc.time,
    });
    const tssY = tss(y, w, hasConstant);
    const r2 = 1 - q.rss / tssY;
    const Kfull = kept.length + dfFe;
    const adjR2 = 1 - (1 - r2) * ((n - (hasConstant ? 1 : 0)) / (n - Kfull));
    const withinR2 = hasFe ? 1 - q.rss / tss(yT, w, false) : null;
    const parts: FitParts = {
      model,
      formula: c.formulaText,
      effect,
      coefNames: kNames,
      coef: kept.map((j) => q.coef[j]!),
      internals,
      vcovSpec: options.vcov ?? "iid",
      ssc: options.ssc,
      dropped: sample.dropped,
      interceptIndex: kNames.indexOf("(Intercept)"),
      statKind: "t",
      rss: q.rss,
      r2,
      adjR2,
      withinR2,
      iterations,
      converged,
      notes,
    };
    return buildFitResult(parts);
  }

  // ---- 2SLS: first stages on [exog, instruments], second stage on [exog, fitted endo]
  const exogNames = names;
  const Z = [...XT, ...instT];
  const zNames = [...exogNames, ...inst.map((x) => x.name)];
  const firstStage: FitResult[] = [];
  const endoHat: Float64Array[] = [];
  endo.forEach((e, j) => {
    const q1 = qrLeastSquares(Z, endoT[j]!, { weights: w ?? undefined, wantQ: true });
    const hat = new Float64Array(n);
    for (let i = 0; i < n; i++) hat[i] = endoT[j]![i]! - q1.resid[i]!;
    endoHat.push(hat);
    const kNames1 = q1.kept.map((l) => zNames[l]!);
    const df1 = n - q1.kept.length - dfFe;
    const fitted1 = new Float64Array(n);
    for (let i = 0; i < n; i++) fitted1[i] = e.col[i]! - q1.resid[i]!;
    const internals1: FitInternals = Object.freeze({
      frame: c.data,
      rows: sample.rows,
      X: Object.freeze(q1.kept.map((l) => Z[l]!)),
      y: endoT[j]!,
      w,
      resid: q1.resid,
      fitted: fitted1,
      yOriginal: e.col,
      bread: q1.bread,
      Q: q1.Q,
      P: q1.P,
      sigma2: q1.rss / df1,
      fixedEffects: Object.freeze(infos),
      dfFe,
      hasConstant,
      panelId: pc.id,
      panelTime: pc.time,
    });
    const r2 = 1 - q1.rss / tss(e.col, w, hasConstant);
    firstStage.push(
      buildFitResult({
        model: hasFe ? "fe" : "ols",
        formula: `${e.name} ~ ${zNames.join(" + ")}${hasFe ? " | " + fes.map((x) => x.name).join(" + ") : ""}`,
        effect,
        coefNames: kNames1,
        coef: q1.kept.map((l) => q1.coef[l]!),
        internals: internals1,
        vcovSpec: options.vcov ?? "iid",
        ssc: options.ssc,
        dropped: sample.dropped,
        interceptIndex: kNames1.indexOf("(Intercept)"),
        statKind: "t",
        rss: q1.rss,
        r2,
        adjR2: 1 - (1 - r2) * ((n - (hasConstant ? 1 : 0)) / df1),
        withinR2: hasFe ? 1 - q1.rss / tss(endoT[j]!, w, false) : null,
        iterations,
        converged,
        notes: collinearNotes(zNames, q1),
      }),
    );
  });
  const X2 = [...XT, ...endoHat];
  const names2 = [...exogNames, ...endo.map((x) => x.name)];
  const q2 = qrLeastSquares(X2, yT, { weights: w ?? undefined, wantQ: true });
  const droppedEndo = q2.dropped.filter((j) => j >= XT.length);
  if (droppedEndo.length) {
    throw new Error(`2SLS not identified: the fitted values of ${droppedEndo.map((j) => `'${names2[j]}'`).join(", ")} are collinear with the exogenous regressors (weak or irrelevant instruments)`);
  }
  notes.push(...collinearNotes(names2, q2));
  const kept = q2.kept;
  const kNames = kept.map((j) => names2[j]!);
  const b = kept.map((j) => q2.coef[j]!);
  // structural residuals with the ORIGINAL endogenous regressors
  const Xorig = [...XT, ...endoT];
  const r = Float64Array.from(yT);
  kept.forEach((j, l) => {
    const col = Xorig[j]!;
    for (let i = 0; i < n; i++) r[i] = r[i]! - b[l]! * col[i]!;
  });
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (w ? w[i]! : 1) * r[i]! * r[i]!;
  const dfResid = n - kept.length - dfFe;
  if (dfResid <= 0) throw new Error(`singular design: ${n} observations for ${kept.length + dfFe} parameters`);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = y[i]! - r[i]!;
  const internals: FitInternals = Object.freeze({
    frame: c.data,
    rows: sample.rows,
    X: Object.freeze(kept.map((j) => X2[j]!)),
    y: yT,
    w,
    resid: r,
    fitted,
    yOriginal: y,
    bread: q2.bread,
    Q: q2.Q,
    P: q2.P,
    sigma2: rss / dfResid,
    fixedEffects: Object.freeze(infos),
    dfFe,
    hasConstant,
    panelId: pc.id,
    panelTime: pc.time,
  });
  const r2 = 1 - rss / tss(y, w, hasConstant);
  return buildFitResult({
    model: "iv",
    formula: c.formulaText,
    effect,
    coefNames: kNames,
    coef: b,
    internals,
    vcovSpec: options.vcov ?? "iid",
    ssc: options.ssc,
    dropped: sample.dropped,
    interceptIndex: kNames.indexOf("(Intercept)"),
    statKind: "t",
    rss,
    r2,
    adjR2: 1 - (1 - r2) * ((n - (hasConstant ? 1 : 0)) / dfResid),
    withinR2: hasFe ? 1 - rss / tss(yT, w, false) : null,
    iterations,
    converged,
    notes,
    firstStage,
    endogenous: endo.map((x) => x.name),
    instruments: inst.map((x) => x.name),
  });
}

/** Squared Pearson correlation of two vectors. */
function squaredCorrelation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return (sab * sab) / (saa * sbb);
}

/** tr(A⁻¹B) for p×p row-major matrices, by Gaussian elimination with partial pivoting on [A | B]. */
function traceSolve(A0: Float64Array, B0: Float64Array, p: number): number {
  const A = Float64Array.from(A0);
  const B = Float64Array.from(B0);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r * p + c]!) > Math.abs(A[piv * p + c]!)) piv = r;
    if (A[piv * p + c] === 0) throw new Error("random effects: singular between design (a regressor is constant within every group and across groups)");
    if (piv !== c) {
      for (let j = 0; j < p; j++) {
        [A[c * p + j], A[piv * p + j]] = [A[piv * p + j]!, A[c * p + j]!];
        [B[c * p + j], B[piv * p + j]] = [B[piv * p + j]!, B[c * p + j]!];
      }
    }
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r * p + c]! / A[c * p + c]!;
      if (f === 0) continue;
      for (let j = 0; j < p; j++) {
        A[r * p + j] = A[r * p + j]! - f * A[c * p + j]!;
        B[r * p + j] = B[r * p + j]! - f * B[c * p + j]!;
      }
    }
  }
  let t = 0;
  for (let c = 0; c < p; c++) t += B[c * p + c]! / A[c * p + c]!;
  return t;
}

/** Group codes (0..n−1) of the panel id for the sample rows, and group sizes. */
function groupsOf(c: Common): { codes: Int32Array; G: number; sizes: Float64Array; levels: string[] } {
  const ids = gatherInts(c.panel!.id, c.sample.rows);
  const r = recode(c.panel!.id.map((v) => Math.max(v, 0)), c.panel!.idLevels, c.sample.rows);
  const sizes = new Float64Array(r.levels.length);
  for (let i = 0; i < ids.length; i++) sizes[r.codes[i]!]++;
  return { codes: r.codes, G: r.levels.length, sizes, levels: r.levels };
}

function groupMeans(x: Float64Array, codes: Int32Array, sizes: Float64Array): Float64Array {
  const m = new Float64Array(sizes.length);
  for (let i = 0; i < x.length; i++) m[codes[i]!] += x[i]!;
  for (let g = 0; g < m.length; g++) m[g] = m[g]! / sizes[g]!;
  return m;
}

/**
 * Random effects, Swamy–Arora (plm `model = "random", random.method = "swar"`, effect individual):
 *   σ̂²_ε = e_w'e_w / (N − n − K_w)         (within regression, K_w slopes)
 *   σ̂²_u = (Σᵢ Tᵢ ē_bᵢ² − (n − K_b − 1) σ̂²_ε) / (N − tr[(Σᵢ SᵢSᵢ'/Tᵢ)⁻¹ Σᵢ SᵢSᵢ']), Sᵢ = Σ_t zᵢₜ the group
 *          sums of the pooled design z = [1, x] (balanced: = Σᵢ T ē_bᵢ²/(n − K_b − 1)/T − σ̂²_ε/T),
 *          ē_b = residuals of the "Between" regression (group means weighted by Tᵢ); truncated at 0,
 *   θᵢ = 1 − √(σ̂²_ε / (Tᵢ σ̂²_u + σ̂²_ε)),  then OLS of yᵢₜ − θᵢȳᵢ on xᵢₜ − θᵢx̄ᵢ (intercept 1 − θᵢ).
 * Reference: Swamy & Arora (1972) Econometrica 40(2); Baltagi, Econometric Analysis of Panel Data,
 * §2.3 and §9.2; Croissant & Millo (2008) plm, `ercomp`.
 */
function fitRandom(c: Common, y: Float64Array, X: NamedColumn[], w: Float64Array | null): FitResult {
  if (w) throw new Error("fit: weights are not supported for model 're'");
  const { codes, G, sizes } = groupsOf(c);
  const n = y.length;
  const notes: string[] = [];
  // within regression
  const d = demean([y, ...X.map((x) => x.col)], [codes]);
  const Xw = d.columns.slice(1);
  const keepW = Xw.map((col, j) => columnScale(col) > 1e-9 * columnScale(X[j]!.col));
  const qw = qrLeastSquares(Xw.filter((_, j) => keepW[j]), d.columns[0]!);
  const Kw = qw.rank;
  const s2e = qw.rss / (n - G - Kw);
  // Between regression: group means with weights T_i (= OLS on the repeated group means)
  const ym = groupMeans(y, codes, sizes);
  const Xm = X.map((x) => groupMeans(x.col, codes, sizes));
  const one = new Float64Array(G).fill(1);
  const qb = qrLeastSquares([one, ...Xm], ym, { weights: sizes });
  const Kb = qb.rank - 1;
  if (G - Kb - 1 <= 0) throw new Error(`random effects: ${G} groups are too few for ${Kb + 1} between-regression parameters`);
  // plm ercomp (swar, models within + Between): quad₂ = Σᵢ Tᵢ ē_bᵢ² = (N_g − K_b − 1) σ²_ε + m_η σ²_u with
  // m_η = N − tr[(Σᵢ SᵢSᵢ'/Tᵢ)⁻¹ Σᵢ SᵢSᵢ'], Sᵢ = group sums of the pooled design [1, X]
  // (balanced: m_η = T (N_g − K_b − 1), the textbook Swamy–Arora formula)
  const Zcols = [new Float64Array(n).fill(1), ...X.map((x) => x.col)];
  const p = Zcols.length;
  const sums = Zcols.map((z) => {
    const sg = new Float64Array(G);
    for (let i = 0; i < n; i++) sg[codes[i]!] += z[i]!;
    return sg;
  });
  const A = new Float64Array(p * p);
  const Bm = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let sa = 0;
      let sb = 0;
      for (let g = 0; g < G; g++) {
        const v = sums[a]![g]! * sums[b]![g]!;
        sa += v / sizes[g]!;
        sb += v;
      }
      A[a * p + b] = sa;
      Bm[a * p + b] = sb;
    }
  const mEta = n - traceSolve(A, Bm, p);
  let s2u = (qb.rss - (G - Kb - 1) * s2e) / mEta;
  if (s2u < 0) {
    notes.push(`Swamy–Arora estimate of the individual variance is negative (${s2u}); set to 0 (pooled OLS)`);
    s2u = 0;
  }
  const thetaG = Array.from(sizes, (T) => 1 - Math.sqrt(s2e / (T * s2u + s2e)));
  const thetaRow = new Float64Array(n);
  for (let i = 0; i < n; i++) thetaRow[i] = thetaG[codes[i]!]!;
  const qd = (x: Float64Array): Float64Array => {
    const m = groupMeans(x, codes, sizes);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i]! - thetaRow[i]! * m[codes[i]!]!;
    return out;
  };
  const names = X.map((x) => x.name);
  const cols = X.map((x) => qd(x.col));
  if (c.f.intercept) {
    names.unshift("(Intercept)");
    cols.unshift(qd(new Float64Array(n).fill(1)));
  }
  const yS = qd(y);
  const re: RandomEffectsInfo = Object.freeze({
    method: "swar",
    sigma2Idios: s2e,
    sigma2Indiv: s2u,
    theta: Object.freeze(thetaG),
    thetaMean: thetaG.reduce((s, v) => s + v, 0) / G,
  });
  return finishSimple(c, "re", "individual", y, yS, cols, names, null, notes, re, c.sample.rows, d.iterations);
}

/**
 * Between estimator (plm `model = "between"`): OLS of group means ȳᵢ on x̄ᵢ (one row per group,
 * unweighted), intercept as in the formula. Reference: Baltagi §2.2; plm.
 */
function fitBetween(c: Common, y: Float64Array, X: NamedColumn[], w: Float64Array | null): FitResult {
  if (w) throw new Error("fit: weights are not supported for model 'be'");
  const { codes, G, sizes } = groupsOf(c);
  const ym = groupMeans(y, codes, sizes);
  const cols = X.map((x) => groupMeans(x.col, codes, sizes));
  const names = X.map((x) => x.name);
  if (c.f.intercept) {
    names.unshift("(Intercept)");
    cols.unshift(new Float64Array(G).fill(1));
  }
  // representative row per group: its first row in the sample (for cluster/vcov lookups)
  const rep = new Int32Array(G).fill(-1);
  for (let i = 0; i < codes.length; i++) if (rep[codes[i]!] === -1) rep[codes[i]!] = c.sample.rows[i]!;
  return finishSimple(c, "be", "individual", ym, ym, cols, names, null, [], null, rep, 0);
}

/**
 * First-difference estimator (plm `model = "fd"`): within each id, rows sorted by time, Δzᵢₜ =
 * zᵢₜ − zᵢ,ₜ₋₁ between CONSECUTIVE rows (plm `pdiff`, row-based: a gap in time is differenced
 * across); the first row of each id is lost (counted in dropped.missing); the intercept (if any) is
 * a column of ones in the differenced model (a linear trend in levels), as plm. Columns with no
 * variation after differencing (var ≤ 1e-12, e.g. time-invariant ones) are dropped with a note.
 * Reference: Wooldridge, Econometric Analysis of Cross Section and Panel Data (2nd ed.) §10.6; plm.
 */
function fitFirstDifference(c: Common, y: Float64Array, X: NamedColumn[], w: Float64Array | null): FitResult {
  if (w) throw new Error("fit: weights are not supported for model 'fd'");
  const panel = c.panel!;
  const rows = c.sample.rows;
  // order sample rows by (id, time)
  const order = Array.from(rows.keys()).sort((a, b) => panel.id[rows[a]!]! - panel.id[rows[b]!]! || panel.time[rows[a]!]! - panel.time[rows[b]!]!);
  const pairs: [number, number][] = [];
  for (let j = 1; j < order.length; j++) {
    const a = order[j - 1]!;
    const b = order[j]!;
    if (panel.id[rows[a]!] === panel.id[rows[b]!]) pairs.push([b, a]);
  }
  const m = pairs.length;
  const diff = (x: Float64Array): Float64Array => {
    const out = new Float64Array(m);
    pairs.forEach(([b, a], i) => (out[i] = x[b]! - x[a]!));
    return out;
  };
  const yD = diff(y);
  const notes: string[] = [];
  const names: string[] = [];
  const cols: Float64Array[] = [];
  for (const x of X) {
    const d = diff(x.col);
    let mean = 0;
    for (let i = 0; i < m; i++) mean += d[i]!;
    mean /= m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (d[i]! - mean) ** 2;
    v /= m - 1;
    if (!(v > 1e-12)) {
      notes.push(`dropped '${x.name}': no variation after first-differencing`);
      continue;
    }
    names.push(x.name);
    cols.push(d);
  }
  if (c.f.intercept) {
    names.unshift("(Intercept)");
    cols.unshift(new Float64Array(m).fill(1));
  }
  const lost = rows.length - m;
  const dropped: DroppedInfo = Object.freeze({
    ...c.sample.dropped,
    missing: c.sample.dropped.missing + lost,
    reasons: Object.freeze([...c.sample.dropped.reasons, `${lost} row(s) lost to first-differencing (first period of each id)`]),
  });
  const newRows = Int32Array.from(pairs.map(([b]) => rows[b]!));
  return finishSimple({ ...c, sample: { rows: newRows, dropped } }, "fd", "individual", yD, yD, cols, names, null, notes, null, newRows, 0);
}

/** OLS on already-transformed columns (RE, BE, FD) and result assembly. */
function finishSimple(
  c: Common,
  model: ModelKind,
  effect: PanelEffect,
  yOrig: Float64Array,
  yT: Float64Array,
  cols: Float64Array[],
  names: string[],
  w: Float64Array | null,
  notes: string[],
  re: RandomEffectsInfo | null,
  rows: Int32Array,
  iterations: number,
): FitResult {
  const n = yT.length;
  if (cols.length === 0) throw new Error("singular design: the model has no regressor left");
  const q = qrLeastSquares(cols, yT, { weights: w ?? undefined, wantQ: true });
  notes.push(...collinearNotes(names, q));
  if (q.rank === 0) throw new Error(`singular design: every regressor is collinear or zero (${names.join(", ")})`);
  const kept = q.kept;
  const kNames = kept.map((j) => names[j]!);
  const dfResid = n - kept.length;
  if (dfResid <= 0) throw new Error(`singular design: ${n} observations for ${kept.length} parameters`);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = yT[i]! - q.resid[i]!;
  const pc = panelCodes(c, rows);
  const hasIntercept = kNames.includes("(Intercept)");
  const internals: FitInternals = Object.freeze({
    frame: c.data,
    rows,
    X: Object.freeze(kept.map((j) => cols[j]!)),
    y: yT,
    w,
    resid: q.resid,
    fitted,
    yOriginal: yOrig,
    bread: q.bread,
    Q: q.Q,
    P: q.P,
    sigma2: q.rss / dfResid,
    fixedEffects: Object.freeze([]),
    dfFe: 0,
    hasConstant: hasIntercept,
    panelId: pc.id,
    panelTime: pc.time,
  });
  // R²: 1 − RSS/TSS (centered with an intercept); for RE, plm's cor(ỹ, ŷ)² on the quasi-demeaned
  // data (its intercept column 1 − θᵢ is not constant in unbalanced panels)
  const r2 = model === "re" ? squaredCorrelation(yT, fitted) : 1 - q.rss / tss(yT, w, hasIntercept);
  return buildFitResult({
    model,
    formula: c.formulaText,
    effect,
    coefNames: kNames,
    coef: kept.map((j) => q.coef[j]!),
    internals,
    vcovSpec: c.options.vcov ?? "iid",
    ssc: c.options.ssc,
    dropped: c.sample.dropped,
    interceptIndex: kNames.indexOf("(Intercept)"),
    // plm's summary reports z statistics with normal p-values for random effects
    statKind: model === "re" ? "z" : "t",
    rss: q.rss,
    r2,
    adjR2: 1 - (1 - r2) * ((n - (hasIntercept || model === "re" ? 1 : 0)) / dfResid),
    withinR2: null,
    iterations,
    converged: true,
    notes,
    re,
  });
}
