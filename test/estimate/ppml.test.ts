// Unit tests of src/estimate/ppml.ts (the R comparison is test/reference/ppml.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeFrame } from "../../src/frame";
import { fitPpml } from "../../src/estimate/ppml";

/** Deterministic pseudo-random numbers (LCG), so the synthetic fixtures are generated, not typed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function panel(nId: number, nT: number, seed: number) {
  const u = lcg(seed);
  const id: string[] = [];
  const year = new Float64Array(nId * nT);
  const x = new Float64Array(nId * nT);
  const y = new Float64Array(nId * nT);
  for (let i = 0; i < nId; i++) {
    const a = u() - 0.5;
    for (let t = 0; t < nT; t++) {
      const r = i * nT + t;
      id.push(`g${i}`);
      year[r] = 2000 + t;
      x[r] = u() * 2 - 1;
      const mu = Math.exp(0.5 + 0.7 * x[r]! + a + 0.1 * t);
      y[r] = Math.floor(mu * 2 * u()); // non-negative, with zeros
    }
  }
  return { id, year, x, y };
}

// reference: closed form of the Poisson MLE with one binary regressor and an intercept:
// exp(b0) = mean(y | d = 0), exp(b0 + b1) = mean(y | d = 1) (score equations), Cameron & Trivedi (2013) §3.2.
test("PPML without FE reproduces the closed-form Poisson MLE for a binary regressor", () => {
  const d = Float64Array.of(0, 0, 0, 1, 1, 1, 1);
  const y = Float64Array.of(1, 4, 2, 0, 5, 3, 6);
  const r = fitPpml(makeFrame({ y, d }), "y ~ d");
  const m0 = (1 + 4 + 2) / 3;
  const m1 = (0 + 5 + 3 + 6) / 4;
  assert.deepEqual(r.coefNames, ["(Intercept)", "d"]);
  assert.ok(Math.abs(r.coef[0]! - Math.log(m0)) < 1e-12);
  assert.ok(Math.abs(r.coef[1]! - Math.log(m1 / m0)) < 1e-12);
  assert.equal(r.converged, true);
  // iid variance = inverse Fisher information: Var(b1) = 1/(n1 m1) + 1/(n0 m0)
  assert.ok(Math.abs(r.vcov[1]![1]! - (1 / (4 * m1) + 1 / (3 * m0))) < 1e-12);
});

test("PPML drops FE groups whose outcome is always zero and counts them as separation", () => {
  const p = panel(12, 6, 7);
  for (let t = 0; t < 6; t++) p.y[3 * 6 + t] = 0; // group g3 all zero
  for (let t = 0; t < 6; t++) p.y[7 * 6 + t] = 0; // group g7 all zero
  const full = fitPpml(makeFrame({ id: p.id, year: p.year, x: p.x, y: p.y }), "y ~ x | id + year");
  assert.equal(full.dropped.separation, 12);
  assert.equal(full.nobs, 60);
  assert.ok(full.dropped.reasons.some((s) => /12 row\(s\) in id groups whose outcome is always zero/.test(s)));
  // same estimate as fitting without those groups
  const keep = p.id.map((g) => g !== "g3" && g !== "g7");
  const sub = (a: Float64Array) => Float64Array.from(a.filter((_, i) => keep[i]));
  const reduced = fitPpml(makeFrame({ id: p.id.filter((_, i) => keep[i]), year: sub(p.year), x: sub(p.x), y: sub(p.y) }), "y ~ x | id + year");
  assert.equal(reduced.dropped.separation, 0);
  assert.ok(Math.abs(full.coef[0]! - reduced.coef[0]!) < 1e-12);
  assert.ok(full.logLik! < 0 && full.pseudoR2! > 0 && full.pseudoR2! < 1);
});

test("PPML rejects a negative outcome, naming variable and data row", () => {
  const p = panel(4, 3, 3);
  p.y[5] = -2;
  assert.throws(() => fitPpml(makeFrame({ id: p.id, year: p.year, x: p.x, y: p.y }), "y ~ x | id"), /outcome 'y' must be non-negative, but is -2 at data row 6/);
});

test("PPML counts rows with missing values by variable and removes singletons", () => {
  const p = panel(5, 4, 11);
  p.x[2] = NaN;
  p.y[9] = NaN;
  const id = [...p.id, "lonely"];
  const r = fitPpml(
    makeFrame({ id, year: Float64Array.from([...p.year, 2000]), x: Float64Array.from([...p.x, 0.3]), y: Float64Array.from([...p.y, 2]) }),
    "y ~ x | id",
  );
  assert.equal(r.dropped.missing, 2);
  assert.equal(r.dropped.singleton, 1);
  assert.equal(r.nobs, 20 - 2);
  assert.ok(r.dropped.reasons.includes("1 row(s) with missing x"));
  assert.ok(r.dropped.reasons.includes("1 row(s) with missing y"));
  // a row missing in y and x is dropped once and counted for y (the outcome is checked first)
  const q = panel(5, 4, 12);
  q.x[3] = NaN;
  q.y[3] = NaN;
  q.x[7] = NaN;
  const r2 = fitPpml(makeFrame({ id: q.id, year: Float64Array.from(q.year), x: Float64Array.from(q.x), y: Float64Array.from(q.y) }), "y ~ x | id");
  assert.equal(r2.dropped.missing, 2);
  assert.equal(r2.nobs, 20 - 2);
  assert.deepEqual(r2.dropped.reasons.filter((t) => t.includes("missing")), ["1 row(s) with missing y", "1 row(s) with missing x"]);
});

test("PPML: cluster variance via withVcov does not refit and keeps the coefficients", () => {
  const p = panel(10, 5, 5);
  const r = fitPpml(makeFrame({ id: p.id, year: p.year, x: p.x, y: p.y }), "y ~ x | id");
  const c = r.withVcov({ cluster: ["id"] });
  assert.deepEqual(c.coef, r.coef);
  assert.equal(c.clusters.id, 10);
  assert.notEqual(c.se[0], r.se[0]);
  assert.equal(c.dfT, Infinity); // z statistics
});

// reference: the separation definition of Correia, Guimarães & Zylkin (2021) §2 — rows with y = 0 where a
// linear combination of the regressors is > 0 while it is 0 on every y > 0 row; built by hand here.
test("reluSeparation finds rows separated by a dummy, and none when the MLE exists", async () => {
  const { reluSeparation } = await import("../../src/estimate/ppml");
  const y = Float64Array.of(0, 0, 1, 2, 3, 0, 4);
  const d = Float64Array.of(1, 1, 0, 0, 0, 0, 0);
  const one = new Float64Array(7).fill(1);
  assert.deepEqual(Array.from(reluSeparation(y, [one, d], []).separated), [1, 1, 0, 0, 0, 0, 0]);
  // x positive on some zeros and on positives too: no separating combination exists
  const x = Float64Array.of(1, 2, 1, 3, 0.5, -1, 2);
  assert.deepEqual(Array.from(reluSeparation(y, [one, x], []).separated), [0, 0, 0, 0, 0, 0, 0]);
});

test("PPML drops rows separated by a regressor, counts them, and drops the regressor with a note", () => {
  const p = panel(10, 6, 19);
  const d = new Float64Array(p.y.length);
  // rows 5 and 17: set y = 0 and d = 1 there only
  for (const r of [5, 17]) {
    p.y[r] = 0;
    d[r] = 1;
  }
  const r = fitPpml(makeFrame({ id: p.id, year: p.year, x: p.x, d, y: p.y }), "y ~ x + d | id");
  assert.ok(r.dropped.separation >= 2);
  assert.ok(r.dropped.reasons.some((s) => /separated by the regressors \(ReLU/.test(s)), r.dropped.reasons.join("; "));
  assert.deepEqual(r.coefNames, ["x"]);
  assert.ok(r.notes.some((s) => s.includes("'d'")));
});

// reference: frequency-weight identity — integer weights w give the same estimates, log-likelihood and
// iid variance as repeating each row w times (the Poisson score and information are sums over rows).
test("PPML with integer weights equals PPML on the rows repeated", () => {
  const p = panel(8, 5, 29);
  const w = Float64Array.from(p.y, (_, i) => 1 + (i % 3));
  const weighted = fitPpml(makeFrame({ id: p.id, x: p.x, y: p.y, w }), "y ~ x | id", { weights: "w" });
  const id: string[] = [];
  const x: number[] = [];
  const y: number[] = [];
  p.id.forEach((g, i) => {
    for (let k = 0; k < w[i]!; k++) {
      id.push(g);
      x.push(p.x[i]!);
      y.push(p.y[i]!);
    }
  });
  const repeated = fitPpml(makeFrame({ id, x: Float64Array.from(x), y: Float64Array.from(y) }), "y ~ x | id");
  assert.ok(Math.abs(weighted.coef[0]! - repeated.coef[0]!) <= 1e-10 * Math.abs(repeated.coef[0]!));
  assert.ok(Math.abs(weighted.logLik! - repeated.logLik!) <= 1e-10 * Math.abs(repeated.logLik!));
  assert.ok(Math.abs(weighted.vcov[0]![0]! - repeated.vcov[0]![0]!) <= 1e-9 * repeated.vcov[0]![0]!);
});
