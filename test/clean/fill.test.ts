import { test } from "node:test";
import assert from "node:assert/strict";
import { fillEditionGaps } from "../../src/clean/fill";
import { agreementInForce } from "../../src/clean/panel";
import { formatYearRanges, coverageTable, missingCountryYears } from "../../src/clean/coverage";
import { makeFrame, numeric, text } from "../../src/frame";

// reference: R zoo 1.8 — zoo::na.approx(x, rule = 1) (linear, no extrapolation) and
// zoo::na.locf(x, na.rm = FALSE) restricted to inside the observed range; values below are the
// hand-derivable results of those definitions on a toy series (2.0 @2014, 3.0 @2016, 3.5 @2018, 4.0 @2023).
const ed = [2014, 2016, 2018, 2023];
const val = [2.0, 3.0, 3.5, 4.0];
const years = [2013, 2014, 2015, 2016, 2017, 2019, 2022, 2023, 2024];

test("linear: interpolates strictly inside the edition range only", () => {
  const r = fillEditionGaps(ed, val, years, "linear");
  assert.deepEqual(Array.from(r.value), [NaN, 2.0, 2.5, 3.0, 3.25, 3.6, 3.9, 4.0, NaN]);
  assert.deepEqual(Array.from(r.filled), [0, 0, 1, 0, 1, 1, 1, 0, 0]);
});

test("locf: carries the previous edition forward inside the range only (no fill after the last edition)", () => {
  const r = fillEditionGaps(ed, val, years, "locf");
  assert.deepEqual(Array.from(r.value), [NaN, 2.0, 2.0, 3.0, 3.0, 3.5, 3.5, 4.0, NaN]);
  assert.deepEqual(Array.from(r.filled), [0, 0, 1, 0, 1, 1, 1, 0, 0]);
});

test("none: editions only; NaN editions are ignored; duplicate editions and bad rules are errors", () => {
  const r = fillEditionGaps(ed, val, years, "none");
  assert.deepEqual(Array.from(r.filled), new Array(years.length).fill(0));
  assert.deepEqual(Array.from(r.value), [NaN, 2.0, NaN, 3.0, NaN, NaN, NaN, 4.0, NaN]);
  const g = fillEditionGaps([2016, 2018, 2023], [3, NaN, 4], [2018, 2020], "linear");
  assert.deepEqual(Array.from(g.value), [3 + (1 * 2) / 7, 3 + (1 * 4) / 7]);
  assert.throws(() => fillEditionGaps([2016, 2016], [1, 2], [2017], "locf"), /two editions for year 2016/);
  assert.throws(() => fillEditionGaps(ed, val, years, "spline" as "none"), /fill rule must be one of none, locf, linear/);
});

test("agreement year rules around a 1 July entry", () => {
  assert.equal(agreementInForce("2024-07-01", 2024, "half-year"), true);
  assert.equal(agreementInForce("2024-07-02", 2024, "half-year"), false);
  assert.equal(agreementInForce("2024-07-02", 2024, "any-day"), true);
  assert.equal(agreementInForce("2024-07-01", 2024, "full-year"), false);
  assert.equal(agreementInForce("2024-01-01", 2024, "full-year"), true);
  assert.equal(agreementInForce("2024-07-01", 2023, "any-day"), false);
});

test("coverage: missing spells per country and compact year ranges", () => {
  assert.equal(formatYearRanges([2020, 2015, 2016, 2017, 2024]), "2015-2017, 2020, 2024");
  const f = makeFrame({
    iso3: ["A", "A", "B", "B"],
    year: Float64Array.of(2015, 2016, 2015, 2016),
    x: Float64Array.of(1, NaN, NaN, NaN),
  });
  assert.deepEqual(missingCountryYears(f, "x"), [
    { iso3: "A", years: [2016] },
    { iso3: "B", years: [2015, 2016] },
  ]);
  const c = coverageTable(f);
  assert.deepEqual(text(c, "variable"), ["x"]);
  assert.deepEqual(Array.from(numeric(c, "present")), [1]);
  assert.deepEqual(Array.from(numeric(c, "missing")), [3]);
  assert.deepEqual(text(c, "countries_all_missing"), ["B"]);
  assert.deepEqual(text(c, "missing_country_years"), ["A 2016; B 2015-2016"]);
});
