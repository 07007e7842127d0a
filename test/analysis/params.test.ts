// Tests of the one parameters file: it validates, errors name the field, overrides merge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadParams, paramsPath, validateParams, withParams, sampleDescription } from "../../src/analysis/params";
import { modelEquationLatex, modelProse, proxyDocs, baselineRegressors, regressorList, formula } from "../../src/analysis/spec";

test("analysis.params.json loads and is frozen", () => {
  const p = loadParams();
  assert.ok(["none", "locf", "linear"].includes(p.panel.fill));
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.factors.digital));
});

test("a bad setting fails with the file and the field in the message", () => {
  const raw = JSON.parse(readFileSync(paramsPath(), "utf8"));
  raw.panel.fill = "spline";
  assert.throws(() => validateParams(raw, "x.json"), /x\.json: field 'panel\.fill' must be one of none\|locf\|linear/);
  const raw2 = JSON.parse(readFileSync(paramsPath(), "utf8"));
  raw2.scorecard.partlyShare = raw2.scorecard.supportedShare + 0.1;
  assert.throws(() => validateParams(raw2, "x.json"), /scorecard\.partlyShare/);
  const raw3 = JSON.parse(readFileSync(paramsPath(), "utf8"));
  raw3.dependent.source = "nope";
  assert.throws(() => validateParams(raw3, "x.json"), /dependent\.source/);
  const raw4 = JSON.parse(readFileSync(paramsPath(), "utf8"));
  raw4.alpah = 0.1;
  assert.throws(() => validateParams(raw4, "x.json"), /field 'alpah' is not a known setting/);
});

test("withParams changes one setting and keeps the rest", () => {
  const p = loadParams();
  const other = p.panel.list === 64 ? 65 : 64;
  const q = withParams(p, { panel: { list: other } });
  assert.equal(q.panel.list, other);
  assert.equal(q.panel.fill, p.panel.fill);
  assert.deepEqual(q.factors, p.factors);
  assert.notEqual(sampleDescription(p), sampleDescription(q));
  assert.match(sampleDescription(q), new RegExp(`^${other}-country`));
});

test("the model equation and prose name every measured factor", () => {
  const p = loadParams();
  const eq = modelEquationLatex(p);
  assert.match(eq, /\\ln X_\{it\}/);
  assert.match(eq, /\\mu_i/);
  const prose = modelProse(p);
  for (const v of regressorList(baselineRegressors(p))) {
    if (p.controls.includes(v)) continue;
    assert.ok(prose.includes(v), `prose mentions ${v}`);
  }
  const docs = proxyDocs(p);
  assert.ok(docs.some((d) => d.key === "online_shopping" && d.variable === null && /not measured/i.test(d.cannot)));
  assert.ok(docs.every((d) => d.why.length > 20 && d.cannot.length > 20));
});

test("formula builder writes fixest syntax", () => {
  assert.equal(formula("y", ["a", "b"], ["iso3", "year"]), "y ~ a + b | iso3 + year");
  assert.equal(formula("y", ["a"]), "y ~ a");
});
