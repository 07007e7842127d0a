// End to end: `bri-cbec fit --json` on CSV files written from the fixtures' embedded data reproduces the
// R / Python reference numbers (coefficients and full variance matrices) — the same references as the
// other tests in this folder (ols.R: lm + sandwich; fe.R: plm within; panel.R: plm random/fd;
// iv.R: AER::ivreg; ppml.R: glm poisson). Checks that the JSON carries full double precision.
// Tolerance 1e-8 relative (1e-6 for PPML).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VcovSpec } from "../../src/estimate/types";
import { assertCoefs, assertVcov, loadReference, type RefCase, type RefFile } from "./lib/fixtures";

const dir = mkdtempSync(join(tmpdir(), "bri-cbec-ref-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Write a fixture dataset as CSV (numbers with String(): shortest round-trip representation). */
function writeCsv(ref: RefFile, name: string): string {
  const data = ref.datasets[name]!.data;
  const cols = Object.keys(data);
  const n = data[cols[0]!]!.length;
  const cell = (v: number | string | null): string => {
    if (v === null) return "";
    if (typeof v === "number") return String(v);
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [cols.join(",")];
  for (let i = 0; i < n; i++) lines.push(cols.map((c) => cell(data[c]![i]!)).join(","));
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

function vcovArg(spec: VcovSpec): string {
  if (typeof spec === "string") return spec;
  if ("cluster" in spec) return `cluster:${spec.cluster.join("+")}`;
  return `dk:${spec.dk.lag}`;
}

interface Pick { file: string; id: string; labels: string[]; args?: (c: RefCase) => string[]; tol?: number }
const picks: Pick[] = [
  { file: "ols", id: "grunfeld_ols", labels: ["iid", "hc3", "cluster_id_stata", "cluster_twoway_stata", "dk_none"], args: (c) => ["--panel", `${c.panel!.id},${c.panel!.time}`] },
  { file: "fe", id: "produc_fe_twoways", labels: ["iid", "cluster_id_stata", "cluster_id_hc1"], args: (c) => ["--panel", `${c.panel!.id},${c.panel!.time}`] },
  { file: "fe", id: "empluk_fe_individual", labels: ["cluster_id_stata"], args: (c) => ["--model", "fe", "--panel", `${c.panel!.id},${c.panel!.time}`] },
  { file: "panel", id: "grunfeld_re", labels: ["iid"], args: (c) => ["--model", "re", "--panel", `${c.panel!.id},${c.panel!.time}`] },
  { file: "panel", id: "produc_fd", labels: ["cluster_id_none"], args: (c) => ["--model", "fd", "--panel", `${c.panel!.id},${c.panel!.time}`] },
  { file: "iv", id: "crime_iv_fe_county", labels: ["iid", "cluster_stata"] },
  { file: "ppml", id: "fatalities_ppml_twoways", labels: ["iid", "cluster_stata"], args: () => ["--model", "ppml"], tol: 1e-6 },
];

for (const p of picks) {
  const ref = loadReference(p.file);
  const c = ref.cases!.find((x) => x.id === p.id)!;
  for (const label of p.labels) {
    const v = c.vcov.find((x) => x.label === label)!;
    test(`CLI fit --json ${p.id} --vcov ${vcovArg(v.spec)} --ssc ${String(v.ssc)} = ${c.reference} [${v.call}]`, () => {
      assert.equal(typeof v.ssc, "string", "the CLI takes named ssc presets");
      const csv = writeCsv(ref, c.dataset);
      const args = ["bin/bri-cbec.mjs", "fit", "--data", csv, "--formula", c.formula, "--vcov", vcovArg(v.spec), "--ssc", String(v.ssc), "--json", ...(p.args ? p.args(c) : [])];
      const r = spawnSync(process.execPath, args, { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const j = JSON.parse(r.stdout) as { coefNames: string[]; coefficients: Record<string, { estimate: number }>; vcov: number[][]; nobs: number };
      assert.equal(j.nobs, c.stats.nobs);
      const est = j.coefNames.map((n) => j.coefficients[n]!.estimate);
      assertCoefs(j.coefNames, est, c.coef, p.tol ?? 1e-8, `${p.id} (CLI)`);
      assertVcov(j.coefNames, j.vcov, v.value, p.tol ?? 1e-8, `${p.id} ${label} (CLI)`);
    });
  }
}
