/**
 * Public types of the estimation engine (the contract other modules code against).
 *
 * Conventions
 * - Every n-length vector is a `Float64Array` (NaN = missing); every design matrix is column-major,
 *   i.e. an array of `Float64Array` columns, never an array of row objects.
 * - A k×k matrix that leaves the engine (vcov, bread) is a `number[][]` (row i = coefficient i),
 *   frozen; internal k×k work arrays are row-major `Float64Array(k*k)`.
 * - A fit is immutable: `withVcov()` returns a new result that shares the design and residuals.
 */
import type { Frame } from "../frame";

/** Estimators. "iv" = 2SLS; "ppml" = Poisson pseudo-maximum likelihood (src/estimate/ppml.ts). */
export type ModelKind = "ols" | "fe" | "re" | "be" | "fd" | "iv" | "ppml";

/** Which panel dimension(s) a panel estimator (fe/re/be/fd) sweeps out. */
export type PanelEffect = "individual" | "time" | "twoways";

/**
 * A variance estimator. Strings: "iid" (classical), "hc0".."hc3" (White/MacKinnon–White, as R
 * sandwich::vcovHC). Objects: `{ cluster: ["id"] }` one-way, `{ cluster: ["id", "year"] }` two-way
 * (Cameron–Gelbach–Miller); `{ dk: { lag } }` Driscoll–Kraay (needs `panel.time`; lag defaults to
 * floor(4 (T/100)^(2/9))). CLI strings: iid|hc0|hc1|hc2|hc3|cluster:VAR|cluster:VAR1+VAR2|dk|dk:LAG
 * (see `parseVcovSpec` in src/vcov/spec.ts).
 */
export type VcovSpec =
  | "iid"
  | "hc0"
  | "hc1"
  | "hc2"
  | "hc3"
  | { readonly cluster: readonly string[]; readonly psdFix?: boolean }
  | { readonly dk: { readonly lag?: number } };

/**
 * Small-sample correction (like fixest's `ssc()`), applied to cluster-robust variances (and to
 * Driscoll–Kraay when `dkAdj`); iid and HC0–HC3 follow their textbook definitions with K from
 * `fixefK`. Every rule is written down in docs/standard-errors.md.
 */
export interface Ssc {
  /** Multiply by (N−1)/(N−K). */
  readonly adj: boolean;
  /** How absorbed fixed effects enter K: "none" (not at all), "nested" (all but those nested in a
   *  cluster variable), "full" (all absorbed FE degrees of freedom). */
  readonly fixefK: "none" | "nested" | "full";
  /** Count the (absorbed) constant in K when fixed effects are absorbed (Stata xtreg/reghdfe: yes). */
  readonly constantK: boolean;
  /** Multiply by G/(G−1). */
  readonly clusterAdj: boolean;
  /** Two-way clustering: "min" = every term uses G = min(G1, G2, G12…) (Stata/reghdfe, fixest);
   *  "conventional" = each term uses its own G_j/(G_j−1) (Cameron–Gelbach–Miller 2011). */
  readonly clusterDf: "min" | "conventional";
  /** Degrees of freedom of t tests/CIs: "min" = G−1 with clusters (min over dimensions), N−K
   *  otherwise; "conventional" = N−K always. */
  readonly tDf: "min" | "conventional";
}

/** Named conventions: "stata" (default; xtreg/reghdfe), "fixest" (fixest default ssc()),
 *  "full" (fixest fixef.K="full"), "none" (no correction: sandwich HC0 / CR0),
 *  "hc1" (sandwich vcovCL type="HC1": G/(G−1)·(N−1)/(N−K), K counts every FE),
 *  "conventional" (Stata rule with per-dimension two-way adjustment). */
export type SscName = "stata" | "fixest" | "full" | "none" | "hc1" | "conventional";
export type SscSpec = SscName | Partial<Ssc>;

export interface DemeanOptions {
  /** Convergence tolerance relative to the column scale rms(x): "cg" stops when ‖r‖_W ≤ tol·rms·‖1‖_W,
   *  "irons-tuck" when the max absolute change of a step ≤ tol·rms, "direct" checks that the level
   *  means of the result are ≤ tol·rms (default 1e-10). */
  readonly tol?: number;
  /** Maximum number of sweeps (default 10000). */
  readonly maxIter?: number;
  /** Algorithm for 2+ FE: "auto" (default: the exact "direct" solve for two FE when one has few
   *  levels, src/estimate/demeanDirect.ts; else "cg"), "direct", "cg" (conjugate gradient as reghdfe)
   *  or "irons-tuck" (fixest). */
  readonly method?: "auto" | "direct" | "cg" | "irons-tuck";
}

