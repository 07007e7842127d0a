// Unit tests of the scorecard's verdict rules on constructed results (no data involved).
// reference: the rules as documented in src/analysis/scorecard.ts, thresholds from analysis.params.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParams } from "../../src/analysis/params";
import {
  cagr,
  factorVerdict,
  fasterGrowthVerdict,
  largestDestinationVerdict,
  peakSeasonVerdict,
  positiveChangeShare,
  regionalGapVerdict,
  steadyGrowthVerdict,
  verdictCounts,
} from "../../src/analysis/scorecard";

const t = loadParams().scorecard;

test("factor rule: right sign, significant in baseline and in enough of the curve → supported", () => {
  const n = 200;
  const k = Math.ceil(t.supportedShare * n);
  const out = factorVerdict({ expectedSign: 1, measured: true, baseline: { estimate: 0.3, pValue: t.alpha / 10 }, curve: { n, rightSignSignificant: k } }, t);
  assert.equal(out.verdict, "supported");
  assert.match(out.statistic, new RegExp(`${k}/${n}`));
  assert.match(out.rule, /baseline/);
});

test("factor rule: the supported threshold is a boundary (one spec fewer → partly)", () => {
  const n = 200;
  const k = Math.ceil(t.supportedShare * n) - 1;
  const out = factorVerdict({ expectedSign: 1, measured: true, baseline: { estimate: 0.3, pValue: t.alpha / 10 }, curve: { n, rightSignSignificant: k } }, t);
  assert.equal(out.verdict, "partly supported");
});

test("factor rule: wrong sign significant, curve mostly not → not supported", () => {
  const out = factorVerdict({ expectedSign: 1, measured: true, baseline: { estimate: -0.3, pValue: t.alpha / 10 }, curve: { n: 100, rightSignSignificant: 0 } }, t);
  assert.equal(out.verdict, "not supported");
  const insignificant = factorVerdict({ expectedSign: 1, measured: true, baseline: { estimate: 0.3, pValue: Math.min(0.99, t.alpha * 2) }, curve: { n: 100, rightSignSignificant: Math.floor(t.partlyShare * 100) - 1 } }, t);
  assert.equal(insignificant.verdict, "not supported");
});

test("factor rule: negative expected sign (tariffs) is respected", () => {
  const out = factorVerdict({ expectedSign: -1, measured: true, baseline: { estimate: -0.05, pValue: t.alpha / 5 }, curve: { n: 10, rightSignSignificant: 10 } }, t);
  assert.equal(out.verdict, "supported");
  const flipped = factorVerdict({ expectedSign: -1, measured: true, baseline: { estimate: 0.05, pValue: t.alpha / 5 }, curve: { n: 10, rightSignSignificant: 0 } }, t);
  assert.equal(flipped.verdict, "not supported");
});

test("factor rule: concept not measured → not testable, naming the data that would test it", () => {
  const out = factorVerdict({ expectedSign: 1, measured: false, baseline: null, curve: null, wouldTest: "Findex online-purchase share" }, t);
  assert.equal(out.verdict, "not testable");
  assert.match(out.statistic, /Findex online-purchase share/);
});

test("steady growth rule: growing series supported, falling not, single year untestable", () => {
  const years = [2015, 2016, 2017, 2018, 2019];
  assert.equal(steadyGrowthVerdict({ years, values: [1, 2, 3, 4, 5] }, t).verdict, "supported");
  assert.equal(steadyGrowthVerdict({ years, values: [5, 4, 3, 2, 1] }, t).verdict, "not supported");
  assert.equal(steadyGrowthVerdict({ years: [2015], values: [1] }, t).verdict, "not testable");
  // up overall but with most changes negative → partly
  assert.equal(steadyGrowthVerdict({ years, values: [1, 0.9, 0.8, 0.7, 2] }, t).verdict, "partly supported");
});

test("cagr and positive-change share follow their definitions", () => {
  // (4/1)^(1/2) − 1 = 1
  assert.equal(cagr({ years: [2015, 2016, 2017], values: [1, 2, 4] }), 1);
  assert.deepEqual(positiveChangeShare({ years: [2015, 2016, 2018], values: [1, 2, 3] }), { positive: 1, pairs: 1 });
});

test("peak season rule", () => {
  assert.equal(peakSeasonVerdict([0.22, 0.24, 0.26, 0.28], t).verdict, "supported");
  assert.equal(peakSeasonVerdict([0.28, 0.26, 0.24, 0.22], t).verdict, "not supported");
  assert.equal(peakSeasonVerdict([0.2, 0.3], t).verdict, "not testable");
});

test("largest destination rule", () => {
  assert.equal(largestDestinationVerdict({ SEA: [0.5, 0.6], CEE: [0.2, 0.1] }, "SEA").verdict, "supported");
  assert.equal(largestDestinationVerdict({ SEA: [0.1, 0.6], CEE: [0.2, 0.1] }, "SEA").verdict, "partly supported");
  assert.equal(largestDestinationVerdict({ SEA: [0.1, 0.1, 0.1], CEE: [0.2, 0.2, 0.2] }, "SEA").verdict, "not supported");
  assert.equal(largestDestinationVerdict({ CEE: [0.2] }, "SEA").verdict, "not testable");
});

test("faster growth rule", () => {
  assert.equal(fasterGrowthVerdict(0.12, 0.05, "CA").verdict, "supported");
  assert.equal(fasterGrowthVerdict(0.02, 0.05, "CA").verdict, "partly supported");
  assert.equal(fasterGrowthVerdict(-0.02, 0.05, "CA").verdict, "not supported");
  assert.equal(fasterGrowthVerdict(NaN, 0.05, "CA").verdict, "not testable");
});

test("regional gap rule", () => {
  const big = t.regionalGapRatio * 2;
  assert.equal(regionalGapVerdict({ internet: { A: big, B: 1 }, atm: { A: big, B: 1 } }, t).verdict, "supported");
  assert.equal(regionalGapVerdict({ internet: { A: big, B: 1 }, atm: { A: 1, B: 1 } }, t).verdict, "partly supported");
  assert.equal(regionalGapVerdict({ internet: { A: 1, B: 1 } }, t).verdict, "not supported");
  assert.equal(regionalGapVerdict({ internet: { A: 1 } }, t).verdict, "not testable");
});

test("verdictCounts tallies every verdict", () => {
  const mk = (v: "supported" | "not testable") => ({ id: "x", section: "§3", claim: "c", evidenceIds: [], outcome: { verdict: v, rule: "r", statistic: "s" } });
  const c = verdictCounts([mk("supported"), mk("supported"), mk("not testable")]);
  assert.deepEqual(c, { supported: 2, "partly supported": 0, "not supported": 0, "not testable": 1 });
});
