// Unit tests of src/diagnostics/iv.ts (R comparison: test/reference/iv.test.ts, AER summary(ivreg, diagnostics = TRUE)).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { makeFrame, numeric } from "../../src/frame";
import { firstStageF, sarganTest, wuHausmanTest } from "../../src/diagnostics/index";
import { syntheticPanel } from "./synthetic";

// reference: with one excluded instrument the first-stage F is the squared t statistic of that instrument
// in the first-stage OLS (iid variance), run here through the engine as a separate OLS fit.
test("first-stage F with one instrument equals the squared first-stage t", () => {
  const d = syntheticPanel({ n: 50, t: 4, seed: 31 });
  const iv = fit(d, "y ~ x2 | x1 ~ z1");
  const [f] = firstStageF(iv);
  const fs = fit(d, "x1 ~ x2 + z1");
  const i = fs.coefNames.indexOf("z1");
  const t = fs.coef[i]! / fs.se[i]!;
  assert.ok(Math.abs(f!.statistic - t * t) <= 1e-10 * t * t);
  assert.deepEqual(f!.df, [1, fs.dfResid]);
  assert.ok(f!.test.includes("x1"));
});

// reference: Wu–Hausman F with one endogenous regressor = squared t of the first-stage residual added to
// the OLS structural equation (control-function form; Wooldridge 2010 §6.3.1), computed with the engine.
test("Wu–Hausman F equals the squared t of the first-stage residual in the augmented OLS", () => {
  const d = syntheticPanel({ n: 60, t: 3, seed: 37 });
  const iv = fit(d, "y ~ x2 | x1 ~ z1 + z2");
  const fs = fit(d, "x1 ~ x2 + z1 + z2");
  const cols: Record<string, Float64Array> = {};
  for (const n of ["y", "x1", "x2"]) cols[n] = numeric(d, n);
  cols.vhat = fs.internals.resid;
  const aug = fit(makeFrame(cols), "y ~ x1 + x2 + vhat");
  const i = aug.coefNames.indexOf("vhat");
  const t = aug.coef[i]! / aug.se[i]!;
  const w = wuHausmanTest(iv);
  assert.ok(Math.abs(w.statistic - t * t) <= 1e-9 * t * t, `${w.statistic} vs ${t * t}`);
  assert.deepEqual(w.df, [1, aug.dfResid]);
  assert.ok(w.pValue < 0.01, `x1 is endogenous in the DGP (shares v with y): p = ${w.pValue}`);
});

// reference: Sargan = N·R² of the 2SLS residuals on all instruments (Wooldridge 2010 §6.3.3), with the
// auxiliary regression run through the engine: R² of fit(u ~ x2 + z1 + z2).
test("Sargan statistic equals N·R² of the 2SLS residuals on the instruments; exact identification refused", () => {
  const d = syntheticPanel({ n: 60, t: 3, seed: 41 });
  const iv = fit(d, "y ~ x2 | x1 ~ z1 + z2");
  const cols: Record<string, Float64Array> = { u: iv.internals.resid, x2: numeric(d, "x2"), z1: numeric(d, "z1"), z2: numeric(d, "z2") };
  const aux = fit(makeFrame(cols), "u ~ x2 + z1 + z2");
  const s = sarganTest(iv);
  assert.ok(Math.abs(s.statistic - iv.nobs * aux.r2) <= 1e-9 * s.statistic);
  assert.deepEqual(s.df, [1]);
  assert.throws(() => sarganTest(fit(d, "y ~ x2 | x1 ~ z1")), /exactly identified/);
  assert.throws(() => sarganTest(fit(d, "y ~ x1 + x2")), /needs a 2SLS/);
});