export interface FitOptions {
  /** Estimator (default "ols"; "iv" is implied by an IV part in the formula; "fe" with FE in the
   *  formula is the same as "ols" with those FE absorbed). */
  readonly model?: ModelKind;
  /** Variance estimator (default "iid"). */
  readonly vcov?: VcovSpec;
  /** Panel identifiers (required by lag(), fe/re/be/fd via --panel, Driscoll–Kraay). */
  readonly panel?: { readonly id: string; readonly time: string };
  /** Effect for model "fe" built from `panel` (default "individual"); "re" supports "individual". */
  readonly effect?: PanelEffect;
  /** Name of a numeric column of analytic weights (WLS). */
  readonly weights?: string;
  readonly demean?: DemeanOptions;
  /** Small-sample correction (default "stata"). */
  readonly ssc?: SscSpec;
  /** Drop singleton groups of absorbed FE recursively (default true, as reghdfe/fixest). */
  readonly dropSingletons?: boolean;
}

/** Observations removed before estimation, with the reasons (never silent). */
export interface DroppedInfo {
  /** Rows with a missing value in a used variable (incl. rows lost to lag()/diff). */
  readonly missing: number;
  /** Singleton FE groups removed recursively. */
  readonly singleton: number;
  /** Rows removed by PPML separation detection. */
  readonly separation: number;
  /** Human-readable reasons, e.g. "3 rows with missing x2". */
  readonly reasons: readonly string[];
}

/** An absorbed fixed effect (formula `| fe1 + fe2`, or the panel dimension of "fe"). */
export interface FixedEffectInfo {
  readonly name: string;
  /** Number of distinct levels in the estimation sample. */
  readonly groups: number;
  /** Levels that are redundant (not identified): 0 for the first FE; for the second FE the number of
   *  connected components of the bipartite FE1–FE2 graph (exact for 2 FE); later FE: 1 each
   *  (conservative, fixest/reghdfe practice). See docs/standard-errors.md. */
  readonly redundant: number;
  /** Group code per estimation-sample row (0..groups−1). */
  readonly codes: Int32Array;
  /** Level labels, by code. */
  readonly levels: readonly string[];
}

/** Random-effects variance components (Swamy–Arora). */
export interface RandomEffectsInfo {
  readonly method: "swar";
  /** σ²_ε (idiosyncratic) from the within regression. */
  readonly sigma2Idios: number;
  /** σ²_u (individual) = max(0, σ²_between·T̄ − σ²_ε)/… (see src/estimate/re.ts). */
  readonly sigma2Indiv: number;
  /** θ_i = 1 − sqrt(σ²_ε / (T_i σ²_u + σ²_ε)); one per group (all equal when balanced). */
  readonly theta: readonly number[];
  /** θ summary (equal to theta[0] when balanced). */
  readonly thetaMean: number;
}

/**
 * What a fit keeps so that any variance estimator can be recomputed without refitting, and so that
 * diagnostics (src/diagnostics) can work on the estimation sample. Large arrays are shared, never
 * copied; treat them as read-only.
 */
export interface FitInternals {
  /** The data the model was fitted on, and the rows of it in the estimation sample (in order). */
  readonly frame: Frame;
  readonly rows: Int32Array;
  /** Working design as used in the final least-squares step (after demeaning / quasi-demeaning /
   *  differencing / 2SLS projection), column-major, one column per kept coefficient. */
  readonly X: readonly Float64Array[];
  /** Working response (transformed like X). */
  readonly y: Float64Array;
  /** Working weights (WLS weights; PPML: μ̂), or null for unit weights. */
  readonly w: Float64Array | null;
  /** Working residuals r such that the score of row i is x_i · w_i · r_i
   *  (OLS: y − Xb on the working scale; IV: y − X_endog·b with the ORIGINAL regressors; PPML: (y−μ)/μ). */
  readonly resid: Float64Array;
  /** Fitted values on the original scale (OLS/FE: y − resid incl. FE; PPML: μ̂). */
  readonly fitted: Float64Array;
  /** Response on the original (untransformed) scale for the estimation sample. */
  readonly yOriginal: Float64Array;
  /** Bread (X'WX)⁻¹ from the triangular factor (IV: (X̂'X̂)⁻¹), row-major k×k. */
  readonly bread: Float64Array;
  /** Optional numerically stable form of the bread: P = S⁻¹R⁻¹ (k×k row-major, bread = PP') and
   *  the thin orthonormal Q₁ (n×k) of W^{1/2}X S⁻¹ from the final QR (`qrLeastSquares(..., { wantQ:
   *  true })`). When present, sandwich variances are computed as P (Σ tₜtₜ') P' with tᵢ = qᵢ√wᵢrᵢ,
   *  which avoids the cancellation of B·M·B on ill-conditioned designs. Absent → X/bread form. */
  readonly Q?: readonly Float64Array[] | null;
  readonly P?: Float64Array | null;
  /** Scale of the iid variance: σ̂² = Σ w r² /(N−K) for linear models, 1 for PPML. */
  readonly sigma2: number;
  /** Absorbed FE (empty if none). */
  readonly fixedEffects: readonly FixedEffectInfo[];
  /** Degrees of freedom absorbed by the FE: Σ (groups − redundant). */
  readonly dfFe: number;
  /** Whether the model has a constant (explicit intercept, or implied by absorbed FE). */
  readonly hasConstant: boolean;
  /** Panel codes of the estimation sample when a panel was given (for DK, Wooldridge, Pesaran CD). */
  readonly panelId: Int32Array | null;
  readonly panelTime: Float64Array | null;
}

