// Unit tests of src/diagnostics/breuschPagan.ts (R comparison: test/reference/diagnostics.test.ts, plm::plmtest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { breuschPaganLM } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

const panel = { id: "id", time: "year" };

// reference: the balanced-panel form of Breusch & Pagan (1980), Baltagi (2021) eq. (4.17):
// LM = nT / (2(T − 1)) · [Σ_i (Σ_t e_it)² / Σ e² − 1]², a different formula from the unbalanced one coded.
test("BP LM equals the balanced-panel textbook formula on a balanced panel", () => {
  const d = syntheticPanel({ n: 25, t: 6, seed: 21 });
  const r = fit(d, "y ~ x1 + x2", { panel });
  const e = r.internals.resid;
  const ids = r.internals.panelId!;
  const sums = new Map<number, number>();
  let ee = 0;
  for (let i = 0; i < e.length; i++) {
    sums.set(ids[i]!, (sums.get(ids[i]!) ?? 0) + e[i]!);
    ee += e[i]! * e[i]!;
  }
  let s2 = 0;
  for (const v of sums.values()) s2 += v * v;
  const n = 25;
  const T = 6;
  const lm = ((n * T) / (2 * (T - 1))) * (s2 / ee - 1) ** 2;
  const got = breuschPaganLM(r);
  assert.ok(Math.abs(got.statistic - lm) <= 1e-10 * lm, `${got.statistic} vs ${lm}`);
  assert.deepEqual(got.df, [1]);
  assert.ok(got.pValue < 1e-6, "unit effects are in the DGP");
  const two = breuschPaganLM(r, { effect: "twoways" });
  assert.deepEqual(two.df, [2]);
  assert.ok(two.statistic >= got.statistic);
});

test("BP LM needs the panel structure and a pooled fit", () => {
  const d = syntheticPanel({ n: 10, t: 4, seed: 2 });
  assert.throws(() => breuschPaganLM(fit(d, "y ~ x1")), /needs the panel structure/);
  assert.throws(() => breuschPaganLM(fit(d, "y ~ x1 | id", { panel })), /pooled OLS fit/);
});
