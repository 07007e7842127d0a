// Unit tests of src/diagnostics/hausman.ts (R comparison: test/reference/diagnostics.test.ts, plm::phtest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { hausmanTest } from "../../src/diagnostics/index";
import { quadFormInv } from "../../src/diagnostics/linalg";
import { syntheticPanel } from "./synthetic";

const panel = { id: "id", time: "year" };

test("quadFormInv solves instead of inverting: d'A⁻¹d for a diagonal A", () => {
  // reference: by hand, 2²/2 + 4²/4
  assert.equal(quadFormInv([[2, 0], [0, 4]], [2, 4]), 2 * 2 / 2 + 4 * 4 / 4);
});

test("Hausman rejects when the effects are correlated with x1 and not when they are not (seeded DGP)", () => {
  const bad = syntheticPanel({ n: 60, t: 6, seed: 11, corr: 1.5 });
  const good = syntheticPanel({ n: 60, t: 6, seed: 11, corr: 0 });
  const hb = hausmanTest(fit(bad, "y ~ x1 + x2", { model: "fe", panel }), fit(bad, "y ~ x1 + x2", { model: "re", panel }));
  const hg = hausmanTest(fit(good, "y ~ x1 + x2", { model: "fe", panel }), fit(good, "y ~ x1 + x2", { model: "re", panel }));
  assert.equal(hb.distribution, "chisq");
  assert.deepEqual(hb.df, [2]);
  assert.ok(hb.pValue < 1e-6, `correlated effects: p = ${hb.pValue}`);
  assert.ok(hg.pValue > 0.01, `uncorrelated effects: p = ${hg.pValue}`);
});

test("Hausman is symmetric in its arguments (|H| as plm) and names the coefficients compared", () => {
  const d = syntheticPanel({ n: 30, t: 5, seed: 3, corr: 0.5 });
  const fe = fit(d, "y ~ x1 + x2", { model: "fe", panel });
  const re = fit(d, "y ~ x1 + x2", { model: "re", panel });
  const a = hausmanTest(fe, re);
  const b = hausmanTest(re, fe);
  assert.ok(Math.abs(a.statistic - b.statistic) <= 1e-12 * a.statistic);
  assert.ok(a.notes[0]!.includes("x1, x2"));
});

test("Hausman of a model with itself fails with a message (singular difference)", () => {
  const d = syntheticPanel({ n: 20, t: 4, seed: 5 });
  const fe = fit(d, "y ~ x1 + x2", { model: "fe", panel });
  assert.throws(() => hausmanTest(fe, fe), /singular/);
});
