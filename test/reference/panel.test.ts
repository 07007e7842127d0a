// Random effects (Swamy–Arora), between and first-difference estimators vs R plm — fixtures generated
// by test/reference/panel.R.
// reference: R 4.2.2 plm 2.6.2 plm(model = "random", random.method = "swar") with ercomp() θ and σ²,
//            plm(model = "between"), plm(model = "fd") (with and without its intercept); vcov(plm) and
//            vcovHC(method = "arellano", type = "HC0") (CR0 by unit); R² of fd from lm() on the differenced data.
// Tolerance 1e-8 relative (issue 3).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import type { ModelKind } from "../../src/estimate/types";
import { ErrorLog, assertClose, assertCoefs, assertVcov, datasetFrame, loadReference, softwareLabel } from "./lib/fixtures";

const ref = loadReference("panel");
const log = new ErrorLog();
const TOL = 1e-8;

for (const c of ref.cases ?? []) {
  test(`${c.model.toUpperCase()} ${c.id}: ${c.reference} (${softwareLabel(ref)})`, () => {
    const data = datasetFrame(ref, c.dataset);
    const s = c.stats as Record<string, number>;
    const r = fit(data, c.formula, { model: c.model as ModelKind, panel: c.panel });
    assert.equal(r.model, c.model);
    assert.equal(r.nobs, s.nobs);
    assert.equal(r.dfResid, s.df_resid);
    assertCoefs(r.coefNames, r.coef, c.coef, TOL, c.id, log, `coefficients ${c.model}`);
    assertClose(r.rss, s.rss, TOL, `${c.id} rss`, log, `rss/R2 ${c.model}`);
    if (c.model === "fd") assertClose(r.r2, s.r2_lm, TOL, `${c.id} R2 (lm on the differenced data)`, log, `rss/R2 ${c.model}`);
    else assertClose(r.r2, s.r2_plm, TOL, `${c.id} R2 (plm summary r.squared)`, log, `rss/R2 ${c.model}`);
    if (c.model === "re") {
      assert.ok(r.re, "RE components");
      assertClose(r.re!.sigma2Idios, s.sigma2_idios, TOL, `${c.id} sigma2 idiosyncratic`, log, "RE theta/sigma2");
      assertClose(r.re!.sigma2Indiv, s.sigma2_indiv, TOL, `${c.id} sigma2 individual`, log, "RE theta/sigma2");
      const theta = c.stats.theta as unknown as number[];
      // plm gives θ per observation (unbalanced) or one value (balanced); compare the distinct values
      const distinctRef = [...new Set(theta.map((t) => t.toPrecision(12)))].map(Number).sort();
      const distinctEng = [...new Set(r.re!.theta.map((t) => t.toPrecision(12)))].map(Number).sort();
      assert.equal(distinctEng.length, distinctRef.length, `${c.id}: number of distinct θ`);
      distinctRef.forEach((t, i) => assertClose(distinctEng[i]!, t, 1e-10, `${c.id} theta`, log, "RE theta/sigma2"));
    }
    for (const v of c.vcov) {
      const rv = r.withVcov(v.spec, v.ssc);
      assertVcov(rv.coefNames, rv.vcov, v.value, TOL, `${c.id} ${v.label} [${v.call}]`, log, `vcov ${c.model} ${v.label}`);
    }
  });
}

// plm summary: z (normal) p-values for random effects, t(df) otherwise (use.norm.chisq in summary.plm)
for (const c of ref.cases ?? []) {
  test(`${c.model.toUpperCase()} ${c.id}: p-values as plm summary (${c.model === "re" ? "z" : "t"})`, () => {
    const r = fit(datasetFrame(ref, c.dataset), c.formula, { model: c.model as ModelKind, panel: c.panel });
    assert.equal(r.statKind, c.model === "re" ? "z" : "t", "statistic kind as plm");
    for (const [nm, pv] of Object.entries(c.stats.p_plm as Record<string, number>)) assertClose(r.coefficients[nm]!.pValue, pv, 1e-6, `${c.id} p(${nm})`, log, "p-values");
  });
}

after(() => console.log(log.report("RE/BE/FD vs R plm")));
