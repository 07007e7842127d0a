import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticPanel } from "../estimate/synthetic";
import { fit } from "../../src/estimate/index";
import type { Frame } from "../../src/frame";

// Bad-input behaviour of `bri-cbec fit`: exit code and a message saying what and where.
// Data: synthetic panels written to os.tmpdir() by this test.

const dir = mkdtempSync(join(tmpdir(), "bri-fit-"));

function writeCsv(name: string, f: Frame, edit?: (row: string[], i: number, names: readonly string[]) => void): string {
  const lines = [f.names.join(",")];
  for (let i = 0; i < f.nrow; i++) {
    const row = f.names.map((n) => {
      const v = f.columns[n]![i];
      return v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v);
    });
    edit?.(row, i, f.names);
    lines.push(row.join(","));
  }
  const p = join(dir, name);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, ["bin/bri-cbec.mjs", "fit", ...args], { encoding: "utf8" });
}

const panel = syntheticPanel(8, 5, 71);
const good = writeCsv("good.csv", panel);

test("fit --json prints the full result; numbers equal the library's at full precision", () => {
  const r = cli("--data", good, "--formula", "y ~ x1 + x2 | id", "--vcov", "cluster:id", "--json");
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { coefficients: Record<string, { estimate: number; se: number }>; nobs: number; model: string };
  const lib = fit(panel, "y ~ x1 + x2 | id", { vcov: { cluster: ["id"] } });
  assert.equal(j.model, "fe");
  assert.equal(j.nobs, lib.nobs);
  // the CSV holds the shortest round-trip text of every double, so values are identical
  assert.equal(j.coefficients.x1!.estimate, lib.coefficients.x1!.estimate);
  assert.equal(j.coefficients.x2!.se, lib.coefficients.x2!.se);
});

test("fit prints a readable table", () => {
  const r = cli("--data", good, "--formula", "y ~ x1 + x2", "--model", "re", "--panel", "id,year");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Random effects \(Swamy–Arora\)/);
  assert.match(r.stdout, /\(Intercept\)\s+-?\d/);
  assert.match(r.stdout, /Std\. Error/);
  assert.match(r.stdout, /θ = /);
});

test("unknown column: exit 1, names the column and the file", () => {
  const r = cli("--data", good, "--formula", "y ~ x1 + nope");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /good\.csv: unknown column 'nope'/);
});

test("non-numeric cell: exit 1, names file, row and column", () => {
  const p = writeCsv("text-cell.csv", panel, (row, i, names) => {
    if (i === 6) row[names.indexOf("x2")] = "n/a?";
  });
  const r = cli("--data", p, "--formula", "y ~ x1 + x2");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /text-cell\.csv, row 8, column 'x2': "n\/a\?" is not a number/);
});

test("all-missing variable: exit 1, names it", () => {
  const p = writeCsv("all-missing.csv", panel, (row, _i, names) => {
    row[names.indexOf("x2")] = "";
  });
  const r = cli("--data", p, "--formula", "y ~ x1 + x2");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /variable 'x2' is missing \(or not finite\) in all 40 rows/);
});

test("singular design: exit 1 (all-zero regressor; no residual df)", () => {
  const p = writeCsv("zero.csv", panel, (row, _i, names) => {
    row[names.indexOf("x2")] = "0";
  });
  const r = cli("--data", p, "--formula", "y ~ 0 + x2");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /zero\.csv: singular design: every regressor is collinear or zero \(x2\)/);
  const tiny = writeCsv("tiny.csv", syntheticPanel(1, 2, 72));
  const s = cli("--data", tiny, "--formula", "y ~ x1 + x2");
  assert.equal(s.status, 1);
  assert.match(s.stderr, /singular design: 2 observations for 2 parameters \(no residual degrees of freedom\)/);
});

test("no variation after demeaning: exit 1, names the variable and the FE", () => {
  const r = cli("--data", good, "--formula", "y ~ x1 + id | id");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /variable 'id' has no variation left after removing the fixed effects \(id\)/);
});

test("fewer than 2 clusters: exit 1, names the cluster variable", () => {
  const one = writeCsv("one-cluster.csv", syntheticPanel(1, 6, 73));
  const r = cli("--data", one, "--formula", "y ~ x1", "--vcov", "cluster:id");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cluster variable 'id' has 1 cluster in the estimation sample; at least 2 are needed/);
});

test("PPML on a negative outcome: exit 1, names the outcome and row", () => {
  const r = cli("--data", good, "--formula", "y ~ x1", "--model", "ppml");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PPML: the outcome .y. must be non-negative, but is -?[0-9.e-]+ at data row \d+/);
});

test("usage errors exit 2 with the usage text", () => {
  const r = cli("--data", good);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--formula "y ~ x" is required/);
  const v = cli("--data", good, "--formula", "y ~ x1", "--vcov", "robust");
  assert.equal(v.status, 2);
  assert.match(v.stderr, /--vcov 'robust' not understood/);
});

test("IV table reports the first-stage F on the excluded instruments", () => {
  const r = cli("--data", good, "--formula", "y ~ x1 | id | xe ~ z");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2SLS/);
  assert.match(r.stdout, /First stage \(xe\): F\(excluded instruments; iid\) = [0-9.]+ on \(1, \d+\) df/);
});
