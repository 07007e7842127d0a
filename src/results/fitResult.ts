/**
 * The immutable fit result: built once from the parts an estimator produces; the variance, standard
 * errors, tests and intervals are derived here so every estimator (OLS, FE, RE, BE, FD, 2SLS, PPML)
 * reports the same way.
 */
import type {
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
  /** "t" for linear models, "z" for PPML and RE (plm reports z-like normal p-values for RE? no: t); see docs. */
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

/**
 * Assemble the immutable {@link FitResult} from an estimator's parts (computes vcov, SE, t/z, p,
 * CI and the joint F/Wald test).
 */
export function buildFitResult(_parts: FitParts): FitResult {
  throw new Error("buildFitResult: not implemented yet");
}
