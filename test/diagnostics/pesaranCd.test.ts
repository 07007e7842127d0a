// Unit tests of src/diagnostics/pesaranCd.ts (R comparison: diagnostics.test.ts, plm::pcdtest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleCorrelation } from "simple-statistics";
import { fit } from "../../src/estimate/index";
import { pesaranCD } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

const panel = { id: "id", time: "year" };

// reference: balanced form of Pesaran (2004) eq. (7): CD = sqrt(2T / (N(N − 1))) Σ_{i<j} ρ̂_ij, with ρ̂
// from simple-statistics sampleCorrelation (an independent implementation of the correlation).
test("Pesaran CD equals the balanced-panel formula with independently computed correlations", () => {
  const d = syntheticPanel({ n: 12, t: 8, seed: 17 });
  const r = fit(d, "y ~ x1 + x2 | id", { panel });
  const e = r.internals.resid;
  const id = r.internals.panelId!;
  const tm = r.internals.panelTime!;
  const units = [...new Set(Array.from(id))].sort((a, b) => a - b);
  const series = units.map((u) => {
    const rows = Array.from(e, (_, i) => i).filter((i) => id[i] === u).sort((a, b) => tm[a]! - tm[b]!);
    return rows.map((i) => e[i]!);
  });
  let s = 0;
  for (let a = 0; a < units.length; a++) for (let b = 0; b < a; b++) s += sampleCorrelation(series[a]!, series[b]!);
  const N = units.length;
  const T = 8;
  const cd = Math.sqrt((2 * T) / (N * (N - 1))) * s;
  const got = pesaranCD(r);
  assert.ok(Math.abs(got.statistic - cd) <= 1e-10 * Math.abs(cd), `${got.statistic} vs ${cd}`);
  assert.equal(got.distribution, "normal");
  assert.ok(got.pValue > 0 && got.pValue <= 1);
});

test("Pesaran CD on an unbalanced panel skips pairs with ≤ 1 common period and says so", () => {
  const d = syntheticPanel({ n: 30, t: 4, seed: 23, drop: 0.45 });
  const got = pesaranCD(fit(d, "y ~ x1", { panel }));
  assert.ok(got.notes.some((s) => /pair\(s\) with ≤ 1 common period left out/.test(s)), got.notes.join("; "));
  assert.ok(Number.isFinite(got.statistic));
});

test("Pesaran CD needs panel codes", () => {
  const d = syntheticPanel({ n: 5, t: 3, seed: 1 });
  assert.throws(() => pesaranCD(fit(d, "y ~ x1")), /no panel codes/);
});
