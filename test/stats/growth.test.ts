// Totals, shares, growth, top units, source comparison; and the seasonality rules on the real NBS
// monthly file. reference: the definitions in src/stats/growth.ts (recomputed here by hand from the
// synthetic inputs), R cor() for the correlations, and the CSV itself for the NBS totals.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveDataDir } from "../../src/data/dataDir";
import { readCsvFrame } from "../../src/data/csv";
import { makeFrame } from "../../src/frame";
import { cagr, compareSources, growthRates, pearson, seasonality, sharesBy, topUnits, totalsBy, yoyGrowth } from "../../src/stats/index";

// 3 countries, 2 regions, 3 years; C misses 2016
const panel = makeFrame({
  iso3: ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
  region: ["R1", "R1", "R1", "R1", "R1", "R1", "R2", "R2", "R2"],
  year: Float64Array.of(2015, 2016, 2017, 2015, 2016, 2017, 2015, 2016, 2017),
  x: Float64Array.of(10, 11, 12.1, 5, 6, 7, 20, NaN, 30),
  y: Float64Array.of(12, 12, 15, 4, 7, 7, 25, 22, NaN),
});

test("totalsBy sums non-missing values, counts reporters, and gives null (not 0) for empty cells", () => {
  // reference: definition; sums written out from the rows above
  const t = totalsBy(panel, { value: "x", group: "region", time: "year", id: "iso3", levels: ["R1", "R2", "R3"] });
  assert.deepEqual(t.years, [2015, 2016, 2017]);
  assert.deepEqual(t.groups.map((g) => g.group), ["R1", "R2", "R3"]);
  assert.deepEqual(t.groups[0]!.total, [10 + 5, 11 + 6, 12.1 + 7]);
  assert.deepEqual(t.groups[1]!.total, [20, null, 30]);
  assert.deepEqual(t.groups[1]!.reporting, [1, 0, 1]);
  assert.deepEqual(t.groups[2]!.total, [null, null, null]);
  assert.deepEqual(t.notes, ["group 'R3': no rows, totals are null"]);
  const b = totalsBy(panel, { value: "x", group: "region", time: "year", id: "iso3", balanced: true });
  assert.deepEqual(b.droppedUnbalanced, ["C (R2)"]);
  assert.deepEqual(b.groups.map((g) => g.group), ["R1"]);
  assert.throws(() => totalsBy(panel, { value: "x", time: "year", balanced: true }), /needs the unit id/);
});

test("yoyGrowth, cagr, growthRates and sharesBy follow their definitions", () => {
  // reference: g_t = V_t/V_{t-1} - 1; CAGR = (V_T/V_0)^(1/(T-0)) - 1; s = V_g / sum_g V_g
  assert.deepEqual(yoyGrowth([100, 110, null, 121]), [null, 110 / 100 - 1, null, null]);
  assert.equal(cagr(100, 121, 2015, 2017), Math.pow(121 / 100, 1 / 2) - 1);
  assert.equal(cagr(0, 121, 2015, 2017), null);
  assert.equal(cagr(100, null, 2015, 2017), null);
  assert.equal(cagr(100, 121, 2017, 2017), null);
  const t = totalsBy(panel, { value: "x", group: "region", time: "year" });
  const g = growthRates(t, 2015, 2017);
  assert.equal(g[0]!.cagr, Math.pow((12.1 + 7) / 15, 1 / 2) - 1);
  assert.deepEqual(g[1]!.yoy, [null, null, null]);
  assert.equal(g[1]!.cagr, Math.pow(30 / 20, 1 / 2) - 1);
  assert.throws(() => growthRates(t, 2014, 2017), /outside the years/);
  const s = sharesBy(t);
  assert.deepEqual(s[0]!.share, [15 / 35, 1, 19.1 / 49.1]);
  assert.deepEqual(s[1]!.share, [20 / 35, null, 30 / 49.1]);
});

