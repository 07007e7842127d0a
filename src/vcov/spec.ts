/** Parsing and naming of variance specifications (CLI strings ↔ VcovSpec). */
import type { VcovSpec } from "../estimate/types";

/**
 * Parse a CLI variance string: iid | hc0 | hc1 | hc2 | hc3 | cluster:VAR | cluster:VAR1+VAR2 | dk | dk:LAG.
 *
 * @example
 * parseVcovSpec("cluster:iso3+year"); // { cluster: ["iso3", "year"] }
 * parseVcovSpec("dk:2");              // { dk: { lag: 2 } }
 */
export function parseVcovSpec(s: string): VcovSpec {
  const t = s.trim();
  const low = t.toLowerCase();
  if (low === "iid" || low === "hc0" || low === "hc1" || low === "hc2" || low === "hc3") return low;
  if (low.startsWith("cluster:")) {
    const vars = t.slice("cluster:".length).split("+").map((v) => v.trim()).filter(Boolean);
    if (vars.length === 0 || vars.length > 2) throw new Error(`--vcov '${s}': give one or two cluster variables, e.g. cluster:id or cluster:id+year`);
    return { cluster: vars };
  }
  if (low === "dk") return { dk: {} };
  if (low.startsWith("dk:")) {
    const lag = Number(t.slice(3));
    if (!Number.isInteger(lag) || lag < 0) throw new Error(`--vcov '${s}': the Driscoll–Kraay lag must be a non-negative integer`);
    return { dk: { lag } };
  }
  throw new Error(`--vcov '${s}' not understood (use iid|hc0|hc1|hc2|hc3|cluster:VAR|cluster:VAR1+VAR2|dk|dk:LAG)`);
}

/**
 * Canonical text of a spec: "iid", "hc1", "cluster(id)", "cluster(id, year)", "dk(lag=2)".
 *
 * @example
 * describeVcov({ cluster: ["id"] }); // "cluster(id)"
 */
export function describeVcov(spec: VcovSpec, dkLag?: number): string {
  if (typeof spec === "string") return spec;
  if ("cluster" in spec) return `cluster(${spec.cluster.join(", ")})`;
  return `dk(lag=${dkLag ?? spec.dk.lag ?? "auto"})`;
}
