/**
 * The immutable fit result: built once from the parts an estimator produces; the variance, standard
 * errors, tests and intervals are derived here so every estimator (OLS, FE, RE, BE, FD, 2SLS, PPML)
 * reports the same way.
 */
import { computeVcov } from "../vcov/index";
import { resolveSsc } from "../vcov/ssc";
import { pTwoSided, qt, pfUpper } from "../dist";
import type {
  CoefficientRow,
  DroppedInfo,
  FitInternals,
  FitResult,
  ModelKind,
  PanelEffect,
  RandomEffectsInfo,
  SscSpec,
  VcovSpec,
} from "../estimate/types";

/** What an estimator hands to {@link buildFitResult}. */
export interface FitParts {
  readonly model: ModelKind;
  readonly formula: string;
  readonly effect: PanelEffect | null;
  /** Names of the kept coefficients (same order as internals.X columns). */
  readonly coefNames: readonly string[];
  readonly coef: readonly number[];
  readonly internals: FitInternals;
  readonly vcovSpec: VcovSpec;
  readonly ssc?: SscSpec;
  readonly dropped: DroppedInfo;
  /** Index of the intercept in coefNames, or −1 (excluded from the joint F test). */
  readonly interceptIndex: number;
  /** "t" (t(dfT) p-values) for linear models, "z" (normal) for RE (as plm's summary) and PPML. */
  readonly statKind: "t" | "z";
  readonly rss: number;
  readonly r2: number;
  readonly adjR2: number;
  readonly withinR2: number | null;
  readonly logLik?: number | null;
  readonly deviance?: number | null;
  readonly pseudoR2?: number | null;
  readonly iterations: number;
  readonly converged: boolean;
  readonly notes: readonly string[];
  readonly re?: RandomEffectsInfo | null;
  readonly firstStage?: readonly FitResult[] | null;
  readonly endogenous?: readonly string[];
  readonly instruments?: readonly string[];
}

/** Cholesky solve of the symmetric positive-definite q×q system A x = b (row-major); null if not PD. */
function choleskySolve(A: Float64Array, b: Float64Array): Float64Array | null {
  const q = b.length;
  const L = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * q + j]!;
      for (let l = 0; l < j; l++) s -= L[i * q + l]! * L[j * q + l]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * q + i] = Math.sqrt(s);
      } else L[i * q + j] = s / L[j * q + j]!;
    }
  }
  const y = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let l = 0; l < i; l++) s -= L[i * q + l]! * y[l]!;
    y[i] = s / L[i * q + i]!;
  }
  const x = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let l = i + 1; l < q; l++) s -= L[l * q + i]! * x[l]!;
    x[i] = s / L[i * q + i]!;
  }
  return x;
}

/**
 * Joint Wald test that the coefficients `idx` are all zero, in F form:
 * F = b_S' V_S⁻¹ b_S / q  with q = |S|, p = P(F(q, df2) > F) (df2 = Infinity: χ²(q)/q).
 * With the iid variance this is the classical regression F statistic.
 *
 * Reference: Greene (8th ed.) eq. 5-16 (Wald form of the F test); fixest `fitstat(~wald)`.
 *
 * @example
 * waldF([2], [[1]], [0], 10).stat; // 4
 */
export function waldF(coef: readonly number[], V: readonly (readonly number[])[], idx: readonly number[], df2: number): { stat: number; df1: number; df2: number; p: number } {
  const q = idx.length;
  if (q === 0) return { stat: NaN, df1: 0, df2, p: NaN };
  const A = new Float64Array(q * q);
  const b = new Float64Array(q);
  idx.forEach((i, a) => {
    b[a] = coef[i]!;
    idx.forEach((j, c) => (A[a * q + c] = V[i]![j]!));
  });
  const x = choleskySolve(A, b);
  if (!x) return { stat: NaN, df1: q, df2, p: NaN };
  let s = 0;
  for (let a = 0; a < q; a++) s += b[a]! * x[a]!;
  const stat = s / q;
  return { stat, df1: q, df2, p: pfUpper(stat, q, df2) };
}

function frozenMatrix(V: Float64Array, k: number): readonly (readonly number[])[] {
  const out: (readonly number[])[] = [];
  for (let i = 0; i < k; i++) out.push(Object.freeze(Array.from(V.subarray(i * k, (i + 1) * k))));
  return Object.freeze(out);
}

