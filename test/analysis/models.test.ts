// The analysis pipeline on a synthetic panel with a known data-generating process (test/analysis/
// synthetic.ts), fitted by the real engine: baseline recovers the true coefficients, the
// specification curve caches fits and counts duplicates, robustness counts dropped observations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParams, withParams } from "../../src/analysis/params";
import { baselineRegressors } from "../../src/analysis/spec";
import { buildSample } from "../../src/analysis/sample";
import { fitModel, fitModelOmitting, modelCall, vcovSpec, type Estimator } from "../../src/analysis/models";
import { fit } from "../../src/estimate/index";
import { fitPpml } from "../../src/estimate/ppml";
import { runSpecificationCurve, enumerateSpecifications } from "../../src/analysis/speccurve";
import { runBaseline, baselineModel } from "../../src/analysis/baseline";
import { syntheticPanel, TRUE_BETA } from "./synthetic";
import { makeFrame, numeric } from "../../src/frame";

const p = loadParams();
const panel = syntheticPanel(p, { countries: 40, seed: 11 });

test("two-way FE on the synthetic panel recovers the data-generating coefficients", () => {
  // reference: the DGP in test/analysis/synthetic.ts (estimates within 4 standard errors of the truth)
  const s = buildSample(panel, p, { source: p.dependent.source, regressors: baselineRegressors(p) });
  const r = fitModel(s, p, "twfe");
  for (const k of ["digital", "logistics", "payment", "institutions"] as const) {
    const c = r.coefficients[s.factorColumns[k]!]!;
    assert.ok(Math.abs(c.estimate - TRUE_BETA[k]) < 4 * c.se, `${k}: ${c.estimate} ± ${c.se} vs ${TRUE_BETA[k]}`);
  }
  assert.equal(r.nobs, s.nobs);
  assert.equal(r.clusters[p.cluster], s.countries);
});

test("a regressor without variation is omitted and reported, not silently dropped", () => {
  const flat = makeFrame({ ...panel.columns, [p.factors.market_access.measure!]: new Float64Array(panel.nrow) });
  const s = buildSample(flat, p, { source: p.dependent.source, regressors: baselineRegressors(p) });
  const r = fitModelOmitting(s, p, "twfe");
  assert.deepEqual(r.omitted.map((o) => o.variable), [p.factors.market_access.measure]);
  assert.ok(!r.result.coefNames.includes(p.factors.market_access.measure!));
});

test("specification curve: one fit per distinct model, DK via withVcov, duplicates counted once", () => {
  const q = withParams(p, { specCurve: { dimensions: { source: [p.dependent.source], digital: [p.factors.digital.measure!], payment: [p.factors.payment.measure!], logistics: [p.factors.logistics.measure!], lag: [0], winsorise: [false, true], excludeCovid: [false], editionOnly: [false], extended: [false], vcov: ["cluster", "dk"] } } });
  const c = runSpecificationCurve(panel, q);
  const { specs } = enumerateSpecifications(q);
  assert.equal(c.outcomes.length + c.duplicates.length, specs.length);
  assert.equal(c.fits, 2, "two distinct models (raw, winsorised); DK reuses the fit");
  const [a, b] = c.outcomes.filter((o) => !o.choice.winsorise);
  assert.equal(a!.estimates.digital!.estimate, b!.estimates.digital!.estimate, "same β under cluster and DK");
  assert.notEqual(a!.estimates.digital!.se, b!.estimates.digital!.se, "different SE");
  const dig = c.summary.find((s) => s.factor === "digital")!;
  assert.equal(dig.n, c.outcomes.length);
});

test("baseline: every model of the main table shares one sample; the PC1 index replaces the digital measure", () => {
  const b = runBaseline(panel, p);
  for (const k of ["pooled", "twfe", "re"] as const) assert.equal(baselineModel(b, k).sample, b.sample);
  const idx = baselineModel(b, "index");
  assert.equal(idx.sample.factorColumns.digital, "digital_index_pc1");
  assert.ok(b.pca.varianceShare[0]! > 1 / p.digitalIndexBlock.length, "PC1 explains more than an equal share");
  assert.ok(["fixed effects", "random effects", "pooled OLS"].includes(b.choice.implied));
  assert.equal(b.vif.length, b.sample.regressors.length);
  // the synthetic country effect is correlated with nothing by construction but large: BP LM rejects
  assert.ok(b.choice.breuschPagan.pValue < p.alpha);
  const y = numeric(b.sample.frame, b.sample.y);
  assert.equal(y.length, b.sample.nobs);
});

test("an empty sample is an error naming the step that emptied it", () => {
  assert.throws(() => buildSample(panel, p, { source: p.dependent.source, regressors: baselineRegressors(p), onlyRegions: ["NOPE"] }), /no observations left after 'only region NOPE'/);
});

test("fitModel (iid fit, then withVcov) equals a direct fit with that vcov, for every estimator", () => {
  // reference: the engine itself — withVcov must not change estimates, SEs, dfT or p-values
  const s = buildSample(panel, p, { source: p.dependent.source, regressors: baselineRegressors(p), extra: p.gravity });
  for (const est of ["pooled", "twfe", "fe", "re", "ppml"] as Estimator[]) {
    for (const v of ["cluster", "dk"] as const) {
      const a = fitModel(s, p, est, v);
      const call = modelCall(s, p, est);
      const opts = { ...call.options, vcov: vcovSpec(p, v) };
      const b = est === "ppml" ? fitPpml(s.frame, call.formula, opts) : fit(s.frame, call.formula, opts);
      assert.deepEqual(a.coefNames, b.coefNames);
      a.se.forEach((x, i) => assert.ok(Math.abs(x - b.se[i]!) <= 1e-10 * Math.abs(b.se[i]!), `${est} ${v} se ${a.coefNames[i]}`));
      a.pValue.forEach((x, i) => assert.ok(Math.abs(x - b.pValue[i]!) <= 1e-10, `${est} ${v} p ${a.coefNames[i]}`));
      assert.equal(a.dfT, b.dfT);
      assert.equal(a.vcovType, b.vcovType);
    }
  }
});
