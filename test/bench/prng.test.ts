// Tests of the seeded PRNG used by the benchmark generator (bench/prng.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Xoshiro128ss, splitmix64 } from "../../bench/prng";

// reference: independent Python implementation of the published C code (splitmix64.c,
// xoshiro128starstar.c), test/bench/reference/xoshiro128ss.py → xoshiro128ss.json
const ref = JSON.parse(readFileSync(new URL("./reference/xoshiro128ss.json", import.meta.url), "utf8"));

test("xoshiro128** from an explicit state matches the reference stream", () => {
  const r = new Xoshiro128ss(ref.explicitState.state);
  const got = ref.explicitState.uint32.map(() => r.nextUint32());
  assert.deepEqual(got, ref.explicitState.uint32);
});

test("splitmix64 seeding and the seeded streams match the reference", () => {
  for (const c of ref.seeded) {
    assert.deepEqual(splitmix64(BigInt(c.seed), 2).map(String), c.splitmix64, `splitmix64 seed ${c.seed}`);
    const r = new Xoshiro128ss(c.seed);
    assert.deepEqual(c.uint32.map(() => r.nextUint32()), c.uint32, `stream seed ${c.seed}`);
    const s = new Xoshiro128ss(c.state as [number, number, number, number]);
    assert.deepEqual(c.uint32.map(() => s.nextUint32()), c.uint32, `state of seed ${c.seed}`);
  }
});

test("nextDouble is in [0,1) and nextInt in [0,n) with every value hit", () => {
  const r = new Xoshiro128ss(7);
  const hits = new Array(10).fill(0);
  for (let i = 0; i < 20000; i++) {
    const u = r.nextDouble();
    assert.ok(u >= 0 && u < 1);
    const k = r.nextInt(10);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 10);
    hits[k]++;
  }
  // reference: binomial(20000, 0.1) has sd ≈ 42.4; every count within 6 sd of 2000
  for (const h of hits) assert.ok(Math.abs(h - 2000) < 6 * Math.sqrt(20000 * 0.1 * 0.9), `count ${h}`);
  assert.throws(() => r.nextInt(0), /nextInt/);
});

/** Mean and variance of n draws. */
function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    ss += v * v;
  }
  const mean = s / n;
  return { mean, variance: (ss - n * mean * mean) / (n - 1) };
}

test("nextNormal has mean 0 and variance 1 (within sampling error)", () => {
  // reference: N(0,1) moments; SE of the mean 1/√n, SE of the variance √(2/n)
  const r = new Xoshiro128ss(11);
  const n = 200000;
  const m = moments(() => r.nextNormal(), n);
  assert.ok(Math.abs(m.mean) < 5 / Math.sqrt(n), `mean ${m.mean}`);
  assert.ok(Math.abs(m.variance - 1) < 5 * Math.sqrt(2 / n), `variance ${m.variance}`);
});

test("nextPoisson has mean = variance = λ on both algorithm branches", () => {
  // reference: Poisson(λ) moments E = Var = λ; SE of the mean √(λ/n), of the variance ≈ √((λ + 2λ²)/n)
  for (const lambda of [0.7, 3, 9.5, 10, 25, 400]) {
    const r = new Xoshiro128ss(lambda * 1000);
    const n = 100000;
    let nonInt = 0;
    const m = moments(() => {
      const k = r.nextPoisson(lambda);
      if (!Number.isInteger(k) || k < 0) nonInt++;
      return k;
    }, n);
    assert.equal(nonInt, 0);
    assert.ok(Math.abs(m.mean - lambda) < 5 * Math.sqrt(lambda / n), `λ=${lambda} mean ${m.mean}`);
    assert.ok(Math.abs(m.variance - lambda) < 5 * Math.sqrt((lambda + 2 * lambda * lambda) / n), `λ=${lambda} variance ${m.variance}`);
  }
  assert.equal(new Xoshiro128ss(1).nextPoisson(0), 0);
  assert.throws(() => new Xoshiro128ss(1).nextPoisson(-1), /lambda/);
});
