/**
 * Variance estimation decoupled from fitting: every estimator is computed from what a fit keeps
 * (`FitInternals`: working design, weights, residuals, bread, FE structure, the data rows).
 */
import { column, isNumeric } from "../frame";
import type { FitInternals, Ssc, SscSpec, VcovSpec } from "../estimate/types";
import { factorize, isNested } from "../estimate/demean";
import { resolveSsc } from "./ssc";
import { describeVcov } from "./spec";
import { vcovIid } from "./iid";
import { vcovHC } from "./hc";
import { type ClusterDim, vcovCluster } from "./cluster";
import { vcovDriscollKraay } from "./dk";
import { scoreBasis } from "./sandwich";

export { parseVcovSpec, describeVcov } from "./spec";
export { resolveSsc, SSC_PRESETS } from "./ssc";
export { vcovIid } from "./iid";
export { vcovHC } from "./hc";
export { vcovCluster } from "./cluster";
export { vcovDriscollKraay, dkDefaultLag } from "./dk";

export interface VcovComputation {
  /** k×k row-major. */
  readonly V: Float64Array;
  readonly label: string;
  readonly ssc: Ssc;
  /** df of t tests (see Ssc.tDf). */
  readonly dfT: number;
  readonly clusters: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

/**
 * Cluster codes for the estimation sample, read from the fitted frame; errors name variable and row.
 *
 * @example
 * clusterDims(result.internals, ["id"])[0].G; // number of clusters
 */
export function clusterDims(internals: FitInternals, names: readonly string[]): ClusterDim[] {
  return names.map((name) => {
    // clustering by an absorbed FE: its codes on the estimation sample are the cluster codes
    const fe = internals.fixedEffects.find((x) => x.name === name);
    if (fe) return { name, codes: fe.codes, G: fe.groups };
    const c = column(internals.frame, name);
    const rows = internals.rows;
    if (isNumeric(c)) {
      const vals = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) {
        const v = c[rows[j]!]!;
        if (Number.isNaN(v)) throw new Error(`cluster variable '${name}' is missing at data row ${rows[j]! + 1}`);
        vals[j] = v;
      }
      const { codes, levels } = factorize(vals);
      return { name, codes, G: levels.length };
    }
    const vals: (string | number)[] = new Array(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const v = c[rows[j]!];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
        throw new Error(`cluster variable '${name}' is missing at data row ${rows[j]! + 1}`);
      }
      vals[j] = v as string | number;
    }
    const { codes, levels } = factorize(vals.map(String));
    return { name, codes, G: levels.length };
  });
}

/**
 * K (number of parameters) under a small-sample rule:
 *   "full":   K = k + dfFe
 *   "none":   K = k + [1 if FE absorbed and constantK]
 *   "nested": K = k + dfFe − Σ_{FE q nested in a cluster} (G_q − redundant_q) + [1 if FE 1 is nested and constantK]
 * (dfFe = Σ_q (G_q − redundant_q) already contains the absorbed constant.)
 *
 * @example
 * // 3 slopes, FE id (50 groups) nested in cluster id: K = 3 + 1
 */
export function parametersK(internals: FitInternals, ssc: Ssc, dims: readonly ClusterDim[]): number {
  const k = internals.X.length;
  const fes = internals.fixedEffects;
  if (fes.length === 0) return k;
  if (ssc.fixefK === "full") return k + internals.dfFe;
  if (ssc.fixefK === "none") return k + (ssc.constantK ? 1 : 0);
  let K = k + internals.dfFe;
  fes.forEach((fe, q) => {
    if (dims.some((d) => isNested(fe.codes, d.codes))) {
      K -= fe.groups - fe.redundant;
      if (q === 0 && ssc.constantK) K += 1;
    }
  });
  return K;
}

/**
 * Compute the variance for `spec` from a fit's internals (formulas in docs/standard-errors.md).
 *
 * @example
 * const v = computeVcov(result.internals, { cluster: ["id"] });
 * Math.sqrt(v.V[0]); // SE of the first coefficient
 */
export function computeVcov(internals: FitInternals, spec: VcovSpec, sscSpec?: SscSpec): VcovComputation {
  const ssc = resolveSsc(sscSpec);
  const { X, w, resid, bread } = internals;
  const n = resid.length;
  const basis = () => scoreBasis(internals);
  const kFull = X.length + internals.dfFe;
  const dfResid = n - kFull;
  if (spec === "iid") {
    return { V: vcovIid(bread, internals.sigma2), label: "iid", ssc, dfT: dfResid, clusters: {}, notes: [] };
  }
  if (spec === "hc0" || spec === "hc1" || spec === "hc2" || spec === "hc3") {
    const K = ssc.fixefK === "none" ? parametersK(internals, ssc, []) : kFull;
    return { V: vcovHC(spec, basis(), w, K), label: spec, ssc, dfT: dfResid, clusters: {}, notes: [] };
  }
  if ("cluster" in spec) {
    const dims = clusterDims(internals, spec.cluster);
    const K = parametersK(internals, ssc, dims);
    const cv = vcovCluster(basis(), dims, K, ssc, spec.psdFix ?? false);
    const clusters: Record<string, number> = {};
    dims.forEach((d) => (clusters[d.name] = d.G));
    return { V: cv.V, label: describeVcov(spec), ssc, dfT: ssc.tDf === "min" ? cv.Gmin - 1 : dfResid, clusters, notes: cv.notes };
  }
  if ("dk" in spec) {
    if (!internals.panelTime) throw new Error("Driscoll–Kraay (dk) needs the panel time variable: give --panel ID,TIME (options.panel)");
    const d = vcovDriscollKraay(basis(), internals.panelTime, spec.dk.lag);
    return { V: d.V, label: describeVcov(spec, d.lag), ssc, dfT: dfResid, clusters: {}, notes: [] };
  }
  throw new Error(`unknown vcov specification ${JSON.stringify(spec)}`);
}