/** One coefficient, addressable by name in `FitResult.coefficients` and in JSON. */
export interface CoefficientRow {
  readonly estimate: number;
  readonly se: number;
  readonly stat: number;
  readonly pValue: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** The immutable result of `fit()` (and of `fitPpml()`). */
export interface FitResult {
  readonly model: ModelKind;
  readonly formula: string;
  /** Effect for panel models ("individual" etc.), null otherwise. */
  readonly effect: PanelEffect | null;
  readonly coefNames: readonly string[];
  readonly coef: readonly number[];
  readonly se: readonly number[];
  /** t (linear models) or z (RE, as plm summary; PPML) statistics. */
  readonly stat: readonly number[];
  readonly statKind: "t" | "z";
  readonly pValue: readonly number[];
  /** Coefficient table keyed by name (95% CI). */
  readonly coefficients: Readonly<Record<string, CoefficientRow>>;
  /** Confidence intervals at `level` (t(dfT) or normal quantiles). Row i = [low, high]. */
  confInt(level?: number): number[][];
  /** Variance–covariance matrix, k×k, row i = coefficient i. */
  readonly vcov: readonly (readonly number[])[];
  /** Canonical description, e.g. "iid", "hc1", "cluster(id)", "cluster(id, year)", "dk(lag=2)". */
  readonly vcovType: string;
  readonly vcovSpec: VcovSpec;
  /** The resolved small-sample correction used for `vcov`. */
  readonly ssc: Ssc;
  /** Number of clusters per dimension (cluster vcov), else empty. */
  readonly clusters: Readonly<Record<string, number>>;
  readonly nobs: number;
  readonly dropped: DroppedInfo;
  /** Number of estimated coefficients (kept columns). */
  readonly k: number;
  /** N − K (K = coefficients + absorbed FE df). */
  readonly dfResid: number;
  /** Degrees of freedom of t tests: G−1 when clustered (min rule), dfResid otherwise; Infinity for z. */
  readonly dfT: number;
  /** Sum of squared (weighted) residuals on the working scale. */
  readonly rss: number;
  /** Residual standard error sqrt(rss/dfResid) (linear models). */
  readonly sigma: number;
  readonly r2: number;
  readonly adjR2: number;
  /** R² of the demeaned problem (FE models), else null. */
  readonly withinR2: number | null;
  /** Joint test that all slope coefficients are zero (Wald form using `vcov`), with its df. */
  readonly fStat: number;
  readonly fDf: readonly [number, number];
  readonly fPValue: number;
  /** PPML only (null otherwise). */
  readonly logLik: number | null;
  readonly deviance: number | null;
  readonly pseudoR2: number | null;
  /** FE name → number of groups. */
  readonly feGroups: Readonly<Record<string, number>>;
  /** Iterations of the demeaning (linear) or IRLS (PPML); 0 if none. */
  readonly iterations: number;
  readonly converged: boolean;
  /** Notes, e.g. "dropped collinear column x3". */
  readonly notes: readonly string[];
  /** Random-effects components ("re" only). */
  readonly re: RandomEffectsInfo | null;
  /** IV: first-stage regressions, one per endogenous variable (same FE, same sample). */
  readonly firstStage: readonly FitResult[] | null;
  /** IV: names of endogenous regressors and excluded instruments. */
  readonly endogenous: readonly string[];
  readonly instruments: readonly string[];
  /** Everything the variance estimators and diagnostics need (shared arrays, read-only). */
  readonly internals: FitInternals;
  /** The same fit with another variance estimator (and optionally another ssc), without refitting. */
  withVcov(spec: VcovSpec, ssc?: SscSpec): FitResult;
  /** Plain JSON object with every field at full double precision (shape: docs/fit-json.md). */
  toJSON(): Record<string, unknown>;
}
