// The baseline's model choice (Hausman FE vs RE) and the random-effects model of T5 against R plm,
// live on the real estimation sample: the sample of runBaseline is written to a temporary CSV (never
// into the repo: it is derived from the shared data), test/analysis/reference/hausman-plm.R fits it
// with plm and the numbers are compared here.
// reference: R plm 2.6 plm(y ~ X + factor(year), model = "within" | "random", random.method = "swar"),
// plm::phtest(fe, re), plm::ercomp (theta, sigma²) — run by this test when Rscript is installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParams } from "../../src/analysis/params";
import { analysisPanel } from "../../src/analysis/data";
import { baselineModel, hausmanPair, runBaseline } from "../../src/analysis/baseline";
import { numeric, text } from "../../src/frame";
import type { FitResult } from "../../src/estimate/types";
import { sharedDataDir } from "../fixtures/data";

const rscript = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
const haveR = rscript.status === 0 && spawnSync("Rscript", ["-e", "library(plm)"], { encoding: "utf8" }).status === 0;
const skip = !sharedDataDir() ? "shared data not found" : !haveR ? "Rscript with plm not installed" : false;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

function assertCoefs(ours: FitResult, theirs: Record<string, number>, tol: number, what: string): void {
  const names = Object.keys(theirs);
  assert.deepEqual([...ours.coefNames].sort(), [...names].sort(), `${what}: coefficient names`);
  for (const n of names) {
    const b = ours.coefficients[n]!.estimate;
    assert.ok(rel(b, theirs[n]!) < tol, `${what} ${n}: ours ${b}, plm ${theirs[n]}`);
  }
}

test("real panel: Hausman (FE vs RE), RE coefficients, theta and sigma² agree with R plm", { skip, timeout: 300_000 }, () => {
  const p = loadParams();
  const b = runBaseline(analysisPanel(p).frame, p);
  const s = b.sample;
  const { id, time } = p.identifiers;
  const cols = [s.y, ...s.regressors, ...p.gravity];
  const ids = text(s.frame, id);
  const years = numeric(s.frame, time);
  const lines = [["iso3", "year", "ln_y", ...cols.slice(1)].join(",")];
  for (let i = 0; i < s.frame.nrow; i++) {
    lines.push([ids[i], years[i], ...cols.map((c) => numeric(s.frame, c)[i]!.toPrecision(17))].join(","));
  }
  const dir = mkdtempSync(join(tmpdir(), "bri-hausman-"));
  try {
    writeFileSync(join(dir, "sample.csv"), lines.join("\n") + "\n");
    const r = spawnSync("Rscript", ["--vanilla", join("test", "analysis", "reference", "hausman-plm.R"), join(dir, "sample.csv"), join(dir, "plm.json"), s.regressors.join(" + "), p.gravity.join(" + ")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const ref = JSON.parse(readFileSync(join(dir, "plm.json"), "utf8"));
    assert.equal(ref.n, s.frame.nrow);

    // the Hausman pair and the test itself
    const pair = hausmanPair(s, p);
    assertCoefs(pair.fe, ref.fe, 1e-8, "FE (Hausman)");
    assertCoefs(pair.re, ref.re, 1e-8, "RE (Hausman)");
    const h = b.choice.hausman;
    assert.equal(h.df[0], ref.hausman.df);
    assert.ok(rel(h.statistic, ref.hausman.statistic) < 1e-7, `Hausman χ²: ours ${h.statistic}, plm ${ref.hausman.statistic}`);
    assert.ok(Math.abs(h.pValue - ref.hausman.p) <= 1e-7 * ref.hausman.p + 1e-14, `Hausman p: ours ${h.pValue}, plm ${ref.hausman.p}`);
    assert.equal(b.choice.implied === "fixed effects", ref.hausman.p < p.alpha, "the implied choice follows the plm p-value");

    // the RE model of T5 (with gravity terms): coefficients and variance components
    const re = baselineModel(b, "re").fit.result;
    assertCoefs(re, ref.re_table, 1e-8, "RE (T5)");
    assert.ok(re.re, "RE fit carries its variance components");
    assert.ok(rel(re.re.sigma2Idios, ref.re_table_sigma2.idios) < 1e-9, `σ²_ε: ${re.re.sigma2Idios} vs ${ref.re_table_sigma2.idios}`);
    assert.ok(rel(re.re.sigma2Indiv, ref.re_table_sigma2.id) < 1e-9, `σ²_u: ${re.re.sigma2Indiv} vs ${ref.re_table_sigma2.id}`);
    const oursTheta = [...re.re.theta].sort((x, y) => x - y);
    const plmTheta = (Object.values(ref.re_table_theta) as number[]).sort((x, y) => x - y);
    assert.equal(oursTheta.length, plmTheta.length, "one theta per country");
    oursTheta.forEach((t, i) => assert.ok(Math.abs(t - plmTheta[i]!) < 1e-10, `theta ${i}: ${t} vs ${plmTheta[i]}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
