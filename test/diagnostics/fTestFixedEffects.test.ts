// Unit tests of src/diagnostics/fTestFixedEffects.ts (R comparison: diagnostics.test.ts, plm::pFtest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { fTestFixedEffects, waldTest } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

// reference: the same hypothesis as a Wald F test on the unit dummies of the LSDV regression
// y ~ x1 + x2 + i(id) with the iid variance (Greene 2018 §6.4: the two F statistics are identical).
test("F test of FE equals the Wald F on the dummies of the LSDV regression", () => {
  const d = syntheticPanel({ n: 15, t: 5, seed: 8 });
  const fe = fit(d, "y ~ x1 + x2 | id");
  const pooled = fit(d, "y ~ x1 + x2");
  const f = fTestFixedEffects(fe, pooled);
  const lsdv = fit(d, "y ~ x1 + x2 + i(id)");
  const dummies = lsdv.coefNames.filter((n) => n.startsWith("id::"));
  const w = waldTest(lsdv, dummies.map((n) => `${n} = 0`));
  assert.deepEqual(f.df, [14, 15 * 5 - 2 - 15]);
  assert.deepEqual(w.df, f.df);
  assert.ok(Math.abs(f.statistic - w.statistic) <= 1e-9 * f.statistic, `${f.statistic} vs ${w.statistic}`);
  assert.ok(Math.abs(f.pValue - w.pValue) <= 1e-9 * Math.max(f.pValue, 1e-300));
});

test("F test of FE refuses fits on different samples", () => {
  const d = syntheticPanel({ n: 15, t: 5, seed: 8 });
  const d2 = syntheticPanel({ n: 14, t: 5, seed: 8 });
  assert.throws(() => fTestFixedEffects(fit(d, "y ~ x1 | id"), fit(d2, "y ~ x1")), /different samples/);
});