/** JSON-safe number: NaN/±Infinity become null (documented in docs/fit-json.md). */
function jnum(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * Assemble the immutable {@link FitResult} from an estimator's parts: computes the variance for
 * `parts.vcovSpec` (src/vcov), SE = √diag V, stat = b/SE, p = 2·P(T_dfT > |stat|) (normal for z),
 * CI = b ± q·SE, and the joint Wald F test of all non-intercept coefficients.
 *
 * @example
 * const r = buildFitResult(parts);
 * r.withVcov({ cluster: ["id"] }).se;
 */
export function buildFitResult(parts: FitParts): FitResult {
  const vc = computeVcov(parts.internals, parts.vcovSpec, parts.ssc);
  const k = parts.coef.length;
  const V = frozenMatrix(vc.V, k);
  const se = Object.freeze(Array.from({ length: k }, (_, i) => Math.sqrt(vc.V[i * k + i]!)));
  const coef = Object.freeze([...parts.coef]);
  const dfT = parts.statKind === "z" ? Infinity : vc.dfT;
  const stat = Object.freeze(coef.map((b, i) => b / se[i]!));
  const pValue = Object.freeze(stat.map((t) => pTwoSided(t, dfT)));
  const confInt = (level = 0.95): number[][] => {
    if (!(level > 0 && level < 1)) throw new Error(`confInt: level must be in (0, 1), got ${level}`);
    const q = qt(1 - (1 - level) / 2, dfT);
    return coef.map((b, i) => [b - q * se[i]!, b + q * se[i]!]);
  };
  const ci = confInt(0.95);
  const coefficients: Record<string, CoefficientRow> = {};
  parts.coefNames.forEach((nm, i) => {
    coefficients[nm] = Object.freeze({ estimate: coef[i]!, se: se[i]!, stat: stat[i]!, pValue: pValue[i]!, ciLow: ci[i]![0]!, ciHigh: ci[i]![1]! });
  });
  const slopes = parts.coefNames.map((_, i) => i).filter((i) => i !== parts.interceptIndex);
  const nobs = parts.internals.resid.length;
  const dfResid = nobs - k - parts.internals.dfFe;
  const F = waldF(coef, V, slopes, parts.statKind === "z" ? Infinity : vc.dfT);
  const feGroups: Record<string, number> = {};
  for (const fe of parts.internals.fixedEffects) feGroups[fe.name] = fe.groups;
  const notes = Object.freeze([...parts.notes, ...vc.notes]);
  const result: FitResult = {
    model: parts.model,
    formula: parts.formula,
    effect: parts.effect,
    coefNames: Object.freeze([...parts.coefNames]),
    coef,
    se,
    stat,
    statKind: parts.statKind,
    pValue,
    coefficients: Object.freeze(coefficients),
    confInt,
    vcov: V,
    vcovType: vc.label,
    vcovSpec: parts.vcovSpec,
    ssc: vc.ssc,
    clusters: Object.freeze({ ...vc.clusters }),
    nobs,
    dropped: parts.dropped,
    k,
    dfResid,
    dfT,
    rss: parts.rss,
    sigma: Math.sqrt(parts.internals.sigma2),
    r2: parts.r2,
    adjR2: parts.adjR2,
    withinR2: parts.withinR2,
    fStat: F.stat,
    fDf: Object.freeze([F.df1, F.df2]) as readonly [number, number],
    fPValue: F.p,
    logLik: parts.logLik ?? null,
    deviance: parts.deviance ?? null,
    pseudoR2: parts.pseudoR2 ?? null,
    feGroups: Object.freeze(feGroups),
    iterations: parts.iterations,
    converged: parts.converged,
    notes,
    re: parts.re ?? null,
    firstStage: parts.firstStage ?? null,
    endogenous: Object.freeze([...(parts.endogenous ?? [])]),
    instruments: Object.freeze([...(parts.instruments ?? [])]),
    internals: parts.internals,
    withVcov(spec: VcovSpec, ssc?: SscSpec): FitResult {
      return buildFitResult({ ...parts, vcovSpec: spec, ssc: ssc ?? parts.ssc });
    },
    toJSON(): Record<string, unknown> {
      const coefs: Record<string, Record<string, number | null>> = {};
      for (const [nm, row] of Object.entries(coefficients)) {
        coefs[nm] = { estimate: jnum(row.estimate), se: jnum(row.se), stat: jnum(row.stat), pValue: jnum(row.pValue), ciLow: jnum(row.ciLow), ciHigh: jnum(row.ciHigh) };
      }
      return {
        schema: "bri-cbec/fit@1",
        model: result.model,
        formula: result.formula,
        effect: result.effect,
        nobs,
        k,
        dfResid,
        dfT: jnum(dfT),
        statKind: result.statKind,
        coefNames: [...result.coefNames],
        coefficients: coefs,
        vcovType: result.vcovType,
        ssc: { ...vc.ssc },
        clusters: { ...vc.clusters },
        vcov: V.map((row) => row.map(jnum)),
        rss: jnum(result.rss),
        sigma: jnum(result.sigma),
        r2: jnum(result.r2),
        adjR2: jnum(result.adjR2),
        withinR2: jnum(result.withinR2),
        fStat: jnum(result.fStat),
        fDf: [result.fDf[0], jnum(result.fDf[1])],
        fPValue: jnum(result.fPValue),
        logLik: jnum(result.logLik),
        deviance: jnum(result.deviance),
        pseudoR2: jnum(result.pseudoR2),
        dropped: { missing: parts.dropped.missing, singleton: parts.dropped.singleton, separation: parts.dropped.separation, reasons: [...parts.dropped.reasons] },
        feGroups: { ...feGroups },
        fixedEffects: parts.internals.fixedEffects.map((fe) => ({ name: fe.name, groups: fe.groups, redundant: fe.redundant })),
        dfFe: parts.internals.dfFe,
        re: result.re ? { ...result.re, theta: result.re.theta.map(jnum) } : null,
        endogenous: [...result.endogenous],
        instruments: [...result.instruments],
        firstStage: result.firstStage ? result.firstStage.map((f) => f.toJSON()) : null,
        iterations: result.iterations,
        converged: result.converged,
        notes: [...notes],
      };
    },
  };
  return Object.freeze(result);
}