test("topUnits ranks one year's values and gives shares of that year's total", () => {
  // reference: definition
  const top = topUnits(panel, { value: "x", id: "iso3", time: "year", year: 2017, k: 2, group: "region" });
  assert.deepEqual(top.map((r) => [r.id, r.group, r.value]), [["C", "R2", 30], ["A", "R1", 12.1]]);
  assert.equal(top[0]!.share, 30 / 49.1);
});

test("compareSources uses only rows with both values and counts the rest", () => {
  // reference: ratio b/a, geometric mean exp(mean(log(b/a))), Pearson of logs as R cor(log(a), log(b))
  const c = compareSources(panel, { a: "x", b: "y", id: "iso3", time: "year" });
  const a = [10, 11, 12.1, 5, 6, 7, 20];
  const b = [12, 12, 15, 4, 7, 7, 25];
  assert.equal(c.n, 7);
  assert.deepEqual([c.onlyA, c.onlyB, c.neither, c.nonPositive], [1, 1, 0, 0]);
  const lr = a.map((v, i) => Math.log(b[i]! / v));
  assert.ok(Math.abs(c.geometricMeanRatio! - Math.exp(lr.reduce((s, v) => s + v, 0) / 7)) < 1e-15);
  assert.equal(c.pearsonLogs, pearson(Float64Array.from(a, Math.log), Float64Array.from(b, Math.log)));
  assert.deepEqual(c.byYear.map((y) => [y.year, y.n]), [[2015, 3], [2016, 2], [2017, 2]]);
  const absLr = c.pairs.map((p) => Math.abs(Math.log(p.ratio)));
  assert.equal(absLr[0], Math.max(...lr.map(Math.abs)));
  absLr.slice(1).forEach((v, i) => assert.ok(v <= absLr[i]!, "pairs sorted by |log ratio| descending"));
  const none = compareSources(makeFrame({ iso3: ["A"], year: Float64Array.of(2015), x: Float64Array.of(NaN), y: Float64Array.of(1) }), { a: "x", b: "y", id: "iso3", time: "year" });
  assert.equal(none.n, 0);
  assert.equal(none.medianRatio, null);
  assert.match(none.note, /no country-year has both/);
});

const monthlyFile = (() => {
  try {
    return join(resolveDataDir(), "trade", "china_exports_monthly_nbs_2016_2019.csv");
  } catch {
    return "";
  }
})();

test("seasonality on the NBS monthly file: complete years 2016–2019, 2020 excluded, totals from the file", { skip: existsSync(monthlyFile) ? false : "shared data not found" }, () => {
  // reference: the CSV itself (annual sums recomputed from its lines here)
  const lines = readFileSync(monthlyFile, "utf8").trim().split("\n");
  const header = lines[0]!.split(",");
  const yi = header.indexOf("year");
  const vi = header.indexOf("exports_usd");
  const sums = new Map<number, number>();
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    if (cells[vi] === "") continue;
    sums.set(Number(cells[yi]), (sums.get(Number(cells[yi])) ?? 0) + Number(cells[vi]));
  }
  const s = seasonality(readCsvFrame(monthlyFile), { value: "exports_usd" });
  assert.deepEqual(s.yearsUsed, [2016, 2017, 2018, 2019]);
  assert.equal(s.excludedYears.length, 1);
  assert.equal(s.excludedYears[0]!.year, 2020);
  assert.match(s.excludedYears[0]!.reason, /incomplete: blank Jan, Feb; no row for Mar–Dec/);
  s.yearsUsed.forEach((y, i) => assert.equal(s.annualTotal[i], sums.get(y)));
  for (const row of s.quarterShareByYear) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  const combined = seasonality(readCsvFrame(monthlyFile), { value: "exports_usd", janFeb: "combined" });
  assert.equal(combined.periods[0], "Jan–Feb");
  assert.equal(combined.periods.length, 11);
  assert.equal(combined.regression.nobs, 44);
  assert.deepEqual(combined.quarterShareMean, s.quarterShareMean);
});
