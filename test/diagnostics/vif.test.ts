// Unit tests of src/diagnostics/vif.ts (R comparison: diagnostics.test.ts, car::vif).
import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleCorrelation } from "simple-statistics";
import { fit } from "../../src/estimate/index";
import { numeric } from "../../src/frame";
import { vif } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

// reference: with two regressors VIF = 1/(1 − r²), r = Pearson correlation (simple-statistics sampleCorrelation).
test("VIF with two regressors equals 1/(1 − r²)", () => {
  const d = syntheticPanel({ n: 50, t: 2, seed: 6 });
  const x1 = numeric(d, "x1");
  const z1 = numeric(d, "z1");
  const r = sampleCorrelation(Array.from(x1), Array.from(z1));
  const v = vif(fit(d, "y ~ x1 + z1"));
  const expected = 1 / (1 - r * r);
  assert.ok(Math.abs(v.x1! - expected) <= 1e-10 * expected);
  assert.ok(Math.abs(v.z1! - expected) <= 1e-10 * expected);
  assert.deepEqual(Object.keys(v), ["x1", "z1"]);
});

test("VIF refuses models without a constant or with one slope", () => {
  const d = syntheticPanel({ n: 10, t: 2, seed: 6 });
  assert.throws(() => vif(fit(d, "y ~ x1 + x2 - 1")), /no constant/);
  assert.throws(() => vif(fit(d, "y ~ x1")), /at least two slope/);
});
