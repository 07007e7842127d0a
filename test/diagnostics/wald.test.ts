// Unit tests of src/diagnostics/wald.ts (R comparison: diagnostics.test.ts, car::linearHypothesis).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { linearRestrictions, waldTest } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

test("linearRestrictions parses sums, multiples, constants on both sides and function names", () => {
  const names = ["(Intercept)", "a", "log(b)", "c"];
  const lr = linearRestrictions(names, ["a = log(b)", "2*a + c - 1 = 0.5", "-c", "a + 1e-3 = c"]);
  assert.deepEqual(lr.R.map((r) => [...r]), [
    [0, 1, -1, 0],
    [0, 2, 0, 1],
    [0, 0, 0, -1],
    [0, 1, 0, -1],
  ]);
  assert.deepEqual([...lr.r], [0, 1.5, 0, -1e-3]);
  assert.throws(() => linearRestrictions(names, ["d = 0"]), /'d' is not a coefficient/);
  assert.throws(() => linearRestrictions(names, ["a = b = c"]), /more than one '='/);
});

// reference: with the iid variance the Wald F equals the classical F from restricted and unrestricted
// residual sums of squares, F = ((RSS_r − RSS_u)/q) / (RSS_u/(N − K)) (Greene 2018 eq. 5-29).
test("Wald F with iid variance equals the RSS-based F of the restricted model", () => {
  const d = syntheticPanel({ n: 40, t: 3, seed: 4 });
  const u = fit(d, "y ~ x1 + x2 + z1");
  const rModel = fit(d, "y ~ x1");
  const F = waldTest(u, ["x2 = 0", "z1 = 0"]);
  const classical = ((rModel.rss - u.rss) / 2) / (u.rss / u.dfResid);
  assert.ok(Math.abs(F.statistic - classical) <= 1e-10 * classical);
  assert.deepEqual(F.df, [2, u.dfResid]);
  const C = waldTest(u, ["x2 = 0", "z1 = 0"], { form: "chisq" });
  assert.ok(Math.abs(C.statistic - 2 * F.statistic) <= 1e-12 * C.statistic);
});

test("Wald test with clustered variance uses the fit's t degrees of freedom (G − 1)", () => {
  const d = syntheticPanel({ n: 30, t: 4, seed: 9 });
  const r = fit(d, "y ~ x1 + x2", { vcov: { cluster: ["id"] } });
  const w = waldTest(r, ["x1 = 0.5"]);
  assert.deepEqual(w.df, [1, 29]);
  // one restriction: F = t² of (b − 0.5)/se
  const i = r.coefNames.indexOf("x1");
  const t = (r.coef[i]! - 0.5) / r.se[i]!;
  assert.ok(Math.abs(w.statistic - t * t) <= 1e-10 * t * t);
});
