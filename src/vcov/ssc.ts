/**
 * Small-sample corrections as named objects (fixest `ssc()` style). Formulas: docs/standard-errors.md.
 */
import type { Ssc, SscName, SscSpec } from "../estimate/types";

/** Named conventions. */
export const SSC_PRESETS: Readonly<Record<SscName, Ssc>> = Object.freeze({
  /** Stata xtreg/reghdfe: G/(G−1)·(N−1)/(N−K), FE nested in the cluster not in K, constant in K,
   *  t(G−1), min(G) for multiway. */
  stata: Object.freeze({ adj: true, fixefK: "nested", constantK: true, clusterAdj: true, clusterDf: "min", tDf: "min" }),
  /** fixest ≥ 0.10 default ssc(adj=TRUE, fixef.K="nested", cluster.adj=TRUE, cluster.df="min", t.df="min"). */
  fixest: Object.freeze({ adj: true, fixefK: "nested", constantK: true, clusterAdj: true, clusterDf: "min", tDf: "min" }),
  /** fixest ssc(fixef.K="full"): every absorbed FE degree of freedom in K (Stata areg-like). */
  full: Object.freeze({ adj: true, fixefK: "full", constantK: true, clusterAdj: true, clusterDf: "min", tDf: "min" }),
  /** No correction at all: CR0 (sandwich vcovCL type="HC0", cadjust=FALSE), t(N−K). */
  none: Object.freeze({ adj: false, fixefK: "full", constantK: true, clusterAdj: false, clusterDf: "conventional", tDf: "conventional" }),
  /** sandwich vcovCL(type="HC1"): G/(G−1)·(N−1)/(N−K), K = all columns incl. FE dummies, t(N−K). */
  hc1: Object.freeze({ adj: true, fixefK: "full", constantK: true, clusterAdj: true, clusterDf: "conventional", tDf: "conventional" }),
  /** Stata rule but two-way terms each with their own G_j/(G_j−1) (Cameron–Gelbach–Miller 2011). */
  conventional: Object.freeze({ adj: true, fixefK: "nested", constantK: true, clusterAdj: true, clusterDf: "conventional", tDf: "min" }),
});

/**
 * Resolve a small-sample spec (a preset name, or a partial object over the "stata" preset).
 *
 * @example
 * resolveSsc("none").clusterAdj;      // false
 * resolveSsc({ adj: false }).fixefK;  // "nested"
 */
export function resolveSsc(spec: SscSpec | undefined): Ssc {
  if (spec === undefined) return SSC_PRESETS.stata;
  if (typeof spec === "string") {
    const s = SSC_PRESETS[spec];
    if (!s) throw new Error(`unknown small-sample correction '${spec}' (known: ${Object.keys(SSC_PRESETS).join(", ")})`);
    return s;
  }
  return Object.freeze({ ...SSC_PRESETS.stata, ...spec });
}
