// The specification curve's enumeration: the Cartesian product of the parameter dimensions,
// minus combinations identical by construction (each listed with its reason).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParams, withParams, dependentSource } from "../../src/analysis/params";
import { enumerateSpecifications, choiceLabel, summarizeCurve, type SpecOutcome } from "../../src/analysis/speccurve";

const p = loadParams();

test("enumeration = product of dimension sizes, minus the skipped ones", () => {
  const d = p.specCurve.dimensions;
  const product = d.source.length * d.digital.length * d.payment.length * d.logistics.length * d.lag.length * d.winsorise.length * d.excludeCovid.length * d.editionOnly.length * d.extended.length * d.vcov.length;
  const { specs, skipped } = enumerateSpecifications(p);
  assert.equal(specs.length + skipped.length, product);
  // COVID exclusion is skipped exactly for the sources whose years hold no COVID year
  for (const s of skipped) {
    assert.equal(s.choice.excludeCovid, true);
    const [a, b] = dependentSource(p, s.choice.source).years;
    assert.ok(!p.covidYears.some((y) => y >= a && y <= b));
  }
  const labels = new Set(specs.map(choiceLabel));
  assert.equal(labels.size, specs.length, "every specification is distinct");
});

test("changing a dimension in the parameters changes the enumeration", () => {
  const q = withParams(p, { specCurve: { dimensions: { lag: [0] } } });
  const a = enumerateSpecifications(p);
  const b = enumerateSpecifications(q);
  assert.ok(b.specs.every((s) => s.lag === 0));
  assert.equal(b.specs.length + b.skipped.length, (a.specs.length + a.skipped.length) / p.specCurve.dimensions.lag.length);
});

test("summarizeCurve counts sign and significance against alpha", () => {
  const { specs } = enumerateSpecifications(p);
  const mk = (estimate: number, pValue: number): SpecOutcome => ({ choice: specs[0]!, nobs: 10, countries: 2, dropped: 0, estimates: { digital: { estimate, se: 1, pValue, ciLow: 0, ciHigh: 0 }, tariffs: { estimate: -estimate, se: 1, pValue, ciLow: 0, ciHigh: 0 } } });
  const out = summarizeCurve([mk(1, p.alpha / 2), mk(2, p.alpha * 2), mk(-1, p.alpha / 2)], p);
  const dig = out.find((s) => s.factor === "digital")!;
  assert.equal(dig.n, 3);
  assert.equal(dig.positive, 2);
  assert.equal(dig.positiveSignificant, 1);
  assert.equal(dig.negativeSignificant, 1);
  assert.equal(dig.rightSignSignificant, 1);
  assert.equal(dig.median, 1);
  const tar = out.find((s) => s.factor === "tariffs")!;
  assert.equal(tar.expectedSign, -1);
  assert.equal(tar.rightSignSignificant, 1, "tariffs: the expected sign is negative");
});
